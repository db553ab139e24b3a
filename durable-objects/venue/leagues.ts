/**
 * A venue's leagues and the results they count, on the VenueStore: the rules for creating,
 * editing, deleting (kept, so an undo restores it) and attaching tournaments, and recording a
 * finished tournament's results once for every league that counts it. The VenueDO wraps each
 * of these in its permission check; the standings themselves are engine/league's.
 *
 * Results are kept per tournament, not per league: a night in two leagues (the season and a
 * "high-roller" league) is recorded once and each league scores it its own way.
 */
import { assertNever } from '../../engine/core/errors.ts';
import { checkLeagueConfig } from '../../engine/league/config.schema.ts';
import { leagueStandings } from '../../engine/league/standings.ts';
import type { LeagueConfig, LeagueStandings, TournamentResult } from '../../engine/league/types.ts';
import type { NameDisplay } from '../../engine/players/types.ts';
import { publishedName } from '../../engine/publish/publish.ts';
import { notFound, VenueError } from './answer.ts';
import type { Publishing } from './model.ts';
import type { VenueStore } from './venue-store.ts';

export interface LeagueRecord {
  readonly id: string;
  readonly config: LeagueConfig;
  /** Tournaments counted, in the order they were attached. */
  readonly tournamentIds: readonly string[];
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Deleted leagues are kept so the TD's undo can bring them back. */
  readonly deletedAt: number | null;
}

export type RecordedResult = TournamentResult & { readonly id: string };

/** What the console shows for a league: its record and its standings. */
export interface LeagueWithStandings {
  readonly league: LeagueRecord;
  readonly standings: LeagueStandings;
  /** Attached tournaments not finished yet (nothing recorded for them). */
  readonly pending: readonly { id: string; name: string; status: string }[];
}

/** A venue keeps a season's worth of leagues comfortably in one DO's memory. */
export const MAX_LEAGUES = 100;
export const MAX_TOURNAMENTS_PER_LEAGUE = 500;

export function liveLeague(store: VenueStore, leagueId: string): LeagueRecord {
  const l = store.leagues.get(leagueId);
  if (!l || l.deletedAt !== null) throw notFound('league', leagueId);
  return l;
}

export function listLeagues(store: VenueStore): LeagueRecord[] {
  return [...store.leagues.values()]
    .filter((l) => l.deletedAt === null)
    .sort((a, b) => b.createdAt - a.createdAt);
}

/** A checked new league (its formula must score a sample field). */
export function newLeague(store: VenueStore, id: string, config: LeagueConfig, now: number): LeagueRecord {
  if (listLeagues(store).length >= MAX_LEAGUES)
    throw new VenueError(409, 'TOO_MANY_LEAGUES', `A venue keeps at most ${MAX_LEAGUES} leagues`);
  checkLeagueConfig(config);
  return { id, config, tournamentIds: [], createdAt: now, updatedAt: now, deletedAt: null };
}

export function editedLeague(league: LeagueRecord, patch: Partial<LeagueConfig>, now: number): LeagueRecord {
  const config = { ...league.config, ...patch };
  checkLeagueConfig(config);
  return { ...league, config, updatedAt: now };
}

export function restoredLeague(store: VenueStore, leagueId: string, now: number): LeagueRecord {
  const l = store.leagues.get(leagueId);
  if (!l) throw notFound('league', leagueId);
  return { ...l, deletedAt: null, updatedAt: now };
}

export function withTournament(
  store: VenueStore,
  league: LeagueRecord,
  tournamentId: string,
  now: number,
): LeagueRecord {
  if (!store.tournaments.has(tournamentId)) throw notFound('tournament', tournamentId);
  if (league.tournamentIds.includes(tournamentId)) return league;
  if (league.tournamentIds.length >= MAX_TOURNAMENTS_PER_LEAGUE)
    throw new VenueError(
      409,
      'LEAGUE_FULL',
      `A league counts at most ${MAX_TOURNAMENTS_PER_LEAGUE} tournaments`,
    );
  return { ...league, tournamentIds: [...league.tournamentIds, tournamentId], updatedAt: now };
}

export function withoutTournament(league: LeagueRecord, tournamentId: string, now: number): LeagueRecord {
  if (!league.tournamentIds.includes(tournamentId))
    throw new VenueError(
      404,
      'TOURNAMENT_NOT_IN_LEAGUE',
      `Tournament ${tournamentId} is not in this league`,
      {
        tournamentId,
      },
    );
  return { ...league, tournamentIds: league.tournamentIds.filter((t) => t !== tournamentId), updatedAt: now };
}

function counted(store: VenueStore, tournamentId: string): boolean {
  for (const l of store.leagues.values())
    if (l.deletedAt === null && l.tournamentIds.includes(tournamentId)) return true;
  return false;
}

/**
 * What the edge must do about a tournament's recorded results now that its status is
 * `status`: record them (finished, counted by a league, none yet), remove them (the TD undid
 * the finish: they would be stale), or nothing. Idempotent: asked twice, the answer is done.
 */
export function resultsNeed(
  store: VenueStore,
  tournamentId: string,
  status: string,
): 'record' | 'remove' | 'none' {
  const recorded = store.leagueResults.has(tournamentId);
  if (status !== 'finished') return recorded ? 'remove' : 'none';
  return !recorded && counted(store, tournamentId) ? 'record' : 'none';
}

/** The result as kept: dated by when the venue saw the tournament finish (its listing). */
export function recordedResult(store: VenueStore, result: TournamentResult): RecordedResult {
  const listing = store.tournaments.get(result.tournamentId);
  if (!listing) throw notFound('tournament', result.tournamentId);
  const at = result.source === 'felt' && listing.status === 'finished' ? listing.updatedAt : result.at;
  return { ...result, id: result.tournamentId, name: listing.name || result.name, at };
}

export function standingsOf(store: VenueStore, league: LeagueRecord, timeZone: string): LeagueWithStandings {
  const results: TournamentResult[] = [];
  const pending: { id: string; name: string; status: string }[] = [];
  for (const id of league.tournamentIds) {
    const r = store.leagueResults.get(id);
    if (r) results.push(r);
    else {
      const t = store.tournaments.get(id);
      pending.push({ id, name: t?.name ?? id, status: t?.status ?? 'unknown' });
    }
  }
  return { league, standings: leagueStandings(league.config, results, timeZone), pending };
}

/** One public league: names as the venue publishes them, no player ids, no problems. */
export interface PublicLeague {
  readonly id: string;
  readonly name: string;
  readonly season: string;
  readonly finals: LeagueConfig['finals'];
  readonly tournaments: LeagueStandings['tournaments'];
  readonly rows: readonly {
    readonly rank: number;
    readonly name: string;
    readonly total: number;
    readonly played: number;
    readonly qualified: boolean;
    readonly results: readonly { tournamentId: string; place: number; points: number; dropped: boolean }[];
  }[];
}

/**
 * The venue's public leagues: none when the venue does not list its tournaments publicly,
 * else each league marked public, names shown the venue's (or each player's own) way.
 */
export function publicLeagues(
  store: VenueStore,
  publish: Publishing,
  players: Readonly<Record<string, NameDisplay>>,
  timeZone: string,
): PublicLeague[] {
  if (!publish.listed) return [];
  const pub = { publish, players };
  return listLeagues(store)
    .filter((l) => l.config.public)
    .map((l) => {
      const s = standingsOf(store, l, timeZone).standings;
      return {
        id: l.id,
        name: l.config.name,
        season: l.config.season.name,
        finals: l.config.finals,
        tournaments: s.tournaments,
        rows: s.rows.map((r) => ({
          rank: r.rank,
          name: publishedName(pub, r.playerKey, r.name, null),
          total: r.total,
          played: r.played,
          qualified: r.qualified,
          results: r.results,
        })),
      };
    });
}

/** One change a manager makes to a league (each has its undo: the opposite change). */
export type LeagueChange =
  | { readonly kind: 'create'; readonly id: string; readonly config: LeagueConfig }
  | { readonly kind: 'edit'; readonly leagueId: string; readonly patch: Partial<LeagueConfig> }
  | { readonly kind: 'delete'; readonly leagueId: string }
  | { readonly kind: 'restore'; readonly leagueId: string }
  | { readonly kind: 'attach'; readonly leagueId: string; readonly tournamentId: string }
  | { readonly kind: 'detach'; readonly leagueId: string; readonly tournamentId: string };

/** The league after `change`, checked; throws the refusal. */
export function leagueAfter(store: VenueStore, change: LeagueChange, now: number): LeagueRecord {
  switch (change.kind) {
    case 'create':
      if (store.leagues.has(change.id))
        throw new VenueError(409, 'LEAGUE_EXISTS', `A league ${change.id} exists`, { id: change.id });
      return newLeague(store, change.id, change.config, now);
    case 'edit':
      return editedLeague(liveLeague(store, change.leagueId), change.patch, now);
    case 'delete':
      return { ...liveLeague(store, change.leagueId), deletedAt: now, updatedAt: now };
    case 'restore':
      return restoredLeague(store, change.leagueId, now);
    case 'attach':
      return withTournament(store, liveLeague(store, change.leagueId), change.tournamentId, now);
    case 'detach':
      return withoutTournament(liveLeague(store, change.leagueId), change.tournamentId, now);
    default:
      return assertNever(change, 'league change');
  }
}
