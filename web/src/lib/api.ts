import type { SeatingView } from '../../../engine/seating/types.ts';
import type { Standings } from '../../../engine/tournament/standings.ts';

/** Typed client for the Felt API, used by the web app (same origin). */

export interface ApiErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly details?: unknown };
}

export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export interface Health {
  readonly ok: boolean;
  readonly runtime: 'cloud' | 'box';
  readonly storage: 'do-sqlite' | 'libsql';
  readonly version: string;
  readonly migrations: { readonly applied: readonly string[]; readonly expected: readonly string[] };
}

export interface Venue {
  readonly id: string;
  readonly name: string;
  readonly currency: string;
}

export interface TournamentListing {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
}

export interface WireEvent {
  readonly seq: number;
  readonly eventId: string;
  readonly type: string;
  readonly at: number;
  readonly event: Record<string, unknown>;
}

/** GET /api/v1/tournaments/:id (durable-objects/tournament/view.ts), as JSON. */
export interface TournamentView {
  readonly seq: number;
  readonly serverTime: number;
  readonly standings: Omit<Standings, 'payoutProblem'>;
  readonly seating: SeatingView;
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) },
  });
  const body = (await res.json()) as T | ApiErrorBody;
  if (!res.ok) {
    const err = (body as ApiErrorBody).error;
    throw new ApiRequestError(res.status, err?.code ?? 'HTTP_ERROR', err?.message ?? res.statusText);
  }
  return body as T;
}

export const api = {
  health: () => call<Health>('/health'),
  venue: (id: string) => call<{ venue: Venue }>(`/venues/${encodeURIComponent(id)}`).then((r) => r.venue),
  tournaments: (venueId: string) =>
    call<{ tournaments: TournamentListing[] }>(`/venues/${encodeURIComponent(venueId)}/tournaments`).then(
      (r) => r.tournaments,
    ),
  events: (id: string, after = 0) =>
    call<{ seq: number; events: WireEvent[] }>(
      `/tournaments/${encodeURIComponent(id)}/events?after=${after}`,
    ),
  tournament: (id: string) => call<TournamentView>(`/tournaments/${encodeURIComponent(id)}`),
};
