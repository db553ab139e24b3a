import { describe, expect, it } from 'vitest';
import { type DomainError, isDomainError } from '../core/errors.ts';
import { editFutureLevels } from '../structure/edit.ts';
import { minutes } from '../structure/levels.ts';
import { getTemplate } from '../structure/templates.ts';
import type { PlayLevel, Structure, StructureLevel } from '../structure/types.ts';
import { type ClockAnchors, initialClock } from './anchors.ts';
import { computeClock } from './compute.ts';
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
const M = minutes(1);
const H = 60 * M;

const L = (sb: number, mins = 20): PlayLevel => ({
  kind: 'level',
  smallBlind: sb,
  bigBlind: 2 * sb,
  ante: 0,
  bigBlindAnte: 0,
  durationMs: minutes(mins),
});
const B = (mins = 10): StructureLevel => ({ kind: 'break', durationMs: minutes(mins), colorUp: [25] });

// index:               0       1      2     3       4
const s: Structure = {
  name: 'Test',
  game: "No Limit Hold'em",
  levels: [L(25), L(50), B(), L(100), L(200)],
  chipSet: {
    chips: [
      { value: 25, color: 'green' },
      { value: 100, color: 'black' },
    ],
  },
  startingStack: 10_000,
  lateRegUntilLevel: null,
  rebuyUntilLevel: null,
  addOnAtLevel: null,
};

/** Unwraps a transition result, failing the test on a domain error. */
function ok(result: ClockAnchors | DomainError): ClockAnchors {
  if (isDomainError(result)) throw new Error(`unexpected ${result.code}: ${result.message}`);
  return result;
}
function code(result: ClockAnchors | DomainError): string | null {
  return isDomainError(result) ? result.code : null;
}
const running = (): ClockAnchors => ok(startClock(initialClock(), s, T0));

describe('initialClock', () => {
  it('given a new clock, then it is idle on the first level with its full time', () => {
    const v = computeClock(initialClock(), s, T0 + 5 * H);
    expect(v).toMatchObject({
      status: 'idle',
      levelIndex: 0,
      playLevelNumber: 1,
      elapsedMs: 0,
      remainingMs: 20 * M,
    });
    expect(v.blinds).toEqual({ smallBlind: 25, bigBlind: 50, ante: 0, bigBlindAnte: 0 });
    expect(v.levelEndsAt).toBe(null);
    expect(JSON.parse(JSON.stringify(initialClock()))).toEqual(initialClock());
  });
});

describe('startClock', () => {
  it('given an idle clock, when started, then time runs from now', () => {
    const v = computeClock(running(), s, T0 + 5 * M);
    expect(v).toMatchObject({ status: 'running', levelIndex: 0, elapsedMs: 5 * M, remainingMs: 15 * M });
    expect(v.levelEndsAt).toBe(T0 + 20 * M);
  });
  it('given a started clock, when started again, then CLOCK_ALREADY_STARTED', () => {
    expect(code(startClock(running(), s, T0 + M))).toBe('CLOCK_ALREADY_STARTED');
    const paused = ok(pauseClock(running(), s, T0 + M));
    expect(code(startClock(paused, s, T0 + 2 * M))).toBe('CLOCK_ALREADY_STARTED');
  });
  it('given a structure with no levels, then CLOCK_NO_LEVELS', () => {
    expect(code(startClock(initialClock(), { ...s, levels: [] }, T0))).toBe('CLOCK_NO_LEVELS');
  });
});

describe('a running clock', () => {
  it('given no commands, then it moves through levels and breaks by itself', () => {
    const a = running();
    expect(computeClock(a, s, T0 + 20 * M - 1).levelIndex).toBe(0);
    expect(computeClock(a, s, T0 + 20 * M)).toMatchObject({
      levelIndex: 1,
      elapsedMs: 0,
      playLevelNumber: 2,
    });
    const onBreak = computeClock(a, s, T0 + 45 * M);
    expect(onBreak).toMatchObject({ levelIndex: 2, isBreak: true, blinds: null, playLevelNumber: 2 });
    expect(onBreak.remainingMs).toBe(5 * M);
    expect(onBreak.nextBlinds).toEqual({ smallBlind: 100, bigBlind: 200, ante: 0, bigBlindAnte: 0 });
  });
  it('given it runs past the last level, then it stays on the last level with 0 left', () => {
    const v = computeClock(running(), s, T0 + 10 * H);
    expect(v).toMatchObject({ levelIndex: 4, remainingMs: 0, elapsedMs: 20 * M, structureFinished: true });
    expect(v.levelEndsAt).toBe(null);
    expect(v.nextLevel).toBe(null);
    expect(v.nextBlinds).toBe(null);
  });
  it('reports the time to the next break and its index, and none once past the last break', () => {
    const a = running();
    expect(computeClock(a, s, T0 + 5 * M)).toMatchObject({ msToNextBreak: 35 * M, nextBreakLevelIndex: 2 });
    expect(computeClock(a, s, T0 + 45 * M)).toMatchObject({ msToNextBreak: null, nextBreakLevelIndex: null });
  });
  it('given a replica whose time is before the level start, then elapsed is 0, never negative', () => {
    expect(computeClock(running(), s, T0 - 10 * M)).toMatchObject({ elapsedMs: 0, remainingMs: 20 * M });
  });
});

describe('pauseClock', () => {
  it('given a running clock, when paused, then the clock stands still for hours', () => {
    const a = ok(pauseClock(running(), s, T0 + 5 * M));
    expect(computeClock(a, s, T0 + 7 * H)).toMatchObject({
      status: 'paused',
      paused: true,
      elapsedMs: 5 * M,
      remainingMs: 15 * M,
      levelEndsAt: null,
    });
  });
  it('given levels elapsed since the last command, when paused, then the anchors point at the current level', () => {
    const a = ok(pauseClock(running(), s, T0 + 25 * M));
    expect(a.levelIndex).toBe(1);
    expect(computeClock(a, s, T0 + 3 * H)).toMatchObject({ levelIndex: 1, elapsedMs: 5 * M });
  });
  it('given a paused or idle clock, when paused, then CLOCK_NOT_RUNNING', () => {
    const paused = ok(pauseClock(running(), s, T0 + M));
    const again = pauseClock(paused, s, T0 + 2 * M);
    expect(code(again)).toBe('CLOCK_NOT_RUNNING');
    expect(isDomainError(again) && again.message).toBe('The clock is already paused');
    expect(code(pauseClock(initialClock(), s, T0))).toBe('CLOCK_NOT_RUNNING');
  });
});

describe('resumeClock', () => {
  it('given a clock paused for 2 hours, when resumed, then the level goes on from where it stopped', () => {
    const paused = ok(pauseClock(running(), s, T0 + 5 * M));
    const a = ok(resumeClock(paused, s, T0 + 2 * H + 5 * M));
    expect(computeClock(a, s, T0 + 2 * H + 10 * M)).toMatchObject({ levelIndex: 0, elapsedMs: 10 * M });
    expect(computeClock(a, s, T0 + 2 * H + 20 * M)).toMatchObject({ levelIndex: 1, elapsedMs: 0 });
  });
  it('given a running or idle clock, when resumed, then CLOCK_NOT_PAUSED', () => {
    expect(code(resumeClock(running(), s, T0 + M))).toBe('CLOCK_NOT_PAUSED');
    expect(code(resumeClock(initialClock(), s, T0))).toBe('CLOCK_NOT_PAUSED');
  });
});

describe('adjustTime', () => {
  it('given 5 minutes added, then the level lasts 25 minutes and the next one starts 5 minutes later', () => {
    const a = ok(adjustTime(running(), s, T0 + 10 * M, 5 * M));
    expect(computeClock(a, s, T0 + 10 * M)).toMatchObject({ elapsedMs: 10 * M, remainingMs: 15 * M });
    expect(computeClock(a, s, T0 + 25 * M - 1).levelIndex).toBe(0);
    expect(computeClock(a, s, T0 + 25 * M)).toMatchObject({
      levelIndex: 1,
      elapsedMs: 0,
      remainingMs: 20 * M,
    });
  });
  it('given 3 minutes removed, then 3 minutes less are left', () => {
    const a = ok(adjustTime(running(), s, T0 + 10 * M, -3 * M));
    expect(computeClock(a, s, T0 + 10 * M).remainingMs).toBe(7 * M);
  });
  it('given more removed than is left, then the next level starts now', () => {
    const a = ok(adjustTime(running(), s, T0 + 10 * M, -15 * M));
    expect(computeClock(a, s, T0 + 10 * M)).toMatchObject({
      levelIndex: 1,
      elapsedMs: 0,
      remainingMs: 20 * M,
    });
  });
  it('given more removed than is left on the last level, then it stays there with 0 left', () => {
    const last = ok(goToLevel(running(), s, T0 + M, 4));
    const a = ok(adjustTime(last, s, T0 + 2 * M, -30 * M));
    expect(computeClock(a, s, T0 + 3 * M)).toMatchObject({
      levelIndex: 4,
      remainingMs: 0,
      structureFinished: true,
    });
  });
  it('given the structure ran out, when time is added, then the last level runs again for that long', () => {
    const a = ok(adjustTime(running(), s, T0 + 10 * H, 10 * M));
    expect(computeClock(a, s, T0 + 10 * H + 4 * M)).toMatchObject({
      levelIndex: 4,
      remainingMs: 6 * M,
      structureFinished: false,
    });
  });
  it('given a paused clock, when time is added, then it stays paused with more time left', () => {
    const paused = ok(pauseClock(running(), s, T0 + 5 * M));
    const a = ok(adjustTime(paused, s, T0 + H, 2 * M));
    expect(computeClock(a, s, T0 + 3 * H)).toMatchObject({ status: 'paused', remainingMs: 17 * M });
  });
  it('given a level already rolled over, when time is added, then it goes to the current level only', () => {
    const a = ok(adjustTime(running(), s, T0 + 30 * M, M));
    expect(computeClock(a, s, T0 + 30 * M)).toMatchObject({ levelIndex: 1, remainingMs: 11 * M });
    expect(computeClock(a, s, T0 + 41 * M).levelIndex).toBe(2);
  });
  it('given an idle clock, when time is added, then the first level will last longer once started', () => {
    const a = ok(startClock(ok(adjustTime(initialClock(), s, T0, 5 * M)), s, T0 + H));
    expect(computeClock(a, s, T0 + H + 21 * M).levelIndex).toBe(0);
  });
  it('given a zero or fractional delta, then CLOCK_BAD_ADJUSTMENT', () => {
    expect(code(adjustTime(running(), s, T0, 0))).toBe('CLOCK_BAD_ADJUSTMENT');
    expect(code(adjustTime(running(), s, T0, 1.5))).toBe('CLOCK_BAD_ADJUSTMENT');
  });
});

describe('goToLevel', () => {
  it('given a running clock, when going forward, then that level starts fresh now and keeps running', () => {
    const a = ok(goToLevel(running(), s, T0 + 5 * M, 3));
    expect(computeClock(a, s, T0 + 6 * M)).toMatchObject({ levelIndex: 3, elapsedMs: M, status: 'running' });
  });
  it('given a running clock, when going back, then the earlier level starts fresh', () => {
    const a = ok(goToLevel(running(), s, T0 + 50 * M, 0));
    expect(computeClock(a, s, T0 + 50 * M)).toMatchObject({
      levelIndex: 0,
      elapsedMs: 0,
      remainingMs: 20 * M,
    });
  });
  it('given a paused clock, when jumping, then it stays paused at the start of that level', () => {
    const paused = ok(pauseClock(running(), s, T0 + 5 * M));
    const a = ok(goToLevel(paused, s, T0 + H, 1));
    expect(computeClock(a, s, T0 + 2 * H)).toMatchObject({ levelIndex: 1, status: 'paused', elapsedMs: 0 });
    const resumed = ok(resumeClock(a, s, T0 + 3 * H));
    expect(computeClock(resumed, s, T0 + 3 * H + M)).toMatchObject({ levelIndex: 1, elapsedMs: M });
  });
  it('given time was added, when jumping, then the added time is dropped', () => {
    const a = ok(goToLevel(ok(adjustTime(running(), s, T0, 5 * M)), s, T0 + M, 0));
    expect(computeClock(a, s, T0 + M).remainingMs).toBe(20 * M);
  });
  it('given an idle clock, when jumping, then it will start on that level', () => {
    const a = ok(goToLevel(initialClock(), s, T0, 3));
    expect(computeClock(a, s, T0)).toMatchObject({ status: 'idle', levelIndex: 3, playLevelNumber: 3 });
  });
  it.each([-1, 5, 1.5, Number.NaN])('given level index %s, then CLOCK_BAD_LEVEL', (index) => {
    expect(code(goToLevel(running(), s, T0, index))).toBe('CLOCK_BAD_LEVEL');
  });
});

describe('restartLevel', () => {
  it('given 12 minutes into level 2 with time added, when restarted, then level 2 starts again in full', () => {
    const a = ok(adjustTime(running(), s, T0 + 32 * M, 3 * M));
    const r = ok(restartLevel(a, s, T0 + 32 * M));
    expect(computeClock(r, s, T0 + 33 * M)).toMatchObject({
      levelIndex: 1,
      elapsedMs: M,
      remainingMs: 19 * M,
    });
  });
  it('given a paused clock, when restarted, then it stays paused with the full level', () => {
    const paused = ok(pauseClock(running(), s, T0 + 5 * M));
    const r = ok(restartLevel(paused, s, T0 + H));
    expect(computeClock(r, s, T0 + 2 * H)).toMatchObject({
      status: 'paused',
      elapsedMs: 0,
      remainingMs: 20 * M,
    });
  });
});

describe('finishClock', () => {
  it('given a running clock, when finished, then it freezes where it stopped', () => {
    const a = ok(finishClock(running(), s, T0 + 30 * M));
    expect(computeClock(a, s, T0 + 9 * H)).toMatchObject({
      status: 'finished',
      finished: true,
      paused: false,
      levelIndex: 1,
      elapsedMs: 10 * M,
      levelEndsAt: null,
    });
  });
  it('given a paused clock, when finished, then it freezes at the pause', () => {
    const a = ok(finishClock(ok(pauseClock(running(), s, T0 + 5 * M)), s, T0 + H));
    expect(computeClock(a, s, T0 + 2 * H)).toMatchObject({ finished: true, elapsedMs: 5 * M });
  });
  it('given a finished clock, then every command is refused with CLOCK_FINISHED', () => {
    const a = ok(finishClock(running(), s, T0 + M));
    const later = T0 + 2 * M;
    for (const r of [
      startClock(a, s, later),
      pauseClock(a, s, later),
      resumeClock(a, s, later),
      adjustTime(a, s, later, M),
      goToLevel(a, s, later, 0),
      restartLevel(a, s, later),
      finishClock(a, s, later),
    ]) {
      expect(code(r)).toBe('CLOCK_FINISHED');
    }
  });
  it('given an idle clock, when finished, then CLOCK_NOT_STARTED', () => {
    expect(code(finishClock(initialClock(), s, T0))).toBe('CLOCK_NOT_STARTED');
  });
});

describe('command times', () => {
  it('given a command dated before the last change, then CLOCK_TIME_WENT_BACKWARDS', () => {
    const paused = ok(pauseClock(running(), s, T0 + 10 * M));
    expect(code(resumeClock(paused, s, T0 + 9 * M))).toBe('CLOCK_TIME_WENT_BACKWARDS');
  });
  it('given a time that is not a number, then CLOCK_BAD_TIME', () => {
    expect(code(startClock(initialClock(), s, Number.NaN))).toBe('CLOCK_BAD_TIME');
  });
});

describe('normalizeClock', () => {
  it('given a clock that ran through levels, then normalizing changes the anchors but not the clock', () => {
    const a = ok(adjustTime(running(), s, T0 + M, 2 * M));
    const n = normalizeClock(a, s, T0 + 47 * M);
    expect(n.levelIndex).toBe(2);
    expect(n.addedMs).toBe(0);
    for (const t of [T0 + 47 * M, T0 + 60 * M, T0 + 5 * H])
      expect(computeClock(n, s, t)).toEqual(computeClock(a, s, t));
  });
});

describe('editing future levels while running', () => {
  it('given a running regular template at level 6, when later levels are edited, then the current level and time left stay', () => {
    const reg = getTemplate('regular')?.structure as Structure;
    const a = ok(adjustTime(ok(startClock(initialClock(), reg, T0)), reg, T0 + 7 * M, 4 * M));
    const now = T0 + 2 * H + 13 * M;
    const before = computeClock(a, reg, now);
    const edited = editFutureLevels(
      reg,
      before.levelIndex,
      reg.levels.map((l, i) => (i > before.levelIndex ? { ...l, durationMs: l.durationMs + 7 * M } : l)),
    );
    if (isDomainError(edited)) throw edited;
    const after = computeClock(a, edited, now);
    expect(after.levelIndex).toBe(before.levelIndex);
    expect(after.remainingMs).toBe(before.remainingMs);
    expect(after.elapsedMs).toBe(before.elapsedMs);
    // … and the edit takes effect from the next level on.
    expect(computeClock(a, edited, now + before.remainingMs).remainingMs).toBe(
      (edited.levels[before.levelIndex + 1]?.durationMs ?? 0) as number,
    );
  });
});
