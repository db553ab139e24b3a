import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../core/errors.ts';
import { isBalanced } from './balance.ts';
import { decideSeating } from './decide.ts';
import { evolveSeating } from './evolve.ts';
import { seatEntry, unseatEntries } from './hooks.ts';
import { initialSeatingState, isLockedAt, seatOf } from './state.ts';
import { ctxOf, fold, seatMap } from './testing.ts';
import type { SeatingConfig, SeatingEvent, SeatingState } from './types.ts';
import { undoSeatingEvents } from './undo.ts';

type Op =
  | { readonly kind: 'bust'; readonly pick: number; readonly count: number }
  | { readonly kind: 'late' }
  | { readonly kind: 'applyAll' }
  | { readonly kind: 'applyOne'; readonly pick: number }
  | { readonly kind: 'lock'; readonly pick: number }
  | { readonly kind: 'button'; readonly pick: number; readonly seat: number }
  | { readonly kind: 'break' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('bust' as const),
      pick: fc.nat(),
      count: fc.integer({ min: 1, max: 2 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('late' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('applyAll' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('applyOne' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('lock' as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('button' as const),
      pick: fc.nat(),
      seat: fc.integer({ min: 1, max: 10 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('break' as const) }) },
);

const scenarioArb = fc.record({
  seed: fc.string({ maxLength: 8 }),
  seats: fc.integer({ min: 6, max: 10 }),
  entries: fc.integer({ min: 2, max: 60 }),
  tolerance: fc.integer({ min: 1, max: 2 }),
  autoApplyMoves: fc.boolean(),
  finalTableRedraw: fc.boolean(),
  ops: fc.array(opArb, { maxLength: 70 }),
});

function seatedIds(state: SeatingState): string[] {
  return Object.keys(seatMap(state)).sort();
}

function checkInvariants(state: SeatingState, seatsPerTable: number): void {
  const seen = new Set<string>();
  let total = 0;
  for (const t of state.tables) {
    // No seat beyond the table's size, none on an unavailable seat, no entry twice.
    expect(t.occupants).toHaveLength(t.seats);
    let players = 0;
    t.occupants.forEach((entryId, i) => {
      if (entryId === null) return;
      players++;
      expect(t.unavailable).not.toContain(i + 1);
      expect(seen.has(entryId)).toBe(false);
      seen.add(entryId);
      expect(seatOf(state, entryId)).toEqual({ tableId: t.id, seat: i + 1 });
    });
    expect(t.players).toBe(players);
    total += players;
  }
  expect(state.seated).toBe(total);
  // Locked entries sit in their locked seat.
  for (const [entryId, lock] of Object.entries(state.locks)) {
    const at = seatOf(state, entryId);
    if (at) expect(at).toEqual(lock);
  }
  // The fewest tables that fit.
  const inPlay = state.tables.filter((t) => t.players > 0).length;
  expect(inPlay).toBe(Math.ceil(total / seatsPerTable));
}

/** Balanced, unless every player at a largest table is locked (locked players never move). */
function balancedOrPinned(state: SeatingState): boolean {
  if (isBalanced(state)) return true;
  const largest = Math.max(...state.tables.map((t) => t.players));
  return state.tables
    .filter((t) => t.players === largest)
    .every((t) =>
      t.occupants.every((e, i) => e === null || isLockedAt(state, e, { tableId: t.id, seat: i + 1 })),
    );
}

interface Run {
  readonly log: SeatingEvent[];
  readonly state: SeatingState;
}

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function play(s: Scenario, check: boolean): Run {
  const config: Partial<SeatingConfig> = {
    balanceTolerance: s.tolerance,
    autoApplyMoves: s.autoApplyMoves,
    finalTableRedraw: s.finalTableRedraw,
    defaultSeatsPerTable: s.seats,
    autoHandForHandAtBubble: false,
  };
  const initial = initialSeatingState(config);
  const log: SeatingEvent[] = [];
  let state = initial;
  let step = 0;
  let late = 0;
  const commit = (events: readonly SeatingEvent[]) => {
    const before = state;
    for (const e of events) {
      log.push(e);
      state = evolveSeating(state, e);
    }
    if (!check) return;
    checkInvariants(state, s.seats);
    // Undo of what this step did brings every seat back.
    const undo = undoSeatingEvents(state, events, ctxOf('undo'));
    expect(undo).not.toBeInstanceOf(DomainError);
    expect(seatMap(fold(state, undo as SeatingEvent[]))).toEqual(seatMap(before));
  };
  const ctx = () => ctxOf(`${s.seed}/${step++}`);
  const ids = Array.from({ length: s.entries }, (_, i) => `e${i}`);
  const drawn = decideSeating(state, { type: 'DrawSeats', entryIds: ids }, ctx());
  if (drawn instanceof DomainError) throw drawn;
  commit(drawn);

  for (const op of s.ops) {
    const seatedNow = seatedIds(state);
    switch (op.kind) {
      case 'bust': {
        if (seatedNow.length <= 1) break;
        const out = Array.from(
          new Set(
            Array.from(
              { length: Math.min(op.count, seatedNow.length - 1) },
              (_, i) => seatedNow[(op.pick + i * 7) % seatedNow.length] as string,
            ),
          ),
        );
        commit(unseatEntries(state, out, ctx(), seatedNow.length - out.length, 3));
        break;
      }
      case 'late': {
        const r = seatEntry(state, `late${late++}`, ctx());
        if (r instanceof DomainError) throw r;
        commit(r);
        break;
      }
      case 'applyAll': {
        for (let i = 0; i < 5 && state.pendingMoves.length > 0; i++) {
          const r = decideSeating(state, { type: 'ApplyAllMoves' }, ctx());
          if (r instanceof DomainError) throw r;
          commit(r);
        }
        if (check) expect(balancedOrPinned(state)).toBe(true);
        break;
      }
      case 'applyOne': {
        const move = state.pendingMoves[op.pick % Math.max(1, state.pendingMoves.length)];
        if (!move) break;
        const r = decideSeating(state, { type: 'ApplyMove', moveId: move.moveId }, ctx());
        if (r instanceof DomainError) throw r;
        commit(r);
        break;
      }
      case 'lock': {
        if (Object.keys(state.locks).length >= 2 || seatedNow.length === 0) break;
        const entryId = seatedNow[op.pick % seatedNow.length] as string;
        const at = seatOf(state, entryId);
        if (!at) break;
        const r = decideSeating(state, { type: 'LockSeat', entryId, ...at }, ctx());
        if (r instanceof DomainError) throw r;
        commit(r);
        break;
      }
      case 'button': {
        const t = state.tables[op.pick % Math.max(1, state.tables.length)];
        if (!t) break;
        const r = decideSeating(
          state,
          { type: 'SetButton', tableId: t.id, seat: ((op.seat - 1) % t.seats) + 1 },
          ctx(),
        );
        if (r instanceof DomainError) throw r;
        commit(r);
        break;
      }
      case 'break': {
        // The TD breaks the next table: refused while the tables in play are the fewest that fit.
        const r = decideSeating(state, { type: 'BreakTable' }, ctx());
        if (!(r instanceof DomainError)) commit(r);
        break;
      }
    }
    if (check && s.autoApplyMoves) expect(balancedOrPinned(state)).toBe(true);
  }
  return { log, state };
}

describe('seating properties over random tournaments', () => {
  it('keeps seats consistent, fewest tables, locks held, balance after applying, undo exact', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        play(s, true);
      }),
      { numRuns: 150 },
    );
  });

  it('replaying the event log (through JSON) reproduces every seat and the whole state', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { log, state } = play(s, false);
        const replayed = fold(
          initialSeatingState({ defaultSeatsPerTable: s.seats }),
          JSON.parse(JSON.stringify(log)),
        );
        expect(seatMap(replayed)).toEqual(seatMap(state));
        expect(JSON.parse(JSON.stringify({ ...replayed, config: null }))).toEqual(
          JSON.parse(JSON.stringify({ ...state, config: null })),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('the runs exercise breaks, moves, locks and final tables', () => {
    const seen = new Set<string>();
    for (const s of fc.sample(scenarioArb, { numRuns: 80, seed: 42 })) {
      for (const e of play(s, false).log) seen.add(e.type);
    }
    for (const type of [
      'TableBroken',
      'PlayersMoved',
      'MovesProposed',
      'SeatLocked',
      'FinalTableDrawn',
      'EntrySeated',
    ]) {
      expect(seen).toContain(type);
    }
  });

  it('the same seed gives the same run', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        expect(play(s, false).log).toEqual(play(s, false).log);
      }),
      { numRuns: 50 },
    );
  });
});
