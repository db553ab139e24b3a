/**
 * `/sync/v1`: what a paired box calls in the cloud, authenticated by its credential only
 * (`Authorization: Box <boxId>.<secret>`), except the pairing exchange itself. And the box's
 * own local endpoints under `/api/v1/box`, for its process and its staff.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { STORAGE_TOKEN_HEADER } from '../../durable-objects/storage/remote.ts';
import type { VenueMirror } from '../../durable-objects/venue/model.ts';
import { sameDigest, sha256Hex } from '../../durable-objects/venue/staff-rules.ts';
import type { Role } from '../../engine/core/ctx.ts';
import { commandSchema } from '../../engine/tournament/commands.schema.ts';
import type { TournamentCommand } from '../../engine/tournament/types.ts';
import { syncLeagueResults } from '../api/leagues.ts';
import { AnyObject, PlayerSchema, TournamentParams, VenueParams } from '../api/schemas.ts';
import { directoryStub, tournamentStub, venueStub } from '../api/stubs.ts';
import { AuthError } from '../auth/errors.ts';
import { unwrap } from '../http/answers.ts';
import { type AppEnv, authenticated, callerOf, clientKey } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { BEARER, ERRORS, json, jsonRequest, reply, router } from '../http/openapi.ts';
import { parseWith } from '../http/validate.ts';

/** The box credential from `Authorization: Box <credential>`. */
export function boxCredential(c: Context<AppEnv>): string {
  const m = /^Box ([A-Za-z0-9_]{3,40}\.[A-Za-z0-9]{16,64})$/.exec(c.req.header('authorization') ?? '');
  if (!m?.[1])
    throw new AuthError('UNAUTHENTICATED', 'Send the box credential: Authorization: Box <credential>');
  return m[1];
}

const pair = createRoute({
  method: 'post',
  path: '/pair',
  tags: ['sync'],
  summary: "Exchange a pairing code for a box credential (the box's `felt-box pair`)",
  request: {
    body: jsonRequest(z.object({ code: z.string().min(4).max(40) }).strict()),
  },
  responses: {
    201: json(
      z.object({ venueId: z.string(), boxId: z.string(), credential: z.string(), name: z.string() }),
      'Paired',
    ),
    ...ERRORS,
  },
});

const mirror = createRoute({
  method: 'get',
  path: '/venues/{venueId}/mirror',
  tags: ['sync'],
  summary: "The venue's staff (with hashes), players and templates for the box's offline use",
  request: { params: VenueParams },
  responses: { 200: json(AnyObject, 'The mirror'), ...ERRORS },
});

/** One event of a box's outbox as it travels (the tournaments' and the cash room's pushes). */
/** The held commands a box ran (or that a rule refused): the cloud stops holding them. */
export const AckBody = z
  .object({
    commandIds: z.array(z.string().min(1).max(100)).max(1000),
    /** Why a rule refused some of them (by command id): an online registrant is told. */
    refusals: z
      .record(
        z.string().min(1).max(100),
        z.object({ code: z.string().max(80), message: z.string().max(500) }),
      )
      .optional(),
  })
  .strict();

export const PushedEvent = z
  .object({
    seq: z.number().int().min(1),
    eventId: z.string().min(1).max(64),
    epoch: z.number().int().min(0),
    type: z.string().min(1).max(60),
    at: z.number().int(),
    body: z.string().max(1_000_000),
  })
  .strict();

const push = createRoute({
  method: 'post',
  path: '/venues/{venueId}/tournaments/{id}/events',
  tags: ['sync'],
  summary: "A box's outbox batch for a tournament it runs; answers the last seq held here",
  request: {
    params: TournamentParams,
    body: jsonRequest(
      z
        .object({
          name: z.string().min(1).max(200),
          status: z.string().min(1).max(40),
          createdAt: z.number().int(),
          epoch: z.number().int().min(0),
          /** The box's own last seq: how far behind the cloud's copy is (support console). */
          head: z.number().int().min(0).optional(),
          events: z.array(PushedEvent).max(2000),
        })
        .strict(),
    ),
  },
  responses: { 200: json(AnyObject, 'What the cloud holds now'), ...ERRORS },
});

const queue = createRoute({
  method: 'get',
  path: '/venues/{venueId}/tournaments/{id}/queue',
  tags: ['sync'],
  summary: 'Commands the cloud holds for the box that runs this tournament',
  request: { params: TournamentParams },
  responses: { 200: json(AnyObject, 'The held commands, oldest first'), ...ERRORS },
});

const ack = createRoute({
  method: 'post',
  path: '/venues/{venueId}/tournaments/{id}/queue/ack',
  tags: ['sync'],
  summary: 'The box ran (or refused) these held commands: stop holding them',
  request: {
    params: TournamentParams,
    body: jsonRequest(AckBody),
  },
  responses: { 200: json(z.object({ acked: z.number() }), 'Done'), ...ERRORS },
});

const pull = createRoute({
  method: 'get',
  path: '/venues/{venueId}/tournaments/{id}/events',
  tags: ['sync'],
  summary: 'Events of a tournament handed to this box, after a seq, with the current epoch',
  request: {
    params: TournamentParams,
    query: z.object({
      after: z.coerce.number().int().min(0).default(0),
      limit: z.coerce.number().int().min(1).max(2000).default(2000),
    }),
  },
  responses: { 200: json(AnyObject, '{ epoch, seq, events }'), ...ERRORS },
});

const boxPlayers = createRoute({
  method: 'post',
  path: '/venues/{venueId}/players',
  tags: ['sync'],
  summary: 'Players the box made (walk-ins at the door), added to the venue once',
  request: {
    params: VenueParams,
    body: jsonRequest(z.object({ players: z.array(PlayerSchema).max(5000) }).strict()),
  },
  responses: { 200: json(z.object({ added: z.number() }), 'How many were new'), ...ERRORS },
});

/** The tournament's cloud copy, when the calling box is its home. */
async function homeCopy(c: Context<AppEnv>, v: string, id: string) {
  const { boxId } = unwrap(await venueStub(c.env, v).boxAuth(v, boxCredential(c)));
  const stub = tournamentStub(c.env, v, id);
  const home = await stub.homeOf(id);
  if (home !== boxId)
    throw new ApiError(409, 'NOT_HOME', `This box does not run tournament ${id}`, { home: home ?? 'cloud' });
  return stub;
}

export const sync = router()
  .openapi(pair, async (c) => {
    const code = c.req.valid('json').code.trim().toUpperCase();
    const v = await directoryStub(c.env).resolveCode(`pair:${await sha256Hex(code)}`);
    if (!v)
      throw new AuthError('BAD_CREDENTIALS', 'This pairing code is wrong or has expired: make a new one');
    const paired = unwrap(await venueStub(c.env, v).pairBox(v, code, clientKey(c)));
    await directoryStub(c.env).indexBox({ id: paired.boxId, venueId: v, name: paired.name });
    return reply(c, { venueId: v, ...paired }, 201);
  })
  .openapi(push, async (c) => {
    const { venueId: v, id } = c.req.valid('param');
    const body = c.req.valid('json');
    const { boxId } = unwrap(
      await venueStub(c.env, v).boxPush(v, boxCredential(c), {
        id,
        name: body.name,
        status: body.status,
        createdAt: body.createdAt,
      }),
    );
    const answer = JSON.parse(
      await tournamentStub(c.env, v, id).acceptReplica(
        id,
        boxId,
        body.epoch,
        JSON.stringify(body.events),
        body.head ?? null,
      ),
    ) as { refused?: string; home?: string; epoch?: number; lastSeq: number };
    if (answer.refused) {
      throw new ApiError(
        409,
        answer.refused,
        `This box is not the home of tournament ${id} (epoch ${answer.epoch})`,
        answer,
      );
    }
    // A box-run night that finished (or whose finish was undone) counts in its leagues here.
    if (body.events.some((e) => e.type === 'TournamentFinished' || e.type === 'CommandUndone'))
      await syncLeagueResults(c.env, v, id, body.status);
    // Players' histories (their /me) include box-run nights: the entries are noted as they
    // arrive, as the command path does in the cloud. Idempotent, so a re-pushed page is harmless;
    // a player the box created is not known here yet, but arrives with the box's own history.
    const entries = body.events
      .filter((e) => e.type === 'EntryRegistered')
      .map((e) => JSON.parse(e.body) as { playerId: string; entryId: string })
      .map(({ playerId, entryId }) => ({ playerId, entryId }));
    if (entries.length > 0) unwrap(await venueStub(c.env, v).notePlayerEntries(v, id, entries));
    return reply(c, answer, 200);
  })
  .openapi(pull, async (c) => {
    const { venueId: v, id } = c.req.valid('param');
    const { after, limit } = c.req.valid('query');
    const stub = await homeCopy(c, v, id);
    return c.body(await stub.replicaPage(id, after, limit), 200, {
      'content-type': 'application/json',
    }) as never;
  })
  .openapi(boxPlayers, async (c) => {
    const { venueId: v } = c.req.valid('param');
    const { players } = c.req.valid('json');
    const added = unwrap(await venueStub(c.env, v).adoptBoxPlayers(v, boxCredential(c), players as never));
    return reply(c, { added }, 200);
  })
  .openapi(queue, async (c) => {
    const { venueId: v, id } = c.req.valid('param');
    const stub = await homeCopy(c, v, id);
    return reply(c, { commands: JSON.parse(await stub.queuedCommands(id)) as unknown[] }, 200);
  })
  .openapi(ack, async (c) => {
    const { venueId: v, id } = c.req.valid('param');
    const stub = await homeCopy(c, v, id);
    const { commandIds, refusals } = c.req.valid('json');
    return reply(c, { acked: await stub.ackQueued(id, commandIds, refusals) }, 200);
  })
  .openapi(mirror, async (c) => {
    const { venueId: v } = c.req.valid('param');
    return reply(c, unwrap(await venueStub(c.env, v).mirrorFor(v, boxCredential(c))), 200);
  });

/** The box's process proves itself with the local key the box gave its workerd. */
export async function boxProcess(c: Context<AppEnv>): Promise<void> {
  const key = c.env.FELT_BOX_LOCAL_KEY;
  if (c.env.FELT_RUNTIME !== 'box' || !key)
    throw new ApiError(404, 'ROUTE_NOT_FOUND', `No API route ${c.req.method} ${c.req.path}`);
  if (!sameDigest(await sha256Hex(c.req.header('x-felt-box-key') ?? ''), await sha256Hex(key))) {
    throw new AuthError('UNAUTHENTICATED', 'Only the box itself may do this');
  }
}

const importMirror = createRoute({
  method: 'post',
  path: '/box/venues/{venueId}/mirror',
  tags: ['box'],
  summary: "Box only, from the box's own process: take the cloud's venue records",
  request: {
    params: VenueParams,
    body: jsonRequest(AnyObject),
  },
  responses: { 200: json(AnyObject, 'Counts'), ...ERRORS },
});

const localCommand = createRoute({
  method: 'post',
  path: '/box/venues/{venueId}/tournaments/{id}/commands',
  tags: ['box'],
  summary: "Box only, from the box's own process: decide a command the cloud held for this box",
  request: {
    params: TournamentParams,
    body: jsonRequest(AnyObject),
  },
  responses: { 200: json(AnyObject, 'The answer'), ...ERRORS },
});

const adopt = createRoute({
  method: 'post',
  path: '/box/venues/{venueId}/tournaments/{id}/adopt',
  tags: ['box'],
  summary: "Box only, from the box's own process: take over a tournament the owner handed to this box",
  request: {
    params: TournamentParams,
    body: jsonRequest(AnyObject),
  },
  responses: { 200: json(AnyObject, 'What the box holds now'), ...ERRORS },
});

const status = createRoute({
  method: 'get',
  path: '/box/status',
  tags: ['box'],
  summary: 'Box only: pairing, cloud reachability, last sync, tournaments (staff of a venue on this box)',
  security: BEARER,
  middleware: authenticated,
  responses: { 200: json(AnyObject, 'Status'), ...ERRORS },
});

export const boxLocal = router()
  .openapi(adopt, async (c) => {
    await boxProcess(c);
    const { venueId: v, id } = c.req.valid('param');
    const body = c.req.valid('json') as {
      listing: {
        id: string;
        name: string;
        templateId: string | null;
        status: string;
        createdAt: number;
        updatedAt: number;
      };
      epoch: number;
      events: unknown[];
    };
    const answer = JSON.parse(
      await tournamentStub(c.env, v, id).adopt(id, body.epoch, JSON.stringify(body.events)),
    );
    unwrap(await venueStub(c.env, v).adoptListing(v, { ...body.listing, id }));
    return reply(c, answer, 200);
  })
  .openapi(localCommand, async (c) => {
    await boxProcess(c);
    const { venueId: v, id } = c.req.valid('param');
    const body = c.req.valid('json') as { command: unknown; actor: { id: string; role: string } };
    // The cloud validated and authorized it when it was sent; the engine's schema checks again.
    const command = parseWith(commandSchema, body.command, 'command') as TournamentCommand;
    const actor = { id: String(body.actor?.id ?? 'cloud'), role: (body.actor?.role ?? 'td') as Role };
    const answer = await tournamentStub(c.env, v, id).command(id, command, actor);
    return reply(c, answer, 200);
  })
  .openapi(importMirror, async (c) => {
    await boxProcess(c);
    const { venueId: v } = c.req.valid('param');
    const body = c.req.valid('json') as unknown as VenueMirror;
    return reply(c, unwrap(await venueStub(c.env, v).importMirror(v, body)), 200);
  })
  .openapi(status, async (c) => {
    if (c.env.FELT_RUNTIME !== 'box' || !c.env.BOX_STORAGE) {
      throw new ApiError(404, 'NOT_A_BOX', 'This is the cloud: box status is on the box');
    }
    const caller = callerOf(c);
    if (caller.venueId)
      unwrap(await venueStub(c.env, caller.venueId).authorize(caller.venueId, caller, 'venue.read'));
    // LAN clients now: the live followers of the caller's venue's tournaments on this box.
    const lan: { id: string; staff: number; public: number }[] = [];
    if (caller.venueId) {
      const v = caller.venueId;
      const open = await venueStub(c.env, v).openTournamentIds(v);
      for (const id of open) lan.push({ id, ...(await tournamentStub(c.env, v, id).followerCount(id)) });
    }
    const res = await c.env.BOX_STORAGE.fetch('http://box-storage/status', {
      headers: { [STORAGE_TOKEN_HEADER]: c.env.BOX_STORAGE_TOKEN ?? '' },
    });
    const link = (await res.json()) as Record<string, unknown>;
    const lanClients = lan.reduce((n, t) => n + t.staff + t.public, 0);
    return reply(c, { ...link, lanClients, lanFollowers: lan }, 200);
  });
