/**
 * Handover (DESIGN.md "Epoch fencing"): when a venue's box is lost mid-event, the owner
 * promotes the cloud to run the tournament. The epoch goes up; whatever the old box sends
 * later is refused and kept as a conflict report, which the owner and support staff read here.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Env } from '../env.ts';
import { unwrap } from '../http/answers.ts';
import { authenticated, callerOf } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { BEARER, ERRORS, json, jsonRequest, reply, router } from '../http/openapi.ts';
import { TournamentParams } from './schemas.ts';
import { tournamentStub, venueStub } from './stubs.ts';

const authed = { security: BEARER, middleware: authenticated, tags: ['handover'] };

/** The tournament's object, when the tournament exists in this venue (else 404, no trace). */
async function existing(env: Env, venueId: string, id: string) {
  const stub = tournamentStub(env, venueId, id);
  if ((await stub.lastSeq(id)) === 0)
    throw new ApiError(404, 'TOURNAMENT_NOT_FOUND', `No tournament ${id} in ${venueId}`);
  return stub;
}

const promote = createRoute({
  ...authed,
  method: 'post',
  path: '/venues/{venueId}/tournaments/{id}/promote',
  summary: 'Make the cloud run a box-run tournament (owner): the box is fenced from now on',
  request: { params: TournamentParams },
  responses: {
    200: json(z.object({ home: z.string(), epoch: z.number(), previous: z.string() }), 'The new home'),
    ...ERRORS,
  },
});

const claim = createRoute({
  ...authed,
  method: 'post',
  path: '/venues/{venueId}/tournaments/{id}/claim',
  summary: 'Hand a cloud-run tournament to a paired box before the event (owner)',
  request: {
    params: TournamentParams,
    body: jsonRequest(z.object({ boxId: z.string().min(3).max(64) }).strict()),
  },
  responses: {
    200: json(z.object({ home: z.string(), epoch: z.number(), previous: z.string() }), 'The new home'),
    ...ERRORS,
  },
});

const conflicts = createRoute({
  ...authed,
  method: 'get',
  path: '/venues/{venueId}/tournaments/{id}/conflicts',
  summary: 'Event batches refused from a fenced home (owner, support)',
  request: { params: TournamentParams },
  responses: {
    200: json(z.object({ conflicts: z.array(z.record(z.string(), z.unknown())) }), 'Reports'),
    ...ERRORS,
  },
});

export const handover = router()
  .openapi(promote, async (c) => {
    const { venueId, id } = c.req.valid('param');
    const venue = venueStub(c.env, venueId);
    unwrap(await venue.authorize(venueId, callerOf(c), 'boxes.manage'));
    const answer = JSON.parse(await (await existing(c.env, venueId, id)).promoteCloud(id)) as {
      refused?: string;
      message?: string;
      home: string;
      epoch: number;
      previous: string;
    };
    if (answer.refused) throw new ApiError(409, answer.refused, answer.message ?? 'Not a box-run tournament');
    unwrap(await venue.setTournamentHome(venueId, callerOf(c), id, null));
    return reply(c, answer, 200);
  })
  .openapi(claim, async (c) => {
    const { venueId, id } = c.req.valid('param');
    const { boxId } = c.req.valid('json');
    const venue = venueStub(c.env, venueId);
    unwrap(await venue.authorize(venueId, callerOf(c), 'boxes.manage'));
    if (!(await venue.hasBox(venueId, boxId)))
      throw new ApiError(404, 'BOX_NOT_FOUND', `No paired box ${boxId}`);
    const answer = JSON.parse(await (await existing(c.env, venueId, id)).claimFor(id, boxId)) as {
      refused?: string;
      message?: string;
    };
    if (answer.refused) throw new ApiError(409, answer.refused, answer.message ?? 'Already on a box');
    unwrap(await venue.setTournamentHome(venueId, callerOf(c), id, boxId));
    return reply(c, answer, 200);
  })
  .openapi(conflicts, async (c) => {
    const { venueId, id } = c.req.valid('param');
    unwrap(
      await venueStub(c.env, venueId).authorize(venueId, callerOf(c), 'audit.read', {
        tournamentId: id,
        read: 'conflicts',
      }),
    );
    const list = JSON.parse(await (await existing(c.env, venueId, id)).conflicts(id)) as unknown[];
    return reply(c, { conflicts: list }, 200);
  });
