/**
 * Builds a structure from a list of target small blinds: rounds each to a nice amount the
 * chips in play can post, inserts breaks, colours up chips that are no longer needed and
 * sets antes. Shared by the built-in templates (targets from a printed ladder) and the
 * generator (geometric targets).
 */
import { chipValues } from './chips.ts';
import { MINUTE_MS } from './levels.ts';
import { niceFloor, roundToNice } from './nice.ts';
import type { ChipSet, PlayLevel, Structure, StructureLevel } from './types.ts';

export type AnteKind = 'none' | 'bba' | 'classic';

export interface AssembleOptions {
  readonly name: string;
  readonly game?: string;
  readonly chipSet: ChipSet;
  readonly startingStack: number;
  /** Target small blind for each play level; the big blind is always twice the small blind. */
  readonly smallBlinds: readonly number[];
  readonly levelMinutes: number;
  /** A break after every this many play levels; 0 = no breaks. */
  readonly breakEveryLevels: number;
  readonly breakMinutes: number;
  readonly ante: AnteKind;
  /** First play level (1-based) with an ante. */
  readonly anteFromLevel?: number;
  readonly lateRegUntilLevel?: number | null;
  readonly rebuyUntilLevel?: number | null;
  readonly addOnAtLevel?: number | null;
}

/**
 * Colour-up rule: at a break, the smallest chip c goes when the next small blind is at least
 * 20 × c and at least twice the next chip up. 20 × matches practice (25s leave around
 * 300/600–500/1,000, 100s around 2,000/4,000, 500s around 10,000/20,000; see the WPT
 * Tournament of Champions sheet "remove 25 chips … remove 100 chips … remove 500 chips"), and
 * by then a small blind of 20 chips is a handful of the next colour, so nothing is lost
 * making change. A chip is never removed while late registration is open if the starting
 * stack could not be handed out without it, and the last chip always stays.
 */
export const COLOR_UP_RATIO = 20;

export function assembleStructure(o: AssembleOptions): Structure {
  const inPlay = chipValues(o.chipSet);
  const levels: StructureLevel[] = [];
  const anteFrom = o.anteFromLevel ?? 1;
  const lateReg = o.lateRegUntilLevel ?? null;
  let previousSb = 0;
  for (let n = 0; n < o.smallBlinds.length; n++) {
    const target = o.smallBlinds[n] as number;
    if (n > 0 && o.breakEveryLevels > 0 && n % o.breakEveryLevels === 0) {
      const colorUp: number[] = [];
      while (inPlay.length >= 2) {
        const chip = inPlay[0] as number;
        const next = inPlay[1] as number;
        const stackNeedsChip = lateReg !== null && n < lateReg && o.startingStack % next !== 0;
        if (target < COLOR_UP_RATIO * chip || target < 2 * next || stackNeedsChip) break;
        colorUp.push(chip);
        inPlay.shift();
      }
      levels.push({
        kind: 'break',
        durationMs: o.breakMinutes * MINUTE_MS,
        ...(colorUp.length > 0 ? { colorUp } : {}),
      });
    }
    const chip = inPlay[0] as number;
    const sb = roundToNice(target, chip, previousSb);
    previousSb = sb;
    const bb = 2 * sb;
    const withAnte = n + 1 >= anteFrom;
    const level: PlayLevel = {
      kind: 'level',
      smallBlind: sb,
      bigBlind: bb,
      ante: withAnte && o.ante === 'classic' ? classicAnte(bb, chip) : 0,
      bigBlindAnte: withAnte && o.ante === 'bba' ? bb : 0,
      durationMs: o.levelMinutes * MINUTE_MS,
    };
    levels.push(level);
  }
  return {
    name: o.name,
    game: o.game ?? "No Limit Hold'em",
    levels,
    chipSet: o.chipSet,
    startingStack: o.startingStack,
    lateRegUntilLevel: lateReg,
    rebuyUntilLevel: o.rebuyUntilLevel ?? null,
    addOnAtLevel: o.addOnAtLevel ?? null,
  };
}

/**
 * A per-player ante of about an eighth of the big blind (100/200 ante 25, 400/800 ante 100,
 * 1,000/2,000 ante 250 … as on pre-2018 casino sheets such as the WSOP's 12.5 % antes),
 * rounded down to a nice multiple of the smallest chip.
 */
export function classicAnte(bigBlind: number, smallestChip: number): number {
  return niceFloor(bigBlind / 8, smallestChip);
}
