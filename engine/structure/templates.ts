/**
 * Built-in structures a TD can pick and adjust. All use the standard 25-and-up chip set and
 * the printed ladder below; they differ in stack depth, level length, antes and windows,
 * the way casino schedules do. Amounts in DKK øre (180 DKK = 18_000).
 */
import type { Minor } from '../money/types.ts';
import { type AnteKind, assembleStructure } from './assemble.ts';
import { STANDARD_CHIP_SET } from './chips.ts';
import type { Structure } from './types.ts';

export interface StructureTemplate {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly structure: Structure;
  /** Price of one entry in minor units: prize-pool part, house fee, bounty. */
  readonly entry: { readonly buyIn: Minor; readonly fee: Minor; readonly bounty: Minor };
}

/**
 * Small blinds of the common 25-chip ladder (big blind = 2 × small blind): the "25 chip and
 * up" standard structure on Pokerchipforum
 * (https://www.pokerchipforum.com/threads/standard-blinds-structures-and-starting-stacks.6649/)
 * for the early levels, and the WPT Tournament of Champions sheet (75/150 … 50,000/100,000)
 * for the later ones, extended by the same steps.
 */
export const STANDARD_LADDER: readonly number[] = [
  25, 50, 75, 100, 150, 200, 250, 300, 400, 500, 600, 800, 1000, 1200, 1500, 2000, 2500, 3000, 4000, 5000,
  6000, 8000, 10000, 12000, 15000, 20000, 25000, 30000, 40000, 50000, 60000, 80000, 100000, 150000, 200000,
  250000, 300000, 400000, 500000,
];

interface LadderTemplate {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly startingStack: number;
  readonly firstSmallBlind: number;
  readonly playLevels: number;
  readonly levelMinutes: number;
  readonly breakEveryLevels: number;
  readonly breakMinutes: number;
  readonly ante: AnteKind;
  readonly anteFromLevel: number;
  readonly lateRegUntilLevel: number | null;
  readonly rebuyUntilLevel?: number | null;
  readonly addOnAtLevel?: number | null;
  readonly buyIn: Minor;
  readonly fee: Minor;
  readonly bounty?: Minor;
}

function fromLadder(t: LadderTemplate): StructureTemplate {
  const start = STANDARD_LADDER.indexOf(t.firstSmallBlind);
  const smallBlinds = STANDARD_LADDER.slice(start, start + t.playLevels);
  if (start < 0 || smallBlinds.length < t.playLevels) throw new Error(`template ${t.id}: ladder too short`);
  const structure = assembleStructure({
    name: t.name,
    chipSet: STANDARD_CHIP_SET,
    startingStack: t.startingStack,
    smallBlinds,
    levelMinutes: t.levelMinutes,
    breakEveryLevels: t.breakEveryLevels,
    breakMinutes: t.breakMinutes,
    ante: t.ante,
    anteFromLevel: t.anteFromLevel,
    lateRegUntilLevel: t.lateRegUntilLevel,
    rebuyUntilLevel: t.rebuyUntilLevel ?? null,
    addOnAtLevel: t.addOnAtLevel ?? null,
  });
  return deepFreeze({
    id: t.id,
    name: t.name,
    description: t.description,
    structure,
    entry: { buyIn: t.buyIn, fee: t.fee, bounty: t.bounty ?? 0 },
  });
}

export const TEMPLATES: readonly StructureTemplate[] = Object.freeze([
  // Casino hyper-turbos: ~100 big blinds, 10-minute levels, big-blind ante from the start,
  // about 3 hours for 50–100 players.
  fromLadder({
    id: 'hyper',
    name: 'Hyper turbo',
    description:
      '10,000 chips, 50/100 start, 10-minute levels, big-blind ante, late registration until level 6',
    startingStack: 10_000,
    firstSmallBlind: 50,
    playLevels: 30,
    levelMinutes: 10,
    breakEveryLevels: 6,
    breakMinutes: 5,
    ante: 'bba',
    anteFromLevel: 1,
    lateRegUntilLevel: 6,
    buyIn: 9_000,
    fee: 1_000,
  }),
  // Turbo: 15-minute levels with classic antes from level 4, as on pre-BBA casino turbo sheets.
  fromLadder({
    id: 'turbo',
    name: 'Turbo',
    description:
      '15,000 chips, 50/100 start, 15-minute levels, antes from level 4, late registration until level 8',
    startingStack: 15_000,
    firstSmallBlind: 50,
    playLevels: 32,
    levelMinutes: 15,
    breakEveryLevels: 6,
    breakMinutes: 10,
    ante: 'classic',
    anteFromLevel: 4,
    lateRegUntilLevel: 8,
    buyIn: 27_000,
    fee: 3_000,
  }),
  // Regular: the 20-minute, 200-big-blind evening tournament most clubs run.
  fromLadder({
    id: 'regular',
    name: 'Regular',
    description:
      '20,000 chips, 50/100 start, 20-minute levels, big-blind ante from level 3, late registration until level 8',
    startingStack: 20_000,
    firstSmallBlind: 50,
    playLevels: 34,
    levelMinutes: 20,
    breakEveryLevels: 4,
    breakMinutes: 10,
    ante: 'bba',
    anteFromLevel: 3,
    lateRegUntilLevel: 8,
    buyIn: 45_000,
    fee: 5_000,
  }),
  // Deep stack: 400 big blinds and 30-minute levels, in the style of the WSOP daily
  // deepstacks and the WPT Tournament of Champions (50,000 chips, 75/150 start).
  fromLadder({
    id: 'deep-stack',
    name: 'Deep stack',
    description:
      '40,000 chips, 50/100 start, 30-minute levels, big-blind ante, 15-minute breaks every 2 hours, late registration until level 10',
    startingStack: 40_000,
    firstSmallBlind: 50,
    playLevels: 36,
    levelMinutes: 30,
    breakEveryLevels: 4,
    breakMinutes: 15,
    ante: 'bba',
    anteFromLevel: 1,
    lateRegUntilLevel: 10,
    buyIn: 90_000,
    fee: 10_000,
  }),
  // The Danish 200-kroner daily: 180 to the pool + 20 fee, rebuys during the first six
  // levels and an add-on at the first break, as Danish club and casino dailies run them.
  fromLadder({
    id: 'daily-200-dkk',
    name: 'Daily 200 DKK',
    description:
      '180 + 20 DKK, 10,000 chips, 25/50 start, 15-minute levels, rebuys until level 6 and an add-on at the break',
    startingStack: 10_000,
    firstSmallBlind: 25,
    playLevels: 32,
    levelMinutes: 15,
    breakEveryLevels: 6,
    breakMinutes: 10,
    ante: 'classic',
    anteFromLevel: 5,
    lateRegUntilLevel: 6,
    rebuyUntilLevel: 6,
    addOnAtLevel: 6,
    buyIn: 18_000,
    fee: 2_000,
  }),
  // Freezeout with big-blind ante equal to the big blind, the format the Borgata Winter
  // Poker Open adopted in 2019 and the WSOP since
  // (https://winterpokeropen.blog.theborgata.com/2019/01/15/event-1a-big-blind-ante-in-play/).
  fromLadder({
    id: 'freezeout-bba',
    name: 'Freezeout, big-blind ante',
    description: '25,000 chips, 100/200 start, 20-minute levels, big-blind ante from level 1, one entry only',
    startingStack: 25_000,
    firstSmallBlind: 100,
    playLevels: 30,
    levelMinutes: 20,
    breakEveryLevels: 5,
    breakMinutes: 10,
    ante: 'bba',
    anteFromLevel: 1,
    lateRegUntilLevel: 6,
    buyIn: 36_000,
    fee: 4_000,
  }),
]);

export function getTemplate(id: string): StructureTemplate | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
