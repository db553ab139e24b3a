/**
 * Property tests: the derived clock against a naive reference that "ticks" (advances a
 * level-and-elapsed state by each gap), which is what a ticking clock would show.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertNever, type DomainError, isDomainError } from '../core/errors.ts';
import { editFutureLevels } from '../structure/edit.ts';
import type { Structure, StructureLevel } from '../structure/types.ts';
import { type ClockAnchors, initialClock } from './anchors.ts';
import { clockPosition, computeClock } from './compute.ts';
import {
  adjustTime,
  finishClock,
  goToLevel,
  normalizeClock,
  pauseClock,
  restartLevel,
  resumeClock,
  startClock,
} from './transitions.ts';

const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;

function structureOf(durations: readonly number[], breakEvery = 0): Structure {
  const levels: StructureLevel[] = durations.map((durationMs, i) =>
    breakEvery > 0 && i % breakEvery === breakEvery - 1
      ? { kind: 'break', durationMs }
      : {
          kind: 'level',
          smallBlind: 25 * (i + 1),
          bigBlind: 50 * (i + 1),
          ante: 0,
          bigBlindAnte: 0,
          durationMs,
        },
  );
  return {
    name: 'p',
    game: 'NLHE',
    levels,
    chipSet: { chips: [{ value: 25, color: 'green' }] },
    startingStack: 10_000,
    lateRegUntilLevel: null,
    rebuyUntilLevel: null,
    addOnAtLevel: null,
  };
}

const durationsArb = (min: number, max: number) =>
  fc.array(fc.integer({ min: 1, max: 2 * HOUR }), { minLength: min, maxLength: max });

type Command =
  | { readonly type: 'start' }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'adjust'; readonly deltaMs: number }
  | { readonly type: 'goto'; readonly level: number }
  | { readonly type: 'restart' }
  | { readonly type: 'finish' };

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ type: 'start' as const }) },
  { weight: 3, arbitrary: fc.constant({ type: 'pause' as const }) },
  { weight: 3, arbitrary: fc.constant({ type: 'resume' as const }) },
  {
    weight: 3,
    arbitrary: fc
      .integer({ min: -2 * HOUR, max: 2 * HOUR })
      .filter((d) => d !== 0)
      .map((deltaMs) => ({ type: 'adjust' as const, deltaMs })),
  },
  { weight: 2, arbitrary: fc.nat(100).map((level) => ({ type: 'goto' as const, level })) },
  { weight: 1, arbitrary: fc.constant({ type: 'restart' as const }) },
  { weight: 1, arbitrary: fc.constant({ type: 'finish' as const }) },
);

/** The ticking reference clock. */
class TickingClock {
  status: 'idle' | 'running' | 'paused' | 'finished' = 'idle';
  index = 0;
  elapsed = 0;
  length: number;
  readonly s: Structure;
  constructor(s: Structure) {
    this.s = s;
    this.length = this.duration(0);
  }
  duration(i: number): number {
    return (this.s.levels[i] as StructureLevel).durationMs;
  }
  tick(dt: number): void {
    if (this.status !== 'running') return;
    const last = this.s.levels.length - 1;
    let left = dt;
    for (;;) {
      const rest = this.length - this.elapsed;
      if (left < rest) {
        this.elapsed += left;
        return;
      }
      if (this.index === last) {
        this.elapsed = this.length;
        return;
      }
      left -= rest;
      this.index++;
      this.elapsed = 0;
      this.length = this.duration(this.index);
    }
  }
  fresh(i: number): void {
    this.index = i;
    this.elapsed = 0;
    this.length = this.duration(i);
  }
  apply(c: Command): boolean {
    if (this.status === 'finished') return false;
    switch (c.type) {
      case 'start':
        if (this.status !== 'idle') return false;
        this.status = 'running';
        return true;
      case 'pause':
        if (this.status !== 'running') return false;
        this.status = 'paused';
        return true;
      case 'resume':
        if (this.status !== 'paused') return false;
        this.status = 'running';
        return true;
      case 'adjust': {
        const rest = this.length + c.deltaMs - this.elapsed;
        if (rest > 0) this.length += c.deltaMs;
        else if (this.index < this.s.levels.length - 1) this.fresh(this.index + 1);
        else this.length = this.elapsed;
        return true;
      }
      case 'goto':
        if (c.level >= this.s.levels.length) return false;
        this.fresh(c.level);
        return true;
      case 'restart':
        this.fresh(this.index);
        return true;
      case 'finish':
        if (this.status === 'idle') return false;
        this.status = 'finished';
        return true;
      default:
        return assertNever(c, 'command');
    }
  }
}

function run(a: ClockAnchors, s: Structure, now: number, c: Command): ClockAnchors | DomainError {
  switch (c.type) {
    case 'start':
      return startClock(a, s, now);
    case 'pause':
      return pauseClock(a, s, now);
    case 'resume':
      return resumeClock(a, s, now);
    case 'adjust':
      return adjustTime(a, s, now, c.deltaMs);
    case 'goto':
      return goToLevel(a, s, now, c.level);
    case 'restart':
      return restartLevel(a, s, now);
    case 'finish':
      return finishClock(a, s, now);
    default:
      return assertNever(c, 'command');
  }
}

describe('clock properties', () => {
  it('(1) any command sequence: never negative, elapsed + remaining = level length (+ added), equal to a ticking clock', () => {
    fc.assert(
      fc.property(
        durationsArb(1, 70),
        fc.integer({ min: 0, max: 5 }),
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 3 * HOUR }), commandArb, fc.integer({ min: 0, max: 3 * HOUR })),
          {
            maxLength: 40,
          },
        ),
        (durations, breakEvery, steps) => {
          const s = structureOf(durations, breakEvery);
          const ref = new TickingClock(s);
          let a = initialClock();
          let now = T0;
          for (const [gap, command, peek] of steps) {
            now += gap;
            ref.tick(gap);
            const out = run(a, s, now, command);
            const accepted = ref.apply(command);
            expect(isDomainError(out)).toBe(!accepted);
            if (!isDomainError(out)) a = out;

            // Look a little later without any command, as a TV would.
            for (const t of [now, now + peek]) {
              const v = computeClock(a, s, t);
              expect(v.remainingMs).toBeGreaterThanOrEqual(0);
              expect(v.elapsedMs).toBeGreaterThanOrEqual(0);
              const added = v.levelIndex === a.levelIndex ? a.addedMs : 0;
              expect(v.elapsedMs + v.remainingMs).toBe(v.level.durationMs + added);
              expect(computeClock(normalizeClock(a, s, now), s, t)).toEqual(v);
            }
            const v = computeClock(a, s, now);
            expect([v.levelIndex, v.elapsedMs, v.remainingMs, v.status]).toEqual([
              ref.index,
              ref.elapsed,
              ref.length - ref.elapsed,
              ref.status,
            ]);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('(2) a running clock with no commands reaches level k exactly at the sum of the durations before k, plus pauses', () => {
    fc.assert(
      fc.property(
        durationsArb(2, 70),
        fc.integer({ min: 0, max: 5 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 * HOUR }), fc.integer({ min: 1, max: 10 * HOUR })), {
          maxLength: 5,
        }),
        fc.nat(),
        (durations, breakEvery, pauses, kSeed) => {
          const s = structureOf(durations, breakEvery);
          const k = 1 + (kSeed % (durations.length - 1));
          const playedToK = durations.slice(0, k).reduce((x, y) => x + y, 0);
          let a = startClock(initialClock(), s, T0) as ClockAnchors;
          // Pauses at increasing points of played time before level k.
          let wall = T0;
          let played = 0;
          let pausedTotal = 0;
          for (const [at, length] of [...pauses].sort((x, y) => x[0] - y[0])) {
            const playAt = Math.min(at, playedToK - 1);
            if (playAt < played) continue;
            wall += playAt - played;
            played = playAt;
            a = pauseClock(a, s, wall) as ClockAnchors;
            wall += length;
            pausedTotal += length;
            a = resumeClock(a, s, wall) as ClockAnchors;
          }
          const reachK = T0 + playedToK + pausedTotal;
          expect(computeClock(a, s, reachK - 1).levelIndex).toBe(k - 1);
          expect(computeClock(a, s, reachK)).toMatchObject({ levelIndex: k, elapsedMs: 0 });
          expect(clockPosition(a, s, reachK - 1).elapsedMs).toBe((durations[k - 1] as number) - 1);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('(4) a 60+ level structure with pauses of hours is exact to the millisecond', () => {
    fc.assert(
      fc.property(
        durationsArb(60, 90),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 * HOUR }), fc.integer({ min: HOUR, max: 12 * HOUR })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.array(fc.integer({ min: 0, max: 200 * HOUR }), { minLength: 1, maxLength: 20 }),
        (durations, pauses, queries) => {
          const s = structureOf(durations, 4);
          const total = durations.reduce((x, y) => x + y, 0);
          // Wall-clock intervals during which the clock is paused.
          const paused: [number, number][] = [];
          let a = startClock(initialClock(), s, T0) as ClockAnchors;
          const history: ClockAnchors[] = [a];
          let wall = T0;
          for (const [run, length] of pauses) {
            wall += run;
            a = pauseClock(a, s, wall) as ClockAnchors;
            history.push(a);
            paused.push([wall, wall + length]);
            wall += length;
            a = resumeClock(a, s, wall) as ClockAnchors;
            history.push(a);
          }
          for (const q of queries) {
            const t = T0 + q;
            // The anchors as they stood at t (anchors describe the clock from their last change on).
            const at = history.filter((h) => (h.updatedAt ?? 0) <= t).at(-1) as ClockAnchors;
            let playedMs = t - T0;
            for (const [from, to] of paused) playedMs -= Math.max(0, Math.min(t, to) - from);
            // Expected level: walk the cumulative durations.
            let index = 0;
            let start = 0;
            while (index < durations.length - 1 && playedMs >= start + (durations[index] as number)) {
              start += durations[index] as number;
              index++;
            }
            const v = computeClock(at, s, t);
            expect(v.levelIndex).toBe(index);
            if (playedMs >= total) {
              expect(v.remainingMs).toBe(0);
              expect(v.structureFinished).toBe(true);
            } else {
              expect(v.elapsedMs).toBe(playedMs - start);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('editing later levels while running keeps the current level and time left', () => {
    fc.assert(
      fc.property(
        durationsArb(60, 80),
        fc.integer({ min: 0, max: 60 * HOUR }),
        fc.array(fc.integer({ min: 1, max: 2 * HOUR }), { minLength: 0, maxLength: 40 }),
        fc.integer({ min: -HOUR, max: HOUR }).filter((d) => d !== 0),
        (durations, at, newTail, delta) => {
          const s = structureOf(durations, 5);
          const started = startClock(initialClock(), s, T0) as ClockAnchors;
          const a = adjustTime(started, s, T0 + 1, delta) as ClockAnchors;
          const now = T0 + 1 + at;
          const before = computeClock(a, s, now);
          const tail: StructureLevel[] = newTail.map((durationMs, i) => ({
            kind: 'level',
            smallBlind: 1_000_000 * (i + 1),
            bigBlind: 2_000_000 * (i + 1),
            ante: 0,
            bigBlindAnte: 0,
            durationMs,
          }));
          const levels = [...s.levels.slice(0, before.levelIndex + 1), ...tail];
          const edited = editFutureLevels(s, before.levelIndex, levels);
          if (isDomainError(edited)) throw edited;
          const key = (v: ReturnType<typeof computeClock>) => [v.levelIndex, v.elapsedMs, v.remainingMs];
          // The decider stores anchors normalized at the edit; both must agree with `before`.
          const normalized = normalizeClock(a, s, now);
          if (before.structureFinished) {
            // The clock had run out on the old last level: the first added level starts now.
            const after = computeClock(normalized, edited, now);
            if (newTail.length > 0) expect(key(after)).toEqual([before.levelIndex + 1, 0, newTail[0]]);
            else expect(key(after)).toEqual(key(before));
            return;
          }
          expect(key(computeClock(a, edited, now))).toEqual(key(before));
          expect(key(computeClock(normalized, edited, now))).toEqual(key(before));
        },
      ),
      { numRuns: 300 },
    );
  });
});
