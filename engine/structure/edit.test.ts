import { describe, expect, it } from 'vitest';
import { isDomainError } from '../core/errors.ts';
import { editFutureLevels } from './edit.ts';
import { getTemplate } from './templates.ts';
import type { PlayLevel, Structure } from './types.ts';

const regular = getTemplate('regular')?.structure as Structure;

describe('editFutureLevels', () => {
  it('given level index 5 is being played, when later levels change, then the new structure is returned', () => {
    const levels = regular.levels.map((l, i) =>
      i > 5 && l.kind === 'level' ? { ...l, durationMs: 25 * 60_000 } : l,
    );
    const out = editFutureLevels(regular, 5, levels);
    expect(isDomainError(out)).toBe(false);
    expect((out as Structure).levels[6]?.durationMs).toBe(25 * 60_000);
    expect((out as Structure).levels.slice(0, 6)).toEqual(regular.levels.slice(0, 6));
  });

  it('given the current level is changed, then STRUCTURE_PAST_LEVEL_CHANGED names it', () => {
    const levels = [...regular.levels];
    levels[5] = { ...(levels[5] as PlayLevel), durationMs: 1 };
    const out = editFutureLevels(regular, 5, levels);
    expect(isDomainError(out) && out.code).toBe('STRUCTURE_PAST_LEVEL_CHANGED');
    expect(isDomainError(out) && out.message).toBe(
      'Level 5 is being played and cannot be changed; only later levels can be edited',
    );
  });

  it('given an already played level is changed, then STRUCTURE_PAST_LEVEL_CHANGED says it was played', () => {
    const levels = [...regular.levels];
    levels[0] = { ...(levels[0] as PlayLevel), smallBlind: 25 };
    const out = editFutureLevels(regular, 3, levels);
    expect(isDomainError(out) && out.message).toContain('Level 1 has already been played');
  });

  it('given a list shorter than the levels already played, then STRUCTURE_PAST_LEVEL_CHANGED', () => {
    const out = editFutureLevels(regular, 3, regular.levels.slice(0, 2));
    expect(isDomainError(out) && out.code).toBe('STRUCTURE_PAST_LEVEL_CHANGED');
  });

  it('given later levels are removed, then the shorter structure is accepted', () => {
    const out = editFutureLevels(regular, 3, regular.levels.slice(0, 12));
    expect(isDomainError(out)).toBe(false);
    expect((out as Structure).levels).toHaveLength(12);
  });

  it('given the edit makes blinds decrease, then the validation error is returned', () => {
    const levels = [...regular.levels];
    levels[6] = { ...(levels[6] as PlayLevel), smallBlind: 50, bigBlind: 100 };
    const out = editFutureLevels(regular, 5, levels);
    expect(isDomainError(out) && out.code).toBe('STRUCTURE_BLINDS_DECREASE');
  });

  it('given an edit that cuts late registration off the end, then STRUCTURE_LEVEL_OUT_OF_RANGE', () => {
    const out = editFutureLevels(regular, 2, regular.levels.slice(0, 4));
    expect(isDomainError(out) && out.code).toBe('STRUCTURE_LEVEL_OUT_OF_RANGE');
  });

  it('given a current level index outside the structure, then STRUCTURE_BAD_LEVEL_INDEX', () => {
    const out = editFutureLevels(regular, regular.levels.length, regular.levels);
    expect(isDomainError(out) && out.code).toBe('STRUCTURE_BAD_LEVEL_INDEX');
  });
});
