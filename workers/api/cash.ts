/**
 * Cash games over HTTP: the floor's view and commands (staff), the public board and a
 * phone's own place on a list (anyone), joining and leaving a list from a phone or the kiosk,
 * and the live channels. Thin: the CashDO decides through engine/cash.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { CashAnswer } from '../../durable-objects/cash/cash-room.ts';
import { floorCashCommandSchema } from '../../engine/cash/commands.schema.ts';
import type { CashCommand } from '../../engine/cash/index.ts';
import { unwrap } from '../http/answers.ts';
import { type AppEnv, authenticated, callerFromToken, callerOf } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { BEARER, ERRORS, json, jsonRequest, router } from '../http/openapi.ts';
import { parseWith } from '../http/validate.ts';
import { AnyObject, VenueParams } from './schemas.ts';
import { cashStub, venueStub } from './stubs.ts';

const staff = { security: BEARER, middleware: authenticated, tags: ['cash'] };

const view = createRoute({
  ...staff,
  method: 'get',
  path: '/venues/{venueId}/cash',
  summary: "The floor's view of the cash games: tables, open seats, lists and calls",
  request: { params: VenueParams },
  responses: { 200: json(AnyObject, 'The cash room'), ...ERRORS },
});

const command = createRoute({
  ...staff,
  method: 'post',
  path: '/venues/{venueId}/cash/commands',
  summary:
    'One floor command (open a table, add to a list, call the next, seat…); a repeated commandId answers as the first',
  request: {
    params: VenueParams,
    body: jsonRequest(
      z
        .object({
          commandId: z.string().min(1).max(100),
          type: z.string().min(1).max(40),
          payload: z.record(z.string(), z.unknown()).default({}),
        })
        .strict(),
    ),
  },
  responses: { 201: json(AnyObject, 'Decided and stored'), 200: json(AnyObject, 'A repeat'), ...ERRORS },
});

const board = createRoute({
  method: 'get',
  path: '/public/venues/{venueId}/cash',
  tags: ['cash'],
  summary: 'The public board: games, open seats and lists (names as the floor entered them)',
  request: { params: VenueParams },
  responses: { 200: json(AnyObject, 'The board'), ...ERRORS },
});

const join = createRoute({
  method: 'post',
  path: '/public/venues/{venueId}/cash/join',
  tags: ['cash'],
  summary: "Join a game's list from a phone or the kiosk: answers the list id and the phone's secret ticket",
  request: {
    params: VenueParams,
    body: jsonRequest(
      z
        .object({
          gameId: z.string().min(1).max(64),
          name: z.string().trim().min(2).max(40),
          source: z.enum(['phone', 'kiosk']).default('phone'),
        })
        .strict(),
    ),
  },
  responses: { 201: json(AnyObject, 'On the list'), ...ERRORS },
});

const leave = createRoute({
  method: 'post',
  path: '/public/venues/{venueId}/cash/leave',
  tags: ['cash'],
  summary: "Leave a list with the phone's ticket",
  request: {
    params: VenueParams,
    body: jsonRequest(
      z.object({ gameId: z.string().min(1).max(64), ticket: z.string().regex(/^[0-9a-f]{32}$/) }).strict(),
    ),
  },
  responses: { 200: json(AnyObject, 'Off the list'), ...ERRORS },
});

/** The cash room's answer, or its refusal as HTTP (a broken rule is 422, an unknown thing 404). */
function checked<T extends { readonly ok: boolean }>(answer: T): T {
  if (!answer.ok) refused(answer as unknown as CashAnswer & { ok: false });
  return answer;
}

function refused(answer: CashAnswer & { ok: false }): never {
  const status =
    answer.error.code.endsWith('_NOT_FOUND') || answer.error.code === 'TICKET_UNKNOWN' ? 404 : 422;
  throw new ApiError(
    status,
    answer.error.code,
    answer.error.message,
    (answer.error.details as Record<string, unknown>) ?? {},
  );
}

/** A venue that exists (an unknown id leaves no cash room behind). */
async function knownVenue(c: Context<AppEnv>, venueId: string): Promise<void> {
  unwrap(await venueStub(c.env, venueId).publicPage(venueId));
}

const body = (text: string) => new Response(text, { headers: { 'content-type': 'application/json' } });

export const cash = router()
  .openapi(view, async (c) => {
    const { venueId } = c.req.valid('param');
    unwrap(await venueStub(c.env, venueId).authorize(venueId, callerOf(c), 'venue.read'));
    return body(await cashStub(c.env, venueId).view()) as never;
  })
  .openapi(command, async (c) => {
    const { venueId } = c.req.valid('param');
    const envelope = c.req.valid('json');
    unwrap(await venueStub(c.env, venueId).authorize(venueId, callerOf(c), 'cash.run'));
    const parsed = parseWith(floorCashCommandSchema, { ...envelope.payload, type: envelope.type }, 'command');
    const answer = checked(await cashStub(c.env, venueId).command(envelope.commandId, parsed as CashCommand));
    return c.json(answer as never, (answer as { repeated?: boolean }).repeated ? 200 : 201);
  })
  .openapi(board, async (c) => {
    const { venueId } = c.req.valid('param');
    await knownVenue(c, venueId);
    return body(await cashStub(c.env, venueId).publicView()) as never;
  })
  .openapi(join, async (c) => {
    const { venueId } = c.req.valid('param');
    const { gameId, name, source } = c.req.valid('json');
    await knownVenue(c, venueId);
    const answer = checked(await cashStub(c.env, venueId).joinFromPhone(gameId, name, source));
    return c.json({ playerId: answer.playerId, ticket: answer.ticket, seq: answer.seq } as never, 201);
  })
  .openapi(leave, async (c) => {
    const { venueId } = c.req.valid('param');
    const { gameId, ticket } = c.req.valid('json');
    const answer = checked(await cashStub(c.env, venueId).leaveWithTicket(gameId, ticket));
    return c.json({ left: true, seq: answer.seq } as never, 200);
  });

// The live channels: the floor's (token as the "bearer.<token>" subprotocol) and the board's.
cash.get('/venues/:venueId/cash/live', async (c) => {
  const venueId = parseWith(VenueParams.shape.venueId, c.req.param('venueId'), 'venueId');
  const offered = (c.req.header('sec-websocket-protocol') ?? '').split(',').map((p) => p.trim());
  const token = offered.find((p) => p.startsWith('bearer.'))?.slice('bearer.'.length);
  if (!token)
    throw new ApiError(
      401,
      'UNAUTHENTICATED',
      'Send the token as the WebSocket subprotocol "bearer.<token>"',
    );
  const caller = await callerFromToken(c.env, token);
  unwrap(await venueStub(c.env, venueId).authorize(venueId, caller, 'live.staff'));
  return live(c, venueId, 'staff', offered.includes('felt') ? 'felt' : null);
});
cash.get('/public/venues/:venueId/cash/live', async (c) => {
  const venueId = parseWith(VenueParams.shape.venueId, c.req.param('venueId'), 'venueId');
  await knownVenue(c, venueId);
  return live(c, venueId, 'public', null);
});

async function live(c: Context<AppEnv>, venueId: string, role: 'staff' | 'public', protocol: string | null) {
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket')
    throw new ApiError(426, 'UPGRADE_REQUIRED', 'This endpoint speaks WebSocket only');
  const url = new URL(c.req.url);
  url.search = new URLSearchParams({ role, ...(protocol && { protocol }) }).toString();
  return cashStub(c.env, venueId).fetch(new Request(url, c.req.raw));
}
