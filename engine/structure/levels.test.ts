import { describe, expect, it } from 'vitest';
import {
  durationBetween,
  levelIndexOfPlayLevel,
  levelLabel,
  minutes,
  nextBreakIndexAfter,
  nextPlayLevelAfter,
  playLevelCount,
  playLevelNumber,
} from './levels.ts';
import type { Structure, StructureLevel } from './types.ts';

const L = (sb: number): StructureLevel => ({
  kind: 'level',
  smallBlind: sb,
  bigBlind: 2 * sb,
  ante: 0,
  bigBlindAnte: 0,
  durationMs: minutes(20),
});
const B: StructureLevel = { kind: 'break', durationMs: minutes(10) };

// index:          0      1      2  3      4      5  6
const levels = [L(25), L(50), B, L(100), L(150), B, L(200)];
const s: Structure = {
  name: 't',
  game: 'NLHE',
  levels,
  chipSet: { chips: [{ value: 25, color: 'green' }] },
  startingStack: 10_000,
  lateRegUntilLevel: null,
  rebuyUntilLevel: null,
  addOnAtLevel: null,
};

describe('level numbering', () => {
  it('given breaks between levels, when numbering, then play levels count 1, 2, 3 … skipping breaks', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => playLevelNumber(s, i))).toEqual([1, 2, 2, 3, 4, 4, 5]);
  });
  it('given a play level number, then its index is found, and -1 when there is none', () => {
    expect([1, 2, 3, 4, 5].map((n) => levelIndexOfPlayLevel(s, n))).toEqual([0, 1, 3, 4, 6]);
    expect(levelIndexOfPlayLevel(s, 0)).toBe(-1);
    expect(levelIndexOfPlayLevel(s, 6)).toBe(-1);
  });
  it('round-trips: the play level number of the index of level n is n', () => {
    for (let n = 1; n <= playLevelCount(s); n++)
      expect(playLevelNumber(s, levelIndexOfPlayLevel(s, n))).toBe(n);
  });
  it('labels levels and breaks as a TD says them', () => {
    expect(levelLabel(s, 3)).toBe('Level 3');
    expect(levelLabel(s, 5)).toBe('Break after level 4');
    expect(levelLabel({ ...s, levels: [B, L(25)] }, 0)).toBe('Break before level 1');
  });
  it('finds the next play level and next break after an index', () => {
    expect(nextPlayLevelAfter(s, 1)?.index).toBe(3);
    expect(nextPlayLevelAfter(s, 6)).toBe(null);
    expect(nextBreakIndexAfter(s, 2)).toBe(5);
    expect(nextBreakIndexAfter(s, 5)).toBe(-1);
  });
  it('sums durations of a range of levels', () => {
    expect(durationBetween(s, 0, 3)).toBe(minutes(50));
    expect(durationBetween(s, 0, 99)).toBe(minutes(20 * 5 + 10 * 2));
  });
});
