/**
 * Players' Felt accounts inside workerd, through the real routes: sign-up and sign-in, a venue
 * issuing a one-time link code and the player typing it, the player's own history across two
 * venues, isolation (a venue never learns the email or the other venues; the account reads
 * only its own records; codes work only at the venue that issued them; player and staff
 * tokens never stand in for each other), codes single-use, expiring and revocable, merged
 * records, unlinking from both sides, and deletion anonymising the records at every venue.
 */
import { env, runInDurableObject } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { authHeaders, signUpVenue, TEST_PASSWORD, type VenueSession } from '../contract/session.ts';
import { API, addStaff, json, supportSession } from './api-routes.ts';
import { selfTarget as target } from './self-target.ts';

interface Player {
  readonly email: string;
  readonly token: string;
  readonly id: string;
  /** Each player's own client address: the sign-in and code budgets are per address. */
  readonly ip: string;
}

const asPlayer = (p: Pick<Player, 'token' | 'ip'>, path: string, init: RequestInit = {}) =>
  target.fetch(`${API}${path}`, {
    ...init,
    headers: authHeaders(p.token, {
      'cf-connecting-ip': p.ip,
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    }),
  });

const post = (path: string, body: unknown, ip: string) =>
  target.fetch(`${API}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip },
    body: JSON.stringify(body),
  });

async function newPlayer(label: string): Promise<Player> {
  const email = `${label}-${crypto.randomUUID().slice(0, 6)}@players.test`;
  const ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}-${label}`;
  const res = await post('/me/auth/signup', { email, password: TEST_PASSWORD }, ip);
  expect(res.status, await res.clone().text()).toBe(201);
  const body = (await res.json()) as { token: string; identity: { id: string; email: string } };
  expect(body.identity.email).toBe(email);
  return { email, token: body.token, id: body.identity.id, ip };
}

async function addPlayer(s: VenueSession, name: string, email?: string): Promise<string> {
  const res = await s.post(`${s.base}/players`, { name, ...(email && { email }) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { player: { id: string } }).player.id;
}

async function issue(s: VenueSession, playerId: string): Promise<{ code: string; expiresAt: number }> {
  const res = await s.fetch(`${s.base}/players/${playerId}/link-code`, { method: 'POST' });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { code: string; expiresAt: number };
}

const redeem = (p: Player, code: string) =>
  asPlayer(p, '/me/links', { method: 'POST', body: JSON.stringify({ code }) });

async function errorOf(res: Response): Promise<{ status: number; code: string }> {
  const body = (await res.json()) as { error?: { code: string } };
  return { status: res.status, code: body.error?.code ?? '' };
}

interface HistoryRow {
  venueId: string;
  venueName: string;
  tournamentId: string;
  tournamentName: string;
  at: number;
  place: number | null;
  prize: number;
}

const historyOf = async (p: Player) => {
  const res = await asPlayer(p, '/me/history');
  expect(res.status).toBe(200);
  return ((await res.json()) as { rows: HistoryRow[] }).rows;
};

const linksOf = async (p: Player) => {
  const res = await asPlayer(p, '/me/links');
  expect(res.status).toBe(200);
  return ((await res.json()) as { links: { venueId: string; playerId: string; name: string }[] }).links;
};

/** A tournament at the venue with these players registered (e1, e2, … in order), then started. */
async function night(s: VenueSession, name: string, players: readonly [string, string][], bust?: string) {
  const id = await s.newTournament(name);
  const run = async (type: string, payload: Record<string, unknown> = {}) => {
    const res = await s.command(id, type, payload);
    expect(res.status, `${type}: ${await res.clone().text()}`).toBe(201);
  };
  await run('OpenRegistration');
  for (const [playerId, playerName] of players) await run('Register', { playerId, name: playerName });
  if (bust) {
    await run('StartTournament');
    await run('BustPlayers', { busts: [{ entryId: bust }], hitmanEntryId: 'e1' });
  }
  return id;
}

const publicCodeOf = async (s: VenueSession) =>
  ((await json(await s.fetch(s.base))) as { venue: { publicCode: string } }).venue.publicCode;

const auditOf = async (s: VenueSession) =>
  (await json(await s.fetch(`${s.base}/audit?limit=200`))) as {
    entries: { action: string; actorRole: string; actorId: string; target: string | null }[];
  };

describe('Felt accounts for players', () => {
  let a: VenueSession;
  let b: VenueSession;
  let floorA: VenueSession;

  beforeAll(async () => {
    a = await signUpVenue(target, { prefix: 'fid-a', name: 'Aarhus Poker' });
    b = await signUpVenue(target, { prefix: 'fid-b', name: 'Bergen Card Room' });
    floorA = (await addStaff(target, a, 'floor')).session;
  });

  it('signs up, signs in, and refuses bad input, wrong passwords and taken emails', async () => {
    const p = await newPlayer('anna');
    const me = await asPlayer(p, '/me');
    expect(me.status).toBe(200);
    expect(((await me.json()) as { identity: { email: string } }).identity.email).toBe(p.email);

    expect(
      await errorOf(await post('/me/auth/signup', { email: p.email, password: TEST_PASSWORD }, p.ip)),
    ).toEqual({
      status: 409,
      code: 'IDENTITY_EXISTS',
    });
    expect(
      await errorOf(await post('/me/auth/signup', { email: 'weak@players.test', password: 'short' }, p.ip)),
    ).toEqual({
      status: 422,
      code: 'WEAK_PASSWORD',
    });
    for (const bad of [
      { email: 'not-an-email', password: TEST_PASSWORD },
      { email: p.email },
      { email: 'x@players.test', password: TEST_PASSWORD, role: 'owner' },
    ]) {
      expect(await errorOf(await post('/me/auth/signup', bad, p.ip)), JSON.stringify(bad)).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    expect(
      await errorOf(await post('/me/auth/password', { email: p.email, password: 'wrong password!' }, p.ip)),
    ).toEqual({
      status: 401,
      code: 'BAD_CREDENTIALS',
    });
    expect(
      await errorOf(
        await post('/me/auth/password', { email: 'nobody@players.test', password: TEST_PASSWORD }, p.ip),
      ),
    ).toEqual({ status: 401, code: 'BAD_CREDENTIALS' });
    const signedIn = await post(
      '/me/auth/password',
      { email: p.email.toUpperCase(), password: TEST_PASSWORD },
      p.ip,
    );
    expect(signedIn.status).toBe(200);
    const again = (await signedIn.json()) as { token: string; identity: { id: string } };
    expect(again.identity.id).toBe(p.id);
    expect((await asPlayer({ ...p, token: again.token }, '/me')).status).toBe(200);
    expect(await errorOf(await target.fetch(`${API}/me`))).toEqual({ status: 401, code: 'UNAUTHENTICATED' });

    // Sign out everywhere: both tokens stop working.
    expect((await asPlayer(p, '/me/sign-out', { method: 'POST' })).status).toBe(200);
    expect(await errorOf(await asPlayer({ ...p, token: again.token }, '/me'))).toEqual({
      status: 401,
      code: 'TOKEN_REVOKED',
    });
  });

  it('never lets a staff token act on /me nor a player token on staff routes', async () => {
    const p = await newPlayer('tok');
    const support = await supportSession(target);
    for (const token of [a.token, floorA.token, support.token]) {
      expect(await errorOf(await asPlayer({ token, ip: p.ip }, '/me'))).toEqual({
        status: 401,
        code: 'TOKEN_INVALID',
      });
      expect(await errorOf(await asPlayer({ token, ip: p.ip }, '/me/history'))).toEqual({
        status: 401,
        code: 'TOKEN_INVALID',
      });
    }
    const playerId = await addPlayer(a, 'Staff Route Probe');
    for (const [method, path] of [
      ['GET', `${a.base}/me`],
      ['GET', `${a.base}/players`],
      ['GET', `${a.base}/players/${playerId}/felt-link`],
      ['POST', `${a.base}/players/${playerId}/link-code`],
      ['GET', '/api/v1/support/find?q=fid'],
    ] as const) {
      const res = await target.fetch(path, { method, headers: authHeaders(p.token) });
      expect(await errorOf(res), `${method} ${path}`).toEqual({ status: 401, code: 'TOKEN_INVALID' });
    }
  });

  it('links records at two venues with codes both sides agreed to; history shows both and nothing else', async () => {
    const p = await newPlayer('sofie');
    const atA = await addPlayer(a, 'Sofie Lund', 'sofie.at.a@example.test');
    const boA = await addPlayer(a, 'Bo Holm', 'bo@example.test');
    const atB = await addPlayer(b, 'Sofie L.');
    const cupA = await night(
      a,
      'Aarhus Thursday',
      [
        [boA, 'Bo Holm'],
        ['walk-in-cai', 'Cai'],
        [atA, 'Sofie Lund'],
      ],
      'e3',
    );
    const onlyBo = await night(a, 'Bo’s private game', [[boA, 'Bo Holm']]);
    const cupB = await night(b, 'Bergen Monthly', [[atB, 'Sofie L.']]);

    // The floor at A issues a code; it names A's public code and is pending until used.
    const codeA = await issue(floorA, atA);
    expect(codeA.code).toMatch(new RegExp(`^${await publicCodeOf(a)}-[A-Z2-9]{8}$`));
    expect(codeA.expiresAt - Date.now()).toBeGreaterThan(23 * 3600_000);
    let status = (await json(await a.fetch(`${a.base}/players/${atA}/felt-link`))) as {
      link: { linked: boolean; code: { expiresAt: number } | null };
    };
    expect(status.link).toMatchObject({ linked: false, code: { expiresAt: codeA.expiresAt } });

    // Typed with spaces and in lower case, as a person would.
    const linked = await redeem(p, ` ${codeA.code.toLowerCase().replace('-', ' ')} `);
    expect(linked.status, await linked.clone().text()).toBe(201);
    expect(((await linked.json()) as { link: unknown }).link).toMatchObject({
      venueId: a.venueId,
      venueName: 'Aarhus Poker',
      playerId: atA,
      name: 'Sofie Lund',
    });
    // Single use.
    expect(await errorOf(await redeem(p, codeA.code))).toEqual({ status: 404, code: 'LINK_CODE_NOT_FOUND' });

    const codeB = await issue(b, atB);
    expect((await redeem(p, codeB.code)).status).toBe(201);

    const links = await linksOf(p);
    expect(links.map((l) => [l.venueId, l.playerId]).sort()).toEqual(
      [
        [a.venueId, atA],
        [b.venueId, atB],
      ].sort(),
    );

    const rows = await historyOf(p);
    expect(rows.map((r) => r.tournamentId).sort()).toEqual([cupA, cupB].sort());
    expect(rows.find((r) => r.tournamentId === onlyBo)).toBeUndefined();
    const aRow = rows.find((r) => r.tournamentId === cupA)!;
    // Sofie was the third entry and busted first of three: third, read from the standings.
    expect(aRow).toMatchObject({
      venueName: 'Aarhus Poker',
      tournamentName: 'Aarhus Thursday',
      place: 3,
      prize: 0,
    });
    expect(rows.find((r) => r.tournamentId === cupB)).toMatchObject({
      venueName: 'Bergen Card Room',
      tournamentName: 'Bergen Monthly',
      place: null,
    });
    // Nothing of anyone else: no other player's name, contact or the venue's own notes.
    const text = JSON.stringify({ rows, links });
    for (const other of ['Bo Holm', 'bo@example.test', 'Cai', 'sofie.at.a@example.test'])
      expect(text).not.toContain(other);

    status = (await json(await a.fetch(`${a.base}/players/${atA}/felt-link`))) as typeof status;
    expect(status.link).toMatchObject({ linked: true, code: null });
  });

  it('isolation: a venue sees only "linked", never the email or other venues; the account reads only its own records; codes work only where issued', async () => {
    const p = await newPlayer('iso');
    const atA = await addPlayer(a, 'Ida Isolated');
    const atB = await addPlayer(b, 'Ida I.');
    const neighbour = await addPlayer(a, 'Nils Neighbour', 'nils@example.test');
    await night(a, 'Iso Cup A', [
      [atA, 'Ida Isolated'],
      [neighbour, 'Nils Neighbour'],
    ]);
    expect((await redeem(p, (await issue(a, atA)).code)).status).toBe(201);

    // A code from B with A's public code in front links nothing at A (or anywhere).
    const fromB = await issue(b, atB);
    const swapped = `${await publicCodeOf(a)}-${fromB.code.split('-')[1]}`;
    expect(await errorOf(await redeem(p, swapped))).toEqual({ status: 404, code: 'LINK_CODE_NOT_FOUND' });
    expect((await redeem(p, fromB.code)).status).toBe(201);

    // Everything A's staff can read about the record, the audit log and the player list.
    const seenByA = [
      await (await a.fetch(`${a.base}/players/${atA}`)).text(),
      await (await a.fetch(`${a.base}/players/${atA}/felt-link`)).text(),
      await (await a.fetch(`${a.base}/players?q=&limit=100`)).text(),
      await (await a.fetch(`${a.base}/audit?limit=200`)).text(),
      await (await floorA.fetch(`${floorA.base}/players/${atA}/felt-link`)).text(),
    ].join('\n');
    expect(seenByA).toContain('"linked":true');
    for (const secret of [p.email, b.venueId, 'Bergen', 'Ida I.']) expect(seenByA).not.toContain(secret);
    // B's staff know nothing of A.
    const seenByB = await (await b.fetch(`${b.base}/audit?limit=200`)).text();
    for (const secret of [p.email, a.venueId, 'Aarhus', 'Ida Isolated'])
      expect(seenByB).not.toContain(secret);
    // A's staff cannot read B's link through A's venue, nor address B's record there.
    expect((await a.fetch(`${a.base}/players/${atB}/felt-link`)).status).toBe(404);

    // The account cannot unlink (or otherwise reach) another player's record at a linked venue,
    // nor a record at a venue it has no link at.
    expect(
      await errorOf(await asPlayer(p, `/me/links/${a.venueId}/${neighbour}`, { method: 'DELETE' })),
    ).toEqual({
      status: 404,
      code: 'LINKED_PLAYER_NOT_FOUND',
    });
    const stranger = await signUpVenue(target, { prefix: 'fid-c' });
    const theirs = await addPlayer(stranger, 'Someone Else');
    expect((await asPlayer(p, `/me/links/${stranger.venueId}/${theirs}`, { method: 'DELETE' })).status).toBe(
      404,
    );
    const text = JSON.stringify(await historyOf(p)) + JSON.stringify(await linksOf(p));
    expect(text).not.toContain('Nils');
    expect(text).not.toContain(stranger.venueId);

    // A second account cannot take a record that is linked: the venue cannot even issue a code.
    const res = await a.fetch(`${a.base}/players/${atA}/link-code`, { method: 'POST' });
    expect(await errorOf(res)).toEqual({ status: 409, code: 'PLAYER_ALREADY_LINKED' });
  });

  it('codes are single-use, expire after a day, are replaced by a new one and can be revoked', async () => {
    const p = await newPlayer('codes');
    const id = await addPlayer(a, 'Carla Codes');

    const first = await issue(a, id);
    const second = await issue(a, id);
    expect(await errorOf(await redeem(p, first.code))).toEqual({ status: 404, code: 'LINK_CODE_NOT_FOUND' });

    const revoked = await a.fetch(`${a.base}/players/${id}/link-code`, { method: 'DELETE' });
    expect(await revoked.json()).toEqual({ revoked: true });
    expect(await errorOf(await redeem(p, second.code))).toEqual({ status: 404, code: 'LINK_CODE_NOT_FOUND' });

    // A code whose day has passed.
    const third = await issue(a, id);
    await runInDurableObject(env.VENUE.get(env.VENUE.idFromName(a.venueId)), async (_o, state) => {
      state.storage.sql.exec(
        "UPDATE meta SET value = json_set(value, '$.expiresAt', 1) WHERE scope LIKE '%:felt-link-codes'",
      );
    });
    // The venue's object keeps no codes in memory: the stored expiry is what counts.
    expect(await errorOf(await redeem(p, third.code))).toEqual({ status: 404, code: 'LINK_CODE_NOT_FOUND' });
    expect(
      ((await json(await a.fetch(`${a.base}/players/${id}/felt-link`))) as { link: { code: unknown } }).link
        .code,
    ).toBeNull();

    // Malformed codes are a 400 naming the field; a well-formed unknown one a 404.
    expect(await errorOf(await redeem(p, 'hello'))).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(await errorOf(await redeem(p, 'ZZZZZZ-ZZZZZZZZ'))).toEqual({
      status: 404,
      code: 'LINK_CODE_NOT_FOUND',
    });
    expect((await linksOf(p)).length).toBe(0);

    // The audit log holds the venue's side of it.
    const actions = (await auditOf(a)).entries.filter((e) => e.target === id).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['players.link-code', 'players.link-code-revoked']));
  });

  it('rate-limits code entry per account', async () => {
    const p = await newPlayer('guess');
    const outcomes: number[] = [];
    for (let i = 0; i < 12; i++)
      outcomes.push((await redeem(p, `ZZZZZZ-ZZZZZZ${String(i).padStart(2, '2')}`)).status);
    expect(outcomes.slice(0, 10)).toEqual(Array(10).fill(404));
    expect(outcomes.slice(10)).toEqual([429, 429]);
  });

  it('follows merges: a code or a link on a duplicate leads to the record it was merged into', async () => {
    const p = await newPlayer('merge');
    const keep = await addPlayer(a, 'Mads Merged');
    const dup = await addPlayer(a, 'Mads M');
    const t1 = await night(a, 'Merge Cup 1', [[keep, 'Mads Merged']]);
    const t2 = await night(a, 'Merge Cup 2', [[dup, 'Mads M']]);
    const code = await issue(a, dup);
    expect((await a.post(`${a.base}/players/${keep}/merge`, { duplicateId: dup })).status).toBe(200);
    const linked = await redeem(p, code.code);
    expect(linked.status).toBe(201);
    expect(((await linked.json()) as { link: { playerId: string } }).link.playerId).toBe(keep);
    expect((await historyOf(p)).map((r) => r.tournamentId).sort()).toEqual([t1, t2].sort());
    // The merged-away id reads as linked too (it is the same person now).
    expect(
      ((await json(await a.fetch(`${a.base}/players/${dup}/felt-link`))) as { link: { linked: boolean } })
        .link.linked,
    ).toBe(true);

    // A link on a record later merged into another follows to the survivor.
    const q = await newPlayer('merge2');
    const survivor = await addPlayer(a, 'Vera Survivor');
    const early = await addPlayer(a, 'Vera S');
    expect((await redeem(q, (await issue(a, early)).code)).status).toBe(201);
    expect((await a.post(`${a.base}/players/${survivor}/merge`, { duplicateId: early })).status).toBe(200);
    expect((await linksOf(q)).map((l) => l.playerId)).toEqual([survivor]);

    // Two records linked to two different accounts are not merged.
    const refused = await a.post(`${a.base}/players/${keep}/merge`, { duplicateId: survivor });
    expect(await errorOf(refused)).toEqual({ status: 409, code: 'PLAYERS_LINKED_APART' });
  });

  it('unlinks from either side', async () => {
    const p = await newPlayer('unlink');
    const atA = await addPlayer(a, 'Ulla Unlink');
    const atB = await addPlayer(b, 'Ulla U');
    await night(b, 'Unlink Night', [[atB, 'Ulla U']]);
    expect((await redeem(p, (await issue(a, atA)).code)).status).toBe(201);
    expect((await redeem(p, (await issue(b, atB)).code)).status).toBe(201);

    // The player unlinks B: B's rows leave their history; B keeps its record.
    expect((await asPlayer(p, `/me/links/${b.venueId}/${atB}`, { method: 'DELETE' })).status).toBe(200);
    expect((await historyOf(p)).some((r) => r.venueId === b.venueId)).toBe(false);
    expect((await b.fetch(`${b.base}/players/${atB}`)).status).toBe(200);
    // The venue unlinks A.
    expect((await floorA.fetch(`${floorA.base}/players/${atA}/felt-link`, { method: 'DELETE' })).status).toBe(
      200,
    );
    expect(await linksOf(p)).toEqual([]);
    expect(await errorOf(await a.fetch(`${a.base}/players/${atA}/felt-link`, { method: 'DELETE' }))).toEqual({
      status: 409,
      code: 'PLAYER_NOT_LINKED',
    });
    const audit = await auditOf(a);
    expect(audit.entries.find((e) => e.target === atA && e.action === 'players.unlinked')).toMatchObject({
      actorRole: 'floor',
    });
    expect(
      (await auditOf(b)).entries.find((e) => e.target === atB && e.action === 'players.unlinked'),
    ).toMatchObject({
      actorRole: 'player',
      actorId: p.id,
    });
    // And may be linked again with a new code.
    expect((await redeem(p, (await issue(a, atA)).code)).status).toBe(201);
  });

  it('deletion anonymises the records at every linked venue, keeps results, and ends the account', async () => {
    const p = await newPlayer('delete');
    const atA = await addPlayer(a, 'Dora Delete', 'dora@example.test');
    const atB = await addPlayer(b, 'Dora D');
    const cupA = await night(a, 'Deletion Cup', [[atA, 'Dora Delete']]);
    expect(
      (
        await a.post(
          `${a.base}/players/${atA}`,
          { phone: '+45 1234 5678', notes: 'likes the corner seat' },
          'PATCH',
        )
      ).status,
    ).toBe(200);
    expect((await redeem(p, (await issue(a, atA)).code)).status).toBe(201);
    expect((await redeem(p, (await issue(b, atB)).code)).status).toBe(201);

    // The password is asked again; a wrong one changes nothing.
    const wrong = await asPlayer(p, '/me/delete', {
      method: 'POST',
      body: JSON.stringify({ password: 'not my password' }),
    });
    expect(await errorOf(wrong)).toEqual({ status: 401, code: 'BAD_CREDENTIALS' });
    expect((await linksOf(p)).length).toBe(2);

    const res = await asPlayer(p, '/me/delete', {
      method: 'POST',
      body: JSON.stringify({ password: TEST_PASSWORD }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as { venues: { venueId: string; anonymised: number }[] }).venues).toEqual(
      expect.arrayContaining([
        { venueId: a.venueId, anonymised: 1 },
        { venueId: b.venueId, anonymised: 1 },
      ]),
    );

    const record = (
      (await json(await a.fetch(`${a.base}/players/${atA}`))) as {
        player: {
          name: string;
          email: string | null;
          phone: string | null;
          notes: string | null;
          display: string;
          history: { tournamentId: string }[];
        };
      }
    ).player;
    expect(record).toMatchObject({
      name: 'Deleted player',
      email: null,
      phone: null,
      notes: null,
      display: 'hidden',
    });
    expect(record.history.map((h) => h.tournamentId)).toEqual([cupA]);
    expect((await json(await b.fetch(`${b.base}/players/${atB}`))).player).toMatchObject({
      name: 'Deleted player',
    });
    // Search no longer finds the name.
    expect(await (await a.fetch(`${a.base}/players?q=Dora`)).text()).not.toContain('Dora');
    for (const v of [a, b]) {
      const line = (await auditOf(v)).entries.find((e) => e.action === 'players.anonymised');
      expect(line, v.venueId).toMatchObject({ actorRole: 'player', target: v === a ? atA : atB });
    }
    // The account is gone: its token and its password no longer work; the record cannot be linked again.
    expect(await errorOf(await asPlayer(p, '/me'))).toEqual({ status: 401, code: 'TOKEN_REVOKED' });
    expect(
      await errorOf(await post('/me/auth/password', { email: p.email, password: TEST_PASSWORD }, p.ip)),
    ).toEqual({
      status: 401,
      code: 'BAD_CREDENTIALS',
    });
    expect(await errorOf(await a.fetch(`${a.base}/players/${atA}/link-code`, { method: 'POST' }))).toEqual({
      status: 409,
      code: 'PLAYER_FORGOTTEN',
    });
    // The email is free again: a new, empty account.
    const fresh = await post('/me/auth/signup', { email: p.email, password: TEST_PASSWORD }, p.ip);
    expect(fresh.status).toBe(201);
    const token = ((await fresh.json()) as { token: string }).token;
    expect(await historyOf({ ...p, token })).toEqual([]);
  });
});
