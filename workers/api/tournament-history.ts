/**
 * Time travel (read-only): a tournament as it was right after any seq of its log, and what
 * changed between two seqs. For support staff above all (each read is in the venue's audit
 * log with the tournament and the seqs), and for a TD settling "what did the clock say then".
 */
import { createRoute, z } from '@hono/zod-openapi';
import { viewDiff } from '../../durable-objects/tournament/view-diff.ts';
import type { Env } from '../env.ts';
import { unwrap } from '../http/answers.ts';
import { authenticated, callerOf } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { BEARER, ERRORS, json, router } from '../http/openapi.ts';
import { AnyObject, TournamentParams } from './schemas.ts';
import { tournamentStub, venueStub } from './stubs.ts';

const authed = { security: BEARER, middleware: authenticated, tags: ['tournaments'] };
const seq = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

const at = createRoute({
  ...authed,
  method: 'get',
  path: '/venues/{venueId}/tournaments/{id}/history/{seq}',
  summary: 'The tournament as it was right after one seq (read-only; the clock as it stood then)',
  request: { params: TournamentParams.extend({ seq: seq.openapi({ param: { name: 'seq', in: 'path' } }) }) },
  responses: { 200: json(AnyObject, 'The view at that seq'), ...ERRORS },
});

const diff = createRoute({
  ...authed,
  method: 'get',
  path: '/venues/{venueId}/tournaments/{id}/history-diff',
  summary: 'What changed between two seqs: JSON Pointer paths (ids for list positions) with before and after',
  request: { params: TournamentParams, query: z.object({ from: seq, to: seq }) },
  responses: { 200: json(AnyObject, 'The changes'), ...ERRORS },
});

/** The caller may read the tournament (a support read is audited with what it read); its last seq. */
async function checked(
  env: Env,
  venueId: string,
  id: string,
  caller: Parameters<ReturnType<typeof venueStub>['authorize']>[1],
  seqs: Readonly<Record<string, number>>,
) {
  unwrap(
    await venueStub(env, venueId).authorize(venueId, caller, 'tournaments.read', {
      tournamentId: id,
      ...seqs,
    }),
  );
  const stub = tournamentStub(env, venueId, id);
  const last = await stub.lastSeq(id);
  if (last === 0) throw new ApiError(404, 'TOURNAMENT_NOT_FOUND', `No tournament ${id} in ${venueId}`);
  for (const [name, value] of Object.entries(seqs)) {
    if (value > last) {
      throw new ApiError(
        404,
        'SEQ_NOT_FOUND',
        `No seq ${value} (${name}): the log of ${id} ends at ${last}`,
        {
          [name]: value,
          lastSeq: last,
        },
      );
    }
  }
  return { stub, last };
}

export const tournamentHistory = router()
  .openapi(diff, async (c) => {
    const { venueId, id } = c.req.valid('param');
    const { from, to } = c.req.valid('query');
    const { stub, last } = await checked(c.env, venueId, id, callerOf(c), { from, to });
    const views = JSON.parse(await stub.viewsAt(id, [from, to])) as Record<string, Record<string, unknown>>;
    // The server's clock at the time of asking is not part of either state.
    const strip = ({ serverTime: _t, ...view }: Record<string, unknown>) => view;
    const changes = viewDiff(strip(views[from] ?? {}), strip(views[to] ?? {}));
    return c.json({ from, to, lastSeq: last, changes } as never, 200);
  })
  .openapi(at, async (c) => {
    const { venueId, id, seq: wanted } = c.req.valid('param');
    const { stub, last } = await checked(c.env, venueId, id, callerOf(c), { seq: wanted });
    const views = JSON.parse(await stub.viewsAt(id, [wanted])) as Record<string, unknown>;
    return c.json({ seq: wanted, lastSeq: last, view: views[wanted] } as never, 200);
  });
