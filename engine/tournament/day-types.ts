/**
 * Multi-day play inside one tournament: a flight ends its day by bagging (BagChips), and a
 * Day 2 takes its starting field from the flights (CarryEntries). Kept apart from types.ts so
 * the vocabulary of days reads in one place; types.ts puts these into its unions.
 */
import type { ClockAnchors } from '../clock/anchors.ts';
import type { Minor } from '../money/types.ts';
import type { SeatRef } from '../seating/types.ts';

// ---- commands -------------------------------------------------------------------------------

export interface BagCount {
  readonly entryId: string;
  readonly chips: number;
}

/**
 * Ends the flight's day: every entry still in is bagged with its count. Counts entered before
 * with SetChipCount stand unless the command gives another. The bags must add up to the chips
 * in play; a TD who has counted twice (a colour-up race, a chip found under the table) confirms
 * the difference with `confirmMismatch`.
 */
export interface BagChips {
  readonly type: 'BagChips';
  readonly counts?: readonly BagCount[];
  readonly confirmMismatch?: boolean;
}

export interface CarriedInput {
  readonly playerId: string;
  readonly name: string;
  readonly chips: number;
  /** The flight (tournament id) whose bag this stack is. */
  readonly fromFlight: string;
}

/**
 * Day 2 takes its field: one entry per player with the stack they bagged, no buy-in charged;
 * the flights' prize money joins this tournament's pool. Once only (ALREADY_CARRIED), before
 * the start; undoable while nobody has played.
 */
export interface CarryEntries {
  readonly type: 'CarryEntries';
  readonly entries: readonly CarriedInput[];
  /** Prize money the flights carry in (minor units). */
  readonly pool: Minor;
  /** Entries the flights had in all (re-entries counted): sizes the payout table. */
  readonly flightEntries?: number;
}

// ---- events ---------------------------------------------------------------------------------

interface Base {
  readonly at: number;
  readonly actor: string;
  readonly commandId: string;
}

export interface BaggedStack {
  readonly entryId: string;
  readonly playerId: string;
  readonly name: string;
  readonly chips: number;
  /** Where the bag was tagged (null before a draw). */
  readonly seat: SeatRef | null;
  /** The count before the bag, so an undo puts it back. */
  readonly previous: number | null;
  readonly previousAt: number | null;
}

export interface DayBagged extends Base {
  readonly type: 'DayBagged';
  readonly survivors: readonly BaggedStack[];
  readonly total: number;
  readonly chipsInPlay: number;
  readonly confirmedMismatch: boolean;
  /** The flight's prize money (entries less rake, plus added money; no overlay): what it carries. */
  readonly pool: Minor;
  readonly entrants: number;
  readonly clockBefore: ClockAnchors;
  readonly clock: ClockAnchors;
}

export interface CarriedEntry {
  readonly entryId: string;
  readonly number: number;
  readonly playerId: string;
  readonly name: string;
  readonly chips: number;
  readonly fromFlight: string;
}

export interface EntriesCarried extends Base {
  readonly type: 'EntriesCarried';
  readonly entries: readonly CarriedEntry[];
  readonly pool: Minor;
  readonly flightEntries: number;
}

export type DayEvent = DayBagged | EntriesCarried;

// ---- state ----------------------------------------------------------------------------------

/** A bagged flight's day: fixed while the bag stands. */
export interface DayBag {
  readonly commandId: string;
  readonly at: number;
  readonly survivors: readonly Omit<BaggedStack, 'previous' | 'previousAt'>[];
  readonly total: number;
  readonly chipsInPlay: number;
  readonly confirmedMismatch: boolean;
  readonly pool: Minor;
  readonly entrants: number;
}

/** The field a Day 2 took from its flights. */
export interface CarriedField {
  readonly commandId: string;
  readonly at: number;
  readonly entries: readonly CarriedEntry[];
  readonly pool: Minor;
  readonly flightEntries: number;
  readonly chips: number;
}
