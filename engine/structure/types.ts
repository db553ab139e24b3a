/**
 * Blind structures: the shared vocabulary of the clock, the decider, the templates and the
 * TD3 importer. All chip amounts are integers (chips); durations are milliseconds.
 */

export interface Chip {
  /** Face value in chips. */
  readonly value: number;
  /** Display colour (CSS colour name or hex). */
  readonly color: string;
  /** Optional name, used by colour-ups ("green 25s"). */
  readonly name?: string;
}

export interface ChipSet {
  readonly chips: readonly Chip[];
}

export interface PlayLevel {
  readonly kind: 'level';
  readonly smallBlind: number;
  readonly bigBlind: number;
  /** Per-player ante (0 when none). */
  readonly ante: number;
  /** Big-blind ante paid by the big blind (0 when none). */
  readonly bigBlindAnte: number;
  readonly durationMs: number;
  /** Game played this level ("No Limit Hold'em"); defaults to the structure's game. */
  readonly game?: string;
}

export interface BreakLevel {
  readonly kind: 'break';
  readonly durationMs: number;
  /** Chip values coloured up (removed from play) during this break. */
  readonly colorUp?: readonly number[];
  readonly label?: string;
}

export type StructureLevel = PlayLevel | BreakLevel;

export interface Structure {
  readonly name: string;
  readonly game: string;
  readonly levels: readonly StructureLevel[];
  readonly chipSet: ChipSet;
  readonly startingStack: number;
  /**
   * Late registration stays open until the end of this play level (1-based count of play
   * levels, as TDs say "late reg until level 6"); null means no late registration.
   */
  readonly lateRegUntilLevel: number | null;
  /** Rebuys allowed until the end of this play level (1-based), null = no rebuys. */
  readonly rebuyUntilLevel: number | null;
  /** Add-on offered at/before the end of this play level (usually the first break), null = none. */
  readonly addOnAtLevel: number | null;
}
