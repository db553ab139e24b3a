/**
 * Shootout tournaments (shootout.ts has the rules): every table plays down to its winners
 * (`advancePerTable`) with no balancing and no table breaking; the winners are redrawn for the
 * next round. Kept apart from types.ts so the vocabulary reads in one place; types.ts puts
 * these into its unions.
 */

// ---- configuration --------------------------------------------------------------------------

export interface ShootoutConfig {
  /** Players each table sends to the next round (1 = a single-table winner). */
  readonly advancePerTable: number;
}

// ---- commands -------------------------------------------------------------------------------

/** Every table of the round is won: redraw the winners at random onto the next round's tables. */
export interface StartNextRound {
  readonly type: 'StartNextRound';
}

// ---- events ---------------------------------------------------------------------------------

interface Base {
  readonly at: number;
  readonly actor: string;
  readonly commandId: string;
}

/** A bust left a shootout table with its winners: the table stops (part of the bust's command). */
export interface TableWon extends Base {
  readonly type: 'TableWon';
  readonly round: number;
  readonly tableId: string;
  readonly tableName: string;
  /** Entry ids still in at the table, who go through to the next round. */
  readonly winners: readonly string[];
}

/** The winners were redrawn for `round`; `fixed` = another shootout round (tables stay as drawn). */
export interface ShootoutRoundStarted extends Base {
  readonly type: 'ShootoutRoundStarted';
  readonly round: number;
  readonly fixed: boolean;
  /** The round's tables (one: the final, played as a normal tournament). */
  readonly tableIds: readonly string[];
  readonly entryIds: readonly string[];
  /** The progress just before, for an undo. */
  readonly previous: ShootoutRound;
}

export type ShootoutEvent = TableWon | ShootoutRoundStarted;

// ---- state ----------------------------------------------------------------------------------

export interface ShootoutRound {
  /** 1-based round being played. */
  readonly round: number;
  /** True while the round is a shootout round: no balancing, no breaking, tables are won. */
  readonly fixed: boolean;
  /** The StartNextRound that began this round; null for round 1. */
  readonly commandId: string | null;
  /** Players the round began with (the last round's winners); null for round 1. */
  readonly players?: number | null;
}

export interface TableWin {
  readonly round: number;
  readonly tableId: string;
  readonly tableName: string;
  readonly winners: readonly string[];
  readonly commandId: string;
  readonly at: number;
}

/** A shootout's progress (absent in states of other tournaments, and before the first win). */
export interface ShootoutProgress extends ShootoutRound {
  /** Every table won so far, all rounds, oldest first. */
  readonly wins: readonly TableWin[];
}
