/**
 * Operator actions on support accounts, allowed only with the deployment's operator key
 * (FELT_ADMIN_KEY, a secret). Without the key configured these routes do not exist (404).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { meter } from '../../durable-objects/usage/meter.ts';
import { sameDigest, sha256Hex } from '../../durable-objects/venue/staff-rules.ts';
import { unwrap } from '../http/answers.ts';
import { type AppEnv, authenticated, callerOf } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { BEARER, ERRORS, json, jsonRequest, router } from '../http/openapi.ts';
import { email, humanText, password } from './schemas.ts';
import { directoryStub } from './stubs.ts';

const operator: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = c.env.FELT_ADMIN_KEY;
  if (!key) throw new ApiError(404, 'ROUTE_NOT_FOUND', `No API route ${c.req.method} ${c.req.path}`);
  const given = c.req.header('x-felt-admin-key') ?? '';
  // Digests compared in constant time: the key's length and prefix leak nothing.
  if (!sameDigest(await sha256Hex(given), await sha256Hex(key))) {
    throw new ApiError(401, 'UNAUTHENTICATED', 'Operator key missing or wrong (x-felt-admin-key)');
  }
  await next();
};

const create = createRoute({
  method: 'post',
  path: '/support/accounts',
  tags: ['support'],
  summary: 'Create or reset a support account (operator key)',
  middleware: operator,
  request: {
    body: jsonRequest(z.object({ name: humanText(120), email, password }).strict()),
  },
  responses: { 201: json(z.object({ id: z.string(), email: z.string() }), 'Created'), ...ERRORS },
});

const revoke = createRoute({
  method: 'post',
  path: '/support/accounts/revoke',
  tags: ['support'],
  summary: "End a support account's sessions, optionally deactivating it (operator key)",
  middleware: operator,
  request: {
    body: jsonRequest(z.object({ email, deactivate: z.boolean().default(false) }).strict()),
  },
  responses: { 200: json(z.object({ revoked: z.string() }), 'Revoked'), ...ERRORS },
});

const usageCounts = z.object({ requests: z.number(), awakeMs: z.number(), objects: z.number() });

const usage = createRoute({
  method: 'get',
  path: '/support/usage',
  tags: ['support'],
  summary: "What this isolate has used of the free tier's daily quotas (operator key; FELT_METER=1 only)",
  middleware: operator,
  responses: {
    200: json(
      z.object({
        workerRequests: z.number(),
        durableObjects: z.object({
          billedRequests: z.number(),
          rpc: z.number(),
          alarms: z.number(),
          websocketMessages: z.number(),
          websocketCloses: z.number(),
          awakeMs: z.number(),
          objects: z.number(),
          byClass: z.object({
            tournament: usageCounts,
            venue: usageCounts,
            directory: usageCounts,
            displays: usageCounts,
          }),
        }),
        rowsWritten: z.number(),
      }),
      'Usage counted since the isolate started',
    ),
    ...ERRORS,
  },
});

const FoundVenueSchema = z.object({
  id: z.string(),
  name: z.string(),
  code: z.string().nullable(),
  matched: z.enum(['id', 'code', 'box', 'name']),
  box: z.object({ id: z.string(), venueId: z.string(), name: z.string() }).optional(),
});

const find = createRoute({
  method: 'get',
  path: '/support/find',
  tags: ['support'],
  summary: 'Support staff: venues by id, public code, box id or name',
  security: BEARER,
  middleware: authenticated,
  request: { query: z.object({ q: z.string().trim().min(1).max(200) }) },
  responses: { 200: json(z.object({ venues: z.array(FoundVenueSchema) }), 'Up to 20 venues'), ...ERRORS },
});

export const support = router()
  .openapi(find, async (c) => {
    if (callerOf(c).role !== 'support') {
      throw new ApiError(403, 'FORBIDDEN', 'Only Felt support staff search across venues');
    }
    return c.json({ venues: await directoryStub(c.env).findVenues(c.req.valid('query').q) }, 200);
  })
  .openapi(usage, async (c) => {
    if (!meter.on) throw new ApiError(404, 'METER_OFF', 'Usage is counted only where FELT_METER=1');
    return c.json(meter.report(), 200);
  })
  .openapi(create, async (c) =>
    c.json(unwrap(await directoryStub(c.env).createSupport(c.req.valid('json'))), 201),
  )
  .openapi(revoke, async (c) => {
    const { email, deactivate } = c.req.valid('json');
    unwrap(await directoryStub(c.env).revokeSupport(email, deactivate));
    return c.json({ revoked: email }, 200);
  });
