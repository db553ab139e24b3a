/**
 * A venue's tournaments for its staff: list, create from a template, read, run (commands),
 * follow live on the staff channel. Every route goes through the venue: the caller is checked
 * there, and the tournament's Durable Object is addressed by venue and id together.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { eventPageJson, eventsJson } from '../../durable-objects/live/wire.ts';
import { answerError } from '../../durable-objects/tournament/host.ts';
import type { Caller } from '../../durable-objects/venue/model.ts';
import { createCommand, type VenueTemplate } from '../../durable-objects/venue/templates.ts';
import { commandSchema } from '../../engine/tournament/commands.schema.ts';
import type { TournamentCommand } from '../../engine/tournament/types.ts';
import { commandPermission, type Permission } from '../auth/permissions.ts';
import type { Env } from '../env.ts';
import { unwrap } from '../http/answers.ts';
import { type AppEnv, authenticated, callerFromToken, callerOf } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { BEARER, ERRORS, json, jsonRequest, router } from '../http/openapi.ts';
import { parseWith } from '../http/validate.ts';
import { syncLeagueResults } from './leagues.ts';
import {
  AnyObject,
  humanText,
  opaqueId,
  TournamentListingSchema,
  TournamentParams,
  VenueParams,
} from './schemas.ts';
import { newTournamentId, tournamentStub, venueStub } from './stubs.ts';
import { TournamentSetup } from './templates.ts';

const authed = { security: BEARER, middleware: authenticated, tags: ['tournaments'] };

/** Event types after which the venue's list may show another status. */
const STATUS_EVENTS = new Set([
  'TournamentCreated',
  'RegistrationOpened',
  'TournamentStarted',
  'TournamentFinished',
  'SeatsWon',
  'TournamentCancelled',
  'CommandUndone',
]);

/** `subject` names what is read, for the audit line a support read leaves (DESIGN.md). */
async function allowed(
  env: Env,
  venueId: string,
  caller: Caller,
  permission: Permission,
  subject?: Readonly<Record<string, string | number>>,
): Promise<void> {
  unwrap(await venueStub(env, venueId).authorize(venueId, caller, permission, subject));
}

/** The tournament's object, after checking it exists (an unknown id leaves no trace). */
async function existing(env: Env, venueId: string, id: string) {
  const stub = tournamentStub(env, venueId, id);
  if ((await stub.lastSeq(id)) === 0)
    throw new ApiError(404, 'TOURNAMENT_NOT_FOUND', `No tournament ${id} in ${venueId}`);
  return stub;
}

const list = createRoute({
  ...authed,
  method: 'get',
  path: '/venues/{venueId}/tournaments',
  summary: "The venue's tournaments with their status, newest first",
  request: { params: VenueParams },
  responses: {
    200: json(z.object({ tournaments: z.array(TournamentListingSchema) }), 'Tournaments'),
    ...ERRORS,
  },
});

const create = createRoute({
  ...authed,
  method: 'post',
  path: '/venues/{venueId}/tournaments',
  summary:
    'Create a tournament from a template (the venue’s own or a built-in one), or from its own set-up (e.g. from the structure generator)',
  request: {
    params: VenueParams,
    body: jsonRequest(
      z
        .object({
          name: humanText(120),
          templateId: z.string().min(1).max(64).optional(),
          setup: TournamentSetup.optional(),
        })
        .strict()
        .refine((b) => !(b.templateId && b.setup), 'give a templateId or a setup, not both'),
    ),
  },
  responses: {
    201: json(z.object({ tournament: TournamentListingSchema.extend({ venueId: z.string() }) }), 'Created'),
    ...ERRORS,
  },
});

const view = createRoute({
  ...authed,
  method: 'get',
  path: '/venues/{venueId}/tournaments/{id}',
  summary: 'The whole state: standings with the clock at now, seating, structure',
  request: { params: TournamentParams },
  responses: { 200: json(AnyObject, 'The view'), ...ERRORS },
});

const PARTS = ['standings', 'seating', 'payouts', 'clock'] as const;
const partRoute = (part: (typeof PARTS)[number]) =>
  createRoute({
    ...authed,
    method: 'get',
    path: `/venues/{venueId}/tournaments/{id}/${part}`,
    summary: `The ${part} part of the view, for screens that need only one`,
    request: { params: TournamentParams },
    responses: { 200: json(AnyObject, 'The part'), ...ERRORS },
  });

const events = createRoute({
  ...authed,
  method: 'get',
  path: '/venues/{venueId}/tournaments/{id}/events',
  summary: 'The event log after a seq, paginated',
  request: {
    params: TournamentParams,
    query: z.object({
      after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
      limit: z.coerce.number().int().min(1).max(1000).default(200),
    }),
  },
  responses: { 200: json(AnyObject, 'A page of events'), ...ERRORS },
});

const Envelope = z
  .object({
    commandId: z.string().min(1).max(100),
    type: z.string().min(1).max(60),
    payload: z.record(z.string(), z.unknown()).default({}),
  })
  .strict()
  .openapi('CommandEnvelope');

const command = createRoute({
  ...authed,
  method: 'post',
  path: '/venues/{venueId}/tournaments/{id}/commands',
  summary: 'Run one engine command; a repeated commandId returns the first answer',
  request: {
    params: TournamentParams,
    body: jsonRequest(Envelope),
  },
  responses: {
    200: json(AnyObject, 'A repeated command: the first answer'),
    201: json(AnyObject, 'Decided and stored: the new seq and events'),
    202: json(AnyObject, 'Held for the box that runs this tournament (decided there on its next sync)'),
    ...ERRORS,
  },
});

export const tournaments = router();

tournaments
  // The staff channel. Browsers cannot set headers on a WebSocket: the token comes as the
  // subprotocol "bearer.<token>" beside "felt" (never in the URL, which ends up in logs).
  .get('/venues/:venueId/tournaments/:id/live', async (c) => {
    const venueId = parseWith(VenueParams.shape.venueId, c.req.param('venueId'), 'venueId');
    const id = parseWith(opaqueId, c.req.param('id'), 'id');
    const offered = (c.req.header('sec-websocket-protocol') ?? '').split(',').map((p) => p.trim());
    const bearer = offered.find((p) => p.startsWith('bearer.'));
    const token =
      bearer?.slice('bearer.'.length) ?? (c.req.header('authorization') ?? '').replace(/^Bearer\s+/i, '');
    if (!token)
      throw new ApiError(
        401,
        'UNAUTHENTICATED',
        'Send the token as the WebSocket subprotocol "bearer.<token>"',
      );
    const caller = await callerFromToken(c.env, token);
    await allowed(c.env, venueId, caller, 'live.staff');
    return upgrade(c, venueId, id, 'staff', offered.includes('felt') ? 'felt' : null, caller.userId);
  });

tournaments
  .openapi(list, async (c) => {
    const { venueId } = c.req.valid('param');
    return c.json(
      { tournaments: unwrap(await venueStub(c.env, venueId).listTournaments(venueId, callerOf(c))) },
      200,
    );
  })
  .openapi(create, async (c) => {
    const { venueId } = c.req.valid('param');
    const { name, templateId: asked, setup } = c.req.valid('json');
    const caller = callerOf(c);
    const venue = venueStub(c.env, venueId);
    await allowed(c.env, venueId, caller, 'tournaments.create');
    // A set-up of its own is checked by the engine when the tournament is created, as a template is.
    const templateId = setup ? null : (asked ?? 'regular');
    const template = setup
      ? ({ ...setup, id: 'setup', name, description: '', source: 'custom', createdAt: 0 } as VenueTemplate)
      : unwrap(await venue.template(venueId, caller, templateId!));
    const settings = unwrap(await venue.getSettings(venueId, caller));
    const id = newTournamentId();
    const now = Date.now();
    const t = tournamentStub(c.env, venueId, id);
    await t.setPublishing(id, JSON.stringify(unwrap(await venue.publishing(venueId))));
    // The tournament's own log records its creation first; the venue's list follows.
    const answer = await t.command(
      id,
      createCommand(`create-${id}`, name, template as never, settings.currency),
      {
        id: caller.userId,
        role: caller.role,
      },
    );
    if (!answer.ok) throw answerError(answer);
    const listing = { id, name, templateId, status: 'announced', createdAt: now, updatedAt: now };
    unwrap(await venue.addTournament(venueId, caller, listing));
    await venue.setTournamentStatus(venueId, id, (await t.status(id)) ?? 'announced');
    return c.json({ tournament: { ...listing, venueId } }, 201);
  })
  .openapi(events, async (c) => {
    const { venueId, id } = c.req.valid('param');
    const q = c.req.valid('query');
    await allowed(c.env, venueId, callerOf(c), 'tournaments.read', { tournamentId: id, after: q.after });
    const page = await (await existing(c.env, venueId, id)).readEvents(id, q.after, q.limit);
    return c.body(eventPageJson(page.seq, page.events), 200, { 'content-type': 'application/json' }) as never;
  })
  .openapi(view, async (c) => {
    const { venueId, id } = c.req.valid('param');
    await allowed(c.env, venueId, callerOf(c), 'tournaments.read', { tournamentId: id });
    const body = await (await existing(c.env, venueId, id)).view(id);
    return c.body(body, 200, { 'content-type': 'application/json' }) as never;
  })
  .openapi(command, async (c) => {
    const { venueId, id } = c.req.valid('param');
    const envelope = c.req.valid('json');
    if ('commandId' in envelope.payload || 'type' in envelope.payload) {
      throw new ApiError(400, 'VALIDATION_FAILED', 'payload must not carry commandId or type');
    }
    const parsed = parseWith(
      commandSchema,
      { ...envelope.payload, commandId: envelope.commandId, type: envelope.type },
      'command',
    );
    const cmd = parsed as TournamentCommand;
    if (cmd.type === 'CreateTournament') {
      throw new ApiError(
        422,
        'USE_CREATE_ROUTE',
        'Create tournaments with POST /venues/{venueId}/tournaments',
      );
    }
    const caller = callerOf(c);
    await allowed(c.env, venueId, caller, commandPermission(cmd.type));
    const stub = tournamentStub(c.env, venueId, id);
    const answer = await stub.command(id, cmd, { id: caller.userId, role: caller.role });
    if (!answer.ok) throw answerError(answer);
    if (answer.queued) {
      // A box runs this tournament: it decides the command on its next sync.
      return c.json({ queued: true, commandId: cmd.commandId, seq: answer.seq }, 202) as never;
    }
    if (!answer.repeated) await afterCommand(c, venueId, id, answer.events);
    return c.body(
      `{"seq":${answer.seq},"repeated":${answer.repeated},"events":${eventsJson(answer.events)}}`,
      answer.repeated ? 200 : 201,
      { 'content-type': 'application/json' },
    ) as never;
  });

for (const part of PARTS) {
  tournaments.openapi(partRoute(part), async (c) => {
    const { venueId, id } = c.req.valid('param');
    await allowed(c.env, venueId, callerOf(c), 'tournaments.read', { tournamentId: id, part });
    const v = JSON.parse(await (await existing(c.env, venueId, id)).view(id)) as {
      seq: number;
      serverTime: number;
      standings: { payouts: unknown; prizePool: unknown; clock: unknown };
      seating: unknown;
    };
    const body =
      part === 'standings'
        ? v.standings
        : part === 'seating'
          ? v.seating
          : part === 'payouts'
            ? { prizePool: v.standings.prizePool, payouts: v.standings.payouts }
            : v.standings.clock;
    return c.json({ seq: v.seq, serverTime: v.serverTime, [part]: body }, 200);
  });
}

/** Hands a WebSocket upgrade to the tournament's object with the channel the edge decided. */
export async function upgrade(
  c: Context<AppEnv>,
  venueId: string,
  id: string,
  role: 'staff' | 'public',
  protocol: string | null,
  userId?: string,
): Promise<Response> {
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
    throw new ApiError(426, 'UPGRADE_REQUIRED', 'This endpoint speaks WebSocket only');
  }
  const q = parseWith(
    z.object({ after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0) }),
    c.req.query(),
    'query',
  );
  // The object itself answers 404 for a tournament it does not have (one call per connect).
  const stub = tournamentStub(c.env, venueId, id);
  const url = new URL(c.req.url);
  const params: Record<string, string> = { tournamentId: id, after: String(q.after), role };
  if (protocol) params.protocol = protocol;
  if (userId) params.userId = userId;
  url.search = new URLSearchParams(params).toString();
  const res = await stub.fetch(new Request(url, c.req.raw));
  if (res.status === 404)
    throw new ApiError(404, 'TOURNAMENT_NOT_FOUND', `No tournament ${id} in ${venueId}`);
  return res;
}

/** Keeps the venue in step: the list's status, and players' histories. */
async function afterCommand(
  c: Context<AppEnv>,
  venueId: string,
  id: string,
  events: readonly { type: string; body: string }[],
): Promise<void> {
  const venue = venueStub(c.env, venueId);
  if (events.some((e) => STATUS_EVENTS.has(e.type))) {
    const status = await tournamentStub(c.env, venueId, id).status(id);
    if (status) await venue.setTournamentStatus(venueId, id, status);
    // Its leagues count it once finished, and stop when the TD undoes the finish.
    if (status) await syncLeagueResults(c.env, venueId, id, status);
  }
  for (const e of events) {
    if (e.type !== 'EntryRegistered') continue;
    const body = JSON.parse(e.body) as { playerId: string; entryId: string };
    await venue.notePlayerEntry(venueId, body.playerId, id, body.entryId);
  }
}
