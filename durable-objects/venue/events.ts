/**
 * Multi-day events in a venue's records: a name, its flights (Day 1A, 1B … as tournament ids,
 * in order), its Day 2 and the rules that combine them (engine/flights/). The tournaments
 * themselves stay in their own Durable Objects; this record only says which belong together.
 * Every tournament named must be one of this venue's listed tournaments: an id from another
 * venue is unknown here (its Durable Object is addressed by venue and id together anyway).
 */
import type { CombineRules } from '../../engine/flights/combine.ts';
import { notFound, VenueError } from './answer.ts';
import type { Caller } from './model.ts';
import type { VenueStore } from './venue-store.ts';

/** What the last advance carried, so the console shows it and a retry is recognised. */
export interface EventAdvance {
  readonly at: number;
  readonly commandId: string;
  readonly players: number;
  readonly chips: number;
  readonly pool: number;
}

export interface MultiDayEvent {
  readonly id: string;
  readonly name: string;
  readonly flights: readonly string[];
  readonly day2: string | null;
  readonly rules: CombineRules;
  readonly advanced: EventAdvance | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface EventInput {
  readonly name?: string;
  readonly flights?: readonly string[];
  readonly day2?: string | null;
  readonly rules?: Partial<CombineRules>;
}

const DEFAULT_RULES: CombineRules = { twoFlights: 'best-stack', flightsPay: false };

export function listEvents(store: VenueStore): MultiDayEvent[] {
  return [...store.events.values()].sort((a, b) => b.createdAt - a.createdAt);
}

export function eventOf(store: VenueStore, eventId: string): MultiDayEvent {
  const e = store.events.get(eventId);
  if (!e) throw notFound('event', eventId);
  return e;
}

function checkTournaments(store: VenueStore, event: MultiDayEvent): void {
  for (const id of [...event.flights, ...(event.day2 ? [event.day2] : [])]) {
    if (!store.tournaments.has(id)) {
      throw new VenueError(404, 'TOURNAMENT_NOT_FOUND', `No tournament ${id} in this venue`, {
        tournamentId: id,
      });
    }
  }
  if (new Set(event.flights).size !== event.flights.length) {
    throw new VenueError(422, 'DUPLICATE_FLIGHT', 'A flight is listed twice', {});
  }
  if (event.day2 !== null && event.flights.includes(event.day2)) {
    throw new VenueError(422, 'DAY2_IS_A_FLIGHT', 'Day 2 cannot also be one of its flights', {
      day2: event.day2,
    });
  }
  // A tournament plays in one event: two events carrying one flight would seat its players twice.
  for (const other of store.events.values()) {
    if (other.id === event.id) continue;
    const shared = [...event.flights, event.day2].find(
      (id) => id !== null && (other.flights.includes(id) || other.day2 === id),
    );
    if (shared) {
      throw new VenueError(
        409,
        'TOURNAMENT_IN_ANOTHER_EVENT',
        `Tournament ${shared} is already in ${other.name}`,
        {
          tournamentId: shared,
          eventId: other.id,
        },
      );
    }
  }
}

/** Creates an event (no id) or changes one; refuses changes to the days once it has advanced. */
export async function saveEvent(
  store: VenueStore,
  caller: Caller,
  input: EventInput,
  eventId: string | null,
): Promise<MultiDayEvent> {
  const now = Date.now();
  const before = eventId === null ? null : eventOf(store, eventId);
  if (
    before?.advanced &&
    (input.flights !== undefined || input.day2 !== undefined || input.rules !== undefined)
  ) {
    throw new VenueError(
      409,
      'EVENT_ADVANCED',
      `${before.name} has advanced to Day 2: its days and rules are fixed`,
      {
        eventId: before.id,
      },
    );
  }
  const name = input.name ?? before?.name;
  if (!name) throw new VenueError(400, 'VALIDATION_FAILED', 'An event needs a name', {});
  const event: MultiDayEvent = {
    id: before?.id ?? `ev_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`,
    name,
    flights: input.flights ?? before?.flights ?? [],
    day2: input.day2 === undefined ? (before?.day2 ?? null) : input.day2,
    rules: { ...DEFAULT_RULES, ...before?.rules, ...input.rules },
    advanced: before?.advanced ?? null,
    createdAt: before?.createdAt ?? now,
    updatedAt: now,
  };
  checkTournaments(store, event);
  await store.write(now, {
    events: [event],
    audit: [
      {
        actorId: caller.userId,
        actorRole: caller.role,
        action: before ? 'event.changed' : 'event.created',
        target: event.id,
        details: { name: event.name, flights: event.flights.join(','), day2: event.day2 ?? '' },
      },
    ],
  });
  return event;
}

/** Records an advance the edge has carried into Day 2 (durably, after Day 2 stored it). */
export async function noteAdvance(
  store: VenueStore,
  caller: Caller,
  eventId: string,
  advance: EventAdvance,
): Promise<MultiDayEvent> {
  const event = eventOf(store, eventId);
  if (event.advanced?.commandId === advance.commandId) return event;
  const next = { ...event, advanced: advance, updatedAt: advance.at };
  await store.write(advance.at, {
    events: [next],
    audit: [
      {
        actorId: caller.userId,
        actorRole: caller.role,
        action: 'event.advanced',
        target: event.id,
        details: { players: advance.players, chips: advance.chips, pool: advance.pool },
      },
    ],
  });
  return next;
}

/**
 * Day 2's carry was undone (its view no longer has a carried field): the event is no longer
 * advanced, so its days and rules can change again and a new advance is offered. Day 2's view
 * is the truth; this brings the event's record back in line with it. No-op when not advanced.
 */
export async function noteAdvanceUndone(
  store: VenueStore,
  caller: Caller,
  eventId: string,
): Promise<MultiDayEvent> {
  const event = eventOf(store, eventId);
  if (event.advanced === null) return event;
  const now = Date.now();
  const next = { ...event, advanced: null, updatedAt: now };
  await store.write(now, {
    events: [next],
    audit: [
      {
        actorId: caller.userId,
        actorRole: caller.role,
        action: 'event.advance-undone',
        target: event.id,
        details: { commandId: event.advanced.commandId },
      },
    ],
  });
  return next;
}
