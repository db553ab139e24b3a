/**
 * The multi-day event routes (workers/api/multi-day.ts) as the console calls them. The
 * answers of the status and advance routes are typed here: the API document types them as
 * "any object".
 */
import { call } from '../../api.ts';
import type { StaffSession } from '../../session.svelte.ts';

export type TwoFlightRule = 'best-stack' | 'first-flight' | 'last-flight';

export interface MultiDayEvent {
  readonly id: string;
  readonly name: string;
  readonly flights: readonly string[];
  readonly day2: string | null;
  readonly rules: { readonly twoFlights: TwoFlightRule; readonly flightsPay: boolean };
  readonly advanced: {
    readonly at: number;
    readonly players: number;
    readonly chips: number;
    readonly pool: number;
  } | null;
  readonly createdAt: number;
}

export interface CarriedStack {
  readonly playerId: string;
  readonly name: string;
  readonly chips: number;
  readonly fromFlight: string;
}

export interface EventStatus {
  readonly event: MultiDayEvent;
  readonly flights: readonly {
    readonly id: string;
    readonly name: string;
    readonly status: string;
    readonly playersLeft: number;
    readonly chipsInPlay: number;
    readonly bag: {
      readonly at: number;
      readonly total: number;
      readonly pool: number;
      readonly survivors: readonly unknown[];
    } | null;
  }[];
  readonly day2: {
    readonly id: string;
    readonly name: string;
    readonly status: string;
    readonly carried: {
      readonly commandId: string;
      readonly entries: readonly (CarriedStack & { readonly entryId: string })[];
      readonly pool: number;
      readonly chips: number;
    } | null;
  } | null;
  readonly preview: {
    readonly entries: readonly CarriedStack[];
    readonly setAside: readonly (CarriedStack & { readonly keptFrom: string })[];
    readonly pool: number;
    readonly chips: number;
  } | null;
}

export interface EventInput {
  readonly name?: string;
  readonly flights?: readonly string[];
  readonly day2?: string | null;
  readonly rules?: { readonly twoFlights?: TwoFlightRule; readonly flightsPay?: boolean };
}

const base = (s: StaffSession) => `/venues/${encodeURIComponent(s.venueId)}/events`;

export const eventsApi = {
  list: (s: StaffSession) =>
    call<{ events: MultiDayEvent[] }>(base(s), { token: s.token }).then((r) => r.events),
  status: (s: StaffSession, eventId: string) =>
    call<EventStatus>(`${base(s)}/${encodeURIComponent(eventId)}`, { token: s.token }),
  create: (s: StaffSession, input: EventInput & { name: string }) =>
    call<{ event: MultiDayEvent }>(base(s), { method: 'POST', body: input, token: s.token }).then(
      (r) => r.event,
    ),
  change: (s: StaffSession, eventId: string, input: EventInput) =>
    call<{ event: MultiDayEvent }>(`${base(s)}/${encodeURIComponent(eventId)}`, {
      method: 'PATCH',
      body: input,
      token: s.token,
    }).then((r) => r.event),
  advance: (s: StaffSession, eventId: string) =>
    call<{ advanced?: boolean; queued?: boolean }>(`${base(s)}/${encodeURIComponent(eventId)}/advance`, {
      method: 'POST',
      body: {},
      token: s.token,
    }),
};

export const RULE_TEXT: Record<TwoFlightRule, string> = {
  'best-stack': 'Best stack plays',
  'first-flight': 'First flight’s bag plays',
  'last-flight': 'Last flight’s bag plays',
};
