/**
 * Shared by the fuzz, isolation and token tests: the API's routes (from its own OpenAPI
 * document, plus the two WebSocket routes it does not list), a venue furnished with one of
 * everything, and a snapshot of what the venue's owner (and the public) can observe, so a
 * test can show that refused requests changed nothing.
 */
import { env } from 'cloudflare:test';
import { expect } from 'vitest';
import { sessionFor, signUpVenue, TEST_PASSWORD, type VenueSession } from '../contract/session.ts';
import type { ApiTarget } from '../contract/target.ts';

export const API = '/api/v1';

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** As in the OpenAPI document, without /api/v1: `/venues/{venueId}/staff/{userId}`. */
  readonly path: string;
  /** The two live channels (GET with Upgrade: websocket). */
  readonly socket?: true;
}

export const SOCKET_ROUTES: readonly Route[] = [
  { method: 'GET', path: '/venues/{venueId}/tournaments/{id}/live', socket: true },
  { method: 'GET', path: '/public/venues/{venueId}/tournaments/{id}/live', socket: true },
];

/** Every method+path in /api/v1/openapi.json, then the WebSocket routes. */
export async function loadRoutes(target: ApiTarget): Promise<Route[]> {
  const res = await target.fetch(`${API}/openapi.json`);
  expect(res.status).toBe(200);
  const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
  const routes: Route[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const m of Object.keys(ops)) {
      const method = m.toUpperCase();
      if (['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method))
        routes.push({ method: method as Route['method'], path });
    }
  }
  return [...routes, ...SOCKET_ROUTES];
}

export interface Ids {
  readonly venueId: string;
  readonly id: string;
  readonly userId: string;
  readonly playerId: string;
  readonly templateId: string;
  readonly code: string;
  /** No box is paired in tests: a well-formed id that names nothing. */
  readonly boxId: string;
}

/** For a path parameter this file does not know yet (a route added later): names nothing. */
const UNKNOWN_ID = 'no-such-id-123';

/** Puts ids into a documented path and prefixes /api/v1. Ids are inserted as given (raw). */
export function fill(path: string, ids: Partial<Record<keyof Ids, string>>): string {
  return (
    API +
    path.replace(/\{(\w+)\}/g, (_, name: string) => {
      // A seq is a number: 1, the tournament's creation, exists in every tournament.
      return ids[name as keyof Ids] ?? (name === 'seq' ? '1' : UNKNOWN_ID);
    })
  );
}

/** A venue with a tournament (a registered player), a player, a floor person and a template. */
export interface FurnishedVenue {
  readonly owner: VenueSession;
  readonly staff: VenueSession;
  readonly staffEmail: string;
  readonly ids: Ids;
  readonly tournamentIds: readonly string[];
}

export async function json(res: Response): Promise<Record<string, unknown>> {
  return (await res.json()) as Record<string, unknown>;
}

export function postJson(
  target: ApiTarget,
  path: string,
  body: unknown,
  headers?: HeadersInit,
): Promise<Response> {
  const h = new Headers(headers);
  h.set('content-type', 'application/json');
  return target.fetch(path, { method: 'POST', headers: h, body: JSON.stringify(body) });
}

/** Invites `role` and accepts the invite; answers the member's session and email. */
export async function addStaff(
  target: ApiTarget,
  owner: VenueSession,
  role: string,
): Promise<{ session: VenueSession; email: string }> {
  const email = `${role}-${crypto.randomUUID().slice(0, 6)}@club.test`;
  const invited = await owner.post(`${owner.base}/staff/invites`, { name: `Sam ${role}`, email, role });
  expect(invited.status, await invited.clone().text()).toBe(201);
  const { inviteCode } = (await json(invited)) as { inviteCode: string };
  const accepted = await postJson(target, `${owner.base}/auth/accept-invite`, {
    email,
    code: inviteCode,
    password: TEST_PASSWORD,
  });
  expect(accepted.status, await accepted.clone().text()).toBe(200);
  const body = (await json(accepted)) as { token: string; user: { id: string } };
  return { session: sessionFor(target, owner.venueId, body.token, body.user.id), email };
}

export async function furnishVenue(target: ApiTarget, prefix = 'fz'): Promise<FurnishedVenue> {
  const owner = await signUpVenue(target, { prefix });
  const tournamentId = await owner.newTournament('Fuzz Cup');
  // A cash game with a table and a list, for the cash routes to be tried against.
  for (const [type, payload] of [
    ['CreateGame', { gameId: 'nlh', name: 'NLH 5/10' }],
    ['OpenTable', { tableId: 't1', gameId: 'nlh', name: 'Table 1', seats: 9 }],
    ['JoinWaitlist', { gameId: 'nlh', playerId: 'p-anna', name: 'Anna' }],
  ] as const) {
    const res = await owner.post(`${owner.base}/cash/commands`, {
      commandId: crypto.randomUUID(),
      type,
      payload,
    });
    expect(res.status, `${type}: ${await res.clone().text()}`).toBe(201);
  }
  expect((await owner.command(tournamentId, 'OpenRegistration')).status).toBe(201);
  const player = await owner.post(`${owner.base}/players`, { name: 'Anna Holm', email: 'anna@example.test' });
  expect(player.status).toBe(201);
  const playerId = ((await json(player)) as { player: { id: string } }).player.id;
  expect((await owner.command(tournamentId, 'Register', { playerId, name: 'Anna Holm' })).status).toBe(201);
  const list = (await json(await owner.fetch(`${owner.base}/templates`))) as {
    templates: { id: string; structure: unknown; buyIn: unknown }[];
  };
  const turbo = list.templates.find((t) => t.id === 'turbo') ?? list.templates[0]!;
  const saved = await owner.post(`${owner.base}/templates`, {
    name: 'Thursday Turbo',
    structure: turbo.structure,
    buyIn: turbo.buyIn,
  });
  expect(saved.status).toBe(201);
  const templateId = ((await json(saved)) as { template: { id: string } }).template.id;
  const { session: staff, email: staffEmail } = await addStaff(target, owner, 'floor');
  const venue = (await json(await owner.fetch(owner.base))) as { venue: { publicCode: string } };
  return {
    owner,
    staff,
    staffEmail,
    ids: {
      venueId: owner.venueId,
      id: tournamentId,
      userId: staff.userId,
      playerId,
      templateId,
      code: venue.venue.publicCode,
      boxId: 'box-never-paired',
    },
    tournamentIds: [tournamentId],
  };
}

/** Drops fields that change with the clock alone (a view computed "at now"). */
function timeless(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(timeless);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== 'serverTime') out[k] = timeless(v);
    return out;
  }
  return value;
}

async function read(owner: VenueSession, path: string): Promise<unknown> {
  const res = await owner.fetch(path);
  return { status: res.status, body: timeless(await res.json()) };
}

/**
 * What the venue's owner and the public can see of the venue: settings, staff (with lock-out
 * state), players, templates, tournaments with their whole event logs, the public page and
 * views, and the audit log. Equal snapshots mean nothing observable changed.
 */
export async function snapshot(target: ApiTarget, v: FurnishedVenue): Promise<Record<string, unknown>> {
  const { owner } = v;
  const tournaments = (await json(await owner.fetch(`${owner.base}/tournaments`))) as {
    tournaments: { id: string }[];
  };
  const shot: Record<string, unknown> = {
    venue: await read(owner, owner.base),
    staff: await read(owner, `${owner.base}/staff`),
    players: await read(owner, `${owner.base}/players?q=&limit=100`),
    templates: await read(owner, `${owner.base}/templates`),
    tournaments: timeless(tournaments),
    boxes: await read(owner, `${owner.base}/boxes`),
    audit: await read(owner, `${owner.base}/audit?limit=500`),
    publicPage: timeless(await (await target.fetch(`${API}/public/venues/${owner.venueId}`)).json()),
    cash: await read(owner, `${owner.base}/cash`),
  };
  for (const t of tournaments.tournaments) {
    shot[`events:${t.id}`] = await read(owner, `${owner.base}/tournaments/${t.id}/events?limit=1000`);
    shot[`public:${t.id}`] = timeless(
      await (await target.fetch(`${API}/public/venues/${owner.venueId}/tournaments/${t.id}`)).json(),
    );
  }
  return shot;
}

/** Sends requests in batches of `size` at once; answers the results in order. */
export async function inBatches<T, R>(
  items: readonly T[],
  size: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

/** True when the body is `{ error: { code: string, message: string, details?: object } }`. */
export function isErrorEnvelope(body: unknown): boolean {
  if (!body || typeof body !== 'object') return false;
  const e = (body as { error?: unknown }).error;
  if (!e || typeof e !== 'object') return false;
  const { code, message, details } = e as Record<string, unknown>;
  return (
    typeof code === 'string' &&
    code.length > 0 &&
    typeof message === 'string' &&
    message.length > 0 &&
    (details === undefined || (typeof details === 'object' && details !== null))
  );
}

/** Error codes are stable UPPER_SNAKE identifiers clients match on. */
export const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

/** The error code of an envelope body (text), or undefined. */
export function errorCode(text: string): string | undefined {
  try {
    const code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

/** The operator key the test Worker is configured with (wrangler test vars). */
export const ADMIN_KEY = (env as { FELT_ADMIN_KEY?: string }).FELT_ADMIN_KEY ?? 'test-operator-key';

/** A new support account (made with the operator key), signed in. */
export async function supportSession(target: ApiTarget): Promise<{ token: string; userId: string }> {
  const email = `support-${crypto.randomUUID().slice(0, 8)}@felt.test`;
  const created = await postJson(
    target,
    `${API}/support/accounts`,
    { name: 'Sigrid Support', email, password: TEST_PASSWORD },
    { 'x-felt-admin-key': ADMIN_KEY },
  );
  expect(created.status).toBe(201);
  const signedIn = await postJson(target, `${API}/support/auth/password`, { email, password: TEST_PASSWORD });
  expect(signedIn.status).toBe(200);
  return (await json(signedIn)) as { token: string; userId: string };
}
