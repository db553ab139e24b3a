/**
 * A venue's leagues: create, edit, delete (and restore: the console's undo), attach and detach
 * tournaments, standings; the public leagues' standings. A Felt tournament's results are
 * recorded when it finishes (`syncLeagueResults`, called where the edge learns a status) and
 * when a finished one is attached; a TD3 import's from its file (`recordTd3Results`).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { LeagueChange } from '../../durable-objects/venue/leagues.ts';
import { leagueConfigSchema, leaguePatchSchema } from '../../engine/league/config.schema.ts';
import { type FeltConfig, type FeltStandings, feltResult } from '../../engine/league/felt.ts';
import { td3Result } from '../../engine/league/td3.ts';
import type { LeagueConfig } from '../../engine/league/types.ts';
import type { Td3Tournament } from '../../engine/td3/types.ts';
import type { Env } from '../env.ts';
import { unwrap } from '../http/answers.ts';
import { authenticated, callerOf } from '../http/auth.ts';
import { BEARER, ERRORS, json, jsonRequest, reply, router } from '../http/openapi.ts';
import { AnyObject, opaqueId, VenueParams } from './schemas.ts';
import { tournamentStub, venueStub } from './stubs.ts';

const authed = { security: BEARER, middleware: authenticated, tags: ['leagues'] };

/** Public standings change when a tournament finishes: a minute old is fresh enough for a phone. */
export const PUBLIC_LEAGUES_CACHE = 'public, max-age=60, stale-while-revalidate=300';

const LeagueParams = VenueParams.extend({
  leagueId: opaqueId.openapi({ param: { name: 'leagueId', in: 'path' } }),
});
const LeagueTournamentParams = LeagueParams.extend({
  tournamentId: opaqueId.openapi({ param: { name: 'tournamentId', in: 'path' } }),
});

const LeagueAnswer = z.object({ league: AnyObject });

const list = createRoute({
  ...authed,
  method: 'get',
  path: '/venues/{venueId}/leagues',
  summary: "The venue's leagues, newest first",
  request: { params: VenueParams },
  responses: { 200: json(z.object({ leagues: z.array(AnyObject) }), 'Leagues'), ...ERRORS },
});

const create = createRoute({
  ...authed,
  method: 'post',
  path: '/venues/{venueId}/leagues',
  summary: 'Create a league (its formula is checked on a sample field: a bad formula is a 422 naming where)',
  request: {
    params: VenueParams,
    body: jsonRequest(leagueConfigSchema),
  },
  responses: { 201: json(LeagueAnswer, 'Created'), ...ERRORS },
});

const read = createRoute({
  ...authed,
  method: 'get',
  path: '/venues/{venueId}/leagues/{leagueId}',
  summary: 'A league with its standings (dropped results and qualifiers flagged) and unfinished tournaments',
  request: { params: LeagueParams },
  responses: { 200: json(AnyObject, 'The league and its standings'), ...ERRORS },
});

const edit = createRoute({
  ...authed,
  method: 'patch',
  path: '/venues/{venueId}/leagues/{leagueId}',
  summary: "Change a league's settings (fields given replace the league's)",
  request: {
    params: LeagueParams,
    body: jsonRequest(leaguePatchSchema),
  },
  responses: { 200: json(LeagueAnswer, 'Changed'), ...ERRORS },
});

const remove = createRoute({
  ...authed,
  method: 'delete',
  path: '/venues/{venueId}/leagues/{leagueId}',
  summary: 'Delete a league (kept: POST …/restore brings it back)',
  request: { params: LeagueParams },
  responses: { 200: json(LeagueAnswer, 'Deleted'), ...ERRORS },
});

const restore = createRoute({
  ...authed,
  method: 'post',
  path: '/venues/{venueId}/leagues/{leagueId}/restore',
  summary: 'Bring a deleted league back (the undo of a delete)',
  request: { params: LeagueParams },
  responses: { 200: json(LeagueAnswer, 'Restored'), ...ERRORS },
});

const attach = createRoute({
  ...authed,
  method: 'put',
  path: '/venues/{venueId}/leagues/{leagueId}/tournaments/{tournamentId}',
  summary: "Count one of the venue's tournaments in the league (a finished one's results are recorded now)",
  request: { params: LeagueTournamentParams },
  responses: { 200: json(LeagueAnswer, 'Attached'), ...ERRORS },
});

const detach = createRoute({
  ...authed,
  method: 'delete',
  path: '/venues/{venueId}/leagues/{leagueId}/tournaments/{tournamentId}',
  summary: 'Stop counting a tournament in the league',
  request: { params: LeagueTournamentParams },
  responses: { 200: json(LeagueAnswer, 'Detached'), ...ERRORS },
});

const publicList = createRoute({
  method: 'get',
  path: '/public/venues/{venueId}/leagues',
  tags: ['public'],
  summary: "The venue's public leagues with their standings, names as the venue publishes them",
  request: { params: VenueParams },
  responses: { 200: json(z.object({ leagues: z.array(AnyObject) }), 'The leagues'), ...ERRORS },
});

/** Records or removes a tournament's league results as its status now requires (idempotent). */
export async function syncLeagueResults(
  env: Env,
  venueId: string,
  tournamentId: string,
  status: string,
): Promise<void> {
  const venue = venueStub(env, venueId);
  const need = await venue.leagueResultsNeed(venueId, tournamentId, status);
  if (need === 'remove') unwrap(await venue.removeLeagueResult(venueId, tournamentId));
  if (need === 'record') await recordFeltResults(env, venueId, tournamentId);
}

async function recordFeltResults(env: Env, venueId: string, tournamentId: string): Promise<void> {
  const view = JSON.parse(await tournamentStub(env, venueId, tournamentId).view(tournamentId)) as {
    serverTime: number;
    standings: FeltStandings;
    config: FeltConfig | null;
  };
  if (view.config === null || view.standings.status !== 'finished') return;
  unwrap(
    await venueStub(env, venueId).recordLeagueResult(
      venueId,
      feltResult(view.standings, view.config, view.serverTime),
    ),
  );
}

/**
 * An imported TD3 night's results from its file, players under the venue's ids the import
 * gave them (by name within the file; TD3 names are unique in a night's field).
 */
export async function recordTd3Results(
  env: Env,
  venueId: string,
  tournamentId: string,
  td3: Td3Tournament,
  playerIds: ReadonlyMap<string, string>,
): Promise<void> {
  const result = td3Result(td3, tournamentId, (p) => playerIds.get(p.name) ?? `td3-${p.id}`);
  unwrap(await venueStub(env, venueId).recordLeagueResult(venueId, result));
}

async function change(env: Env, venueId: string, caller: ReturnType<typeof callerOf>, c: LeagueChange) {
  const { league, need } = unwrap(await venueStub(env, venueId).changeLeague(venueId, caller, c));
  if (c.kind === 'attach' && need === 'record') await recordFeltResults(env, venueId, c.tournamentId);
  return { league };
}

export const leagues = router()
  .openapi(list, async (c) => {
    const { venueId } = c.req.valid('param');
    return reply(
      c,
      { leagues: unwrap(await venueStub(c.env, venueId).listLeagues(venueId, callerOf(c))) },
      200,
    );
  })
  .openapi(create, async (c) => {
    const { venueId } = c.req.valid('param');
    const config = c.req.valid('json') as LeagueConfig;
    const id = `lg${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
    return reply(c, await change(c.env, venueId, callerOf(c), { kind: 'create', id, config }), 201);
  })
  .openapi(read, async (c) => {
    const { venueId, leagueId } = c.req.valid('param');
    return reply(c, unwrap(await venueStub(c.env, venueId).league(venueId, callerOf(c), leagueId)), 200);
  })
  .openapi(edit, async (c) => {
    const { venueId, leagueId } = c.req.valid('param');
    const patch = c.req.valid('json') as Partial<LeagueConfig>;
    return reply(c, await change(c.env, venueId, callerOf(c), { kind: 'edit', leagueId, patch }), 200);
  })
  .openapi(remove, async (c) => {
    const { venueId, leagueId } = c.req.valid('param');
    return reply(c, await change(c.env, venueId, callerOf(c), { kind: 'delete', leagueId }), 200);
  })
  .openapi(restore, async (c) => {
    const { venueId, leagueId } = c.req.valid('param');
    return reply(c, await change(c.env, venueId, callerOf(c), { kind: 'restore', leagueId }), 200);
  })
  .openapi(attach, async (c) => {
    const { venueId, leagueId, tournamentId } = c.req.valid('param');
    return reply(
      c,
      await change(c.env, venueId, callerOf(c), { kind: 'attach', leagueId, tournamentId }),
      200,
    );
  })
  .openapi(detach, async (c) => {
    const { venueId, leagueId, tournamentId } = c.req.valid('param');
    return reply(
      c,
      await change(c.env, venueId, callerOf(c), { kind: 'detach', leagueId, tournamentId }),
      200,
    );
  })
  .openapi(publicList, async (c) => {
    const { venueId } = c.req.valid('param');
    const answer = unwrap(await venueStub(c.env, venueId).publicLeagues(venueId));
    c.header('cache-control', PUBLIC_LEAGUES_CACHE);
    return reply(c, { leagues: answer }, 200);
  });
