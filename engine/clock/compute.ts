/**
 * Reading the clock: anchors + structure + now → what the TV shows. O(number of levels) in
 * the worst case (a running clock that has not been normalized for many levels) and free
 * of allocation beyond the view itself, so it is cheap enough to call on every frame.
 */
import type { PlayLevel, Structure, StructureLevel } from '../structure/types.ts';
import type { ClockAnchors, ClockStatus } from './anchors.ts';

export interface Blinds {
  readonly smallBlind: number;
  readonly bigBlind: number;
  readonly ante: number;
  readonly bigBlindAnte: number;
}

export interface ClockView {
  readonly status: ClockStatus;
  readonly levelIndex: number;
  /** 1-based play level number; on a break, the number of the play level before it. */
  readonly playLevelNumber: number;
  readonly isBreak: boolean;
  readonly level: StructureLevel;
  readonly nextLevel: StructureLevel | null;
  readonly nextPlayLevel: PlayLevel | null;
  readonly elapsedMs: number;
  readonly remainingMs: number;
  /** Time until the next break starts (after the current level), null when none is left. */
  readonly msToNextBreak: number | null;
  readonly nextBreakLevelIndex: number | null;
  /** Blinds now; null during a break. */
  readonly blinds: Blinds | null;
  /** Blinds of the next play level, null when there is none. */
  readonly nextBlinds: Blinds | null;
  /** When the current level ends (ms since epoch) if the clock keeps running; null otherwise. */
  readonly levelEndsAt: number | null;
  readonly paused: boolean;
  readonly finished: boolean;
  /** The clock ran past the last level: it stays on the last level with 0 remaining. */
  readonly structureFinished: boolean;
}

/** Where the clock stands at a moment: level index and time into it. */
export interface ClockPosition {
  readonly levelIndex: number;
  readonly elapsedMs: number;
  /** Length of the level at `levelIndex`, including time added to it. */
  readonly lengthMs: number;
  readonly structureFinished: boolean;
}

/** Level and time into it at `now`, folding in every level that elapsed while running. */
export function clockPosition(a: ClockAnchors, s: Structure, now: number): ClockPosition {
  const levels = s.levels;
  const last = levels.length - 1;
  if (last < 0) throw new Error('computeClock: the structure has no levels');
  let index = a.levelIndex < 0 ? 0 : Math.min(a.levelIndex, last);
  let length = (levels[index] as StructureLevel).durationMs + a.addedMs;
  if (a.status === 'idle' || a.levelStartedAt === null) {
    return { levelIndex: index, elapsedMs: 0, lengthMs: length, structureFinished: false };
  }
  const at = a.status === 'running' || a.stoppedAt === null ? now : a.stoppedAt;
  let elapsed = at - a.levelStartedAt;
  if (elapsed < 0) elapsed = 0; // a replica whose clock runs behind the home's
  while (elapsed >= length && index < last) {
    elapsed -= length;
    index++;
    length = (levels[index] as StructureLevel).durationMs;
  }
  if (elapsed >= length) {
    return { levelIndex: index, elapsedMs: length, lengthMs: length, structureFinished: true };
  }
  return { levelIndex: index, elapsedMs: elapsed, lengthMs: length, structureFinished: false };
}

export function computeClock(a: ClockAnchors, s: Structure, now: number): ClockView {
  const p = clockPosition(a, s, now);
  const levels = s.levels;
  const index = p.levelIndex;
  const level = levels[index] as StructureLevel;
  const remaining = p.lengthMs - p.elapsedMs;

  let playNumber = 0;
  for (let i = 0; i <= index; i++) if ((levels[i] as StructureLevel).kind === 'level') playNumber++;

  let nextPlay: PlayLevel | null = null;
  let nextBreak = -1;
  let msToBreak = remaining;
  for (let i = index + 1; i < levels.length; i++) {
    const l = levels[i] as StructureLevel;
    if (l.kind === 'break') {
      nextBreak = i;
      break;
    }
    if (nextPlay === null) nextPlay = l;
    msToBreak += l.durationMs;
  }
  if (nextPlay === null && nextBreak >= 0) {
    for (let i = nextBreak + 1; i < levels.length; i++) {
      const l = levels[i] as StructureLevel;
      if (l.kind === 'level') {
        nextPlay = l;
        break;
      }
    }
  }

  return {
    status: a.status,
    levelIndex: index,
    playLevelNumber: playNumber,
    isBreak: level.kind === 'break',
    level,
    nextLevel: levels[index + 1] ?? null,
    nextPlayLevel: nextPlay,
    elapsedMs: p.elapsedMs,
    remainingMs: remaining,
    msToNextBreak: nextBreak >= 0 ? msToBreak : null,
    nextBreakLevelIndex: nextBreak >= 0 ? nextBreak : null,
    blinds: level.kind === 'level' ? blindsOf(level) : null,
    nextBlinds: nextPlay === null ? null : blindsOf(nextPlay),
    levelEndsAt: a.status === 'running' && !p.structureFinished ? now + remaining : null,
    paused: a.status === 'paused',
    finished: a.status === 'finished',
    structureFinished: p.structureFinished,
  };
}

function blindsOf(l: PlayLevel): Blinds {
  return { smallBlind: l.smallBlind, bigBlind: l.bigBlind, ante: l.ante, bigBlindAnte: l.bigBlindAnte };
}
