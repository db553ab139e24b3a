import { describe, expect, it } from 'vitest';
import { decideSeating, isSeatingCommand } from './decide.ts';
import { isSeatingEvent } from './event-types.ts';
import { restoreSeat, seatEntry } from './hooks.ts';
import { initialSeatingState, seatOf, tableById } from './state.ts';
import { ctxOf, fold, ok, range, seated, table } from './testing.ts';
import type { SeatingCommand, SeatingState } from './types.ts';
import { seatingView } from './view.ts';

function run(state: SeatingState, command: SeatingCommand, seed: string | number = 1): SeatingState {
  return fold(state, ok(decideSeating(state, command, ctxOf(seed))));
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `e${i + 1}`);

describe('tables', () => {
  it('given no id, when tables are added, then they are t1, t2 … with the default 10 seats', () => {
    let state = initialSeatingState();
    state = run(state, { type: 'AddTable' });
    state = run(state, { type: 'AddTable', seats: 6, name: 'Feature' });
    expect(state.tables.map((t) => [t.id, t.name, t.number, t.seats])).toEqual([
      ['t1', 'Table 1', 1, 10],
      ['t2', 'Feature', 2, 6],
    ]);
  });

  it('given a seat count outside 2..10 or a taken id, then the command is refused', () => {
    const state = run(initialSeatingState(), { type: 'AddTable', tableId: 'a' });
    expect(decideSeating(state, { type: 'AddTable', seats: 11 }, ctxOf())).toMatchObject({
      code: 'INVALID_SEAT_COUNT',
    });
    expect(decideSeating(state, { type: 'AddTable', seats: 1 }, ctxOf())).toMatchObject({
      code: 'INVALID_SEAT_COUNT',
    });
    expect(decideSeating(state, { type: 'AddTable', tableId: 'a' }, ctxOf())).toMatchObject({
      code: 'TABLE_EXISTS',
    });
  });

  it('given a table with players, then it cannot be removed; an empty one can', () => {
    const state = seated([table('t1'), table('t2')], { t1: [1, 2] });
    expect(decideSeating(state, { type: 'RemoveTable', tableId: 't1' }, ctxOf())).toMatchObject({
      code: 'TABLE_NOT_EMPTY',
    });
    expect(tableById(run(state, { type: 'RemoveTable', tableId: 't2' }), 't2')).toBeUndefined();
  });

  it('given an occupied seat, then it cannot be marked unavailable', () => {
    const state = seated([table('t1')], { t1: [1, 2] });
    expect(
      decideSeating(state, { type: 'SetSeatAvailable', tableId: 't1', seat: 2, available: false }, ctxOf()),
    ).toMatchObject({ code: 'SEAT_OCCUPIED' });
  });

  it('given a button outside the table, then refused; inside, recorded and shown', () => {
    const state = seated([table('t1', 8)], { t1: [1, 2] });
    expect(decideSeating(state, { type: 'SetButton', tableId: 't1', seat: 9 }, ctxOf())).toMatchObject({
      code: 'SEAT_OUT_OF_RANGE',
    });
    const after = run(state, { type: 'SetButton', tableId: 't1', seat: 2 });
    expect(seatingView(after).tables[0]?.seatMap[1]).toMatchObject({
      seat: 2,
      entryId: 't1s2',
      button: true,
    });
  });

  it('routes its own commands and events only', () => {
    expect(isSeatingCommand({ type: 'DrawSeats' })).toBe(true);
    expect(isSeatingCommand({ type: 'RegisterEntry' })).toBe(false);
    expect(isSeatingEvent({ type: 'TableBroken' })).toBe(true);
    expect(isSeatingEvent({ type: 'EntryRegistered' })).toBe(false);
  });
});

describe('the draw (TDA rules on random seating)', () => {
  it('given 23 entries and no tables, then three 10-seat tables open with 8, 8 and 7 players', () => {
    const state = run(initialSeatingState(), { type: 'DrawSeats', entryIds: ids(23) });
    expect(state.tables.map((t) => t.id)).toEqual(['t1', 't2', 't3']);
    expect(state.tables.map((t) => t.players).sort()).toEqual([7, 8, 8]);
    expect(state.seated).toBe(23);
  });

  it('given more tables than needed, then the fewest that fit are used, the ones that break last first', () => {
    let state = initialSeatingState();
    for (let i = 0; i < 4; i++) state = run(state, { type: 'AddTable' });
    state = run(state, { type: 'DrawSeats', entryIds: ids(15) });
    const [t1, t2, t3, t4] = state.tables.map((t) => t.players);
    expect([t1, t2].sort()).toEqual([7, 8]);
    expect([t3, t4]).toEqual([0, 0]);
  });

  it('given unavailable seats, then nobody is drawn into them', () => {
    let state = run(initialSeatingState(), { type: 'AddTable', seats: 9 });
    state = run(state, { type: 'SetSeatAvailable', tableId: 't1', seat: 5, available: false });
    state = run(state, { type: 'DrawSeats', entryIds: ids(8) });
    expect(tableById(state, 't1')?.occupants[4]).toBeNull();
    expect(tableById(state, 't1')?.players).toBe(8);
  });

  it('given a locked entry, then the draw puts it in its locked seat', () => {
    let state = run(initialSeatingState(), { type: 'AddTable' });
    state = run(state, { type: 'AddTable' });
    state = run(state, { type: 'LockSeat', entryId: 'e7', tableId: 't2', seat: 1 });
    state = run(state, { type: 'DrawSeats', entryIds: ids(12) });
    expect(seatOf(state, 'e7')).toEqual({ tableId: 't2', seat: 1 });
    expect(state.tables.map((t) => t.players)).toEqual([6, 6]);
  });

  it('given the same seed, then the same draw; another seed, another draw', () => {
    const a = decideSeating(initialSeatingState(), { type: 'DrawSeats', entryIds: ids(40) }, ctxOf('s'));
    const b = decideSeating(initialSeatingState(), { type: 'DrawSeats', entryIds: ids(40) }, ctxOf('s'));
    const c = decideSeating(initialSeatingState(), { type: 'DrawSeats', entryIds: ids(40) }, ctxOf('t'));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('given seats already drawn or a duplicate entry, then refused', () => {
    const state = run(initialSeatingState(), { type: 'DrawSeats', entryIds: ids(5) });
    expect(decideSeating(state, { type: 'DrawSeats', entryIds: ['x'] }, ctxOf())).toMatchObject({
      code: 'SEATS_ALREADY_DRAWN',
    });
    expect(
      decideSeating(initialSeatingState(), { type: 'DrawSeats', entryIds: ['a', 'a'] }, ctxOf()),
    ).toMatchObject({
      code: 'DUPLICATE_ENTRY',
    });
  });
});

describe('late entries and restored seats', () => {
  it('given no draw yet, then seating a late entry is a no-op', () => {
    expect(seatEntry(initialSeatingState(), 'e1', ctxOf())).toEqual([]);
  });

  it('given tables of 9, 8 and 9, then a late entry sits at the table with 8', () => {
    const state = seated([table('t1'), table('t2'), table('t3')], {
      t1: range(1, 9),
      t2: range(1, 8),
      t3: range(1, 9),
    });
    for (const seed of [1, 2, 3, 4]) {
      const after = fold(state, ok(seatEntry(state, 'late', ctxOf(seed))));
      expect(seatOf(after, 'late')?.tableId).toBe('t2');
    }
  });

  it('given every table full, then a new table opens and balancing proposes moves to it', () => {
    const state = seated([table('t1'), table('t2')], { t1: range(1, 10), t2: range(1, 10) });
    const events = ok(seatEntry(state, 'late', ctxOf()));
    const after = fold(state, events);
    expect(seatOf(after, 'late')?.tableId).toBe('t3');
    expect(after.pendingMoves.length).toBeGreaterThan(0);
    expect(after.pendingMoves.every((m) => m.to.tableId === 't3')).toBe(true);
  });

  it('given an undone bust and the old seat still free, then back to it; if taken, a random open seat', () => {
    const state = seated([table('t1'), table('t2')], { t1: range(1, 7), t2: range(1, 8) });
    const back = fold(state, restoreSeat(state, 'gone', { tableId: 't1', seat: 9 }, ctxOf()));
    expect(seatOf(back, 'gone')).toEqual({ tableId: 't1', seat: 9 });
    const elsewhere = fold(state, restoreSeat(state, 'gone', { tableId: 't1', seat: 3 }, ctxOf()));
    expect(seatOf(elsewhere, 'gone')).not.toEqual({ tableId: 't1', seat: 3 });
    expect(seatOf(elsewhere, 'gone')?.tableId).toBe('t1');
  });
});
