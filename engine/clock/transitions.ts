/**
 * Clock commands. Each one first normalizes the anchors to `now` (levels that elapsed while
 * running are folded in), so the anchors always point at the level being played when the
 * command was given; editing later levels afterwards cannot move it.
 */
import { DomainError } from '../core/errors.ts';
import { levelLabel } from '../structure/levels.ts';
import type { Structure, StructureLevel } from '../structure/types.ts';
import type { ClockAnchors } from './anchors.ts';
import { clockPosition } from './compute.ts';

/**
 * The same clock with the anchors moved to the level being played at `now` (or at the
 * moment it was paused). computeClock gives the same answer before and after, for any time.
 */
export function normalizeClock(a: ClockAnchors, s: Structure, now: number): ClockAnchors {
  if (a.status === 'idle' || a.levelStartedAt === null) return a;
  const p = clockPosition(a, s, now);
  const at = a.status === 'running' || a.stoppedAt === null ? now : a.stoppedAt;
  if (p.levelIndex === a.levelIndex && !p.structureFinished) return a;
  return {
    ...a,
    levelIndex: p.levelIndex,
    levelStartedAt: at - p.elapsedMs,
    addedMs: p.levelIndex === a.levelIndex ? a.addedMs : 0,
  };
}

export function startClock(a: ClockAnchors, s: Structure, now: number): ClockAnchors | DomainError {
  const bad = guard(a, s, now);
  if (bad !== null) return bad;
  if (a.status !== 'idle') {
    return new DomainError('CLOCK_ALREADY_STARTED', 'The clock has already been started', {
      status: a.status,
    });
  }
  return {
    ...a,
    status: 'running',
    levelStartedAt: now,
    stoppedAt: null,
    startedAt: now,
    updatedAt: now,
  };
}

export function pauseClock(a: ClockAnchors, s: Structure, now: number): ClockAnchors | DomainError {
  const bad = guard(a, s, now);
  if (bad !== null) return bad;
  if (a.status !== 'running') {
    return new DomainError('CLOCK_NOT_RUNNING', notRunningMessage(a), { status: a.status });
  }
  return { ...normalizeClock(a, s, now), status: 'paused', stoppedAt: now, updatedAt: now };
}

export function resumeClock(a: ClockAnchors, s: Structure, now: number): ClockAnchors | DomainError {
  const bad = guard(a, s, now);
  if (bad !== null) return bad;
  if (a.status !== 'paused' || a.stoppedAt === null || a.levelStartedAt === null) {
    return new DomainError(
      'CLOCK_NOT_PAUSED',
      a.status === 'running' ? 'The clock is already running' : 'The clock is not paused',
      { status: a.status },
    );
  }
  return {
    ...a,
    status: 'running',
    // The pause does not count as played time: push the level's effective start forward.
    levelStartedAt: a.levelStartedAt + (now - a.stoppedAt),
    stoppedAt: null,
    updatedAt: now,
  };
}

/**
 * Adds (deltaMs > 0) or removes (deltaMs < 0) time in the current level. Removing at least
 * what is left ends the level: the next one starts now (or, paused, starts fresh). On the
 * last level it leaves 0 remaining.
 */
export function adjustTime(
  a: ClockAnchors,
  s: Structure,
  now: number,
  deltaMs: number,
): ClockAnchors | DomainError {
  const bad = guard(a, s, now);
  if (bad !== null) return bad;
  if (!Number.isInteger(deltaMs) || deltaMs === 0) {
    return new DomainError(
      'CLOCK_BAD_ADJUSTMENT',
      'Time can only be added or removed in whole milliseconds, and not zero',
      { deltaMs },
    );
  }
  const n = normalizeClock(a, s, now);
  const p = clockPosition(n, s, now);
  const remaining = p.lengthMs + deltaMs - p.elapsedMs;
  if (remaining > 0) return { ...n, addedMs: n.addedMs + deltaMs, updatedAt: now };
  if (p.levelIndex < s.levels.length - 1) return startFresh(n, p.levelIndex + 1, now);
  // Last level: stop at 0 left rather than run off the end.
  const base = (s.levels[p.levelIndex] as StructureLevel).durationMs;
  return { ...n, addedMs: p.elapsedMs - base, updatedAt: now };
}

/** Jumps to any level (forward or back); it starts from its full length, paused or running as before. */
export function goToLevel(
  a: ClockAnchors,
  s: Structure,
  now: number,
  levelIndex: number,
): ClockAnchors | DomainError {
  const bad = guard(a, s, now);
  if (bad !== null) return bad;
  if (!Number.isInteger(levelIndex) || levelIndex < 0 || levelIndex >= s.levels.length) {
    return new DomainError(
      'CLOCK_BAD_LEVEL',
      `There is no level at position ${levelIndex + 1}; the structure has ${s.levels.length} levels and breaks`,
      { levelIndex, levels: s.levels.length },
    );
  }
  return startFresh(a, levelIndex, now);
}

/** Starts the current level again from its full length (time added to it is dropped). */
export function restartLevel(a: ClockAnchors, s: Structure, now: number): ClockAnchors | DomainError {
  const bad = guard(a, s, now);
  if (bad !== null) return bad;
  const n = normalizeClock(a, s, now);
  return startFresh(n, n.levelIndex, now);
}

/** Stops the clock for good (the tournament is over); it keeps showing where it stopped. */
export function finishClock(a: ClockAnchors, s: Structure, now: number): ClockAnchors | DomainError {
  const bad = guard(a, s, now);
  if (bad !== null) return bad;
  if (a.status === 'idle') {
    return new DomainError('CLOCK_NOT_STARTED', 'The clock has not been started', { status: a.status });
  }
  if (a.status === 'paused') return { ...a, status: 'finished', updatedAt: now };
  return { ...normalizeClock(a, s, now), status: 'finished', stoppedAt: now, updatedAt: now };
}

/** A level started from zero at `now`, keeping the clock paused, running or idle. */
function startFresh(a: ClockAnchors, levelIndex: number, now: number): ClockAnchors {
  const startedAt =
    a.status === 'running' ? now : a.status === 'paused' && a.stoppedAt !== null ? a.stoppedAt : null;
  return { ...a, levelIndex, levelStartedAt: startedAt, addedMs: 0, updatedAt: now };
}

/** Checks every command shares: a playable structure, a sane time, a clock not finished. */
function guard(a: ClockAnchors, s: Structure, now: number): DomainError | null {
  if (s.levels.length === 0) {
    return new DomainError('CLOCK_NO_LEVELS', 'The structure has no levels to run', {});
  }
  if (!Number.isFinite(now))
    return new DomainError('CLOCK_BAD_TIME', `Time ${now} is not a valid time`, { now });
  if (a.status === 'finished') {
    return new DomainError('CLOCK_FINISHED', 'The clock has finished; it cannot be changed', {
      status: a.status,
    });
  }
  if (a.updatedAt !== null && now < a.updatedAt) {
    return new DomainError(
      'CLOCK_TIME_WENT_BACKWARDS',
      'This command is dated before the last change to the clock',
      { now, updatedAt: a.updatedAt },
    );
  }
  if (a.levelIndex >= s.levels.length) {
    return new DomainError(
      'CLOCK_BAD_LEVEL',
      `The clock is at level position ${a.levelIndex + 1}, past the end of the structure`,
      { levelIndex: a.levelIndex, levels: s.levels.length },
    );
  }
  return null;
}

function notRunningMessage(a: ClockAnchors): string {
  return a.status === 'paused' ? 'The clock is already paused' : 'The clock is not running';
}

/** "Level 7" / "Break after level 4" for the level the clock is on. */
export function clockLevelLabel(a: ClockAnchors, s: Structure, now: number): string {
  return levelLabel(s, clockPosition(a, s, now).levelIndex);
}
