/**
 * Typed client for the Felt API (same origin). Response types come from the server's own zod
 * schemas (type-only imports: no server code reaches the browser bundle), the tournament view
 * from the engine's types. Every call goes through `call`, which throws ApiRequestError.
 */
import type { z } from 'zod';
import type { SeatingView } from '../../../engine/seating/types.ts';
import type { Standings } from '../../../engine/tournament/standings.ts';
import type {
  PlayerSchema,
  PublishSchema,
  SignedInSchema,
  StaffSchema,
  TemplateSchema,
  TournamentListingSchema,
  VenueSchema,
} from '../../../workers/api/schemas.ts';

export type Venue = z.infer<typeof VenueSchema>;
export type Staff = z.infer<typeof StaffSchema>;
export type StaffRole = Staff['role'];
export type SignedIn = z.infer<typeof SignedInSchema>;
export type Player = z.infer<typeof PlayerSchema>;
export type Template = z.infer<typeof TemplateSchema>;
export type TournamentListing = z.infer<typeof TournamentListingSchema>;
export type Publishing = z.infer<typeof PublishSchema>;

/** GET /public/venues/{venueId} (workers/api/public.ts). */
export interface PublicVenuePage {
  readonly venue: Pick<Venue, 'id' | 'name' | 'publicCode' | 'currency'>;
  readonly publish: Publishing;
  readonly tournaments: readonly Pick<TournamentListing, 'id' | 'name' | 'status' | 'createdAt'>[];
}

export type RosterEntry = Pick<Staff, 'id' | 'name' | 'role'>;

export interface Me {
  readonly user: Staff | null;
  readonly role: string;
  readonly venue: Venue;
}

export interface PlayerMatch {
  readonly player: Player;
  readonly match: string;
  readonly score: number;
}

export interface Health {
  readonly ok: boolean;
  readonly runtime: 'cloud' | 'box';
  readonly storage: 'do-sqlite' | 'libsql';
  readonly version: string;
  readonly migrations: { readonly applied: readonly string[]; readonly expected: readonly string[] };
}

export interface SignUpInput {
  readonly venue: { readonly id: string; readonly name: string };
  readonly owner: {
    readonly name: string;
    readonly email: string;
    readonly password: string;
    readonly pin?: string;
  };
}

export interface WireEvent {
  readonly seq: number;
  readonly eventId: string;
  readonly type: string;
  readonly at: number;
  readonly event: Record<string, unknown>;
}

/**
 * A tournament view (durable-objects/tournament/view.ts) as JSON. On the public channel the
 * venue's publishing applies: names as published, and seating null when it is not shown.
 */
export interface TournamentView {
  readonly seq: number;
  readonly serverTime: number;
  readonly standings: Omit<Standings, 'payoutProblem'> & { readonly payoutProblem: unknown };
  readonly seating: SeatingView | null;
}

export interface CommandAnswer {
  readonly seq: number;
  readonly repeated: boolean;
  readonly events: readonly WireEvent[];
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

export interface CallOptions {
  readonly method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly body?: unknown;
  readonly token?: string | null;
}

/** One request to /api/v1; answers the JSON body or throws ApiRequestError. */
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
    throw new ApiRequestError(0, 'NETWORK', 'Cannot reach the server: check the connection');
  }
  const body = (await res.json().catch(() => null)) as T | ApiErrorBody | null;
  if (!res.ok) {
    const err = (body as ApiErrorBody | null)?.error;
    const details =
      err?.details && typeof err.details === 'object' ? (err.details as Record<string, unknown>) : {};
    throw new ApiRequestError(res.status, err?.code ?? 'HTTP_ERROR', err?.message ?? res.statusText, details);
  }
  return body as T;
}

const seg = encodeURIComponent;

/**
 * An id for a command's idempotency. Not crypto.randomUUID: that exists only in secure
 * contexts, and the box serves staff over plain http on the venue's LAN.
 */
export function newCommandId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Calls anyone may make: no token. */
export const publicApi = {
  health: () => call<Health>('/health'),
  venue: (venueId: string) => call<PublicVenuePage>(`/public/venues/${seg(venueId)}`),
  resolveCode: (code: string) =>
    call<{ venueId: string }>(`/public/codes/${seg(code)}`).then((r) => r.venueId),
  tournament: (venueId: string, id: string) =>
    call<TournamentView>(`/public/venues/${seg(venueId)}/tournaments/${seg(id)}`),
  signUp: (input: SignUpInput) => call<SignedIn>('/signup', { method: 'POST', body: input }),
  signInPassword: (venueId: string, email: string, password: string) =>
    call<SignedIn>(`/venues/${seg(venueId)}/auth/password`, { method: 'POST', body: { email, password } }),
  acceptInvite: (venueId: string, body: { email: string; code: string; password: string; pin?: string }) =>
    call<SignedIn>(`/venues/${seg(venueId)}/auth/accept-invite`, { method: 'POST', body }),
  signInPin: (venueId: string, userId: string, pin: string) =>
    call<SignedIn>(`/venues/${seg(venueId)}/auth/pin`, { method: 'POST', body: { userId, pin } }),
  pinRoster: (venueId: string) =>
    call<{ staff: RosterEntry[] }>(`/venues/${seg(venueId)}/auth/pin-roster`).then((r) => r.staff),
};

/** Calls a signed-in staff member makes, bound to a venue; `send` adds the token. */
export function staffApi(venueId: string, send: <T>(path: string, options?: CallOptions) => Promise<T>) {
  const v = `/venues/${seg(venueId)}`;
  return {
    me: () => send<Me>(`${v}/me`),
    tournaments: () =>
      send<{ tournaments: TournamentListing[] }>(`${v}/tournaments`).then((r) => r.tournaments),
    createTournament: (name: string, templateId: string) =>
      send<{ tournament: TournamentListing }>(`${v}/tournaments`, {
        method: 'POST',
        body: { name, templateId },
      }).then((r) => r.tournament),
    templates: () => send<{ templates: Template[] }>(`${v}/templates`).then((r) => r.templates),
    tournament: (id: string) => send<TournamentView>(`${v}/tournaments/${seg(id)}`),
    command: (id: string, type: string, payload: Record<string, unknown> = {}, commandId = newCommandId()) =>
      send<CommandAnswer>(`${v}/tournaments/${seg(id)}/commands`, {
        method: 'POST',
        body: { commandId, type, payload },
      }),
    staff: () => send<{ staff: Staff[] }>(`${v}/staff`).then((r) => r.staff),
    invite: (name: string, email: string, role: StaffRole) =>
      send<{ user: Staff; inviteCode: string; expiresAt: number }>(`${v}/staff/invites`, {
        method: 'POST',
        body: { name, email, role },
      }),
    unlock: (userId: string) =>
      send<{ user: Staff }>(`${v}/staff/${seg(userId)}/unlock`, { method: 'POST', body: {} }).then(
        (r) => r.user,
      ),
    removeStaff: (userId: string) =>
      send<{ user: Staff }>(`${v}/staff/${seg(userId)}`, { method: 'DELETE' }).then((r) => r.user),
    players: (q: string, limit = 20) =>
      send<{ players: PlayerMatch[] }>(`${v}/players?q=${seg(q)}&limit=${limit}`).then((r) => r.players),
    addPlayer: (input: { name: string; nickname?: string; email?: string; phone?: string }) =>
      send<{ player: Player }>(`${v}/players`, { method: 'POST', body: input }).then((r) => r.player),
    audit: (limit = 100) =>
      send<{ entries: Record<string, unknown>[] }>(`${v}/audit?limit=${limit}`).then((r) => r.entries),
  };
}

export type StaffApi = ReturnType<typeof staffApi>;
