import { describe, expect, it } from 'vitest';
import { decideSeating } from './decide.ts';
import { unseatEntries } from './hooks.ts';
import { seatOf } from './state.ts';
import { ctxOf, fold, ok, range, seated, table } from './testing.ts';
import type { Move, SeatingEvent } from './types.ts';

function proposed(events: readonly SeatingEvent[]): Move[] {
  return events.flatMap((e) => (e.type === 'MovesProposed' ? e.moves : []));
}

// Table 1 full (10), Table 2 with 9 (seat 7 empty after a bust below leaves 8).
const baseTables = [table('t1', 10, 3), table('t2', 10, 4)];
const baseLayout = { t1: range(1, 10), t2: [1, 2, 3, 4, 5, 6, 7, 8, 10] };

describe('balancing (TDA rules on balancing tables)', () => {
  it('given tables of 10 and 8, then the player big blind next at the big table moves to the worst position', () => {
    const state = seated(baseTables, baseLayout);
    const events = unseatEntries(state, ['t2s7'], ctxOf(), 18, 3);
    const moves = proposed(events);
    expect(moves).toHaveLength(1);
    // t1: button 3 → SB 4, BB 5, big blind next 6. t2: button 4 → SB 5, BB 6; open seats 7 and 9: 7 first.
    expect(moves[0]).toMatchObject({
      entryId: 't1s6',
      from: { tableId: 't1', seat: 6 },
      to: { tableId: 't2', seat: 7 },
      random: false,
    });
    expect(moves[0]?.reason).toContain('big blind next');
    expect(moves[0]?.reason).toContain('worst position');
  });

  it('given the open seat right after the BB is in the small-blind gap, then the mover never takes it', () => {
    // t2 button 5 → SB 6, BB 8 after t2s7 busts: open 7 lies between SB and BB; next is 9.
    const state = seated([table('t1', 10, 3), table('t2', 10, 5)], baseLayout);
    const moves = proposed(unseatEntries(state, ['t2s7'], ctxOf(), 18, 3));
    expect(moves[0]?.to).toEqual({ tableId: 't2', seat: 9 });
  });

  it('given tables within the tolerance, then nothing moves', () => {
    const state = seated(baseTables, baseLayout);
    const events = unseatEntries(state, ['t1s1'], ctxOf(), 18, 3);
    expect(proposed(events)).toEqual([]);
  });

  it('given a relaxed tolerance of 2 while more than 1 table is in play, then 10 vs 8 stays', () => {
    const state = seated(baseTables, baseLayout, { relaxedTolerance: { whileTablesAbove: 1, tolerance: 2 } });
    expect(proposed(unseatEntries(state, ['t2s7'], ctxOf(), 18, 3))).toEqual([]);
  });

  it('given no button at the big table, then a random player moves and the move says so', () => {
    const state = seated([table('t1', 10, null), table('t2', 10, 4)], baseLayout);
    const moves = proposed(unseatEntries(state, ['t2s7'], ctxOf(), 18, 3));
    expect(moves[0]?.random).toBe(true);
    expect(moves[0]?.reason).toContain('no button recorded at Table 1');
  });

  it('given the player big blind next is locked, then the next player moves instead', () => {
    let state = seated(baseTables, baseLayout);
    state = fold(
      state,
      ok(decideSeating(state, { type: 'LockSeat', entryId: 't1s6', tableId: 't1', seat: 6 }, ctxOf())),
    );
    const moves = proposed(unseatEntries(state, ['t2s7'], ctxOf(), 18, 3));
    expect(moves[0]?.entryId).toBe('t1s7');
  });

  it('given a proposal, when the TD applies it, then the player sits at the new seat', () => {
    const state = seated(baseTables, baseLayout);
    const after = fold(state, unseatEntries(state, ['t2s7'], ctxOf(), 18, 3));
    const move = after.pendingMoves[0] as Move;
    const applied = fold(
      after,
      ok(decideSeating(after, { type: 'ApplyMove', moveId: move.moveId }, ctxOf())),
    );
    expect(seatOf(applied, 't1s6')).toEqual({ tableId: 't2', seat: 7 });
    expect(applied.pendingMoves).toEqual([]);
  });

  it('given a stale proposal (its seat was taken), when applied, then it is withdrawn and re-proposed', () => {
    const state = seated(baseTables, baseLayout);
    let s = fold(state, unseatEntries(state, ['t2s7'], ctxOf(), 18, 3));
    const move = s.pendingMoves[0] as Move;
    // Meanwhile the target seat goes out of use (broken chair).
    s = fold(
      s,
      ok(decideSeating(s, { type: 'SetSeatAvailable', tableId: 't2', seat: 7, available: false }, ctxOf())),
    );
    const events = ok(decideSeating(s, { type: 'ApplyMove', moveId: move.moveId }, ctxOf()));
    expect(events.map((e) => e.type)).toEqual(['MovesWithdrawn', 'MovesProposed']);
    const after = fold(s, events);
    expect(seatOf(after, 't1s6')).toEqual({ tableId: 't1', seat: 6 });
    expect(after.pendingMoves).toHaveLength(1);
    expect(after.pendingMoves[0]).toMatchObject({ entryId: 't1s6', to: { tableId: 't2', seat: 9 } });
  });

  it('given autoApplyMoves, then busts move players at once', () => {
    const state = seated(baseTables, baseLayout, { autoApplyMoves: true });
    const events = unseatEntries(state, ['t2s7'], ctxOf(), 18, 3);
    expect(events.map((e) => e.type)).toEqual(['EntriesUnseated', 'PlayersMoved']);
    expect(seatOf(fold(state, events), 't1s6')).toEqual({ tableId: 't2', seat: 7 });
  });

  it('given two large and two short tables, then the table breaking sooner gives to the one breaking later', () => {
    const tables = [table('t1', 10, 1), table('t2', 10, 1), table('t3', 10, 1), table('t4', 10, 1)];
    const state = seated(tables, { t1: range(1, 10), t2: range(1, 10), t3: range(1, 9), t4: range(1, 9) });
    const moves = proposed(unseatEntries(state, ['t3s9', 't4s9'], ctxOf(), 36, 3));
    // Break order t4, t3, t2, t1: t2 (breaks before t1) gives first, to t3 (breaks after t4).
    expect(moves.map((m) => `${m.from.tableId}->${m.to.tableId}`)).toEqual(['t2->t3', 't1->t4']);
  });
});
