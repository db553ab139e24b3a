/**
 * The results table: every entry that played, by finishing place (ties as "3–4"), with what
 * they won. While the tournament runs the players still in come first (by their last chip
 * count) and the busted ones follow by place; once finished every entry has its place.
 */
import type { EntryStanding } from '../../../../../engine/tournament/standings.ts';

export interface ResultRow {
  readonly entryId: string;
  readonly number: number;
  readonly name: string;
  /** Best place of a tie; null while still in. */
  readonly place: number | null;
  readonly placeTo: number | null;
  /** "1", "3–4", or "" while still in. */
  readonly placeText: string;
  readonly stillIn: boolean;
  readonly chips: number | null;
  readonly prize: number;
  readonly bountiesWon: number;
  readonly knockouts: number;
  readonly rebuys: number;
  readonly addOn: boolean;
  readonly reentry: boolean;
  /** Won a satellite seat (the prize is the seat's value, any remainder share included). */
  readonly seat: boolean;
}

export function placeText(place: number | null, placeTo: number | null): string {
  if (place === null) return '';
  return placeTo === null || placeTo === place ? String(place) : `${place}–${placeTo}`;
}

export function resultRows(
  entries: readonly EntryStanding[],
  seatWinners: readonly string[] = [],
): ResultRow[] {
  const seats = new Set(seatWinners);
  const rows = entries
    .filter((e) => e.status !== 'unregistered')
    .map((e) => ({
      entryId: e.entryId,
      number: e.number,
      name: e.name,
      place: e.place,
      placeTo: e.placeTo,
      placeText: placeText(e.place, e.placeTo),
      stillIn: e.place === null,
      chips: e.chips,
      prize: e.prize,
      bountiesWon: e.bountiesWon,
      knockouts: e.knockouts,
      rebuys: e.rebuys,
      addOn: e.addOn,
      reentry: e.kind === 'reentry',
      seat: seats.has(e.entryId),
    }));
  // Players still in by chips, then by place; equal places by entry number, so a tie reads
  // the same on every screen and in every file.
  const rank = (r: ResultRow) => (r.stillIn ? 0 : 1);
  return rows.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.stillIn ? (b.chips ?? -1) - (a.chips ?? -1) : (a.place as number) - (b.place as number)) ||
      a.number - b.number,
  );
}
