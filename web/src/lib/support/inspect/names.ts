/** Names for an event's words (describe.ts), read off a tournament view. */
import { levelLabel } from '../../../../../engine/structure/levels.ts';
import type { TournamentView } from '../../api.ts';
import type { Names } from '../../console/log/describe.ts';
import { money } from '../../format.ts';

export function viewNames(view: TournamentView): Names {
  const currency = view.config?.currency ?? 'DKK';
  return {
    entry: (id) => view.standings.entries.find((e) => e.entryId === id)?.name ?? id,
    table: (id) => view.seating?.tables.find((t) => t.id === id)?.name ?? id,
    money: (m) => money(m, currency),
    level: (i) => (view.structure ? levelLabel(view.structure, i) : `level ${i + 1}`),
  };
}

/** A datetime-local input's value as ms since the epoch (local time), or null when empty. */
export function localTime(value: string): number | null {
  if (value.trim() === '') return null;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : null;
}
