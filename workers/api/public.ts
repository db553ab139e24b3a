/**
 * What anyone may see without signing in: a venue's public page, a tournament's public view
 * and its public live channel (names, chips, payouts and seating as the venue publishes them).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { unwrap } from '../http/answers.ts';
import { ApiError } from '../http/errors.ts';
import { ERRORS, json, reply, router } from '../http/openapi.ts';
import { parseWith } from '../http/validate.ts';
import { AnyObject, opaqueId, PublishSchema, TournamentParams, VenueParams, venueId } from './schemas.ts';
import { directoryStub, tournamentStub, venueStub } from './stubs.ts';
import { upgrade } from './tournaments.ts';

const page = createRoute({
  method: 'get',
  path: '/public/venues/{venueId}',
  tags: ['public'],
  summary: "A venue's public page: its name and listed tournaments",
  request: { params: VenueParams },
  responses: {
    200: json(
      z.object({
        venue: z.object({ id: z.string(), name: z.string(), publicCode: z.string(), currency: z.string() }),
        publish: PublishSchema,
        tournaments: z.array(
          z.object({ id: z.string(), name: z.string(), status: z.string(), createdAt: z.number() }),
        ),
      }),
      'The page',
    ),
    ...ERRORS,
  },
});

const code = createRoute({
  method: 'get',
  path: '/public/codes/{code}',
  tags: ['public'],
  summary: 'Which venue a public code (the QR on the wall) belongs to',
  request: {
    params: z.object({
      code: z
        .string()
        .regex(/^[2-9A-HJ-NP-Za-hj-np-z]{6}$/, 'must be a 6-character venue code')
        .openapi({ param: { name: 'code', in: 'path' } }),
    }),
  },
  responses: { 200: json(z.object({ venueId: z.string() }), 'The venue'), ...ERRORS },
});

const view = createRoute({
  method: 'get',
  path: '/public/venues/{venueId}/tournaments/{id}',
  tags: ['public'],
  summary: 'A tournament as the public sees it',
  request: { params: TournamentParams },
  responses: { 200: json(AnyObject, 'The public view'), ...ERRORS },
});

export const publicRoutes = router()
  .openapi(page, async (c) => {
    const { venueId } = c.req.valid('param');
    return reply(c, unwrap(await venueStub(c.env, venueId).publicPage(venueId)), 200);
  })
  .openapi(code, async (c) => {
    const wanted = c.req.valid('param').code.toUpperCase();
    const owner = await directoryStub(c.env).resolveCode(wanted);
    if (!owner) throw new ApiError(404, 'CODE_NOT_FOUND', `No venue has the code ${wanted}`);
    return reply(c, { venueId: owner }, 200);
  })
  .openapi(view, async (c) => {
    const { venueId, id } = c.req.valid('param');
    // One call: the object answers null for a tournament it does not have.
    const view = await tournamentStub(c.env, venueId, id).publicView(id);
    if (view === null) throw new ApiError(404, 'TOURNAMENT_NOT_FOUND', `No tournament ${id} in ${venueId}`);
    return c.body(view, 200, { 'content-type': 'application/json' }) as never;
  })
  .get('/public/venues/:venueId/tournaments/:id/live', async (c) => {
    const v = parseWith(venueId, c.req.param('venueId'), 'venueId');
    const id = parseWith(opaqueId, c.req.param('id'), 'id');
    const offered = (c.req.header('sec-websocket-protocol') ?? '').split(',').map((p) => p.trim());
    return upgrade(c, v, id, 'public', offered.includes('felt') ? 'felt' : null);
  });
