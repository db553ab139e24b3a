/**
 * When a phone on a large field re-reads its entry (the summarised view has no seats: see
 * engine/publish/paging.ts). Not on every event: a 5,000-entry field has thousands of chip
 * counts and busts, and every phone asking after each would be a request storm. Only the
 * events that can move this player are asked about: a move or seating that names the entry,
 * its bust, and the events that reseat whole tables (the draw, a broken table, the final-table
 * draw, seats reverted, an undo). The socket's events carry these bodies, so a phone that was
 * asleep sees them when it catches up; a reconnect (or a fresh start) re-reads as well.
 */
import type { WireEvent } from '../api.ts';

/** Events that reseat many players at once: always re-read. */
const RESEAT = new Set(['SeatsDrawn', 'TableBroken', 'FinalTableDrawn', 'SeatsReverted', 'CommandUndone']);
/** Events that concern the players they name. */
const NAMED = new Set(['PlayersMoved', 'EntrySeated', 'EntriesUnseated', 'PlayersBusted']);

/** The seq of the last event that may have changed `entryId`'s seat or status (0: none). */
export function lastConcerning(events: readonly WireEvent[], entryId: string): number {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (RESEAT.has(e.type)) return e.seq;
    if (NAMED.has(e.type) && JSON.stringify(e.event).includes(`"${entryId}"`)) return e.seq;
  }
  return 0;
}
