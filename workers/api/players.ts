/** The venue's player database: search (prefix and fuzzy), add, edit, merge duplicates. */
import { createRoute, z } from '@hono/zod-openapi';
import { newPlayerSchema, playerPatchSchema } from '../../engine/players/validate.ts';
import { unwrap } from '../http/answers.ts';
import { authenticated, callerOf } from '../http/auth.ts';
import { BEARER, ERRORS, json, jsonRequest, reply, router } from '../http/openapi.ts';
import { opaqueId, PlayerSchema, VenueParams } from './schemas.ts';
import { venueStub } from './stubs.ts';

const PlayerParams = VenueParams.extend({
  playerId: opaqueId.openapi({ param: { name: 'playerId', in: 'path' } }),
});
const one = json(z.object({ player: PlayerSchema }), 'The player');
const authed = { security: BEARER, middleware: authenticated, tags: ['players'] };

const search = createRoute({
  ...authed,
  method: 'get',
  path: '/venues/{venueId}/players',
  summary: 'Search players by name (prefix, then fuzzy); all players by name without q',
  request: {
    params: VenueParams,
    query: z.object({
      q: z.string().max(120).default(''),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
  },
  responses: {
    200: json(
      z.object({
        players: z.array(z.object({ player: PlayerSchema, match: z.string(), score: z.number() })),
      }),
      'Matches, best first',
    ),
    ...ERRORS,
  },
});

const get = createRoute({
  ...authed,
  method: 'get',
  path: '/venues/{venueId}/players/{playerId}',
  summary: 'One player with their history (a merged id leads to the player it was merged into)',
  request: { params: PlayerParams },
  responses: { 200: one, ...ERRORS },
});

const add = createRoute({
  ...authed,
  method: 'post',
  path: '/venues/{venueId}/players',
  summary: 'Add a player',
  request: {
    params: VenueParams,
    body: jsonRequest(newPlayerSchema),
  },
  responses: { 201: one, ...ERRORS },
});

const edit = createRoute({
  ...authed,
  method: 'patch',
  path: '/venues/{venueId}/players/{playerId}',
  summary: 'Edit a player',
  request: {
    params: PlayerParams,
    body: jsonRequest(playerPatchSchema),
  },
  responses: { 200: one, ...ERRORS },
});

const merge = createRoute({
  ...authed,
  method: 'post',
  path: '/venues/{venueId}/players/{playerId}/merge',
  summary: 'Merge a duplicate into this player, keeping both histories (td, owner)',
  request: {
    params: PlayerParams,
    body: jsonRequest(z.object({ duplicateId: opaqueId }).strict()),
  },
  responses: { 200: one, ...ERRORS },
});

export const players = router()
  .openapi(search, async (c) => {
    const { venueId } = c.req.valid('param');
    const { q, limit } = c.req.valid('query');
    return reply(
      c,
      { players: unwrap(await venueStub(c.env, venueId).searchPlayers(venueId, callerOf(c), q, limit)) },
      200,
    );
  })
  .openapi(get, async (c) => {
    const { venueId, playerId } = c.req.valid('param');
    return reply(
      c,
      { player: unwrap(await venueStub(c.env, venueId).getPlayer(venueId, callerOf(c), playerId)) },
      200,
    );
  })
  .openapi(add, async (c) => {
    const { venueId } = c.req.valid('param');
    return reply(
      c,
      {
        player: unwrap(await venueStub(c.env, venueId).addPlayer(venueId, callerOf(c), c.req.valid('json'))),
      },
      201,
    );
  })
  .openapi(edit, async (c) => {
    const { venueId, playerId } = c.req.valid('param');
    const player = unwrap(
      await venueStub(c.env, venueId).editPlayer(venueId, callerOf(c), playerId, c.req.valid('json')),
    );
    return reply(c, { player }, 200);
  })
  .openapi(merge, async (c) => {
    const { venueId, playerId } = c.req.valid('param');
    const { duplicateId } = c.req.valid('json');
    const player = unwrap(
      await venueStub(c.env, venueId).mergePlayers(venueId, callerOf(c), playerId, duplicateId),
    );
    return reply(c, { player }, 200);
  });
