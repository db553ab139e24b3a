/**
 * A league: a season of a venue's tournaments scored by one points formula, with tiebreaks,
 * dropped results and a season-finals cut. Pure data; the rules are in ./standings.ts.
 */

import type { Td3FormulaVars } from '../td3/formula.ts';
import type { BuiltinFormulaName } from '../td3/points.ts';

/** Built-in formulas by name (engine/td3/points.ts), or a TD3 formula the club wrote. */
export type LeagueFormula =
  | { readonly kind: 'builtin'; readonly name: BuiltinFormulaName }
  | { readonly kind: 'td3'; readonly text: string };

/**
 * How players who are level on points are told apart, in the order given:
 * - bestFinish: the better best place;
 * - wins: more first places;
 * - eventsPlayed: more events played;
 * - mostRecent: the better place in the newest event where the two differ (playing beats not playing).
 */
export const TIEBREAKS = ['bestFinish', 'wins', 'eventsPlayed', 'mostRecent'] as const;
export type Tiebreak = (typeof TIEBREAKS)[number];

/**
 * Which results count: all; only a player's best `n`; or all but the `n` worst of the season's
 * events, where an event a player missed counts as one of their worst (scored 0), so the
 * regulars and the occasional player are measured over the same number of nights.
 */
export type Counting =
  | { readonly mode: 'all' }
  | { readonly mode: 'best'; readonly n: number }
  | { readonly mode: 'dropWorst'; readonly n: number };

/** Who goes to the season final: the top `top` (ties at the cut go too) and/or who played `minEvents`. */
export interface Finals {
  readonly top: number | null;
  readonly minEvents: number | null;
}

export interface Season {
  readonly name: string;
  /** First and last day (YYYY-MM-DD, the venue's time zone), both counted; null = open. */
  readonly startsOn: string | null;
  readonly endsOn: string | null;
}

export interface LeagueConfig {
  readonly name: string;
  readonly season: Season;
  readonly formula: LeagueFormula;
  /**
   * An imported TD3 tournament is scored by the formula saved in its file (as TD3 itself
   * scored it), not the league's; Felt's own tournaments always use the league's.
   */
  readonly useFileFormulas: boolean;
  /** TD3's manual PointsAdjustment is added to the formula's points (TD3 does so in its standings). */
  readonly applyAdjustments: boolean;
  readonly tiebreaks: readonly Tiebreak[];
  readonly counting: Counting;
  readonly finals: Finals;
  /** Standings shown on the venue's public page. */
  readonly public: boolean;
}

/** One player's line of one tournament, as the points formula needs it. */
export interface ResultRow {
  /** Who the player is across tournaments: the venue's player id (TD3 imports: mapped). */
  readonly playerKey: string;
  readonly name: string;
  /** Place among the tournament's players (re-entries folded into one player); ties share. */
  readonly place: number;
  readonly vars: Td3FormulaVars;
  /** TD3's PointsAdjustment (0 for Felt tournaments). */
  readonly adjustment: number;
}

/** A finished tournament's results as a league records them. */
export interface TournamentResult {
  readonly tournamentId: string;
  readonly name: string;
  /** When it finished (epoch ms): season dates and "most recent" are read from it. */
  readonly at: number;
  readonly source: 'felt' | 'td3';
  /** The TD3 file's own points formula (TD3 imports), else null. */
  readonly fileFormula: string | null;
  readonly rows: readonly ResultRow[];
}

/** One tournament in a player's season. */
export interface PlayerResult {
  readonly tournamentId: string;
  readonly place: number;
  readonly points: number;
  /** Left out of the total by the counting rule. */
  readonly dropped: boolean;
}

export interface StandingRow {
  /** 1 + players strictly ahead: players level on points and every tiebreak share a rank. */
  readonly rank: number;
  readonly playerKey: string;
  readonly name: string;
  readonly total: number;
  readonly played: number;
  readonly wins: number;
  readonly bestFinish: number;
  readonly qualified: boolean;
  /** Newest first. */
  readonly results: readonly PlayerResult[];
}

export interface LeagueStandings {
  /** The season's tournaments counted, newest first. */
  readonly tournaments: readonly { id: string; name: string; at: number; players: number }[];
  /** Recorded tournaments left out because they finished outside the season's dates. */
  readonly outOfSeason: readonly string[];
  readonly rows: readonly StandingRow[];
  /** Points a formula could not give (the player scored 0 there), for the TD to fix. */
  readonly problems: readonly { tournamentId: string; playerKey: string; message: string }[];
}
