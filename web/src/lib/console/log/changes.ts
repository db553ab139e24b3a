/**
 * A change between two views in words a TD reads: "Cai · status: active → busted" rather than
 * `/standings/entries/e3/status`. Entry ids become names; the view's outer parts are dropped.
 */
import type { ViewChange } from '../../api.ts';

export interface ChangeNames {
  entry(entryId: string): string;
}

const PARTS: Readonly<Record<string, string>> = {
  standings: '',
  seating: 'seating',
  config: 'settings',
  structure: 'structure',
  entries: '',
  clock: 'clock',
  prizePool: 'prize pool',
  tables: 'table',
  seatMap: 'seat',
};

function shown(v: unknown, key: string): string {
  if (v === null || v === undefined) return '—';
  // bustedAt, startedAt…: a time of day reads better than milliseconds since 1970.
  if (typeof v === 'number' && key.endsWith('At') && v > 1e12) {
    return new Date(v).toLocaleTimeString([], { hourCycle: 'h23' });
  }
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const text = JSON.stringify(v);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The path as words: the part, then the entry's name where the path names an entry. */
export function changeLabel(path: string, names: ChangeNames): string {
  const parts = path
    .split('/')
    .slice(1)
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
  const words: string[] = [];
  for (const [i, p] of parts.entries()) {
    if (parts[i - 1] === 'entries') words.push(names.entry(p));
    else if (p in PARTS) {
      if (PARTS[p] !== '') words.push(PARTS[p] as string);
    } else words.push(p);
  }
  // A part whose name is dropped (the entries list itself) still needs one.
  return words.length > 0 ? words.join(' · ') : (parts.at(-1) ?? '');
}

export function changeText(c: ViewChange, names: ChangeNames): string {
  const label = changeLabel(c.path, names);
  const record = (v: unknown) => typeof v === 'object' && v !== null;
  // A whole record appearing or going: say so, its fields are in the view itself.
  if (c.from === null && record(c.to)) return `${label}: added`;
  if (c.to === null && record(c.from)) return `${label}: removed`;
  // A whole list changed at once (empty → filled): how many, not its JSON.
  const size = (v: object) => (Array.isArray(v) ? v.length : Object.keys(v).length);
  if (record(c.from) && record(c.to)) return `${label}: ${size(c.from as object)} → ${size(c.to as object)}`;
  const key = c.path.slice(c.path.lastIndexOf('/') + 1);
  return `${label}: ${shown(c.from, key)} → ${shown(c.to, key)}`;
}

/** The view's own bookkeeping, not the tournament's: the seq and the clock's running counts. */
const NOISE = /^\/(seq|serverTime)$|^\/standings\/clock\/(elapsedMs|remainingMs|msToNextBreak|levelEndsAt)$/;

export function meaningful(changes: readonly ViewChange[]): ViewChange[] {
  return changes.filter((c) => !NOISE.test(c.path));
}
