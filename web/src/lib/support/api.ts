/**
 * The support console's reads beside the venue client (support.venue(…)): finding venues,
 * inspecting a tournament's object, the filtered log, a box's tournaments and conflicts.
 * Each is a plain venue or support route; the server audits every one.
 */
import type { Inspection } from '../../../../durable-objects/tournament/inspection.ts';
import type { components, paths } from '../api/openapi.ts';
import type { LogEvent, TournamentListing } from '../api.ts';
import { support } from './session.svelte.ts';

export type { Inspection };
export type Box = components['schemas']['Box'];
export type Venue = components['schemas']['Venue'];
export type FoundVenue =
  paths['/support/find']['get']['responses'][200]['content']['application/json']['venues'][number];

export interface EventQuery {
  readonly after: number;
  readonly limit: number;
  readonly types: readonly string[];
  readonly actor: string;
  /** ms since the epoch, or null for no bound */
  readonly from: number | null;
  readonly to: number | null;
}

export interface EventPage {
  readonly seq: number;
  readonly scannedTo: number;
  readonly more: boolean;
  readonly filtered: boolean;
  readonly events: readonly LogEvent[];
}

export interface ConflictReport {
  readonly at: number;
  readonly from: string;
  readonly epoch: number;
  readonly home: string;
  readonly currentEpoch: number;
  readonly seqs: readonly number[];
}

const v = (venueId: string) => `/venues/${encodeURIComponent(venueId)}`;
const t = (venueId: string, id: string) => `${v(venueId)}/tournaments/${encodeURIComponent(id)}`;

export function eventSearchQuery(q: EventQuery): string {
  const p = new URLSearchParams({ after: String(q.after), limit: String(q.limit) });
  if (q.types.length > 0) p.set('type', q.types.join(','));
  if (q.actor.trim() !== '') p.set('actor', q.actor.trim());
  if (q.from !== null) p.set('from', String(q.from));
  if (q.to !== null) p.set('to', String(q.to));
  return p.toString();
}

export const supportApi = {
  find: async (q: string) =>
    (await support.get<{ venues: FoundVenue[] }>(`/support/find?q=${encodeURIComponent(q)}`)).venues,
  venue: async (venueId: string) => (await support.get<{ venue: Venue }>(v(venueId))).venue,
  tournaments: async (venueId: string) =>
    (await support.get<{ tournaments: TournamentListing[] }>(`${v(venueId)}/tournaments`)).tournaments,
  boxes: async (venueId: string) => (await support.get<{ boxes: Box[] }>(`${v(venueId)}/boxes`)).boxes,
  inspect: (venueId: string, id: string) => support.get<Inspection>(`${t(venueId, id)}/inspect`),
  events: (venueId: string, id: string, q: EventQuery) =>
    support.get<EventPage>(`${t(venueId, id)}/events/search?${eventSearchQuery(q)}`),
  conflicts: async (venueId: string, id: string) =>
    (await support.get<{ conflicts: ConflictReport[] }>(`${t(venueId, id)}/conflicts`)).conflicts,
};
