import { describe, expect, it } from 'vitest';
import { decideSeating } from './decide.ts';
import { unseatEntries } from './hooks.ts';
import { ctxOf, fold, ok, range, seated, table } from './testing.ts';
import { seatingView } from './view.ts';

describe('seatingView', () => {
  it('given seated tables with a lock, a dead seat, a button and a pending move, then the screen shows them all', () => {
    let state = seated([table('t2', 10, 4), table('t1', 9, 3)], {
      t1: range(1, 9),
      t2: [1, 2, 3, 4, 5, 6, 8, 10],
    });
    state = fold(
      state,
      ok(decideSeating(state, { type: 'LockSeat', entryId: 't1s2', tableId: 't1', seat: 2 }, ctxOf())),
    );
    state = fold(
      state,
      ok(
        decideSeating(state, { type: 'SetSeatAvailable', tableId: 't2', seat: 9, available: false }, ctxOf()),
      ),
    );
    state = fold(state, unseatEntries(state, ['t2s8'], ctxOf(), 16, 3));
    const view = seatingView(state);
    expect(view.tables.map((t) => t.id)).toEqual(['t1', 't2']);
    expect(view.tableSizes).toEqual({ t1: 9, t2: 7 });
    expect(view.playersSeated).toBe(16);
    expect(view.tablesInPlay).toBe(2);
    const t1 = view.tables[0];
    expect(t1?.seatMap).toHaveLength(9);
    expect(t1?.seatMap[1]).toEqual({
      seat: 2,
      entryId: 't1s2',
      locked: true,
      lockedFor: 't1s2',
      unavailable: false,
      button: false,
    });
    expect(t1?.seatMap[2]?.button).toBe(true);
    expect(view.tables[1]?.seatMap[8]).toEqual({
      seat: 9,
      entryId: null,
      locked: false,
      lockedFor: null,
      unavailable: true,
      button: false,
    });
    expect(view.pendingMoves).toHaveLength(1);
    expect(view.pendingMoves[0]).toMatchObject({
      from: { tableId: 't1' },
      to: { tableId: 't2' },
      random: false,
    });
    expect(view.breakOrder).toEqual(['t2', 't1']);
    expect(view.handForHand).toMatchObject({ on: false, key: null, ranking: 'tie' });
  });
});
