/**
 * Level numbering. TDs count play levels only ("level 7"), while the structure and the clock
 * index every entry including breaks; these helpers translate between the two.
 */
import type { PlayLevel, Structure } from './types.ts';

/**
 * 1-based count of play levels up to and including `levelIndex`. A break returns the number
 * of the play level before it (0 for a break before any play level).
 */
export function playLevelNumber(s: Structure, levelIndex: number): number {
  let n = 0;
  const end = Math.min(levelIndex, s.levels.length - 1);
  for (let i = 0; i <= end; i++) if (s.levels[i]?.kind === 'level') n++;
  return n;
}

/** Index in `s.levels` of play level `n` (1-based), or -1 when there is no such level. */
export function levelIndexOfPlayLevel(s: Structure, n: number): number {
  if (!Number.isInteger(n) || n < 1) return -1;
  let count = 0;
  for (let i = 0; i < s.levels.length; i++) {
    if (s.levels[i]?.kind === 'level') {
      count++;
      if (count === n) return i;
    }
  }
  return -1;
}

/** Number of play levels (breaks excluded). */
export function playLevelCount(s: Structure): number {
  let n = 0;
  for (const level of s.levels) if (level.kind === 'level') n++;
  return n;
}

/** The first play level strictly after `levelIndex`, with its index, or null. */
export function nextPlayLevelAfter(
  s: Structure,
  levelIndex: number,
): { readonly index: number; readonly level: PlayLevel } | null {
  for (let i = Math.max(0, levelIndex + 1); i < s.levels.length; i++) {
    const level = s.levels[i];
    if (level?.kind === 'level') return { index: i, level };
  }
  return null;
}

/** Index of the first break strictly after `levelIndex`, or -1. */
export function nextBreakIndexAfter(s: Structure, levelIndex: number): number {
  for (let i = Math.max(0, levelIndex + 1); i < s.levels.length; i++) {
    if (s.levels[i]?.kind === 'break') return i;
  }
  return -1;
}

/** How a TD names the entry at `levelIndex`: "Level 7" or "Break after level 4". */
export function levelLabel(s: Structure, levelIndex: number): string {
  const n = playLevelNumber(s, levelIndex);
  if (s.levels[levelIndex]?.kind === 'break')
    return n === 0 ? 'Break before level 1' : `Break after level ${n}`;
  return `Level ${n}`;
}

/** Total duration of levels [from, to) in ms. */
export function durationBetween(s: Structure, from: number, to: number): number {
  let ms = 0;
  for (let i = Math.max(0, from); i < Math.min(to, s.levels.length); i++) ms += s.levels[i]?.durationMs ?? 0;
  return ms;
}

export const MINUTE_MS = 60_000;

/** Minutes to ms, for writing structures readably. */
export function minutes(n: number): number {
  return n * MINUTE_MS;
}
