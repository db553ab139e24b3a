import { Hono } from 'hono';
import { z } from 'zod';
import { answerError } from '../../durable-objects/tournament/host.ts';
import type { Env } from '../env.ts';
import { ApiError } from '../http/errors.ts';
import { jsonBody, parseWith } from '../http/validate.ts';
import { newTournamentId, venueIdSchema } from './ids.ts';
import { createFromTemplate } from './tournament-config.ts';

const createVenueSchema = z.object({
  id: venueIdSchema,
  name: z.string().trim().min(1).max(120),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as DKK')
    .default('DKK'),
  locale: z.string().min(2).max(35).default('da-DK'),
  timeZone: z.string().min(1).max(64).default('Europe/Copenhagen'),
});

const createTournamentSchema = z.object({
  name: z.string().trim().min(1).max(120),
  templateId: z.string().min(1).max(60).default('regular'),
});

function venueStub(env: Env, venueId: string) {
  return env.VENUE.get(env.VENUE.idFromName(venueId));
}

export const venues = new Hono<{ Bindings: Env }>()
  .post('/', async (c) => {
    const body = await jsonBody(c, createVenueSchema);
    const created = await venueStub(c.env, body.id).create({ ...body, createdAt: Date.now() });
    if (!created) throw new ApiError(409, 'VENUE_EXISTS', `Venue ${body.id} already exists`);
    return c.json({ venue: created }, 201);
  })
  .get('/:venueId', async (c) => {
    const venueId = parseWith(venueIdSchema, c.req.param('venueId'), 'venueId');
    const venue = await venueStub(c.env, venueId).get(venueId);
    if (!venue) throw new ApiError(404, 'VENUE_NOT_FOUND', `No venue ${venueId}`);
    return c.json({ venue });
  })
  .get('/:venueId/tournaments', async (c) => {
    const venueId = parseWith(venueIdSchema, c.req.param('venueId'), 'venueId');
    const stub = venueStub(c.env, venueId);
    if (!(await stub.get(venueId))) throw new ApiError(404, 'VENUE_NOT_FOUND', `No venue ${venueId}`);
    return c.json({ tournaments: await stub.listTournaments(venueId) });
  })
  .post('/:venueId/tournaments', async (c) => {
    const venueId = parseWith(venueIdSchema, c.req.param('venueId'), 'venueId');
    const body = await jsonBody(c, createTournamentSchema);
    const stub = venueStub(c.env, venueId);
    const venue = await stub.get(venueId);
    if (!venue) throw new ApiError(404, 'VENUE_NOT_FOUND', `No venue ${venueId}`);
    const id = newTournamentId();
    const createdAt = Date.now();
    const create = createFromTemplate(`create-${id}`, body.name, body.templateId, venue.currency);
    const t = c.env.TOURNAMENT.get(c.env.TOURNAMENT.idFromName(id));
    // The tournament's own log records its creation first; the venue's list follows.
    const refused = answerError(await t.command(id, create, { id: 'api', role: 'td' }));
    if (refused) throw refused;
    await stub.addTournament(venueId, { id, name: body.name, createdAt });
    return c.json({ tournament: { id, name: body.name, venueId, createdAt } }, 201);
  });
