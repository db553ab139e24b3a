/** The venue itself for its staff: settings, who am I, the audit log. */
import { createRoute, z } from '@hono/zod-openapi';
import { FREE_TIER_DAILY } from '../../durable-objects/usage/venue-usage.ts';
import { unwrap } from '../http/answers.ts';
import { authenticated, callerOf } from '../http/auth.ts';
import { BEARER, ERRORS, json, jsonRequest, reply, router } from '../http/openapi.ts';
import {
  currency,
  humanText,
  nameDisplay,
  origin,
  StaffSchema,
  VenueParams,
  VenueSchema,
} from './schemas.ts';
import { directoryStub, flushUsageFrom, tournamentStub, venueStub } from './stubs.ts';

const getVenue = createRoute({
  method: 'get',
  path: '/venues/{venueId}',
  tags: ['venue'],
  summary: "The venue's settings",
  security: BEARER,
  middleware: authenticated,
  request: { params: VenueParams },
  responses: { 200: json(z.object({ venue: VenueSchema }), 'Settings'), ...ERRORS },
});

const SettingsPatch = z
  .object({
    name: humanText(120),
    currency,
    locale: z.string().regex(/^[a-z]{2,3}(?:-[A-Z]{2})?$/, 'must be a locale such as da-DK'),
    timeZone: z.string().regex(/^[A-Za-z_]+(?:\/[A-Za-z_+-]+){0,2}$/, 'must be an IANA time zone'),
    allowedOrigins: z.array(origin).max(20),
    publish: z
      .object({
        names: nameDisplay,
        chips: z.boolean(),
        payouts: z.boolean(),
        seating: z.boolean(),
        listed: z.boolean(),
        onlineRegistration: z.boolean(),
      })
      .partial()
      .strict(),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'send at least one setting to change')
  .openapi('VenueSettingsPatch');

const patchVenue = createRoute({
  method: 'patch',
  path: '/venues/{venueId}',
  tags: ['venue'],
  summary: 'Change settings (owner)',
  security: BEARER,
  middleware: authenticated,
  request: {
    params: VenueParams,
    body: jsonRequest(SettingsPatch),
  },
  responses: { 200: json(z.object({ venue: VenueSchema }), 'New settings'), ...ERRORS },
});

const me = createRoute({
  method: 'get',
  path: '/venues/{venueId}/me',
  tags: ['venue'],
  summary: 'Who the token belongs to, and their role here',
  security: BEARER,
  middleware: authenticated,
  request: { params: VenueParams },
  responses: {
    200: json(z.object({ user: StaffSchema.nullable(), role: z.string(), venue: VenueSchema }), 'The caller'),
    ...ERRORS,
  },
});

const audit = createRoute({
  method: 'get',
  path: '/venues/{venueId}/audit',
  tags: ['venue'],
  summary: 'The audit log, newest first (owner, support)',
  security: BEARER,
  middleware: authenticated,
  request: {
    params: VenueParams,
    query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
  },
  responses: {
    200: json(z.object({ entries: z.array(z.record(z.string(), z.unknown())) }), 'Entries'),
    ...ERRORS,
  },
});

const UsageDay = z.object({
  day: z.string(),
  workerRequests: z.number(),
  doRequests: z.number(),
  websocketMessages: z.number(),
  alarms: z.number(),
  rowsWritten: z.number(),
});

const usage = createRoute({
  method: 'get',
  path: '/venues/{venueId}/usage',
  tags: ['venue'],
  summary: "What the venue used of the free tier's daily quotas, per UTC day, newest first (owner, support)",
  security: BEARER,
  middleware: authenticated,
  request: {
    params: VenueParams,
    query: z.object({ days: z.coerce.number().int().min(1).max(35).default(7) }),
  },
  responses: {
    200: json(
      z.object({
        runtime: z.enum(['cloud', 'box']),
        days: z.array(UsageDay),
        limits: UsageDay.omit({ day: true }),
      }),
      'Usage',
    ),
    ...ERRORS,
  },
});

export const venue = router()
  .openapi(usage, async (c) => {
    const { venueId } = c.req.valid('param');
    const { days } = c.req.valid('query');
    // This isolate's counts of the venue first, so the page includes the requests just made.
    await flushUsageFrom(c.env, Date.now(), { venueId });
    const list = unwrap(await venueStub(c.env, venueId).usage(venueId, callerOf(c), days));
    return reply(c, { runtime: c.env.FELT_RUNTIME, days: list, limits: FREE_TIER_DAILY }, 200);
  })
  .openapi(getVenue, async (c) => {
    const { venueId } = c.req.valid('param');
    return reply(
      c,
      { venue: unwrap(await venueStub(c.env, venueId).getSettings(venueId, callerOf(c))) },
      200,
    );
  })
  .openapi(patchVenue, async (c) => {
    const { venueId } = c.req.valid('param');
    const stub = venueStub(c.env, venueId);
    const next = unwrap(await stub.updateSettings(venueId, callerOf(c), c.req.valid('json')));
    if (c.req.valid('json').name) await directoryStub(c.env).renameVenue(venueId, next.name);
    // Tournaments keep their own copy of what may be published (their public views are
    // served without asking the venue); push the new settings to the ones not finished.
    if (c.req.valid('json').publish) {
      const publishing = unwrap(await stub.publishing(venueId));
      const list = unwrap(await stub.listTournaments(venueId, callerOf(c)));
      await Promise.all(
        list
          .filter((t) => t.status !== 'finished' && t.status !== 'cancelled')
          .map((t) => tournamentStub(c.env, venueId, t.id).setPublishing(t.id, JSON.stringify(publishing))),
      );
    }
    return reply(c, { venue: next }, 200);
  })
  .openapi(me, async (c) => {
    const { venueId } = c.req.valid('param');
    return reply(c, unwrap(await venueStub(c.env, venueId).me(venueId, callerOf(c))), 200);
  })
  .openapi(audit, async (c) => {
    const { venueId } = c.req.valid('param');
    const { limit } = c.req.valid('query');
    return reply(
      c,
      { entries: unwrap(await venueStub(c.env, venueId).auditLog(venueId, callerOf(c), limit)) },
      200,
    );
  });
