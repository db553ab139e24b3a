/**
 * Multi-day events: Day 1 flights feeding a Day 2. The venue keeps which tournaments belong
 * together (durable-objects/venue/events.ts); each flight's bag lives in its own tournament.
 * Advancing reads every flight's bag, combines them (engine/flights/) and sends Day 2 one
 * CarryEntries. Safe to retry: a Day 2 that already has its field is left alone, and two
 * advances at once send the same command id (named by Day 2's seq), which Day 2 runs once.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { answerError } from '../../durable-objects/tournament/host.ts';
import type { MultiDayEvent } from '../../durable-objects/venue/events.ts';
import type { Caller } from '../../durable-objects/venue/model.ts';
import { isDomainError } from '../../engine/core/errors.ts';
import {
  combineFlights,
  type Day2Field,
  type FlightBag,
  TWO_FLIGHT_RULES,
} from '../../engine/flights/combine.ts';
import type { CarriedField, DayBag } from '../../engine/tournament/day-types.ts';
import type { Permission } from '../auth/permissions.ts';
import type { Env } from '../env.ts';
import { unwrap } from '../http/answers.ts';
import { type AppEnv, authenticated, callerOf } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { BEARER, ERRORS, json, jsonRequest, router } from '../http/openapi.ts';
import { AnyObject, humanText, opaqueId, VenueParams } from './schemas.ts';
import { tournamentStub, venueStub } from './stubs.ts';

const authed = { security: BEARER, middleware: authenticated, tags: ['events'] };

const EventParams = VenueParams.extend({
  eventId: opaqueId.openapi({ param: { name: 'eventId', in: 'path' } }),
});

const Rules = z
  .object({
    twoFlights: z
      .enum(TWO_FLIGHT_RULES)
      .openapi({ description: 'Which bag plays when a player survived two flights' }),
    flightsPay: z
      .boolean()
      .openapi({ description: 'Flights pay their own places and carry no money (default false)' }),
  })
  .partial()
  .strict();

const Days = {
  flights: z
    .array(opaqueId)
    .max(20)
    .refine((ids) => new Set(ids).size === ids.length, 'a flight is listed twice'),
  day2: opaqueId.nullable(),
};

const EventSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    flights: z.array(z.string()).readonly(),
    day2: z.string().nullable(),
    rules: z.object({ twoFlights: z.enum(TWO_FLIGHT_RULES), flightsPay: z.boolean() }),
    advanced: z
      .object({
        at: z.number(),
        commandId: z.string(),
        players: z.number(),
        chips: z.number(),
        pool: z.number(),
      })
      .nullable(),
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .openapi('MultiDayEvent');

const list = createRoute({
  ...authed,
  method: 'get',
  path: '/venues/{venueId}/events',
  summary: "The venue's multi-day events, newest first",
  request: { params: VenueParams },
  responses: { 200: json(z.object({ events: z.array(EventSchema) }), 'Events'), ...ERRORS },
});

const create = createRoute({
  ...authed,
  method: 'post',
  path: '/venues/{venueId}/events',
  summary: 'Create a multi-day event from existing tournaments: its flights (in order) and its Day 2',
  request: {
    params: VenueParams,
    body: jsonRequest(
      z
        .object({
          name: humanText(120),
          flights: Days.flights.default([]),
          day2: Days.day2.default(null),
          rules: Rules.optional(),
        })
        .strict(),
    ),
  },
  responses: { 201: json(z.object({ event: EventSchema }), 'Created'), ...ERRORS },
});

const change = createRoute({
  ...authed,
  method: 'patch',
  path: '/venues/{venueId}/events/{eventId}',
  summary:
    'Rename an event, attach flights or its Day 2, change its rules (days and rules are fixed once it advanced)',
  request: {
    params: EventParams,
    body: jsonRequest(
      z
        .object({ name: humanText(120), flights: Days.flights, day2: Days.day2, rules: Rules })
        .partial()
        .strict()
        .refine((b) => Object.keys(b).length > 0, 'name at least one field to change'),
    ),
  },
  responses: { 200: json(z.object({ event: EventSchema }), 'Changed'), ...ERRORS },
});

const status = createRoute({
  ...authed,
  method: 'get',
  path: '/venues/{venueId}/events/{eventId}',
  summary: "The event with each flight's bag status, Day 2's carried field, and what an advance would carry",
  request: { params: EventParams },
  responses: { 200: json(AnyObject, 'The event and its days'), ...ERRORS },
});

const advance = createRoute({
  ...authed,
  method: 'post',
  path: '/venues/{venueId}/events/{eventId}/advance',
  summary:
    "Carry the bagged flights' survivors and money into Day 2 (safe to retry: nothing is carried twice)",
  request: { params: EventParams },
  responses: {
    200: json(AnyObject, 'Day 2 already had its field: nothing carried again'),
    201: json(AnyObject, 'Carried: the Day 2 field'),
    202: json(AnyObject, 'Held for the box that runs Day 2 (carried there on its next sync)'),
    ...ERRORS,
  },
});

interface DayView {
  readonly seq: number;
  readonly standings: { readonly status: string; readonly playersLeft: number; readonly chipsInPlay: number };
  readonly day?: {
    readonly bag: DayBag | null;
    readonly carried: CarriedField | null;
    readonly chipsInPlay: number;
  };
}

async function allowed(env: Env, venueId: string, caller: Caller, permission: Permission): Promise<void> {
  unwrap(await venueStub(env, venueId).authorize(venueId, caller, permission));
}

/** The tournament's view (its Durable Object is addressed by this venue and the id together). */
async function dayView(env: Env, venueId: string, id: string): Promise<DayView> {
  const stub = tournamentStub(env, venueId, id);
  if ((await stub.lastSeq(id)) === 0)
    throw new ApiError(404, 'TOURNAMENT_NOT_FOUND', `No tournament ${id} in ${venueId}`);
  return JSON.parse(await stub.view(id)) as DayView;
}

interface EventDays {
  readonly flights: readonly { readonly id: string; readonly name: string; readonly view: DayView }[];
  readonly day2: { readonly id: string; readonly name: string; readonly view: DayView } | null;
}

async function readDays(c: Context<AppEnv>, venueId: string, event: MultiDayEvent): Promise<EventDays> {
  const listed = unwrap(await venueStub(c.env, venueId).listTournaments(venueId, callerOf(c)));
  const nameOf = (id: string) => listed.find((t) => t.id === id)?.name ?? id;
  const read = async (id: string) => ({ id, name: nameOf(id), view: await dayView(c.env, venueId, id) });
  const [flights, day2] = await Promise.all([
    Promise.all(event.flights.map(read)),
    event.day2 === null ? null : read(event.day2),
  ]);
  return { flights, day2 };
}

function bagsOf(days: EventDays): FlightBag[] | { id: string; name: string }[] {
  const unbagged = days.flights.filter((f) => !f.view.day?.bag);
  if (unbagged.length > 0) return unbagged.map((f) => ({ id: f.id, name: f.name }));
  return days.flights.map((f) => {
    const bag = f.view.day?.bag as DayBag;
    return {
      flightId: f.id,
      survivors: bag.survivors.map((s) => ({ playerId: s.playerId, name: s.name, chips: s.chips })),
      pool: bag.pool,
      entrants: bag.entrants,
    };
  });
}

/**
 * The event as Day 2 has it: when the event is marked advanced but Day 2 has no carried field
 * (the TD undid the carry), the mark is cleared so the console offers the advance again.
 */
async function undoneAdvance(
  c: Context<AppEnv>,
  venueId: string,
  event: MultiDayEvent,
  days: EventDays,
): Promise<MultiDayEvent> {
  if (event.advanced === null || days.day2 === null || days.day2.view.day?.carried) return event;
  return unwrap(await venueStub(c.env, venueId).noteEventAdvanceUndone(venueId, callerOf(c), event.id));
}

function isBags(x: FlightBag[] | { id: string; name: string }[]): x is FlightBag[] {
  return x.length === 0 || 'flightId' in (x[0] as object);
}

export const multiDay = router();

multiDay
  .openapi(list, async (c) => {
    const { venueId } = c.req.valid('param');
    return c.json({ events: unwrap(await venueStub(c.env, venueId).listEvents(venueId, callerOf(c))) }, 200);
  })
  .openapi(create, async (c) => {
    const { venueId } = c.req.valid('param');
    const input = c.req.valid('json');
    const event = unwrap(await venueStub(c.env, venueId).saveEvent(venueId, callerOf(c), input, null));
    return c.json({ event }, 201);
  })
  .openapi(change, async (c) => {
    const { venueId, eventId } = c.req.valid('param');
    const input = c.req.valid('json');
    const venue = venueStub(c.env, venueId);
    // An advance the TD undid on Day 2 no longer fixes the days and rules.
    const before = unwrap(await venue.event(venueId, callerOf(c), eventId));
    if (before.advanced) await undoneAdvance(c, venueId, before, await readDays(c, venueId, before));
    const event = unwrap(await venue.saveEvent(venueId, callerOf(c), input, eventId));
    return c.json({ event }, 200);
  })
  .openapi(status, async (c) => {
    const { venueId, eventId } = c.req.valid('param');
    const stored = unwrap(await venueStub(c.env, venueId).event(venueId, callerOf(c), eventId));
    const days = await readDays(c, venueId, stored);
    const event = await undoneAdvance(c, venueId, stored, days);
    const bags = bagsOf(days);
    let preview: Day2Field | null = null;
    if (isBags(bags) && bags.length > 0 && !days.day2?.view.day?.carried) {
      const f = combineFlights(bags, event.rules);
      if (!isDomainError(f)) preview = f;
    }
    return c.json(
      {
        event,
        flights: days.flights.map((f) => ({
          id: f.id,
          name: f.name,
          status: f.view.standings.status,
          playersLeft: f.view.standings.playersLeft,
          chipsInPlay: f.view.standings.chipsInPlay,
          bag: f.view.day?.bag ?? null,
        })),
        day2: days.day2
          ? {
              id: days.day2.id,
              name: days.day2.name,
              status: days.day2.view.standings.status,
              carried: days.day2.view.day?.carried ?? null,
            }
          : null,
        preview,
      },
      200,
    );
  })
  .openapi(advance, async (c) => {
    const { venueId, eventId } = c.req.valid('param');
    const caller = callerOf(c);
    const venue = venueStub(c.env, venueId);
    const event = unwrap(await venue.event(venueId, caller, eventId));
    await allowed(c.env, venueId, caller, 'tournaments.create');
    await allowed(c.env, venueId, caller, 'run.money');
    if (event.day2 === null)
      throw new ApiError(422, 'NO_DAY2', `${event.name} has no Day 2 yet: attach one first`);
    if (event.flights.length === 0) throw new ApiError(422, 'NO_FLIGHTS', `${event.name} has no flights yet`);
    const days = await readDays(c, venueId, event);
    const day2 = days.day2 as NonNullable<EventDays['day2']>;
    const carried = day2.view.day?.carried;
    if (carried) {
      // A retry (or a second tap): Day 2 has its field. Record it if the first answer was lost.
      const noted = unwrap(
        await venue.noteEventAdvance(venueId, caller, eventId, {
          at: carried.at,
          commandId: carried.commandId,
          players: carried.entries.length,
          chips: carried.chips,
          pool: carried.pool,
        }),
      );
      return c.json({ advanced: false, event: noted, carried }, 200) as never;
    }
    if (day2.view.standings.status !== 'announced' && day2.view.standings.status !== 'registration') {
      throw new ApiError(
        409,
        'DAY2_ALREADY_STARTED',
        `${day2.name} has started (${day2.view.standings.status}): its field can no longer be carried in`,
        {
          tournamentId: day2.id,
          status: day2.view.standings.status,
        },
      );
    }
    const bags = bagsOf(days);
    if (!isBags(bags)) {
      throw new ApiError(
        409,
        'FLIGHT_NOT_BAGGED',
        `Bag ${bags.map((f) => f.name).join(', ')} first: every flight must end its day`,
        {
          flights: bags.map((f) => f.id),
        },
      );
    }
    const field = combineFlights(bags, event.rules);
    if (isDomainError(field)) throw field;
    const commandId = `carry-${event.id}-${day2.view.seq}`;
    const answer = await tournamentStub(c.env, venueId, day2.id).command(
      day2.id,
      {
        commandId,
        type: 'CarryEntries',
        entries: field.entries,
        pool: field.pool,
        flightEntries: field.flightEntries,
      },
      { id: caller.userId, role: caller.role },
    );
    if (!answer.ok) throw answerError(answer);
    if (answer.queued) return c.json({ queued: true, commandId, field }, 202) as never;
    const carriedEvent = answer.events.find((e) => e.type === 'EntriesCarried');
    const at = carriedEvent ? (JSON.parse(carriedEvent.body) as { at: number }).at : Date.now();
    const entries = carriedEvent
      ? (JSON.parse(carriedEvent.body) as { entries: { playerId: string; entryId: string }[] }).entries
      : [];
    await venue.notePlayerEntries(
      venueId,
      day2.id,
      entries.map((e) => ({ playerId: e.playerId, entryId: e.entryId })),
    );
    const noted = unwrap(
      await venue.noteEventAdvance(venueId, caller, eventId, {
        at,
        commandId,
        players: field.entries.length,
        chips: field.chips,
        pool: field.pool,
      }),
    );
    return c.json({ advanced: !answer.repeated, event: noted, field }, answer.repeated ? 200 : 201) as never;
  });
