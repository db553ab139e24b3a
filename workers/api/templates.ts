/** Structure templates: the built-ins plus the venue's own. */
import { createRoute, z } from '@hono/zod-openapi';
import type { VenueTemplate } from '../../durable-objects/venue/templates.ts';
import { structureSchema } from '../../engine/tournament/commands.schema.ts';
import { unwrap } from '../http/answers.ts';
import { authenticated, callerOf } from '../http/auth.ts';
import { BEARER, ERRORS, json, jsonRequest, reply, router } from '../http/openapi.ts';
import { humanText, opaqueId, TemplateSchema, VenueParams } from './schemas.ts';
import { venueStub } from './stubs.ts';

const authed = { security: BEARER, middleware: authenticated, tags: ['templates'] };
const minor = z.number().int().min(0).max(1e12);
const profile = <K extends string>(kind: K) =>
  z.object({
    id: z.string().min(1).max(40),
    name: humanText(60),
    kind: z.literal(kind),
    price: minor,
    fee: minor,
    chips: z.number().int().min(0).max(1e12),
    bounty: minor,
  });

/** Everything CreateTournament needs beside the name: a template's body, or a tournament's own set-up. */
export const TournamentSetup = z
  .object({
    structure: structureSchema,
    buyIn: profile('buyin'),
    rebuy: profile('rebuy').nullable().default(null),
    addOn: profile('addon').nullable().default(null),
    /** Other CreateTournament settings (other prices, rules, addedMoney, fixedRake, guarantee, payout); checked by the engine's schema. */
    settings: z
      .object({
        profiles: z.array(z.union([profile('buyin'), profile('rebuy'), profile('addon')])).max(50),
        rules: z.record(z.string(), z.unknown()),
        addedMoney: minor,
        fixedRake: minor,
        guarantee: minor,
        payout: z.record(z.string(), z.unknown()),
        /** A satellite: { seatValue, remainder: 'bubble' | 'seat-winners' }. */
        satellite: z.record(z.string(), z.unknown()).nullable(),
        /** A shootout: { advancePerTable } (1 = one winner per table). */
        shootout: z.record(z.string(), z.unknown()).nullable(),
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict()
  .openapi('TournamentSetup');

const NewTemplate = TournamentSetup.extend({
  name: humanText(120),
  description: z.string().max(500).default(''),
})
  .strict()
  .openapi('NewTemplate');

const list = createRoute({
  ...authed,
  method: 'get',
  path: '/venues/{venueId}/templates',
  summary: "The venue's templates, then the built-in ones",
  request: { params: VenueParams },
  responses: { 200: json(z.object({ templates: z.array(TemplateSchema) }), 'Templates'), ...ERRORS },
});

const save = createRoute({
  ...authed,
  method: 'post',
  path: '/venues/{venueId}/templates',
  summary: 'Save a structure template (checked by the engine)',
  request: {
    params: VenueParams,
    body: jsonRequest(NewTemplate),
  },
  responses: { 201: json(z.object({ template: TemplateSchema }), 'Saved'), ...ERRORS },
});

const remove = createRoute({
  ...authed,
  method: 'delete',
  path: '/venues/{venueId}/templates/{templateId}',
  summary: "Delete one of the venue's templates",
  request: {
    params: VenueParams.extend({
      templateId: opaqueId.openapi({ param: { name: 'templateId', in: 'path' } }),
    }),
  },
  responses: { 200: json(z.object({ deleted: z.string() }), 'Deleted'), ...ERRORS },
});

export const templates = router()
  .openapi(list, async (c) => {
    const { venueId } = c.req.valid('param');
    return reply(
      c,
      { templates: unwrap(await venueStub(c.env, venueId).listTemplates(venueId, callerOf(c))) } as never,
      200,
    );
  })
  .openapi(save, async (c) => {
    const { venueId } = c.req.valid('param');
    const body = c.req.valid('json') as unknown as Omit<VenueTemplate, 'id' | 'createdAt' | 'source'>;
    return reply(
      c,
      { template: unwrap(await venueStub(c.env, venueId).saveTemplate(venueId, callerOf(c), body)) } as never,
      201,
    );
  })
  .openapi(remove, async (c) => {
    const { venueId, templateId } = c.req.valid('param');
    unwrap(await venueStub(c.env, venueId).deleteTemplate(venueId, callerOf(c), templateId));
    return reply(c, { deleted: templateId }, 200);
  });
