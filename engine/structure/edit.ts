/**
 * Editing a structure while the tournament runs. Only levels after the current one may
 * change: the clock keeps its anchors (current level index and its start time), so as long
 * as the levels up to and including the current one are identical, the current level and its
 * time left stay exactly where they were.
 */
import { DomainError, isDomainError } from '../core/errors.ts';
import { levelLabel } from './levels.ts';
import type { Structure, StructureLevel } from './types.ts';
import { validateStructure } from './validate.ts';

/**
 * Replaces the levels after `currentLevelIndex`. `newLevels` is the full new list of levels:
 * its first `currentLevelIndex + 1` entries must equal the existing ones (they have been
 * played or are being played). The result must validate.
 */
export function editFutureLevels(
  s: Structure,
  currentLevelIndex: number,
  newLevels: readonly StructureLevel[],
): Structure | DomainError {
  if (!Number.isInteger(currentLevelIndex) || currentLevelIndex < 0 || currentLevelIndex >= s.levels.length) {
    return new DomainError(
      'STRUCTURE_BAD_LEVEL_INDEX',
      `There is no level at position ${currentLevelIndex + 1}; the structure has ${s.levels.length}`,
      { currentLevelIndex, levels: s.levels.length },
    );
  }
  for (let i = 0; i <= currentLevelIndex; i++) {
    const before = s.levels[i];
    const after = newLevels[i];
    if (before === undefined || after === undefined || !sameLevel(before, after)) {
      const played = i === currentLevelIndex ? 'is being played' : 'has already been played';
      return new DomainError(
        'STRUCTURE_PAST_LEVEL_CHANGED',
        `${levelLabel(s, i)} ${played} and cannot be changed; only later levels can be edited`,
        { levelIndex: i, currentLevelIndex },
      );
    }
  }
  const edited: Structure = { ...s, levels: [...newLevels] };
  const problem = validateStructure(edited);
  return isDomainError(problem) ? problem : edited;
}

/** Field-by-field equality of two levels (optional fields absent and undefined are equal). */
export function sameLevel(a: StructureLevel, b: StructureLevel): boolean {
  if (a.kind === 'level' && b.kind === 'level') {
    return (
      a.smallBlind === b.smallBlind &&
      a.bigBlind === b.bigBlind &&
      a.ante === b.ante &&
      a.bigBlindAnte === b.bigBlindAnte &&
      a.durationMs === b.durationMs &&
      a.game === b.game
    );
  }
  if (a.kind === 'break' && b.kind === 'break') {
    const ca = a.colorUp ?? [];
    const cb = b.colorUp ?? [];
    return (
      a.durationMs === b.durationMs &&
      a.label === b.label &&
      ca.length === cb.length &&
      ca.every((v, k) => v === cb[k])
    );
  }
  return false;
}
