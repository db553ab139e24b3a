import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../core/errors.ts';
import { decideSeating, isSeatingCommand } from './decide.ts';
import { seatEntry } from './hooks.ts';
import { initialSeatingState, seatOf } from './state.ts';
import { ctxOf, fold, ok, range, seated, seatMap, table } from './testing.ts';
import type { SeatingCommand, SeatingState } from './types.ts';
import { undoSeatingEvents } from './undo.ts';
import { seatingView } from './view.ts';

function run(state: SeatingState, command: SeatingCommand, seed: string | number = 1): SeatingState {
  return fold(state, ok(decideSeating(state, command, ctxOf(seed))));
}

function refusal(state: SeatingState, command: SeatingCommand): string {
  const out = decideSeating(state, command, ctxOf());
  if (!(out instanceof DomainError)) throw new Error(`expected a refusal of ${command.type}`);
  return out.code;
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `e${i + 1}`);

function room(...seats: number[]): SeatingState {
  let s = initialSeatingState();
  for (const n of seats) s = run(s, { type: 'AddTable', seats: n });
  return s;
}

describe('SeatEntry: the TD seats one player by hand', () => {
  it('given an empty seat before the draw, when the TD seats an entry there, then it sits there and the draw is still to come', () => {
    const state = run(room(9, 9), { type: 'SeatEntry', entryId: 'e1', tableId: 't2', seat: 7 });
    expect(seatOf(state, 'e1')).toEqual({ tableId: 't2', seat: 7 });
    expect(state.drawn).toBe(false);
    const view = seatingView(state);
    expect(view.tables[1]?.seatMap[6]).toMatchObject({ seat: 7, entryId: 'e1' });
    expect(view.playersSeated).toBe(1);
  });

  it('given players seated by hand, when the draw runs, then they keep their seats and the rest are spread evenly', () => {
    let state = room(10, 10);
    state = run(state, { type: 'SeatEntry', entryId: 'e1', tableId: 't2', seat: 5 });
    state = run(state, { type: 'SeatEntry', entryId: 'e2', tableId: 't2', seat: 6 });
    for (const seed of [1, 2, 3]) {
      const after = run(state, { type: 'DrawSeats', entryIds: ids(12) }, seed);
      expect(seatOf(after, 'e1')).toEqual({ tableId: 't2', seat: 5 });
      expect(seatOf(after, 'e2')).toEqual({ tableId: 't2', seat: 6 });
      expect(after.tables.map((t) => t.players)).toEqual([6, 6]);
      expect(Object.keys(seatMap(after)).sort()).toEqual(ids(12).sort());
      expect(after.drawn).toBe(true);
    }
  });

  it('given everyone seated by hand, when the draw runs, then nobody moves and late entries are seated from then on', () => {
    let state = room(6);
    state = run(state, { type: 'SeatEntry', entryId: 'e1', tableId: 't1', seat: 2 });
    state = run(state, { type: 'SeatEntry', entryId: 'e2', tableId: 't1', seat: 5 });
    const before = seatMap(state);
    const events = ok(decideSeating(state, { type: 'DrawSeats', entryIds: ['e1', 'e2'] }, ctxOf()));
    expect(events).toMatchObject([{ type: 'SeatsDrawn', seats: [], tablesAdded: [] }]);
    state = fold(state, events);
    expect(seatMap(state)).toEqual(before);
    expect(state.drawn).toBe(true);
    const late = fold(state, ok(seatEntry(state, 'e3', ctxOf())));
    expect(seatOf(late, 'e3')?.tableId).toBe('t1');
  });

  it('given seats drawn, when the TD seats a late entry by hand, then it takes that seat and balancing proposes moves', () => {
    const state = seated([table('t1', 10), table('t2', 10)], { t1: range(1, 8), t2: range(1, 8) });
    const after = run(state, { type: 'SeatEntry', entryId: 'late', tableId: 't1', seat: 10 });
    expect(seatOf(after, 'late')).toEqual({ tableId: 't1', seat: 10 });
    expect(after.pendingMoves).toEqual([]);
    const more = run(after, { type: 'SeatEntry', entryId: 'late2', tableId: 't1', seat: 9 });
    expect(more.tables.map((t) => t.players)).toEqual([10, 8]);
    expect(more.pendingMoves).toHaveLength(1);
    expect(more.pendingMoves[0]).toMatchObject({ from: { tableId: 't1' }, to: { tableId: 't2' } });
  });

  it('given the seat the entry is locked to, when the TD seats it there, then it is seated and keeps the lock', () => {
    let state = room(9);
    state = run(state, { type: 'LockSeat', entryId: 'e1', tableId: 't1', seat: 3 });
    state = run(state, { type: 'SeatEntry', entryId: 'e1', tableId: 't1', seat: 3 });
    expect(seatOf(state, 'e1')).toEqual({ tableId: 't1', seat: 3 });
    expect(seatingView(state).tables[0]?.seatMap[2]).toMatchObject({ entryId: 'e1', locked: true });
  });

  it('given a seat that cannot take the player, then the TD is told why', () => {
    let state = room(6, 6);
    state = run(state, { type: 'SetSeatAvailable', tableId: 't1', seat: 6, available: false });
    state = run(state, { type: 'SeatEntry', entryId: 'a', tableId: 't1', seat: 1 });
    state = run(state, { type: 'LockSeat', entryId: 'b', tableId: 't1', seat: 2 });
    const seat = (entryId: string, tableId: string, s: number): SeatingCommand => ({
      type: 'SeatEntry',
      entryId,
      tableId,
      seat: s,
    });
    expect(refusal(state, seat('x', 't9', 1))).toBe('TABLE_NOT_FOUND');
    expect(refusal(state, seat('x', 't1', 7))).toBe('SEAT_OUT_OF_RANGE');
    expect(refusal(state, seat('x', 't1', 0))).toBe('SEAT_OUT_OF_RANGE');
    expect(refusal(state, seat('x', 't1', 6))).toBe('SEAT_UNAVAILABLE');
    expect(refusal(state, seat('x', 't1', 1))).toBe('SEAT_OCCUPIED');
    expect(refusal(state, seat('x', 't1', 2))).toBe('SEAT_LOCKED');
    expect(refusal(state, seat('a', 't2', 1))).toBe('ENTRY_ALREADY_SEATED');
    expect(refusal(state, seat('b', 't2', 1))).toBe('ENTRY_LOCKED_ELSEWHERE');
    const out = decideSeating(state, seat('a', 't2', 1), ctxOf());
    expect(out).toBeInstanceOf(DomainError);
    expect((out as DomainError).message).toBe(
      'Entry a already sits at Table 1 seat 1; move the player instead',
    );
  });

  it('given a manual seat, when undone, then the seat is free again; undoing a later draw keeps it', () => {
    let state = room(10);
    const seatEvents = ok(
      decideSeating(state, { type: 'SeatEntry', entryId: 'e1', tableId: 't1', seat: 4 }, ctxOf()),
    );
    state = fold(state, seatEvents);
    const drawEvents = ok(decideSeating(state, { type: 'DrawSeats', entryIds: ids(5) }, ctxOf()));
    const drawn = fold(state, drawEvents);
    const undrawn = fold(drawn, ok(undoSeatingEvents(drawn, drawEvents, ctxOf())));
    expect(seatMap(undrawn)).toEqual({ e1: 't1#4' });
    expect(undrawn.drawn).toBe(false);
    const empty = fold(undrawn, ok(undoSeatingEvents(undrawn, seatEvents, ctxOf())));
    expect(empty.seated).toBe(0);
    expect(seatOf(empty, 'e1')).toBeNull();
  });

  it('given a SeatEntry command, then it is routed to seating', () => {
    expect(isSeatingCommand({ type: 'SeatEntry' })).toBe(true);
  });
});

describe('SeatEntry then DrawSeats (property)', () => {
  it('keeps every manual seat, seats everyone else once, and never uses a taken or out-of-use seat', () => {
    const arb = fc.record({
      seats: fc.array(fc.integer({ min: 2, max: 10 }), { minLength: 1, maxLength: 4 }),
      manual: fc.array(fc.record({ table: fc.nat(3), seat: fc.integer({ min: 1, max: 10 }) }), {
        maxLength: 8,
      }),
      extra: fc.nat(30),
      seed: fc.integer(),
    });
    fc.assert(
      fc.property(arb, ({ seats, manual, extra, seed }) => {
        let state = room(...seats);
        const placed = new Map<string, string>();
        for (const m of manual) {
          const tableId = `t${(m.table % seats.length) + 1}`;
          const entryId = `m${placed.size + 1}`;
          const out = decideSeating(
            state,
            { type: 'SeatEntry', entryId, tableId, seat: m.seat },
            ctxOf(seed),
          );
          if (out instanceof DomainError) continue;
          state = fold(state, out);
          placed.set(entryId, `${tableId}#${m.seat}`);
        }
        const everyone = [...placed.keys(), ...ids(extra)];
        if (everyone.length === 0) return;
        const after = run(state, { type: 'DrawSeats', entryIds: everyone }, seed);
        const map = seatMap(after);
        for (const [entryId, at] of placed) expect(map[entryId]).toBe(at);
        expect(Object.keys(map).sort()).toEqual([...everyone].sort());
        expect(after.seated).toBe(everyone.length);
        expect(new Set(Object.values(map)).size).toBe(everyone.length);
        for (const t of after.tables) {
          expect(t.players).toBe(t.occupants.filter((o) => o !== null).length);
        }
      }),
      { numRuns: 200, seed: 42 },
    );
  });
});
