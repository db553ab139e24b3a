/** A venue's boxes: pairing codes, the list, unpairing (revoking a box's credential). */
import { createRoute, z } from '@hono/zod-openapi';
import { sha256Hex } from '../../durable-objects/venue/staff-rules.ts';
import { unwrap } from '../http/answers.ts';
import { authenticated, callerOf } from '../http/auth.ts';
import { BEARER, ERRORS, json, jsonRequest, reply, router } from '../http/openapi.ts';
import { humanText, opaqueId, VenueParams } from './schemas.ts';
import { directoryStub, venueStub } from './stubs.ts';

const authed = { security: BEARER, middleware: authenticated, tags: ['boxes'] };
const BoxSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    pairedAt: z.number(),
    pairedBy: z.string(),
    revokedAt: z.number().nullable(),
    lastSeenAt: z.number().nullable(),
  })
  .openapi('Box');

const code = createRoute({
  ...authed,
  method: 'post',
  path: '/venues/{venueId}/boxes/pairing-codes',
  summary: 'A one-time code to pair a venue box (owner); valid 15 minutes',
  request: {
    params: VenueParams,
    body: jsonRequest(z.object({ name: humanText(60) }).strict()),
  },
  responses: {
    201: json(z.object({ code: z.string(), expiresAt: z.number() }), 'The code, shown once'),
    ...ERRORS,
  },
});

const list = createRoute({
  ...authed,
  method: 'get',
  path: '/venues/{venueId}/boxes',
  summary: 'Paired boxes and when each was last seen',
  request: { params: VenueParams },
  responses: { 200: json(z.object({ boxes: z.array(BoxSchema) }), 'Boxes'), ...ERRORS },
});

const revoke = createRoute({
  ...authed,
  method: 'delete',
  path: '/venues/{venueId}/boxes/{boxId}',
  summary: 'Unpair a box (owner): its credential stops working at once',
  request: {
    params: VenueParams.extend({ boxId: opaqueId.openapi({ param: { name: 'boxId', in: 'path' } }) }),
  },
  responses: { 200: json(z.object({ revoked: z.string() }), 'Unpaired'), ...ERRORS },
});

export const boxes = router()
  .openapi(code, async (c) => {
    const { venueId } = c.req.valid('param');
    const { name } = c.req.valid('json');
    const made = unwrap(await venueStub(c.env, venueId).createPairingCode(venueId, callerOf(c), name));
    // The box is paired with the code alone: the directory knows which venue made it.
    await directoryStub(c.env).claimCode(`pair:${await sha256Hex(made.code)}`, venueId);
    return reply(c, made, 201);
  })
  .openapi(list, async (c) => {
    const { venueId } = c.req.valid('param');
    return reply(c, { boxes: unwrap(await venueStub(c.env, venueId).listBoxes(venueId, callerOf(c))) }, 200);
  })
  .openapi(revoke, async (c) => {
    const { venueId, boxId } = c.req.valid('param');
    unwrap(await venueStub(c.env, venueId).revokeBox(venueId, callerOf(c), boxId));
    return reply(c, { revoked: boxId }, 200);
  });
