/**
 * Structure validation. Every problem is a DomainError with a stable code and a message that
 * names the level the way a TD does ("Level 7: big blind 400 is lower than level 6's 500").
 */
import { assertNever, DomainError } from '../core/errors.ts';
import { chipsInPlayAt, formatChips, isPostable } from './chips.ts';
import { levelIndexOfPlayLevel, levelLabel, playLevelCount } from './levels.ts';
import type { PlayLevel, Structure } from './types.ts';

/** The first problem with a structure, or null when it can be played. */
export function validateStructure(s: Structure): DomainError | null {
  return structureProblems(s)[0] ?? null;
}

/** Every problem with a structure, in level order (for an editor that shows them all). */
export function structureProblems(s: Structure): DomainError[] {
  const problems: DomainError[] = [];
  problems.push(...chipSetProblems(s));
  if (s.levels.length === 0) {
    problems.push(new DomainError('STRUCTURE_NO_LEVELS', 'The structure has no levels', {}));
    return problems;
  }
  const plays = playLevelCount(s);
  if (plays === 0) {
    problems.push(new DomainError('STRUCTURE_NO_PLAY_LEVELS', 'The structure has only breaks', {}));
  }
  // Chip problems make every postability check meaningless; report them alone.
  if (problems.length > 0) return problems;

  let previous: { readonly level: PlayLevel; readonly number: number } | null = null;
  let playNumber = 0;
  const inPlay = new Set(chipsInPlayAt(s, 0));
  for (let i = 0; i < s.levels.length; i++) {
    const level = s.levels[i];
    if (level === undefined) continue;
    const label = levelLabel(s, i);
    if (!Number.isInteger(level.durationMs) || level.durationMs <= 0) {
      problems.push(
        new DomainError('STRUCTURE_BAD_DURATION', `${label}: the duration must be more than 0 minutes`, {
          levelIndex: i,
          durationMs: level.durationMs,
        }),
      );
    }
    switch (level.kind) {
      case 'break': {
        for (const value of level.colorUp ?? []) {
          if (!inPlay.has(value)) {
            problems.push(
              new DomainError(
                'STRUCTURE_BAD_COLOR_UP',
                `${label}: cannot colour up ${formatChips(value)} chips, they are not in play`,
                { levelIndex: i, chip: value },
              ),
            );
          }
          inPlay.delete(value);
        }
        if (inPlay.size === 0) {
          problems.push(
            new DomainError('STRUCTURE_BAD_COLOR_UP', `${label}: the colour-up leaves no chips in play`, {
              levelIndex: i,
            }),
          );
          return problems;
        }
        break;
      }
      case 'level': {
        playNumber++;
        const smallest = Math.min(...inPlay);
        problems.push(...playLevelProblems(level, label, i, smallest));
        if (previous !== null) problems.push(...decreaseProblems(level, previous, playNumber, i));
        previous = { level, number: playNumber };
        break;
      }
      default:
        assertNever(level, 'structure level');
    }
  }
  problems.push(...stackProblems(s));
  problems.push(...windowProblems(s, plays));
  return problems;
}

function chipSetProblems(s: Structure): DomainError[] {
  if (s.chipSet.chips.length === 0) {
    return [new DomainError('STRUCTURE_NO_CHIPS', 'The chip set has no chips', {})];
  }
  const out: DomainError[] = [];
  const seen = new Set<number>();
  for (const chip of s.chipSet.chips) {
    if (!Number.isInteger(chip.value) || chip.value <= 0) {
      out.push(
        new DomainError('STRUCTURE_BAD_CHIP', `Chip value ${chip.value} must be a whole number above 0`, {
          chip: chip.value,
        }),
      );
    } else if (seen.has(chip.value)) {
      out.push(
        new DomainError('STRUCTURE_BAD_CHIP', `The chip set lists ${formatChips(chip.value)} twice`, {
          chip: chip.value,
        }),
      );
    }
    seen.add(chip.value);
  }
  return out;
}

function playLevelProblems(level: PlayLevel, label: string, i: number, smallest: number): DomainError[] {
  const out: DomainError[] = [];
  const amounts = [
    ['small blind', level.smallBlind],
    ['big blind', level.bigBlind],
    ['ante', level.ante],
    ['big-blind ante', level.bigBlindAnte],
  ] as const;
  for (const [what, amount] of amounts) {
    if (!Number.isInteger(amount) || amount < 0) {
      const code =
        what === 'ante' || what === 'big-blind ante' ? 'STRUCTURE_NEGATIVE_ANTE' : 'STRUCTURE_BAD_BLIND';
      out.push(
        new DomainError(code, `${label}: ${what} ${amount} must be a whole number of chips, 0 or more`, {
          levelIndex: i,
          [camel(what)]: amount,
        }),
      );
    }
  }
  if (out.length > 0) return out;
  if (level.bigBlind <= 0 || level.smallBlind <= 0) {
    out.push(
      new DomainError('STRUCTURE_BAD_BLIND', `${label}: the blinds must be more than 0`, {
        levelIndex: i,
        smallBlind: level.smallBlind,
        bigBlind: level.bigBlind,
      }),
    );
  }
  if (level.bigBlind < level.smallBlind) {
    out.push(
      new DomainError(
        'STRUCTURE_BB_BELOW_SB',
        `${label}: big blind ${formatChips(level.bigBlind)} is lower than the small blind ${formatChips(level.smallBlind)}`,
        { levelIndex: i, smallBlind: level.smallBlind, bigBlind: level.bigBlind },
      ),
    );
  }
  if (level.ante > 0 && level.bigBlindAnte > 0) {
    out.push(
      new DomainError(
        'STRUCTURE_TWO_ANTES',
        `${label}: has both an ante and a big-blind ante; use one or the other`,
        { levelIndex: i, ante: level.ante, bigBlindAnte: level.bigBlindAnte },
      ),
    );
  }
  for (const [what, amount] of amounts) {
    if (!isPostable(amount, smallest)) {
      out.push(
        new DomainError(
          'STRUCTURE_NOT_POSTABLE',
          `${label}: ${what} ${formatChips(amount)} cannot be posted with the chips in play (smallest chip ${formatChips(smallest)})`,
          { levelIndex: i, [camel(what)]: amount, smallestChip: smallest },
        ),
      );
    }
  }
  return out;
}

function decreaseProblems(
  level: PlayLevel,
  previous: { readonly level: PlayLevel; readonly number: number },
  playNumber: number,
  i: number,
): DomainError[] {
  const out: DomainError[] = [];
  const pairs = [
    ['small blind', level.smallBlind, previous.level.smallBlind],
    ['big blind', level.bigBlind, previous.level.bigBlind],
  ] as const;
  for (const [what, now, before] of pairs) {
    if (now < before) {
      out.push(
        new DomainError(
          'STRUCTURE_BLINDS_DECREASE',
          `Level ${playNumber}: ${what} ${formatChips(now)} is lower than level ${previous.number}'s ${formatChips(before)}`,
          { levelIndex: i, level: playNumber, [camel(what)]: now, previous: before },
        ),
      );
    }
  }
  return out;
}

/**
 * The starting stack must be postable at the start and, because late entrants receive the
 * same stack, through the end of late registration (a colour-up before then would hand out
 * chips that no longer exist).
 */
function stackProblems(s: Structure): DomainError[] {
  if (!Number.isInteger(s.startingStack) || s.startingStack <= 0) {
    return [
      new DomainError(
        'STRUCTURE_BAD_STACK',
        `Starting stack ${s.startingStack} must be a whole number above 0`,
        {
          startingStack: s.startingStack,
        },
      ),
    ];
  }
  const lastIssueLevel = s.lateRegUntilLevel === null ? 1 : s.lateRegUntilLevel;
  const lastIndex = levelIndexOfPlayLevel(s, lastIssueLevel);
  const smallest = Math.min(...chipsInPlayAt(s, Math.max(lastIndex, 0)));
  if (!isPostable(s.startingStack, smallest)) {
    const when =
      s.lateRegUntilLevel === null
        ? 'at the start'
        : `until late registration ends (level ${lastIssueLevel})`;
    return [
      new DomainError(
        'STRUCTURE_STACK_NOT_POSTABLE',
        `Starting stack ${formatChips(s.startingStack)} cannot be made with the chips in play ${when} (smallest chip ${formatChips(smallest)})`,
        { startingStack: s.startingStack, smallestChip: smallest },
      ),
    ];
  }
  return [];
}

function windowProblems(s: Structure, plays: number): DomainError[] {
  const out: DomainError[] = [];
  const windows = [
    ['Late registration', 'lateRegUntilLevel', s.lateRegUntilLevel],
    ['Rebuys', 'rebuyUntilLevel', s.rebuyUntilLevel],
    ['The add-on', 'addOnAtLevel', s.addOnAtLevel],
  ] as const;
  for (const [what, field, value] of windows) {
    if (value === null) continue;
    if (!Number.isInteger(value) || value < 1 || value > plays) {
      out.push(
        new DomainError(
          'STRUCTURE_LEVEL_OUT_OF_RANGE',
          `${what} is set to level ${value}, but the structure has play levels 1 to ${plays}`,
          { field, level: value, playLevels: plays },
        ),
      );
    }
  }
  return out;
}

function camel(what: string): string {
  return what.replace(/[- ](\w)/g, (_, c: string) => c.toUpperCase());
}
