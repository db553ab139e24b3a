/**
 * A venue's side of linking a player record to the player's Felt account: a one-time code
 * (24 hours; issuing again replaces it, revoking is the undo), whether the record is linked
 * (never to whom), and unlinking. The player types the code into their account (me.ts).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { unwrap } from '../http/answers.ts';
import { authenticated, callerOf } from '../http/auth.ts';
import { BEARER, ERRORS, json, reply, router } from '../http/openapi.ts';
import { opaqueId, VenueParams } from './schemas.ts';
import { venueStub } from './stubs.ts';

const PlayerParams = VenueParams.extend({
  playerId: opaqueId.openapi({ param: { name: 'playerId', in: 'path' } }),
});
const authed = { security: BEARER, middleware: authenticated, tags: ['players'] };

const LinkStatus = z
  .object({
    linked: z.boolean(),
    linkedAt: z.number().nullable(),
    forgotten: z.boolean(),
    code: z.object({ issuedAt: z.number(), expiresAt: z.number() }).nullable(),
  })
  .openapi('FeltLinkStatus');

const status = createRoute({
  ...authed,
  method: 'get',
  path: '/venues/{venueId}/players/{playerId}/felt-link',
  summary: 'Whether the player is linked to a Felt account (never which), and any pending code',
  request: { params: PlayerParams },
  responses: { 200: json(z.object({ link: LinkStatus }), 'The link'), ...ERRORS },
});

const issue = createRoute({
  ...authed,
  method: 'post',
  path: '/venues/{venueId}/players/{playerId}/link-code',
  summary: 'A one-time code (24 h) the player enters in their Felt account; replaces any earlier code',
  request: { params: PlayerParams },
  responses: {
    201: json(z.object({ code: z.string(), expiresAt: z.number() }), 'The code (shown once)'),
    ...ERRORS,
  },
});

const revoke = createRoute({
  ...authed,
  method: 'delete',
  path: '/venues/{venueId}/players/{playerId}/link-code',
  summary: 'Revoke the pending link code (the undo of issuing one)',
  request: { params: PlayerParams },
  responses: { 200: json(z.object({ revoked: z.boolean() }), 'Revoked'), ...ERRORS },
});

const unlink = createRoute({
  ...authed,
  method: 'delete',
  path: '/venues/{venueId}/players/{playerId}/felt-link',
  summary: 'Unlink the player from their Felt account (the record stays the venue’s)',
  request: { params: PlayerParams },
  responses: { 200: json(z.object({ unlinked: z.literal(true) }), 'Unlinked'), ...ERRORS },
});

export const playerLinks = router()
  .openapi(status, async (c) => {
    const { venueId, playerId } = c.req.valid('param');
    const link = unwrap(await venueStub(c.env, venueId).feltLinkStatus(venueId, callerOf(c), playerId));
    return reply(c, { link }, 200);
  })
  .openapi(issue, async (c) => {
    const { venueId, playerId } = c.req.valid('param');
    return reply(
      c,
      unwrap(await venueStub(c.env, venueId).issueLinkCode(venueId, callerOf(c), playerId)),
      201,
    );
  })
  .openapi(revoke, async (c) => {
    const { venueId, playerId } = c.req.valid('param');
    return reply(
      c,
      unwrap(await venueStub(c.env, venueId).revokeLinkCode(venueId, callerOf(c), playerId)),
      200,
    );
  })
  .openapi(unlink, async (c) => {
    const { venueId, playerId } = c.req.valid('param');
    unwrap(await venueStub(c.env, venueId).unlinkFeltAccount(venueId, callerOf(c), playerId));
    return reply(c, { unlinked: true }, 200);
  });
