/**
 * A league's standings from its config and the recorded results of its tournaments: points by
 * the TD3 formula evaluator (engine/td3/formula.ts, never eval), the counting rule, ranks with
 * ties after the tiebreaks, and who qualifies for the season final. Pure: the same inputs give
 * the same table, in whatever order the results arrive.
 */
import { DomainError } from '../core/errors.ts';
import { evaluateFormula, parseFormula, type Td3Formula } from '../td3/formula.ts';
import { BUILTIN_FORMULAS } from '../td3/points.ts';
import type {
  Counting,
  LeagueConfig,
  LeagueFormula,
  LeagueStandings,
  PlayerResult,
  StandingRow,
  Tiebreak,
  TournamentResult,
} from './types.ts';

/** The formula's text: a built-in's or the club's own. */
export function formulaText(formula: LeagueFormula): string {
  return formula.kind === 'builtin' ? BUILTIN_FORMULAS[formula.name] : formula.text;
}

/** Points are shown to two decimals; summing floats must not show 12.000000001. */
const round2 = (x: number): number => Math.round(x * 100) / 100;

/** The calendar day of `at` in `timeZone` (YYYY-MM-DD), for the season's dates. */
export function dayIn(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

export function inSeason(config: LeagueConfig, at: number, timeZone: string): boolean {
  const day = dayIn(at, timeZone);
  const { startsOn, endsOn } = config.season;
  return (startsOn === null || day >= startsOn) && (endsOn === null || day <= endsOn);
}

interface Scored {
  readonly tournamentId: string;
  readonly at: number;
  readonly place: number;
  readonly points: number;
}

/** Which of a player's results are dropped (newest-first list in, same order out). */
function droppedFlags(results: readonly Scored[], counting: Counting, events: number): boolean[] {
  const drop =
    counting.mode === 'all'
      ? 0
      : counting.mode === 'best'
        ? Math.max(0, results.length - counting.n)
        : // Missed events are the first to go: only what is left of n comes off played results.
          Math.max(0, Math.min(results.length, counting.n - (events - results.length)));
  // Worst first: fewest points, then the older result (a newer equal result is kept).
  const order = results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.points - b.r.points || a.r.at - b.r.at || a.i - b.i);
  const flags = results.map(() => false);
  for (const { i } of order.slice(0, drop)) flags[i] = true;
  return flags;
}

/** Negative when `a` is ahead of `b` on this tiebreak. */
function compareOn(
  tiebreak: Tiebreak,
  a: StandingRow,
  b: StandingRow,
  newestFirst: readonly string[],
): number {
  switch (tiebreak) {
    case 'bestFinish':
      return a.bestFinish - b.bestFinish;
    case 'wins':
      return b.wins - a.wins;
    case 'eventsPlayed':
      return b.played - a.played;
    case 'mostRecent': {
      const placeIn = (row: StandingRow, id: string) =>
        row.results.find((r) => r.tournamentId === id)?.place ?? Number.POSITIVE_INFINITY;
      for (const id of newestFirst) {
        const pa = placeIn(a, id);
        const pb = placeIn(b, id);
        if (pa !== pb) return pa < pb ? -1 : 1;
      }
      return 0;
    }
    default:
      throw new DomainError('LEAGUE_TIEBREAK', `Unknown tiebreak ${String(tiebreak)}`);
  }
}

/**
 * The standings. `results` are every tournament recorded for the league; those outside the
 * season's dates (in the venue's `timeZone`) are listed apart and not counted.
 */
export function leagueStandings(
  config: LeagueConfig,
  results: readonly TournamentResult[],
  timeZone: string,
): LeagueStandings {
  const counted = results
    .filter((t) => inSeason(config, t.at, timeZone))
    .sort((a, b) => b.at - a.at || (a.tournamentId < b.tournamentId ? -1 : 1));
  const outOfSeason = results.filter((t) => !inSeason(config, t.at, timeZone)).map((t) => t.tournamentId);
  const leagueFormula = parseFormula(formulaText(config.formula));
  const parsedFile = new Map<string, Td3Formula>();
  const problems: { tournamentId: string; playerKey: string; message: string }[] = [];
  const byPlayer = new Map<string, { name: string; scored: Scored[] }>();
  for (const t of counted) {
    let formula = leagueFormula;
    if (config.useFileFormulas && t.fileFormula !== null) {
      try {
        formula = parsedFile.get(t.fileFormula) ?? parseFormula(t.fileFormula);
        parsedFile.set(t.fileFormula, formula);
      } catch (e) {
        problems.push({ tournamentId: t.tournamentId, playerKey: '', message: (e as Error).message });
      }
    }
    for (const row of t.rows) {
      let points = 0;
      try {
        points = evaluateFormula(formula, row.vars) + (config.applyAdjustments ? row.adjustment : 0);
      } catch (e) {
        problems.push({
          tournamentId: t.tournamentId,
          playerKey: row.playerKey,
          message: (e as Error).message,
        });
      }
      const p = byPlayer.get(row.playerKey) ?? { name: row.name, scored: [] };
      p.scored.push({ tournamentId: t.tournamentId, at: t.at, place: row.place, points: round2(points) });
      byPlayer.set(row.playerKey, p);
    }
  }
  const rows: StandingRow[] = [...byPlayer].map(([playerKey, { name, scored }]) => {
    const flags = droppedFlags(scored, config.counting, counted.length);
    const results: PlayerResult[] = scored.map((s, i) => ({
      tournamentId: s.tournamentId,
      place: s.place,
      points: s.points,
      dropped: flags[i] ?? false,
    }));
    return {
      rank: 0,
      playerKey,
      name,
      total: round2(results.reduce((acc, r) => acc + (r.dropped ? 0 : r.points), 0)),
      played: results.length,
      wins: results.filter((r) => r.place === 1).length,
      bestFinish: Math.min(...results.map((r) => r.place)),
      qualified: false,
      results,
    };
  });
  const newestFirst = counted.map((t) => t.tournamentId);
  const ahead = (a: StandingRow, b: StandingRow): number => {
    if (a.total !== b.total) return b.total - a.total;
    for (const tb of config.tiebreaks) {
      const c = compareOn(tb, a, b, newestFirst);
      if (c !== 0) return c;
    }
    return 0;
  };
  rows.sort((a, b) => ahead(a, b) || a.name.localeCompare(b.name) || (a.playerKey < b.playerKey ? -1 : 1));
  const { top, minEvents } = config.finals;
  const ranked: StandingRow[] = [];
  rows.forEach((row, i) => {
    const above = ranked[i - 1];
    // Level with the row above on points and every tiebreak: the same rank.
    const rank = above !== undefined && ahead(rows[i - 1] as StandingRow, row) === 0 ? above.rank : i + 1;
    const qualified =
      (top !== null || minEvents !== null) &&
      (top === null || rank <= top) &&
      (minEvents === null || row.played >= minEvents);
    ranked.push({ ...row, rank, qualified });
  });
  return {
    tournaments: counted.map((t) => ({ id: t.tournamentId, name: t.name, at: t.at, players: t.rows.length })),
    outOfSeason,
    rows: ranked,
    problems,
  };
}
