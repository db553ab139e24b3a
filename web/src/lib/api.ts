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

export interface Blinds {
  readonly smallBlind: number;
  readonly bigBlind: number;
  readonly ante: number;
  readonly bigBlindAnte: number;
}

export interface ClockView {
  readonly status: 'idle' | 'running' | 'paused' | 'finished';
  readonly levelIndex: number;
  readonly playLevelNumber: number;
  readonly isBreak: boolean;
  readonly remainingMs: number;
  readonly elapsedMs: number;
  readonly msToNextBreak: number | null;
  readonly blinds: Blinds | null;
  readonly nextBlinds: Blinds | null;
  readonly levelEndsAt: number | null;
  readonly structureFinished: boolean;
}

export interface Standings {
  readonly name: string | null;
  readonly currency: string | null;
  readonly status: string;
  readonly phase: string | null;
  readonly clock: ClockView | null;
  readonly lateRegistrationOpen: boolean | null;
  readonly entrants: number;
  readonly playersLeft: number;
  readonly rebuys: number;
  readonly addOns: number;
  readonly chipsInPlay: number;
  readonly averageStack: number | null;
  readonly prizePool: { readonly total: number; readonly overlay: number };
  readonly payouts: readonly { readonly place: number; readonly amount: number }[];
}

export interface TournamentView {
  readonly seq: number;
  readonly serverTime: number;
  readonly standings: Standings;
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
