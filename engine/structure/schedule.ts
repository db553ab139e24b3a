/**
 * The schedule a TD posts: when each level starts and ends on the wall clock, when late
 * registration, rebuys and the add-on close, and the estimated end (the last level's end).
 * Derived from the structure and where the clock stands, like the clock itself: a paused
 * clock moves every later time back by as long as it stays paused.
 */
import { levelIndexOfPlayLevel, playLevelNumber } from './levels.ts';
import type { Structure, StructureLevel } from './types.ts';

export interface ScheduledLevel {
  readonly index: number;
  readonly level: StructureLevel;
  /** 1-based play level number; on a break, the play level before it. */
  readonly playLevel: number;
  /** Already played: no times. */
  readonly played: boolean;
  readonly current: boolean;
  readonly startsAt: number | null;
  readonly endsAt: number | null;
}

export interface Schedule {
  readonly levels: readonly ScheduledLevel[];
  /** When the last level ends, if the clock runs from now on without pause. */
  readonly endsAt: number;
  readonly lateRegistrationEndsAt: number | null;
  readonly rebuysEndAt: number | null;
  readonly addOnAt: number | null;
}

/** Where the clock stands: the level being played and the time left in it. */
export interface SchedulePosition {
  readonly levelIndex: number;
  readonly remainingMs: number;
}

/**
 * The schedule from `at` (ms since epoch) with the clock at `position` (the clock's view;
 * before the start: level 0 with its whole duration, and `at` the planned start).
 */
export function scheduleFrom(s: Structure, position: SchedulePosition, at: number): Schedule {
  const current = Math.min(Math.max(0, position.levelIndex), s.levels.length - 1);
  const levels: ScheduledLevel[] = [];
  let t = at + position.remainingMs;
  s.levels.forEach((level, index) => {
    const playLevel = playLevelNumber(s, index);
    if (index < current) {
      levels.push({ index, level, playLevel, played: true, current: false, startsAt: null, endsAt: null });
      return;
    }
    if (index === current) {
      const startsAt = t - level.durationMs;
      levels.push({ index, level, playLevel, played: false, current: true, startsAt, endsAt: t });
      return;
    }
    const startsAt = t;
    t += level.durationMs;
    levels.push({ index, level, playLevel, played: false, current: false, startsAt, endsAt: t });
  });
  const endOfPlayLevel = (n: number | null): number | null => {
    if (n === null) return null;
    const i = levelIndexOfPlayLevel(s, n);
    return i < 0 ? null : (levels[i]?.endsAt ?? null);
  };
  return {
    levels,
    endsAt: levels.at(-1)?.endsAt ?? at,
    lateRegistrationEndsAt: endOfPlayLevel(s.lateRegUntilLevel),
    rebuysEndAt: endOfPlayLevel(s.rebuyUntilLevel),
    addOnAt: endOfPlayLevel(s.addOnAtLevel),
  };
}
