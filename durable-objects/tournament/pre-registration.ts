/**
 * Online pre-registration, kept beside the tournament it is for (its TournamentDO, in the
 * cloud): one record per client request id (a retry answers the first record), a per-client
 * rate limit, and the registrant's outcome read from the tournament's state at the time of
 * asking. The Register command itself goes to the tournament's home like any other: decided
 * here when the cloud runs it, held for the box when a box does (tournament-do.ts `command`).
 */

import { ONLINE_COMMAND_PREFIX } from '../../engine/tournament/online.ts';
import { getEntry, getPlayer } from '../../engine/tournament/state.ts';
import type { TournamentState } from '../../engine/tournament/types.ts';
import type { StoragePort } from '../storage/port.ts';

/** Registrations one client may make for one tournament per window (a retry is free). */
export const RATE_LIMIT = 5;
/** The box answers its whole LAN as one client (clientKey "lan"): a venue's wifi gets more. */
export const LAN_RATE_LIMIT = 60;
export const RATE_WINDOW_MS = 10 * 60_000;

export interface PreRegistrationRequest {
  readonly requestId: string;
  readonly playerId: string;
  readonly name: string;
  /** Who asked (clientKey: the caller's address in the cloud, "lan" on a box). */
  readonly client: string;
}

/** What became of a registration, as the registrant's confirmation page says it. */
export type Outcome =
  | { readonly kind: 'pending' }
  | { readonly kind: 'registered'; readonly entryId: string; readonly number: number }
  | { readonly kind: 'waiting'; readonly position: number }
  | { readonly kind: 'refused'; readonly code: string; readonly message: string }
  | { readonly kind: 'withdrawn' };

export interface PreRegistrationRecord {
  readonly requestId: string;
  readonly playerId: string;
  readonly name: string;
  readonly commandId: string;
  readonly at: number;
  /** A refusal decided when it was sent (cloud-run) or reported by the box that ran it. */
  readonly refusal: { readonly code: string; readonly message: string } | null;
}

export type PreRegisterAnswer =
  | { readonly ok: true; readonly record: PreRegistrationRecord; readonly repeated: boolean }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly status: 404 | 409 | 429 };

/** A request id answers one registration: the same id with another name is a client's bug. */
export const requestIdReused = {
  ok: false,
  status: 409,
  code: 'REQUEST_ID_REUSED',
  message: 'This request id was used for another registration: send a new one',
} as const satisfies PreRegisterAnswer;

const recordScope = (tournamentId: string) => `prereg:${tournamentId}`;
const rateScope = (tournamentId: string) => `prereg-rate:${tournamentId}`;
/** Refusals the box reported when it acknowledged held commands (by command id). */
export const refusalScope = (tournamentId: string) => `refused:${tournamentId}`;

export const commandIdFor = (requestId: string) => `${ONLINE_COMMAND_PREFIX}${requestId}`;

/** Why the tournament takes no pre-registration now, or null when it does. */
export function closedProblem(state: TournamentState): { code: string; message: string } | null {
  if (state.status === 'announced')
    return { code: 'REGISTRATION_NOT_OPEN', message: 'Registration has not opened yet' };
  // Pre-registration is for before the start: late registration is at the desk.
  if (state.status !== 'registration' || state.registrationClosed)
    return { code: 'REGISTRATION_CLOSED', message: 'Registration for this tournament is closed' };
  return null;
}

/**
 * The outcome now, from the tournament's state: on the field or the waiting list wins over
 * anything recorded (the box decided it and its events came up), then a refusal, then
 * "pending" while the command is held or its events are on their way.
 */
export function outcomeOf(record: PreRegistrationRecord, state: TournamentState): Outcome {
  const player = getPlayer(state, record.playerId);
  const entries = (player?.entryIds ?? []).map((id) => getEntry(state, id)).filter((e) => e !== undefined);
  const active = entries.find((e) => e.status === 'active' || e.status === 'busted');
  if (active) return { kind: 'registered', entryId: active.entryId, number: active.number };
  const waiting = state.waitingList.findIndex((a) => a.playerId === record.playerId);
  if (waiting >= 0) return { kind: 'waiting', position: waiting + 1 };
  // On the field once and taken off (the TD's Unregister, or a promotion undone).
  if (entries.length > 0) return { kind: 'withdrawn' };
  if (record.refusal) return { kind: 'refused', ...record.refusal };
  return { kind: 'pending' };
}

/** The records and rate counts of one tournament's online registrations. */
export class PreRegistrations {
  readonly #storage: StoragePort;
  readonly #tournamentId: string;

  constructor(storage: StoragePort, tournamentId: string) {
    this.#storage = storage;
    this.#tournamentId = tournamentId;
  }

  async get(requestId: string): Promise<PreRegistrationRecord | null> {
    const raw = await this.#storage.getMeta(recordScope(this.#tournamentId), requestId);
    if (raw === null) return null;
    const record = JSON.parse(raw) as PreRegistrationRecord;
    if (record.refusal) return record;
    // A box-run tournament: the box names a refusal when it acknowledges the held command.
    const reported = await this.#storage.getMeta(refusalScope(this.#tournamentId), record.commandId);
    return reported === null
      ? record
      : { ...record, refusal: JSON.parse(reported) as PreRegistrationRecord['refusal'] };
  }

  /** The client's recent registrations here, and a refusal when it has made too many. */
  async rate(
    client: string,
    now: number,
  ): Promise<{ key: string; recent: number[]; problem: (PreRegisterAnswer & { ok: false }) | null }> {
    const key = await clientHash(client);
    const limit = client === 'lan' ? LAN_RATE_LIMIT : RATE_LIMIT;
    const raw = await this.#storage.getMeta(rateScope(this.#tournamentId), key);
    const recent = ((raw ? JSON.parse(raw) : []) as number[]).filter((t) => now - t < RATE_WINDOW_MS);
    if (recent.length < limit) return { key, recent, problem: null };
    const minutes = Math.ceil((RATE_WINDOW_MS - (now - (recent[0] ?? now))) / 60_000);
    return {
      key,
      recent,
      problem: {
        ok: false,
        status: 429,
        code: 'RATE_LIMITED',
        message: `Too many registrations from here: try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
      },
    };
  }

  /**
   * Takes a new request (after a repeat check and the rate limit), recording it durably
   * before `send` runs the Register command; a refusal `send` answers is kept with it.
   */
  async take(
    request: PreRegistrationRequest,
    now: number,
    send: (commandId: string) => Promise<{ code: string; message: string } | null>,
  ): Promise<PreRegisterAnswer> {
    const earlier = await this.get(request.requestId);
    if (earlier) {
      if (earlier.name !== request.name) return requestIdReused;
      return { ok: true, record: earlier, repeated: true };
    }
    const { key, recent, problem } = await this.rate(request.client, now);
    if (problem) return problem;
    const record: PreRegistrationRecord = {
      requestId: request.requestId,
      playerId: request.playerId,
      name: request.name,
      commandId: commandIdFor(request.requestId),
      at: now,
      refusal: null,
    };
    await this.#storage.batch([
      {
        op: 'meta',
        scope: recordScope(this.#tournamentId),
        key: record.requestId,
        value: JSON.stringify(record),
        updatedAt: now,
      },
      {
        op: 'meta',
        scope: rateScope(this.#tournamentId),
        key,
        value: JSON.stringify([...recent, now]),
        updatedAt: now,
      },
    ]);
    const refusal = await send(record.commandId);
    if (refusal === null) return { ok: true, record, repeated: false };
    const refused = { ...record, refusal };
    await this.#storage.batch([
      {
        op: 'meta',
        scope: recordScope(this.#tournamentId),
        key: record.requestId,
        value: JSON.stringify(refused),
        updatedAt: now,
      },
    ]);
    return { ok: true, record: refused, repeated: false };
  }
}

/** Addresses are kept only as a hash (the counts need no more). */
async function clientHash(client: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`prereg:${client}`));
  return [...new Uint8Array(digest).slice(0, 12)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
