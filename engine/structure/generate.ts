/**
 * Structure generator: from a starting stack, chip set, level length, expected field and
 * target length, a structure whose blinds grow geometrically so the tournament ends near the
 * target, rounded to amounts the chips in play can post.
 *
 * End model: a tournament is about over when two players remain with ~30 big blinds on
 * average, i.e. when the big blind reaches totalChips / (2 × 30). Pokerchipforum's standard
 * structures note tournaments "are extremely unlikely to last past the level where the big
 * blind equals 4 % of all the chips" (https://www.pokerchipforum.com/threads/standard-blinds-structures-and-starting-stacks.6649/);
 * 1/60 ≈ 1.7 % is the usual heads-up point, well inside that bound.
 */
import { DomainError } from '../core/errors.ts';
import { assembleStructure } from './assemble.ts';
import { chipValues } from './chips.ts';
import { MINUTE_MS } from './levels.ts';
import type { ChipSet, Structure } from './types.ts';
import { validateStructure } from './validate.ts';

export interface GenerateOptions {
  readonly startingStack: number;
  readonly chipSet: ChipSet;
  readonly levelMinutes: number;
  readonly expectedPlayers: number;
  readonly targetHours: number;
  /** A break after every this many play levels; 0 = no breaks. Default: about every 90 minutes. */
  readonly breakEveryLevels?: number;
  /** Default 10. */
  readonly breakMinutes?: number;
  /** Default 'bba' (big-blind ante equal to the big blind from level 1). */
  readonly ante?: 'none' | 'bba';
  readonly name?: string;
  /** Late registration until the end of this play level (default none). */
  readonly lateRegUntilLevel?: number | null;
}

export interface GeneratedStructure {
  readonly structure: Structure;
  /** Time from the start, breaks included, to the end of the level at which the end is expected. */
  readonly estimatedEndMs: number;
  /** Play level number (1-based) at which the end is expected. */
  readonly estimatedLevels: number;
}

/** Average big blinds per player when two remain: the end of the tournament in the model. */
export const END_BIG_BLINDS = 30;
/** Starting depth when the target allows it: 100 big blinds, the common freezeout start. */
const START_BIG_BLINDS = 100;
/** Shallowest start the generator uses to reach a short target: 25 big blinds (hyper). */
const MIN_START_BIG_BLINDS = 25;
/**
 * Slowest useful growth per level: one step of the nice ladder on average (10 steps per
 * decade, 10^(1/10) ≈ 1.26). Slower targets start deeper instead, since rounding to nice
 * values cannot grow more slowly than the ladder.
 */
const MIN_GROWTH = 10 ** (1 / 10);
/** Steepest growth: blinds double every level. */
const MAX_GROWTH = 2;
/** Levels generated beyond the expected end so the clock never runs out. */
const EXTRA_LEVELS_FACTOR = 1.5;
/** Cap on generated play levels, margin included (a 3-day event with 30-minute levels needs ~220). */
const MAX_PLAY_LEVELS = 400;

export function generateStructure(opts: GenerateOptions): GeneratedStructure | DomainError {
  const bad = checkOptions(opts);
  if (bad !== null) return bad;
  const chips = chipValues(opts.chipSet);
  const smallest = chips[0] as number;
  const breakEvery = opts.breakEveryLevels ?? Math.max(2, Math.round(90 / opts.levelMinutes));
  const breakMinutes = opts.breakMinutes ?? 10;
  const levelMs = opts.levelMinutes * MINUTE_MS;
  const breakMs = breakMinutes * MINUTE_MS;

  const totalChips = opts.startingStack * opts.expectedPlayers;
  const endBigBlind = totalChips / (2 * END_BIG_BLINDS);
  const plannedLevels = Math.max(
    2,
    levelsWithin(opts.targetHours * 60 * MINUTE_MS, levelMs, breakEvery, breakMs),
  );
  const steps = plannedLevels - 1;

  const minStartBb = 2 * smallest;
  let startBb = Math.max(minStartBb, opts.startingStack / START_BIG_BLINDS);
  let growth = (endBigBlind / startBb) ** (1 / steps);
  if (growth < MIN_GROWTH) {
    startBb = Math.max(minStartBb, endBigBlind / MIN_GROWTH ** steps);
  } else if (growth > MAX_GROWTH) {
    startBb = Math.max(
      minStartBb,
      Math.min(opts.startingStack / MIN_START_BIG_BLINDS, endBigBlind / MAX_GROWTH ** steps),
    );
  }
  growth = Math.min(MAX_GROWTH, Math.max(1, (endBigBlind / startBb) ** (1 / steps)));

  // Levels the targets need to reach the end (more than planned when growth was capped),
  // plus the margin; rounding to nice values can only make the end come sooner.
  const levelsToEnd = growth > 1 ? Math.ceil(Math.log(endBigBlind / startBb) / Math.log(growth)) + 1 : 1;
  // Late registration must end on a level that exists, with play after it.
  const lateRegFloor = (opts.lateRegUntilLevel ?? 0) + 1;
  const count = Math.max(
    lateRegFloor,
    Math.ceil(EXTRA_LEVELS_FACTOR * (Math.max(plannedLevels, levelsToEnd) + 2)) + 3,
  );
  if (count > MAX_PLAY_LEVELS) return tooManyLevels();
  const smallBlinds: number[] = [];
  for (let n = 0; n < count; n++) smallBlinds.push((startBb * growth ** n) / 2);

  const full = assembleStructure({
    name: opts.name ?? `${opts.levelMinutes}-minute levels, ${opts.expectedPlayers} players`,
    chipSet: opts.chipSet,
    startingStack: opts.startingStack,
    smallBlinds,
    levelMinutes: opts.levelMinutes,
    breakEveryLevels: breakEvery,
    breakMinutes,
    ante: opts.ante ?? 'bba',
    lateRegUntilLevel: opts.lateRegUntilLevel ?? null,
  });

  // Find where the model says the tournament ends, then keep 50 % more play levels.
  let elapsed = 0;
  let plays = 0;
  let endIndex = -1;
  let endMs = 0;
  for (let i = 0; i < full.levels.length; i++) {
    const level = full.levels[i];
    if (level === undefined) continue;
    elapsed += level.durationMs;
    if (level.kind === 'level') {
      plays++;
      if (level.bigBlind >= endBigBlind) {
        endIndex = i;
        endMs = elapsed;
        break;
      }
    }
  }
  if (endIndex < 0) return tooManyLevels();
  const estimatedLevels = plays;
  const keepPlays = Math.max(
    Math.ceil(EXTRA_LEVELS_FACTOR * estimatedLevels),
    estimatedLevels + 3,
    lateRegFloor,
  );
  const levels = trimToPlayLevels(full.levels, keepPlays);
  if (levels.some((l) => l.kind === 'level' && l.bigBlind > Number.MAX_SAFE_INTEGER / 4)) {
    return new DomainError('GENERATOR_BAD_OPTION', 'These options give blinds too large to count', {
      field: 'startingStack',
    });
  }
  const structure: Structure = { ...full, levels };
  const problem = validateStructure(structure);
  if (problem !== null) return problem;
  return { structure, estimatedEndMs: endMs, estimatedLevels };
}

function tooManyLevels(): DomainError {
  return new DomainError(
    'GENERATOR_BAD_OPTION',
    `These options need more than ${MAX_PLAY_LEVELS} levels; use longer levels, a shorter target or fewer players`,
    { field: 'targetHours' },
  );
}

/** Number of play levels until `targetMs` is reached, counting breaks. */
function levelsWithin(targetMs: number, levelMs: number, breakEvery: number, breakMs: number): number {
  let t = 0;
  let n = 0;
  while (t < targetMs && n < MAX_PLAY_LEVELS) {
    if (n > 0 && breakEvery > 0 && n % breakEvery === 0) t += breakMs;
    n++;
    t += levelMs;
  }
  return n;
}

function trimToPlayLevels<T extends { readonly kind: string }>(levels: readonly T[], plays: number): T[] {
  const out: T[] = [];
  let n = 0;
  for (const level of levels) {
    if (level.kind === 'level') {
      if (n === plays) break;
      n++;
    }
    out.push(level);
  }
  // A structure never ends on a break.
  while (out.length > 0 && out[out.length - 1]?.kind !== 'level') out.pop();
  return out;
}

function checkOptions(o: GenerateOptions): DomainError | null {
  const bad = (field: string, message: string): DomainError =>
    new DomainError('GENERATOR_BAD_OPTION', message, { field });
  if (!Number.isInteger(o.startingStack) || o.startingStack <= 0 || o.startingStack > 100_000_000) {
    return bad(
      'startingStack',
      'The starting stack must be a whole number of chips between 1 and 100,000,000',
    );
  }
  if (o.chipSet.chips.length === 0) return bad('chipSet', 'The chip set needs at least one chip');
  const values = o.chipSet.chips.map((c) => c.value);
  if (values.some((v) => !Number.isInteger(v) || v <= 0)) {
    return bad('chipSet', 'Every chip value must be a whole number above 0');
  }
  if (new Set(values).size !== values.length) return bad('chipSet', 'The chip set lists a value twice');
  const smallest = Math.min(...values);
  if (o.startingStack % smallest !== 0) {
    return bad('startingStack', `The starting stack must be a multiple of the smallest chip (${smallest})`);
  }
  if (!Number.isInteger(o.levelMinutes) || o.levelMinutes < 1 || o.levelMinutes > 240) {
    return bad('levelMinutes', 'Levels must last a whole number of minutes from 1 to 240');
  }
  if (!Number.isInteger(o.expectedPlayers) || o.expectedPlayers < 2 || o.expectedPlayers > 100_000) {
    return bad('expectedPlayers', 'Expected players must be a whole number from 2 to 100,000');
  }
  if (!Number.isFinite(o.targetHours) || o.targetHours <= 0 || o.targetHours > 72) {
    return bad('targetHours', 'The target length must be more than 0 and at most 72 hours');
  }
  if (o.breakEveryLevels !== undefined && (!Number.isInteger(o.breakEveryLevels) || o.breakEveryLevels < 0)) {
    return bad('breakEveryLevels', 'Breaks must come every whole number of levels (0 for no breaks)');
  }
  if (
    o.breakMinutes !== undefined &&
    (!Number.isInteger(o.breakMinutes) || o.breakMinutes < 1 || o.breakMinutes > 240)
  ) {
    return bad('breakMinutes', 'Breaks must last a whole number of minutes from 1 to 240');
  }
  if (o.ante !== undefined && o.ante !== 'none' && o.ante !== 'bba') {
    return bad('ante', "The ante must be 'none' or 'bba'");
  }
  if (o.name !== undefined && o.name.trim() === '') return bad('name', 'The name cannot be empty');
  if (
    o.lateRegUntilLevel !== undefined &&
    o.lateRegUntilLevel !== null &&
    (!Number.isInteger(o.lateRegUntilLevel) || o.lateRegUntilLevel < 1)
  ) {
    return bad('lateRegUntilLevel', 'Late registration must end at a play level from 1 up');
  }
  return null;
}
