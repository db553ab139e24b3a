/**
 * Typed client for the Felt API (same origin). Paths, parameters, bodies and answers are typed
 * by `./api/openapi.ts`, generated from the server's own OpenAPI document (`npm run
 * api:generate`; a unit test fails while it is stale), through openapi-fetch. Where a route
 * answers "any object" (the tournament view, command answers, the event log) the shape comes
 * from the engine's and the Durable Object's own types. Every call throws ApiRequestError.
 */
import createClient from 'openapi-fetch';
import type { Inspection } from '../../../durable-objects/tournament/inspection.ts';
import type { AuditEntry } from '../../../durable-objects/venue/model.ts';
import type { EntryMatch, MoveNames, PartialMarker, PublicTable } from '../../../engine/publish/paging.ts';
import type { SeatingView } from '../../../engine/seating/types.ts';
import type { Structure } from '../../../engine/structure/types.ts';
import type { Standings } from '../../../engine/tournament/standings.ts';
import type { TournamentConfig, TournamentEventAny } from '../../../engine/tournament/types.ts';
import type { components, paths } from './api/openapi.ts';
import type { CommandBody, CommandType } from './commands.ts';

type Schemas = components['schemas'];
export type Venue = Schemas['Venue'];
export type Staff = Schemas['Staff'];
export type StaffRole = Staff['role'];
export type SignedIn = Schemas['SignedIn'];
export type Player = Schemas['Player'];
export type Template = Schemas['Template'];
export type TournamentListing = Schemas['TournamentListing'];
export type Publishing = Schemas['Publishing'];
export type Health = Schemas['Health'];
export type TournamentSetup = Schemas['TournamentSetup'];
/** One line of the venue's audit log (durable-objects/venue/model.ts), newest first. */
export type { AuditEntry };

type Json<P extends keyof paths, M extends keyof paths[P], S extends number = 200> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends Record<S, { content: { 'application/json': infer B } }>
    ? B
    : never
  : never;

export type PublicVenuePage = Json<'/public/venues/{venueId}', 'get'>;
export type VenueUsage = Json<'/venues/{venueId}/usage', 'get'>;
export type Me = Json<'/venues/{venueId}/me', 'get'>;
export type RosterEntry = Json<'/venues/{venueId}/auth/pin-roster', 'get'>['staff'][number];
export type PlayerMatch = Json<'/venues/{venueId}/players', 'get'>['players'][number];
export type SignUpInput = NonNullable<paths['/signup']['post']['requestBody']>['content']['application/json'];

export interface WireEvent {
  readonly seq: number;
  readonly eventId: string;
  readonly type: string;
  readonly at: number;
  readonly event: Record<string, unknown>;
}

/** A stored event as the log route and the live channel carry it, with its engine body. */
/** One change between two views (durable-objects/tournament/view-diff.ts). */
export interface ViewChange {
  readonly path: string;
  readonly from: unknown;
  readonly to: unknown;
}

export interface LogEvent extends WireEvent {
  readonly event: TournamentEventAny & Record<string, unknown>;
}

/**
 * A tournament view (durable-objects/tournament/view.ts) as JSON. On the public channel the
 * venue's publishing applies: names as published, and seating null when it is not shown.
 */
export interface TournamentView {
  readonly seq: number;
  readonly serverTime: number;
  readonly standings: Omit<Standings, 'payoutProblem'> & {
    readonly payoutProblem: { code: string; message: string } | null;
  };
  readonly seating: SeatingView | null;
  readonly structure?: Structure | null;
  readonly config?: Omit<TournamentConfig, 'structure'> | null;
  /**
   * Set on the public view of a large field (engine/publish/paging.ts): the lists above are
   * cut (top entries, first payout places, no seats); the rest is read from the paging routes.
   */
  readonly partial?: PartialMarker;
  /** With `partial`: names of the players and tables the pending moves name. */
  readonly moveNames?: MoveNames;
}

type EntryStanding = TournamentView['standings']['entries'][number];

/** "My entry" on a large field: the row, its position and where it sits. */
export interface MyEntryAnswer {
  readonly entry: EntryStanding;
  readonly position: number;
  readonly table: { readonly id: string; readonly name: string; readonly number: number } | null;
  readonly seat: number | null;
}

export type { EntryMatch, PublicTable };

export interface CommandAnswer {
  readonly seq: number;
  readonly repeated: boolean;
  readonly events: readonly WireEvent[];
  /** Held for the box that runs this tournament (202): decided there on its next sync. */
  readonly queued?: boolean;
}

export interface ApiErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly details?: unknown };
}

export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>>;
  constructor(
    status: number,
    code: string,
    message: string,
    details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** A token the server no longer accepts: the person must sign in again. */
export function isSignedOut(e: unknown): boolean {
  return (
    e instanceof ApiRequestError &&
    e.status === 401 &&
    (e.code.startsWith('TOKEN_') || e.code === 'UNAUTHENTICATED')
  );
}

function requestError(status: number, statusText: string, body: unknown): ApiRequestError {
  const err = (body as ApiErrorBody | null)?.error;
  const details =
    err?.details && typeof err.details === 'object' ? (err.details as Record<string, unknown>) : {};
  return new ApiRequestError(status, err?.code ?? 'HTTP_ERROR', err?.message ?? statusText, details);
}

const NETWORK = () => new ApiRequestError(0, 'NETWORK', 'Cannot reach the server: check the connection');

const client = createClient<paths>({ baseUrl: '/api/v1' });

/** openapi-fetch's answer, or ApiRequestError (network failures included). */
async function ok<T>(
  pending: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<NonNullable<T>> {
  let answer: { data?: T; error?: unknown; response: Response };
  try {
    answer = await pending;
  } catch {
    throw NETWORK();
  }
  if (!answer.response.ok)
    throw requestError(answer.response.status, answer.response.statusText, answer.error);
  return answer.data as NonNullable<T>;
}

export interface CallOptions {
  readonly method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly body?: unknown;
  readonly token?: string | null;
}

/**
 * One request to /api/v1 by path, for the few answers the document types as "any object"
 * (the live follower's view read); answers the JSON body or throws ApiRequestError.
 */
export async function call<T>(path: string, options: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method: options.method ?? 'GET',
      headers,
      ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
    });
  } catch {
    throw NETWORK();
  }
  const body = (await res.json().catch(() => null)) as T | ApiErrorBody | null;
  if (!res.ok) throw requestError(res.status, res.statusText, body);
  return body as T;
}

/**
 * An id for a command's idempotency. Not crypto.randomUUID: that exists only in secure
 * contexts, and the box serves staff over plain http on the venue's LAN.
 */
export function newCommandId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

const venue = (venueId: string) => ({ path: { venueId } });

/** Calls anyone may make: no token. */
export const publicApi = {
  health: () => ok(client.GET('/health')),
  venue: (venueId: string) => ok(client.GET('/public/venues/{venueId}', { params: venue(venueId) })),
  resolveCode: (code: string) =>
    ok(client.GET('/public/codes/{code}', { params: { path: { code } } })).then((r) => r.venueId),
  tournament: (venueId: string, id: string) =>
    ok(client.GET('/public/venues/{venueId}/tournaments/{id}', { params: { path: { venueId, id } } })).then(
      (v) => v as unknown as TournamentView,
    ),
  /** Entries whose published name contains `q` (a few). */
  searchEntries: (venueId: string, id: string, q: string) =>
    ok(
      client.GET('/public/venues/{venueId}/tournaments/{id}/entries', {
        params: { path: { venueId, id }, query: { q } },
      }),
    ).then((r) => (r as unknown as { entries: EntryMatch[] }).entries),
  entry: (venueId: string, id: string, entryId: string) =>
    ok(
      client.GET('/public/venues/{venueId}/tournaments/{id}/entries/{entryId}', {
        params: { path: { venueId, id, entryId } },
      }),
    ).then((r) => r as unknown as MyEntryAnswer),
  standings: (venueId: string, id: string, offset: number, limit: number) =>
    ok(
      client.GET('/public/venues/{venueId}/tournaments/{id}/standings', {
        params: { path: { venueId, id }, query: { offset, limit } },
      }),
    ).then((r) => r as unknown as { total: number; offset: number; entries: EntryStanding[] }),
  tables: (venueId: string, id: string, offset: number, limit: number) =>
    ok(
      client.GET('/public/venues/{venueId}/tournaments/{id}/tables', {
        params: { path: { venueId, id }, query: { offset, limit } },
      }),
    ).then((r) => r as unknown as { total: number; offset: number; tables: PublicTable[] }),
  signUp: (input: SignUpInput) => ok(client.POST('/signup', { body: input })),
  signInPassword: (venueId: string, email: string, password: string) =>
    ok(client.POST('/venues/{venueId}/auth/password', { params: venue(venueId), body: { email, password } })),
  acceptInvite: (venueId: string, body: { email: string; code: string; password: string; pin?: string }) =>
    ok(client.POST('/venues/{venueId}/auth/accept-invite', { params: venue(venueId), body })),
  signInPin: (venueId: string, userId: string, pin: string) =>
    ok(client.POST('/venues/{venueId}/auth/pin', { params: venue(venueId), body: { userId, pin } })),
  pinRoster: (venueId: string) =>
    ok(client.GET('/venues/{venueId}/auth/pin-roster', { params: venue(venueId) })).then((r) => r.staff),
};

/** What a dry run or an import of a TD3 file answers (engine/td3/report.ts, as JSON). */
export interface Td3ImportAnswer {
  readonly report?: Record<string, unknown>;
  readonly tournament?: { readonly id: string; readonly name: string };
  readonly template?: Template;
  readonly [k: string]: unknown;
}

function matchesQuery(matches: Readonly<Record<string, string>> | undefined): { matches?: string } {
  const pairs = Object.entries(matches ?? {}).map(([newId, playerId]) => `${newId}=${playerId}`);
  return pairs.length === 0 ? {} : { matches: pairs.join(',') };
}

/** Calls a signed-in staff member makes, bound to a venue; every request carries the token. */
export function staffApi(venueId: string, token: () => string | null, onError: (e: unknown) => void) {
  const auth = () => ({ authorization: `Bearer ${token() ?? ''}` });
  const v = venue(venueId);
  const t = (id: string) => ({ path: { venueId, id } });
  /** ok(), and the session hears of failures (a revoked token signs the person out). */
  const send = <T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>) =>
    ok(pending).catch((e: unknown) => {
      onError(e);
      throw e;
    });
  return {
    me: () => send(client.GET('/venues/{venueId}/me', { params: v, headers: auth() })),
    /** The owner's settings (publishing: what the public page shows and takes). */
    updateVenue: (patch: { publish: Partial<Publishing> }) =>
      send(client.PATCH('/venues/{venueId}', { params: v, headers: auth(), body: patch })).then(
        (r) => r.venue,
      ),
    tournaments: () =>
      send(client.GET('/venues/{venueId}/tournaments', { params: v, headers: auth() })).then(
        (r) => r.tournaments,
      ),
    /** From a template, or from a set-up of its own (the structure generator, the editor). */
    createTournament: (name: string, from: { templateId: string } | { setup: TournamentSetup }) =>
      send(
        client.POST('/venues/{venueId}/tournaments', { params: v, headers: auth(), body: { name, ...from } }),
      ).then((r) => r.tournament),
    templates: () =>
      send(client.GET('/venues/{venueId}/templates', { params: v, headers: auth() })).then(
        (r) => r.templates,
      ),
    tournament: (id: string) =>
      send(client.GET('/venues/{venueId}/tournaments/{id}', { params: t(id), headers: auth() })).then(
        (r) => r as unknown as TournamentView,
      ),
    events: (id: string, after = 0, limit = 200) =>
      send(
        client.GET('/venues/{venueId}/tournaments/{id}/events', {
          params: { ...t(id), query: { after, limit } },
          headers: auth(),
        }),
      ).then((r) => r as unknown as { seq: number; events: LogEvent[] }),
    command: <T extends CommandType>(
      id: string,
      type: T,
      payload: CommandBody<T>,
      commandId = newCommandId(),
    ) =>
      send(
        client.POST('/venues/{venueId}/tournaments/{id}/commands', {
          params: t(id),
          headers: auth(),
          body: { commandId, type, payload: payload as Record<string, unknown> },
        }),
      ).then((r) => ({ ...(r as unknown as CommandAnswer), commandId })),
    /** `matches`: new TD3 player id -> the venue player the TD confirmed they are. */
    importTd3: (
      file: Blob,
      options: {
        dryRun: boolean;
        mode: 'tournament' | 'structure';
        matches?: Readonly<Record<string, string>>;
      },
    ) =>
      send(
        client.POST('/venues/{venueId}/imports/td3', {
          params: {
            ...v,
            query: {
              dryRun: options.dryRun ? 'true' : 'false',
              mode: options.mode,
              ...matchesQuery(options.matches),
            },
          },
          headers: { ...auth(), 'content-type': 'application/octet-stream' },
          body: file as never,
          bodySerializer: (b: unknown) => b as Blob,
        }),
      ).then((r) => r as unknown as Td3ImportAnswer),
    /** The tournament as it was right after `seq` (read-only). */
    historyAt: (id: string, seq: number) =>
      send(
        client.GET('/venues/{venueId}/tournaments/{id}/history/{seq}', {
          params: { path: { venueId, id, seq } },
          headers: auth(),
        }),
      ).then((r) => r as unknown as { seq: number; lastSeq: number; view: TournamentView }),
    /** What changed from seq `from` to seq `to`. */
    historyDiff: (id: string, from: number, to: number) =>
      send(
        client.GET('/venues/{venueId}/tournaments/{id}/history-diff', {
          params: { ...t(id), query: { from, to } },
          headers: auth(),
        }),
      ).then((r) => r as unknown as { from: number; to: number; changes: ViewChange[] }),
    /** The tournament's whole history as the export file's text (docs/EXPORT.md). */
    exportTournament: (id: string) =>
      send(
        client.GET('/venues/{venueId}/tournaments/{id}/export', {
          params: t(id),
          headers: auth(),
          parseAs: 'text',
        }),
      ).then((r) => r as unknown as string),
    /** An export file imported as a new tournament of this venue. */
    importExport: (file: Blob) =>
      send(
        client.POST('/venues/{venueId}/imports/tournament', {
          params: v,
          headers: { ...auth(), 'content-type': 'application/json' },
          body: file as never,
          bodySerializer: (b: unknown) => b as Blob,
        }),
      ).then((r) => r as unknown as { tournament: { id: string; name: string; seq: number } }),
    staff: () =>
      send(client.GET('/venues/{venueId}/staff', { params: v, headers: auth() })).then((r) => r.staff),
    invite: (name: string, email: string, role: StaffRole) =>
      send(
        client.POST('/venues/{venueId}/staff/invites', {
          params: v,
          headers: auth(),
          body: { name, email, role },
        }),
      ),
    unlock: (userId: string) =>
      send(
        client.POST('/venues/{venueId}/staff/{userId}/unlock', {
          params: { path: { venueId, userId } },
          headers: auth(),
        }),
      ).then((r) => r.user),
    removeStaff: (userId: string) =>
      send(
        client.DELETE('/venues/{venueId}/staff/{userId}', {
          params: { path: { venueId, userId } },
          headers: auth(),
        }),
      ).then((r) => r.user),
    players: (q: string, limit = 20) =>
      send(
        client.GET('/venues/{venueId}/players', { params: { ...v, query: { q, limit } }, headers: auth() }),
      ).then((r) => r.players),
    addPlayer: (input: { name: string; nickname?: string; email?: string; phone?: string }) =>
      send(client.POST('/venues/{venueId}/players', { params: v, headers: auth(), body: input })).then(
        (r) => r.player,
      ),
    /** The audit log, newest first: the latest `limit` entries (the route allows up to 500). */
    audit: (limit = 100) =>
      send(
        client.GET('/venues/{venueId}/audit', { params: { ...v, query: { limit } }, headers: auth() }),
      ).then((r) => r.entries as unknown as AuditEntry[]),
    /** What the venue used of the free tier's daily quotas, per UTC day, newest first. */
    usage: (days = 7) =>
      send(client.GET('/venues/{venueId}/usage', { params: { ...v, query: { days } }, headers: auth() })),
    /** The tournament's object: home and epoch, sync with its box, storage, cues. */
    inspect: (id: string) =>
      send(client.GET('/venues/{venueId}/tournaments/{id}/inspect', { params: t(id), headers: auth() })).then(
        (r) => r as unknown as Inspection,
      ),
    /** The cloud takes over a box-run tournament (the box is lost): the box is fenced from now on. */
    promote: (id: string) =>
      send(client.POST('/venues/{venueId}/tournaments/{id}/promote', { params: t(id), headers: auth() })),
  };
}

export type StaffApi = ReturnType<typeof staffApi>;
