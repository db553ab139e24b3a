/**
 * The cash room's sync, like a tournament's (routes.ts): the venue's box pushes the room's
 * events (its outbox) and pulls the commands the cloud holds for it (phones joining from
 * outside), and the box's own process runs those on the box. One writer: the box.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { CashCommand } from '../../engine/cash/index.ts';
import { AnyObject, VenueParams } from '../api/schemas.ts';
import { cashStub, venueStub } from '../api/stubs.ts';
import { unwrap } from '../http/answers.ts';
import { ApiError } from '../http/errors.ts';
import { ERRORS, json, jsonRequest, reply, router } from '../http/openapi.ts';
import { AckBody, boxCredential, boxProcess, PushedEvent } from './routes.ts';

const push = createRoute({
  method: 'post',
  path: '/venues/{venueId}/cash/events',
  tags: ['sync'],
  summary: "A box's outbox batch of the venue's cash room; answers the last seq held here",
  request: {
    params: VenueParams,
    body: jsonRequest(
      z.object({ head: z.number().int().min(0), events: z.array(PushedEvent).max(2000) }).strict(),
    ),
  },
  responses: { 200: json(AnyObject, 'What the cloud holds now'), ...ERRORS },
});

const queue = createRoute({
  method: 'get',
  path: '/venues/{venueId}/cash/queue',
  tags: ['sync'],
  summary: 'Cash commands the cloud holds for the box that runs the room',
  request: { params: VenueParams },
  responses: { 200: json(AnyObject, 'The held commands, oldest first'), ...ERRORS },
});

const ack = createRoute({
  method: 'post',
  path: '/venues/{venueId}/cash/queue/ack',
  tags: ['sync'],
  summary: 'The box ran (or refused) these held cash commands: stop holding them',
  request: {
    params: VenueParams,
    body: jsonRequest(AckBody),
  },
  responses: { 200: json(z.object({ acked: z.number() }), 'Done'), ...ERRORS },
});

const notHome = () =>
  new ApiError(409, 'NOT_HOME', 'This box does not run the venue’s cash room', { home: 'elsewhere' });

export const cashSync = router()
  .openapi(push, async (c) => {
    const { venueId: v } = c.req.valid('param');
    const { boxId } = unwrap(await venueStub(c.env, v).boxAuth(v, boxCredential(c)));
    const answer = await cashStub(c.env, v).acceptReplica(boxId, JSON.stringify(c.req.valid('json').events));
    if ('refused' in answer) throw notHome();
    return reply(c, answer, 200);
  })
  .openapi(queue, async (c) => {
    const { venueId: v } = c.req.valid('param');
    const { boxId } = unwrap(await venueStub(c.env, v).boxAuth(v, boxCredential(c)));
    const commands = await cashStub(c.env, v).heldCommands(boxId);
    if (commands === null) throw notHome();
    return reply(c, { commands }, 200);
  })
  .openapi(ack, async (c) => {
    const { venueId: v } = c.req.valid('param');
    const { boxId } = unwrap(await venueStub(c.env, v).boxAuth(v, boxCredential(c)));
    const acked = await cashStub(c.env, v).ackHeld(boxId, c.req.valid('json').commandIds);
    if (acked === null) throw notHome();
    return reply(c, { acked }, 200);
  });

const localCommand = createRoute({
  method: 'post',
  path: '/box/venues/{venueId}/cash/commands',
  tags: ['box'],
  summary: "Box only, from the box's own process: run a cash command the cloud held",
  request: {
    params: VenueParams,
    body: jsonRequest(AnyObject),
  },
  responses: { 200: json(AnyObject, 'The answer'), ...ERRORS },
});

/** The box's own process runs the held commands (the cloud checked their shape when it took them). */
export const cashBoxLocal = router().openapi(localCommand, async (c) => {
  await boxProcess(c);
  const { venueId: v } = c.req.valid('param');
  const body = c.req.valid('json') as { commandId?: unknown; command?: unknown };
  if (typeof body.commandId !== 'string' || typeof body.command !== 'object' || body.command === null)
    throw new ApiError(400, 'VALIDATION_FAILED', 'Send { commandId, command }');
  const answer = await cashStub(c.env, v).command(body.commandId, body.command as CashCommand);
  return reply(c, answer, 200);
});
