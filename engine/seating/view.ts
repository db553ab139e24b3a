/** What screens and standings show about seating; chip counts are the tournament decider's. */
import { handForHandKey, tablesStillPlaying } from './hand-for-hand.ts';
import { isLockedAt } from './state.ts';
import { breakSequence } from './tables.ts';
import type { SeatingState, SeatingView, SeatView, TableView } from './types.ts';

export function seatingView(state: SeatingState): SeatingView {
  const tables: TableView[] = [...state.tables]
    .sort((a, b) => a.number - b.number || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((t) => {
      const seatMap: SeatView[] = t.occupants.map((entryId, i) => {
        const seat = i + 1;
        const ref = { tableId: t.id, seat };
        const lockedFor =
          entryId !== null
            ? isLockedAt(state, entryId, ref)
              ? entryId
              : null
            : (Object.entries(state.locks).find(([, l]) => l.tableId === t.id && l.seat === seat)?.[0] ??
              null);
        return {
          seat,
          entryId,
          locked: lockedFor !== null,
          lockedFor,
          unavailable: t.unavailable.includes(seat),
          button: t.button === seat,
        };
      });
      return {
        id: t.id,
        name: t.name,
        number: t.number,
        seats: t.seats,
        players: t.players,
        inPlay: t.players > 0,
        button: t.button,
        seatMap,
      };
    });
  const tableSizes: Record<string, number> = {};
  for (const t of state.tables) tableSizes[t.id] = t.players;
  const hfh = state.handForHand;
  return {
    config: state.config,
    tables,
    tableSizes,
    playersSeated: state.seated,
    tablesInPlay: tables.filter((t) => t.inPlay).length,
    pendingMoves: state.pendingMoves,
    breakOrder: breakSequence(state).map((t) => t.id),
    handForHand: {
      on: hfh !== null,
      hand: hfh?.hand ?? null,
      key: handForHandKey(state),
      tablesPlaying: tablesStillPlaying(state),
      tablesReported: hfh ? [...hfh.reported] : [],
      endsAfterHand: hfh?.endsAfterHand ?? false,
      ranking: state.config.handForHandRanking,
    },
  };
}
