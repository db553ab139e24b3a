import { describe, expect, it } from 'vitest';
import { decideSeating } from './decide.ts';
import { unseatEntries } from './hooks.ts';
import { seatOf, tableById } from './state.ts';
import { ctxOf, fold, ok, range, seated, seatMap, table } from './testing.ts';
import type { FinalTableDrawn, SeatingEvent, TableBroken } from './types.ts';

function broken(events: readonly SeatingEvent[]): TableBroken[] {
  return events.filter((e): e is TableBroken => e.type === 'TableBroken');
}

const three = [table('t1'), table('t2'), table('t3')];
const sevenEach = { t1: range(1, 7), t2: range(1, 7), t3: range(1, 7) };

describe('breaking tables (TDA rules on breaking tables)', () => {
  it('given 21 players on three tables, when one busts, then the highest-numbered table breaks', () => {
    const state = seated(three, sevenEach);
    const events = unseatEntries(state, ['t1s1'], ctxOf(), 20, 3);
    const [b] = broken(events);
    expect(b?.table.id).toBe('t3');
    expect(b?.moves).toHaveLength(7);
    const after = fold(state, events);
    expect(tableById(after, 't3')).toBeUndefined();
    expect(after.tables.map((t) => t.players).sort()).toEqual([10, 10]);
  });

  it('given a posted break order starting with table 1, then table 1 breaks first', () => {
    let state = seated(three, sevenEach);
    state = fold(state, ok(decideSeating(state, { type: 'SetBreakOrder', tableIds: ['t1', 't2'] }, ctxOf())));
    const [b] = broken(unseatEntries(state, ['t2s1'], ctxOf(), 20, 3));
    expect(b?.table.id).toBe('t1');
  });

  it('given a locked player at the next table to break, then the following table breaks instead', () => {
    let state = seated(three, sevenEach);
    state = fold(
      state,
      ok(decideSeating(state, { type: 'LockSeat', entryId: 't3s2', tableId: 't3', seat: 2 }, ctxOf())),
    );
    const [b] = broken(unseatEntries(state, ['t1s1'], ctxOf(), 20, 3));
    expect(b?.table.id).toBe('t2');
  });

  it('given a break, then every move carries from and to table and seat, by random draw, never overfilling', () => {
    const state = seated(three, { t1: range(1, 9), t2: range(1, 8), t3: range(1, 4) });
    const [b] = broken(unseatEntries(state, ['t3s4'], ctxOf(7), 20, 3));
    expect(b).toBeDefined();
    for (const m of b?.moves ?? []) {
      expect(m.from.tableId).toBe('t3');
      expect(['t1', 't2']).toContain(m.to.tableId);
      expect(m.random).toBe(true);
      expect(m.reason).toContain('Table 3 broken');
    }
    // 9 + 8 + 3 = 20: the draw fills the emptier table first, so both end at 10.
    const after = fold(state, unseatEntries(state, ['t3s4'], ctxOf(7), 20, 3));
    expect(after.tables.map((t) => t.players)).toEqual([10, 10]);
  });

  it('given the TD breaks a table with no room elsewhere, then a clear error', () => {
    const state = seated(three, { t1: range(1, 10), t2: range(1, 10), t3: range(1, 3) });
    const error = decideSeating(state, { type: 'BreakTable', tableId: 't3' }, ctxOf());
    expect(error).toMatchObject({ code: 'NO_ROOM_TO_BREAK' });
  });

  it('given the TD breaks the next table with room elsewhere, then it breaks and tables rebalance', () => {
    const state = seated(three, { t1: range(1, 5), t2: range(1, 5), t3: range(1, 5) });
    const events = ok(decideSeating(state, { type: 'BreakTable' }, ctxOf()));
    expect(broken(events)[0]?.table.id).toBe('t3');
    const sizes = fold(state, events).tables.map((t) => t.players);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });
});

describe('final table', () => {
  const two = [table('t1'), table('t2')];

  it('given 11 players on two tables, when one busts, then all 10 are redrawn at the table that breaks last', () => {
    const state = seated(two, { t1: range(1, 6), t2: range(1, 5) });
    const events = unseatEntries(state, ['t2s1'], ctxOf(3), 10, 3);
    const final = events.find((e): e is FinalTableDrawn => e.type === 'FinalTableDrawn');
    expect(final?.tableId).toBe('t1');
    expect(final?.tablesBroken.map((t) => t.id)).toEqual(['t2']);
    expect(final?.moves).toHaveLength(10);
    const after = fold(state, events);
    const seats = Object.values(seatMap(after));
    expect(seats.every((s) => s.startsWith('t1#'))).toBe(true);
    expect(new Set(seats).size).toBe(10);
  });

  it('given the same seed, then the same final-table draw', () => {
    const state = seated(two, { t1: range(1, 6), t2: range(1, 5) });
    expect(unseatEntries(state, ['t2s1'], ctxOf('x'), 10, 3)).toEqual(
      unseatEntries(state, ['t2s1'], ctxOf('x'), 10, 3),
    );
  });

  it('given finalTableRedraw off, then the last other table breaks by two-step draw and table 1 keeps its seats', () => {
    const state = seated(two, { t1: range(1, 6), t2: range(1, 5) }, { finalTableRedraw: false });
    const events = unseatEntries(state, ['t2s1'], ctxOf(3), 10, 3);
    expect(events.some((e) => e.type === 'FinalTableDrawn')).toBe(false);
    expect(broken(events)[0]?.table.id).toBe('t2');
    const after = fold(state, events);
    for (const s of range(1, 6)) expect(seatOf(after, `t1s${s}`)).toEqual({ tableId: 't1', seat: s });
  });

  it('given the TD asks for a final-table redraw before players fit on one table, then an error', () => {
    const state = seated(two, { t1: range(1, 6), t2: range(1, 6) });
    expect(decideSeating(state, { type: 'RedrawFinalTable' }, ctxOf())).toMatchObject({
      code: 'NOT_FINAL_TABLE',
    });
  });
});
