/**
 * A tournament's Durable Object from the inside, for support staff and the owner: its log,
 * snapshot, storage, sockets, alarm and cues, and sync with its home box
 * (durable-objects/tournament/inspection.ts); and its event log filtered by type, actor and
 * time. Read-only; a support read is audited with the tournament (and the filter) it read.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { eventsJson } from '../../durable-objects/live/wire.ts';
import { type EventFilter, isFiltered } from '../../durable-objects/tournament/event-filter.ts';
import type { Permission } from '../auth/permissions.ts';
import type { Env } from '../env.ts';
import { unwrap } from '../http/answers.ts';
import { authenticated, callerOf } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { BEARER, ERRORS, json, router } from '../http/openapi.ts';
import { AnyObject, TournamentParams } from './schemas.ts';
import { tournamentStub, venueStub } from './stubs.ts';

const authed = { security: BEARER, middleware: authenticated, tags: ['tournaments'] };

const inspect = createRoute({
  ...authed,
  method: 'get',
  path: '/venues/{venueId}/tournaments/{id}/inspect',
  summary: "The tournament's object: snapshot, storage, sockets, alarm and cues, sync with its box",
  request: { params: TournamentParams },
  responses: { 200: json(AnyObject, 'The inspection'), ...ERRORS },
});

const time = z.coerce.number().int().min(0).max(8.64e15);

const search = createRoute({
  ...authed,
  method: 'get',
  path: '/venues/{venueId}/tournaments/{id}/events/search',
  summary: 'The event log filtered by type, actor and time, paged from a seq',
  request: {
    params: TournamentParams,
    query: z.object({
      after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
      limit: z.coerce.number().int().min(1).max(500).default(100),
      /** Event types, comma-separated (any of them). */
      type: z
        .string()
        .max(500)
        .regex(/^[A-Za-z]+(,[A-Za-z]+)*$/, 'event types are names like PlayerBusted, comma-separated')
        .optional(),
      actor: z.string().min(1).max(100).optional(),
      from: time.optional(),
      to: time.optional(),
    }),
  },
  responses: {
    200: json(AnyObject, 'Matching events, the seq scanned to and whether more remain'),
    ...ERRORS,
  },
});

/** Checks the caller (auditing a support read with what it read); the tournament's object. */
async function readable(
  env: Env,
  venueId: string,
  id: string,
  caller: ReturnType<typeof callerOf>,
  permission: Permission,
  subject: Readonly<Record<string, string | number>>,
) {
  unwrap(
    await venueStub(env, venueId).authorize(venueId, caller, permission, { tournamentId: id, ...subject }),
  );
  const stub = tournamentStub(env, venueId, id);
  if ((await stub.lastSeq(id)) === 0)
    throw new ApiError(404, 'TOURNAMENT_NOT_FOUND', `No tournament ${id} in ${venueId}`);
  return stub;
}

export const tournamentInspect = router()
  .openapi(inspect, async (c) => {
    const { venueId, id } = c.req.valid('param');
    const stub = await readable(c.env, venueId, id, callerOf(c), 'tournaments.inspect', {});
    return c.json((await stub.inspect(id)) as never, 200);
  })
  .openapi(search, async (c) => {
    const { venueId, id } = c.req.valid('param');
    const q = c.req.valid('query');
    if (q.from !== undefined && q.to !== undefined && q.from > q.to) {
      throw new ApiError(400, 'VALIDATION_FAILED', `from (${q.from}) is after to (${q.to})`, {
        from: q.from,
        to: q.to,
      });
    }
    const filter: EventFilter = {
      types: q.type ? q.type.split(',') : [],
      actor: q.actor ?? null,
      from: q.from ?? null,
      to: q.to ?? null,
    };
    const subject = {
      after: q.after,
      ...(q.type && { type: q.type }),
      ...(q.actor && { actor: q.actor }),
      ...(q.from !== undefined && { from: q.from }),
      ...(q.to !== undefined && { to: q.to }),
    };
    const stub = await readable(c.env, venueId, id, callerOf(c), 'tournaments.read', subject);
    const page = await stub.findEvents(id, q.after, q.limit, filter);
    // Bodies stay stored JSON text, spliced in as the plain log route does.
    const body = `{"seq":${page.seq},"scannedTo":${page.scannedTo},"more":${page.more},"filtered":${isFiltered(filter)},"events":${eventsJson(page.events)}}`;
    return c.body(body, 200, { 'content-type': 'application/json' }) as never;
  });
