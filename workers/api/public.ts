/**
 * What anyone may see without signing in: a venue's public page, a tournament's public view
 * and its public live channel (names, chips, payouts and seating as the venue publishes them).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { MAX_STANDINGS_PAGE, MAX_TABLES_PAGE } from '../../engine/publish/paging.ts';
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

/** The public view of a large field comes in parts (engine/publish/paging.ts): these read the rest. */
const offsetLimit = (max: number, fallback: number) => ({
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(max).default(fallback),
});

const search = createRoute({
  method: 'get',
  path: '/public/venues/{venueId}/tournaments/{id}/entries',
  tags: ['public'],
  summary: 'Find an entry by its published name (a few matches, still in first)',
  request: {
    params: TournamentParams,
    query: z.object({
      q: z.string().trim().min(2, 'must be at least 2 characters').max(60, 'must be at most 60 characters'),
    }),
  },
  responses: { 200: json(AnyObject, 'The matches'), ...ERRORS },
});

const entry = createRoute({
  method: 'get',
  path: '/public/venues/{venueId}/tournaments/{id}/entries/{entryId}',
  tags: ['public'],
  summary: 'One entry as published: chips, place, table and seat ("my entry")',
  request: {
    params: TournamentParams.extend({
      // Entry ids are "e<number>" (engine/tournament/decide.ts): "e1" is shorter than an opaque id.
      entryId: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -')
        .openapi({ param: { name: 'entryId', in: 'path' } }),
    }),
  },
  responses: { 200: json(AnyObject, 'The entry'), ...ERRORS },
});

const standingsPage = createRoute({
  method: 'get',
  path: '/public/venues/{venueId}/tournaments/{id}/standings',
  tags: ['public'],
  summary: 'A page of the standings as published (still in by chips, then the finished by place)',
  request: { params: TournamentParams, query: z.object(offsetLimit(MAX_STANDINGS_PAGE, 50)) },
  responses: { 200: json(AnyObject, 'The page'), ...ERRORS },
});

const tablesPage = createRoute({
  method: 'get',
  path: '/public/venues/{venueId}/tournaments/{id}/tables',
  tags: ['public'],
  summary: 'A page of tables by number with who sits where, or one table (?number=)',
  request: {
    params: TournamentParams,
    query: z.object({
      ...offsetLimit(MAX_TABLES_PAGE, 10),
      number: z.coerce.number().int().min(0).max(100_000).optional(),
    }),
  },
  responses: { 200: json(AnyObject, 'The page'), ...ERRORS },
});

const notFound = (venueId: string, id: string) =>
  new ApiError(404, 'TOURNAMENT_NOT_FOUND', `No tournament ${id} in ${venueId}`);

/** The object's JSON answer as the response body (it is not parsed here). */
const body = (answer: string) => new Response(answer, { headers: { 'content-type': 'application/json' } });

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
  .openapi(search, async (c) => {
    const { venueId, id } = c.req.valid('param');
    const answer = await tournamentStub(c.env, venueId, id).publicSearch(id, c.req.valid('query').q);
    if (answer === null) throw notFound(venueId, id);
    return body(answer) as never;
  })
  .openapi(entry, async (c) => {
    const { venueId, id, entryId } = c.req.valid('param');
    const answer = await tournamentStub(c.env, venueId, id).publicEntry(id, entryId);
    if (answer === null) throw notFound(venueId, id);
    const parsed = JSON.parse(answer) as { entry: unknown };
    if (parsed.entry === null) throw new ApiError(404, 'ENTRY_NOT_FOUND', `No entry ${entryId} in ${id}`);
    return reply(c, parsed.entry as Record<string, unknown>, 200);
  })
  .openapi(standingsPage, async (c) => {
    const { venueId, id } = c.req.valid('param');
    const { offset, limit } = c.req.valid('query');
    const answer = await tournamentStub(c.env, venueId, id).publicStandings(id, offset, limit);
    if (answer === null) throw notFound(venueId, id);
    return body(answer) as never;
  })
  .openapi(tablesPage, async (c) => {
    const { venueId, id } = c.req.valid('param');
    const answer = await tournamentStub(c.env, venueId, id).publicTables(id, c.req.valid('query'));
    if (answer === null) throw notFound(venueId, id);
    if (answer === 'null')
      throw new ApiError(404, 'SEATING_NOT_PUBLISHED', `The venue does not publish the seating of ${id}`);
    return body(answer) as never;
  })
  .get('/public/venues/:venueId/tournaments/:id/live', async (c) => {
    const v = parseWith(venueId, c.req.param('venueId'), 'venueId');
    const id = parseWith(opaqueId, c.req.param('id'), 'id');
    const offered = (c.req.header('sec-websocket-protocol') ?? '').split(',').map((p) => p.trim());
    return upgrade(c, v, id, 'public', offered.includes('felt') ? 'felt' : null);
  });
