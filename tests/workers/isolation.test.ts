/**
 * The isolation matrix, inside workerd: every member of venue B (one per role) against every
 * staff route of venue A, with A's real ids and valid bodies so that only the venue is wrong.
 * Every answer is a refusal (403, or 404 where the id is looked up under B), A's observable
 * state is unchanged, and A's staff channel refuses B's tokens.
 */
import { SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
// A small hand-written TD3 file (engine/td3/testdata), inlined by Vite as text.
import mini from '../../engine/td3/testdata/mini.tdt?raw';
import { authHeaders, signUpVenue, TEST_PASSWORD, type VenueSession } from '../contract/session.ts';
import {
  addStaff,
  type FurnishedVenue,
  fill,
  furnishVenue,
  inBatches,
  isErrorEnvelope,
  json,
  loadRoutes,
  type Route,
  snapshot,
} from './api-routes.ts';
import { selfTarget as target } from './self-target.ts';

const B_ROLES = ['owner', 'td', 'floor', 'dealer', 'viewer'] as const;
type BRole = (typeof B_ROLES)[number];

interface Member {
  readonly role: BRole;
  readonly session: VenueSession;
  readonly email: string;
}

interface Attempt {
  readonly route: Route;
  readonly label: string;
  readonly path: string;
  readonly init: RequestInit;
  /** Sign-in routes take no token: B's credentials are what is tried on A. */
  readonly signIn: boolean;
}

/** A valid body for each route, naming A's ids (and B's member's own credentials for sign-in). */
function attemptsFor(
  routes: readonly Route[],
  a: FurnishedVenue,
  secondPlayerId: string,
  template: { structure: unknown; buyIn: unknown },
  member: Member,
  base: string,
): Attempt[] {
  const out: Attempt[] = [];
  const jsonInit = (method: string, body: unknown): RequestInit => ({
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  for (const route of routes) {
    if (!route.path.startsWith('/venues/{venueId}') || route.socket) continue;
    const path = fill(route.path, a.ids).replace(`/api/v1/venues/${a.ids.venueId}`, base);
    const key = `${route.method} ${route.path}`;
    const add = (init: RequestInit, suffix = '', label = key) =>
      out.push({ route, label, path: path + suffix, init, signIn: route.path.includes('/auth/') });
    switch (key) {
      case 'POST /venues/{venueId}/auth/password':
        add(jsonInit('POST', { email: member.email, password: TEST_PASSWORD }));
        break;
      case 'POST /venues/{venueId}/auth/pin':
        add(jsonInit('POST', { userId: member.session.userId, pin: '8642' }));
        break;
      case 'POST /venues/{venueId}/auth/accept-invite':
        add(jsonInit('POST', { email: member.email, code: 'ABCD2345', password: TEST_PASSWORD }));
        break;
      case 'POST /venues/{venueId}/staff/invites':
        add(jsonInit('POST', { name: 'Mallory', email: `mallory-${member.role}@club.test`, role: 'owner' }));
        break;
      case 'PATCH /venues/{venueId}/staff/{userId}':
        add(jsonInit('PATCH', { role: 'owner' }));
        break;
      case 'PUT /venues/{venueId}/staff/{userId}/pin':
        add(jsonInit('PUT', { pin: '8642' }));
        break;
      case 'POST /venues/{venueId}/staff/{userId}/revoke':
      case 'POST /venues/{venueId}/staff/{userId}/unlock':
      case 'POST /venues/{venueId}/tournaments/{id}/promote':
      case 'POST /venues/{venueId}/players/{playerId}/link-code':
        add(jsonInit('POST', {}));
        break;
      case 'POST /venues/{venueId}/players':
        add(jsonInit('POST', { name: 'Mallory Planted' }));
        break;
      case 'PATCH /venues/{venueId}/players/{playerId}':
        add(jsonInit('PATCH', { name: 'Renamed by B', email: 'stolen@b.test' }));
        break;
      case 'POST /venues/{venueId}/players/{playerId}/merge':
        add(jsonInit('POST', { duplicateId: secondPlayerId }));
        break;
      case 'POST /venues/{venueId}/leagues':
        add(
          jsonInit('POST', {
            name: 'B’s league',
            season: { name: '2026' },
            formula: { kind: 'builtin', name: 'linear' },
          }),
        );
        break;
      case 'PATCH /venues/{venueId}/leagues/{leagueId}':
        add(jsonInit('PATCH', { name: 'Owned by B' }));
        break;
      case 'POST /venues/{venueId}/leagues/{leagueId}/restore':
        add({ method: 'POST' });
        break;
      case 'PUT /venues/{venueId}/leagues/{leagueId}/tournaments/{tournamentId}':
        add({ method: 'PUT' });
        break;
      case 'POST /venues/{venueId}/templates':
        add(jsonInit('POST', { name: 'B’s Turbo', structure: template.structure, buyIn: template.buyIn }));
        break;
      case 'POST /venues/{venueId}/tournaments':
        add(jsonInit('POST', { name: 'Stolen Cup', templateId: 'regular' }));
        break;
      case 'POST /venues/{venueId}/tournaments/{id}/commands':
        for (const [type, payload] of [
          ['Register', { playerId: 'mallory', name: 'Mallory' }],
          ['CloseRegistration', {}],
          ['CancelTournament', { reason: 'B was here' }],
        ] as const) {
          add(jsonInit('POST', { commandId: crypto.randomUUID(), type, payload }), '', `${key} ${type}`);
        }
        break;
      case 'POST /venues/{venueId}/cash/commands':
        for (const [type, payload] of [
          ['CreateGame', { gameId: 'stolen', name: 'B’s game' }],
          ['JoinWaitlist', { gameId: 'nlh', playerId: 'mallory', name: 'Mallory' }],
          ['CallNext', { gameId: 'nlh' }],
        ] as const) {
          add(jsonInit('POST', { commandId: crypto.randomUUID(), type, payload }), '', `${key} ${type}`);
        }
        break;
      case 'POST /venues/{venueId}/imports/tournament':
        add({ method: 'POST', body: exportOfA });
        break;
      case 'GET /venues/{venueId}/tournaments/{id}/history-diff':
        add({ method: 'GET' }, '?from=1&to=1');
        break;
      case 'POST /venues/{venueId}/imports/td3':
        add({ method: 'POST', body: mini });
        add({ method: 'POST', body: mini }, '?mode=structure', `${key}?mode=structure`);
        break;
      case 'POST /venues/{venueId}/tournaments/{id}/claim':
        add(jsonInit('POST', { boxId: 'box_of_someone' }));
        break;
      case 'POST /venues/{venueId}/boxes/pairing-codes':
        add(jsonInit('POST', { name: 'B’s box' }));
        break;
      case 'POST /venues/{venueId}/displays':
        add(jsonInit('POST', { code: 'ABCDEF', name: 'B’s screen' }));
        break;
      case 'PATCH /venues/{venueId}/displays/{displayId}':
        add(jsonInit('PATCH', { name: 'Renamed by B' }));
        break;
      case 'POST /venues/{venueId}/displays/announcements':
        add(jsonInit('POST', { text: 'B was here' }));
        break;
      case 'PUT /venues/{venueId}/slides/{slideId}':
        add(jsonInit('PUT', { title: 'B’s advert', text: '' }));
        break;
      case 'PATCH /venues/{venueId}':
        add(jsonInit('PATCH', { name: 'Owned by B', allowedOrigins: ['https://b.example'] }));
        break;
      case 'POST /venues/{venueId}/events':
        add(jsonInit('POST', { name: 'B’s event', flights: [a.ids.id] }));
        break;
      case 'PATCH /venues/{venueId}/events/{eventId}':
        add(jsonInit('PATCH', { flights: [a.ids.id] }));
        break;
      case 'POST /venues/{venueId}/events/{eventId}/advance':
        add(jsonInit('POST', {}));
        break;
      default:
        if (route.method === 'GET' || route.method === 'DELETE') add({ method: route.method });
        else throw new Error(`no valid body for ${key}: add one to the isolation matrix`);
    }
  }
  return out;
}

async function attempt(member: Member, a: Attempt): Promise<{ status: number; code: string; text: string }> {
  const init: RequestInit = a.signIn
    ? a.init
    : { ...a.init, headers: authHeaders(member.session.token, a.init.headers) };
  const res = await target.fetch(a.path, init);
  const text = await res.text();
  let code = '';
  let envelope = false;
  try {
    const body = JSON.parse(text) as { error?: { code?: string } };
    code = body.error?.code ?? '';
    envelope = isErrorEnvelope(body);
  } catch {
    // not JSON: reported below
  }
  if (res.status >= 400 && !envelope) code = `NO ENVELOPE: ${text.slice(0, 80)}`;
  return { status: res.status, code, text: text.slice(0, 200) };
}

/** A's tournament as an export file (set in beforeAll; a body for POST …/imports/tournament). */
let exportOfA = '';

describe('the isolation matrix', () => {
  let a: FurnishedVenue;
  let b: Member[];
  let routes: Route[];
  let secondPlayerId: string;
  let template: { structure: unknown; buyIn: unknown };

  beforeAll(async () => {
    a = await furnishVenue(target, 'iso-a');
    const second = await a.owner.post(`${a.owner.base}/players`, { name: 'Bo Jensen' });
    secondPlayerId = ((await json(second)) as { player: { id: string } }).player.id;
    const list = (await json(await a.owner.fetch(`${a.owner.base}/templates`))) as {
      templates: { id: string; structure: unknown; buyIn: unknown }[];
    };
    template = list.templates.find((t) => t.id === 'turbo') ?? list.templates[0]!;
    // A valid export file of A's tournament: B importing it into A must be refused like any write.
    exportOfA = await (await a.owner.fetch(`${a.owner.base}/tournaments/${a.ids.id}/export`)).text();
    const bOwner = await signUpVenue(target, { prefix: 'iso-b' });
    b = [{ role: 'owner', session: bOwner, email: `owner@${bOwner.venueId}.test` }];
    for (const role of B_ROLES.slice(1)) {
      const { session, email } = await addStaff(target, bOwner, role);
      b.push({ role, session, email });
    }
    routes = await loadRoutes(target);
  }, 60_000);

  it('given every role of venue B × every staff route of venue A (A’s ids, valid bodies), then every answer is a refusal and A is unchanged', async () => {
    const before = await snapshot(target, a);
    const cells: { member: Member; at: Attempt }[] = [];
    for (const member of b)
      for (const at of attemptsFor(routes, a, secondPlayerId, template, member, a.owner.base))
        cells.push({ member, at });
    const results = await inBatches(cells, 50, async (c) => ({ ...c, ...(await attempt(c.member, c.at)) }));
    const perRole = cells.length / b.length;
    console.log(`isolation matrix: ${b.length} roles × ${perRole} requests on A = ${cells.length} cells`);

    const wrong = results.filter((r) =>
      r.at.signIn
        ? ![401, 403, 404, 429].includes(r.status) || r.code.startsWith('NO ENVELOPE')
        : ![403, 404].includes(r.status) || r.code.startsWith('NO ENVELOPE'),
    );
    expect(
      wrong.map((r) => `${r.member.role}: ${r.at.label} → ${r.status} ${r.code} ${r.text}`),
      'B reaches nothing of A',
    ).toEqual([]);
    // With a valid token of another venue the answer is FORBIDDEN, not a hint about A's data.
    const tokenRoutes = results.filter((r) => !r.at.signIn);
    expect(new Set(tokenRoutes.map((r) => r.code))).toEqual(new Set(['FORBIDDEN']));
    expect(await snapshot(target, a)).toEqual(before);
  }, 60_000);

  it('given every role of B × every route of B’s own venue naming one of A’s ids, then 403 or 404, never A’s data', async () => {
    const before = await snapshot(target, a);
    const cells: { member: Member; at: Attempt }[] = [];
    for (const member of b) {
      for (const at of attemptsFor(routes, a, secondPlayerId, template, member, member.session.base)) {
        // Only routes that address one of A's things by id (the venue part is B's own).
        if (!/\{(id|userId|playerId|templateId|boxId)\}/.test(at.route.path)) continue;
        cells.push({ member, at });
      }
    }
    const results = await inBatches(cells, 50, async (c) => ({ ...c, ...(await attempt(c.member, c.at)) }));
    console.log(`isolation (B's venue, A's ids): ${cells.length} cells`);
    const wrong = results.filter((r) => ![403, 404].includes(r.status) || r.code.startsWith('NO ENVELOPE'));
    expect(
      wrong.map((r) => `${r.member.role}: ${r.at.label} → ${r.status} ${r.code} ${r.text}`),
      'A’s ids do not exist under B',
    ).toEqual([]);
    expect(await snapshot(target, a)).toEqual(before);
  }, 60_000);

  it('given B’s tokens as the WebSocket subprotocol, when opening A’s staff channel, then it is refused', async () => {
    const live = `/api/v1/venues/${a.ids.venueId}/tournaments/${a.ids.id}/live?after=0`;
    for (const member of b) {
      const res = await SELF.fetch(`http://felt.test${live}`, {
        headers: { Upgrade: 'websocket', 'Sec-WebSocket-Protocol': `felt, bearer.${member.session.token}` },
      });
      expect(res.webSocket, member.role).toBeFalsy();
      expect(res.status, member.role).toBe(403);
      expect(isErrorEnvelope(await res.json())).toBe(true);
      // And A's tournament under B's own venue: no such tournament there.
      const underB = await SELF.fetch(
        `http://felt.test${member.session.base}/tournaments/${a.ids.id}/live?after=0`,
        {
          headers: { Upgrade: 'websocket', 'Sec-WebSocket-Protocol': `felt, bearer.${member.session.token}` },
        },
      );
      expect(underB.webSocket, member.role).toBeFalsy();
      expect(underB.status, member.role).toBe(404);
    }
    // Control: A's own floor person is let in with the same kind of request.
    const ok = await SELF.fetch(`http://felt.test${live}`, {
      headers: { Upgrade: 'websocket', 'Sec-WebSocket-Protocol': `felt, bearer.${a.staff.token}` },
    });
    expect(ok.status).toBe(101);
    ok.webSocket?.accept();
    ok.webSocket?.close();
  });

  it('control: the same bodies from A’s own owner pass validation (so only the venue was wrong)', async () => {
    const owner: Member = { role: 'owner', session: a.owner, email: `owner@${a.ids.venueId}.test` };
    const attempts = attemptsFor(routes, a, secondPlayerId, template, owner, a.owner.base)
      // Removals last, so the other routes still find what they name.
      .sort((x, y) => Number(x.route.method === 'DELETE') - Number(y.route.method === 'DELETE'));
    const invalid: string[] = [];
    for (const at of attempts) {
      const r = await attempt(owner, at);
      if (r.status === 400 || r.status >= 500) invalid.push(`${at.label} → ${r.status} ${r.text}`);
    }
    expect(invalid).toEqual([]);
  }, 60_000);
});
