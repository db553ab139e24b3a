/**
 * The support console's event-log filters: by type, by actor and by time. The log is read in
 * pages from a seq and filtered here, with a cap on how much one request scans, so a filter
 * that matches nothing in a 100,000-event log answers quickly with where to go on from.
 */
import type { StoredEvent } from '../storage/port.ts';

export interface EventFilter {
  /** Event types to keep (any of them); empty keeps every type. */
  readonly types: readonly string[];
  /** The actor's id as stored on the event (a staff member's id, 'system', a box…). */
  readonly actor: string | null;
  /** Event time bounds, inclusive, ms since the epoch. */
  readonly from: number | null;
  readonly to: number | null;
}

export const NO_FILTER: EventFilter = { types: [], actor: null, from: null, to: null };

export function isFiltered(f: EventFilter): boolean {
  return f.types.length > 0 || f.actor !== null || f.from !== null || f.to !== null;
}

export function matches(e: StoredEvent, f: EventFilter): boolean {
  if (f.types.length > 0 && !f.types.includes(e.type)) return false;
  if (f.from !== null && e.at < f.from) return false;
  if (f.to !== null && e.at > f.to) return false;
  if (f.actor !== null) {
    // Only events that pass the cheap checks are parsed.
    const actor = (JSON.parse(e.body) as { actor?: unknown }).actor;
    if (actor !== f.actor) return false;
  }
  return true;
}

/** Most events one filtered request reads before answering with where it stopped. */
export const MAX_SCANNED = 20_000;
const PAGE = 1000;

export interface FilteredPage {
  readonly events: StoredEvent[];
  /** The last seq read: the next request goes on `after` it. */
  readonly scannedTo: number;
  /** False when the log was read to its end. */
  readonly more: boolean;
}

/** Reads pages after `after` until `limit` events match, the log ends or MAX_SCANNED is reached. */
export async function filteredPage(
  read: (after: number, limit: number) => Promise<StoredEvent[]>,
  after: number,
  limit: number,
  filter: EventFilter,
): Promise<FilteredPage> {
  const found: StoredEvent[] = [];
  let cursor = after;
  let scanned = 0;
  while (scanned < MAX_SCANNED) {
    const page = await read(cursor, PAGE);
    for (const e of page) {
      cursor = e.seq;
      scanned++;
      if (matches(e, filter)) {
        found.push(e);
        if (found.length === limit) return { events: found, scannedTo: cursor, more: true };
      }
    }
    if (page.length < PAGE) return { events: found, scannedTo: cursor, more: false };
  }
  return { events: found, scannedTo: cursor, more: true };
}
