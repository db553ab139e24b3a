/**
 * Token attacks over HTTP, inside workerd: forged, expired, tampered, foreign and revoked
 * tokens are refused with 401 (or 403 for a genuine token of another venue) and the code that
 * says why; key rotation keeps the older key verifying; support accounts read across venues,
 * cannot write, and leave a `support.read` line in the venue's audit log for every read.
 */
import { env } from 'cloudflare:test';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseKeyRing } from '../../workers/auth/keys.ts';
import { authHeaders, signUpVenue, TEST_PASSWORD, type VenueSession } from '../contract/session.ts';
import { ADMIN_KEY, API, addStaff, json, postJson, supportSession as supportOf } from './api-routes.ts';
import { selfTarget as target } from './self-target.ts';

const ring = parseKeyRing(env.FELT_JWT_KEYS);
const DAY_S = 24 * 3600;

function b64url(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function keyOf(kid: string): Uint8Array {
  const key = ring.byKid.get(kid);
  if (!key) throw new Error(`no key ${kid} in the test ring`);
  return key;
}

/** A key that is not in the ring (32 bytes, like the real ones). */
const STRANGER_KEY = new TextEncoder().encode('a-signing-key-nobody-configured!!');

interface Claims {
  sub: string;
  ven: string | null;
  rol: string;
  tv: number;
  iat?: number;
  exp?: number;
}

/** Signs claims as Felt would (HS256, iss felt, aud felt-api), with any key and kid. */
async function forge(c: Claims, opts: { kid?: string; key?: Uint8Array } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const iat = c.iat ?? now;
  return new SignJWT({ ven: c.ven, rol: c.rol, tv: c.tv })
    .setProtectedHeader({ alg: 'HS256', kid: opts.kid ?? ring.current.kid, typ: 'JWT' })
    .setIssuer('felt')
    .setAudience('felt-api')
    .setSubject(c.sub)
    .setIssuedAt(iat)
    .setExpirationTime(c.exp ?? iat + 7 * DAY_S)
    .setJti(crypto.randomUUID().replace(/-/g, ''))
    .sign(opts.key ?? keyOf(opts.kid ?? ring.current.kid));
}

function claimsOf(s: VenueSession): Claims {
  const p = decodeJwt(s.token) as unknown as Claims;
  return { sub: p.sub, ven: p.ven, rol: p.rol, tv: p.tv };
}

async function asToken(token: string, path: string, init?: RequestInit): Promise<Response> {
  return target.fetch(path, { ...init, headers: authHeaders(token, init?.headers) });
}

/** GET `${base}/me` with the token; answers status and error code. */
async function probe(token: string, base: string): Promise<{ status: number; code: string | undefined }> {
  const res = await asToken(token, `${base}/me`);
  const body = await json(res);
  return { status: res.status, code: (body.error as { code?: string } | undefined)?.code };
}

describe('token attacks over HTTP', () => {
  let a: VenueSession;
  let b: VenueSession;
  let td: VenueSession;

  beforeAll(async () => {
    a = await signUpVenue(target, { prefix: 'tok-a' });
    b = await signUpVenue(target, { prefix: 'tok-b' });
    td = (await addStaff(target, a, 'td')).session;
  });

  it('given a genuine token and a faithful forgery with the current key, when used, then both work (the forger is sound)', async () => {
    expect(await probe(a.token, a.base)).toEqual({ status: 200, code: undefined });
    expect(await probe(await forge(claimsOf(a)), a.base)).toEqual({ status: 200, code: undefined });
    expect(decodeProtectedHeader(a.token).kid).toBe(ring.current.kid);
  });

  it('given alg "none" (header says none, no signature), when used, then 401 TOKEN_INVALID', async () => {
    const c = claimsOf(a);
    const now = Math.floor(Date.now() / 1000);
    const payload = b64url(
      JSON.stringify({ ...c, iss: 'felt', aud: 'felt-api', iat: now, exp: now + DAY_S, jti: 'x'.repeat(22) }),
    );
    for (const header of [
      { alg: 'none', typ: 'JWT' },
      { alg: 'none', typ: 'JWT', kid: ring.current.kid },
      { alg: 'None', kid: ring.current.kid },
    ]) {
      const token = `${b64url(JSON.stringify(header))}.${payload}.`;
      expect(await probe(token, a.base), JSON.stringify(header)).toEqual({
        status: 401,
        code: 'TOKEN_INVALID',
      });
    }
    // alg none with the real signature glued on is still refused.
    const [, p, sig] = a.token.split('.');
    const glued = `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT', kid: ring.current.kid }))}.${p}.${sig}`;
    expect(await probe(glued, a.base)).toEqual({ status: 401, code: 'TOKEN_INVALID' });
  });

  it('given a token signed with the test key whose exp is past, when used, then 401 TOKEN_EXPIRED', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await forge({ ...claimsOf(a), iat: now - 7 * DAY_S - 60, exp: now - 60 });
    expect(await probe(token, a.base)).toEqual({ status: 401, code: 'TOKEN_EXPIRED' });
  });

  it('given a token signed with a wrong key under a known kid, when used, then 401 TOKEN_INVALID', async () => {
    const token = await forge(claimsOf(a), { kid: ring.current.kid, key: STRANGER_KEY });
    expect(await probe(token, a.base)).toEqual({ status: 401, code: 'TOKEN_INVALID' });
  });

  it('given a token with an unknown kid (or none), when used, then 401 TOKEN_INVALID', async () => {
    expect(await probe(await forge(claimsOf(a), { kid: 'test-9', key: STRANGER_KEY }), a.base)).toEqual({
      status: 401,
      code: 'TOKEN_INVALID',
    });
    const noKid = await new SignJWT({ ven: a.venueId, rol: 'owner', tv: claimsOf(a).tv })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer('felt')
      .setAudience('felt-api')
      .setSubject(a.userId)
      .setIssuedAt()
      .setExpirationTime('1d')
      .setJti('jti-no-kid')
      .sign(keyOf(ring.current.kid));
    expect(await probe(noKid, a.base)).toEqual({ status: 401, code: 'TOKEN_INVALID' });
  });

  it('given a td token whose payload is edited to role owner (signature kept), when used, then 401 TOKEN_INVALID', async () => {
    const [h, , sig] = td.token.split('.') as [string, string, string];
    const claims = decodeJwt(td.token);
    expect(claims.rol).toBe('td');
    const owner = b64url(JSON.stringify({ ...claims, rol: 'owner' }));
    expect(await probe(`${h}.${owner}.${sig}`, a.base)).toEqual({ status: 401, code: 'TOKEN_INVALID' });
    // The td's own token, untouched, still works: it is the edit that is refused.
    expect((await probe(td.token, a.base)).status).toBe(200);
    // Even the td's role change to owner as a genuine signature with a stale role is refused by
    // the venue (the token must match the staff record).
    const promoted = await forge({ ...claimsOf(td), rol: 'owner' });
    expect(await probe(promoted, a.base)).toEqual({ status: 401, code: 'TOKEN_REVOKED' });
    const staffAsTd = await asToken(promoted, `${a.base}/staff/invites`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Mallory', email: 'mallory@club.test', role: 'owner' }),
    });
    expect(staffAsTd.status).toBe(401);
  });

  it('given a tampered header (kid switched, alg switched, typ dropped; signature kept), when used, then 401 TOKEN_INVALID', async () => {
    const [, p, sig] = a.token.split('.') as [string, string, string];
    const headers = [
      { alg: 'HS256', typ: 'JWT', kid: 'test-1' },
      { alg: 'HS384', typ: 'JWT', kid: ring.current.kid },
      { alg: 'HS256', kid: ring.current.kid },
      { alg: 'HS256', typ: 'JWT', kid: ring.current.kid, crit: ['exp'] },
    ];
    for (const header of headers) {
      const token = `${b64url(JSON.stringify(header))}.${p}.${sig}`;
      expect(await probe(token, a.base), JSON.stringify(header)).toEqual({
        status: 401,
        code: 'TOKEN_INVALID',
      });
    }
  });

  it('given a genuine token of venue A, when used on venue B, then 403 FORBIDDEN (and B’s ids under A are 404s)', async () => {
    for (const path of [`${b.base}/me`, `${b.base}/tournaments`, `${b.base}/staff`, `${b.base}/players`]) {
      const res = await asToken(a.token, path);
      expect(res.status, path).toBe(403);
      expect(((await json(res)).error as { code: string }).code).toBe('FORBIDDEN');
    }
    // A forgery that claims venue B for A's owner: a well-signed token, but no such staff at B.
    const claimsB = await forge({ ...claimsOf(a), ven: b.venueId });
    const res = await probe(claimsB, b.base);
    expect(res.status).toBe(401);
    expect(res.code).toBe('TOKEN_REVOKED');
  });

  it('given a staff member signed out by the owner, when the old token is used, then 401 TOKEN_REVOKED', async () => {
    const { session: floor } = await addStaff(target, a, 'floor');
    expect((await probe(floor.token, a.base)).status).toBe(200);
    expect((await a.post(`${a.base}/staff/${floor.userId}/revoke`, {})).status).toBe(200);
    expect(await probe(floor.token, a.base)).toEqual({ status: 401, code: 'TOKEN_REVOKED' });
    // The old token version, re-signed with a fresh iat, is refused too.
    expect(await probe(await forge(claimsOf(floor)), a.base)).toEqual({ status: 401, code: 'TOKEN_REVOKED' });
    const tournaments = await floor.fetch(`${a.base}/tournaments`);
    expect(tournaments.status).toBe(401);
  });

  it('given a removed staff member, when their token is used, then 401 TOKEN_REVOKED', async () => {
    const { session: dealer } = await addStaff(target, a, 'dealer');
    expect((await probe(dealer.token, a.base)).status).toBe(200);
    expect((await a.fetch(`${a.base}/staff/${dealer.userId}`, { method: 'DELETE' })).status).toBe(200);
    expect(await probe(dealer.token, a.base)).toEqual({ status: 401, code: 'TOKEN_REVOKED' });
    // A forged token for the removed member with a higher token version: still revoked.
    expect(await probe(await forge({ ...claimsOf(dealer), tv: claimsOf(dealer).tv + 1 }), a.base)).toEqual({
      status: 401,
      code: 'TOKEN_REVOKED',
    });
  });

  it('given a well-signed support token for an account that does not exist, when used, then 401 TOKEN_REVOKED', async () => {
    const token = await forge({ sub: 'sup_nobody12345', ven: null, rol: 'support', tv: 0 });
    const res = await asToken(token, `${a.base}/staff`);
    expect(res.status).toBe(401);
    expect(((await json(res)).error as { code: string }).code).toBe('TOKEN_REVOKED');
    // A venue-less token that is not support is malformed.
    const owner = await forge({ sub: a.userId, ven: null, rol: 'owner', tv: claimsOf(a).tv });
    expect(await probe(owner, a.base)).toEqual({ status: 401, code: 'TOKEN_INVALID' });
  });

  it('given claims out of bounds (issued in the future, lifetime over 7 days), when used, then 401 TOKEN_INVALID', async () => {
    const now = Math.floor(Date.now() / 1000);
    const future = await forge({ ...claimsOf(a), iat: now + 3600, exp: now + 3600 + DAY_S });
    expect(await probe(future, a.base)).toEqual({ status: 401, code: 'TOKEN_INVALID' });
    const long = await forge({ ...claimsOf(a), iat: now, exp: now + 30 * DAY_S });
    expect(await probe(long, a.base)).toEqual({ status: 401, code: 'TOKEN_INVALID' });
  });

  it('rotation: given a token signed with the older ring key (test-1), when used, then it works; a key outside the ring does not', async () => {
    const older = [...ring.byKid.keys()][1];
    expect(older).toBe('test-1');
    expect(await probe(await forge(claimsOf(a), { kid: 'test-1' }), a.base)).toEqual({
      status: 200,
      code: undefined,
    });
    const staff = await asToken(await forge(claimsOf(a), { kid: 'test-1' }), `${a.base}/tournaments`);
    expect(staff.status).toBe(200);
    expect(await probe(await forge(claimsOf(a), { kid: 'test-0', key: STRANGER_KEY }), a.base)).toEqual({
      status: 401,
      code: 'TOKEN_INVALID',
    });
    // The older key's secret under the current kid: the kid picks the key, so this fails.
    expect(
      await probe(await forge(claimsOf(a), { kid: ring.current.kid, key: keyOf('test-1') }), a.base),
    ).toEqual({ status: 401, code: 'TOKEN_INVALID' });
  });

  it('given garbage Authorization headers, when used, then 401 with UNAUTHENTICATED or TOKEN_INVALID', async () => {
    const cases: [string, string][] = [
      ['', 'UNAUTHENTICATED'],
      ['Bearer', 'UNAUTHENTICATED'],
      ['Basic dXNlcjpwYXNz', 'UNAUTHENTICATED'],
      [`Token ${a.token}`, 'UNAUTHENTICATED'],
      ['Bearer a.b.c', 'TOKEN_INVALID'],
      [`Bearer ${'x'.repeat(5000)}`, 'TOKEN_INVALID'],
      [`Bearer ${a.token}.extra`, 'TOKEN_INVALID'],
      [`Bearer ${a.token} ${a.token}`, 'UNAUTHENTICATED'],
    ];
    for (const [header, code] of cases) {
      const res = await target.fetch(`${a.base}/me`, header ? { headers: { authorization: header } } : {});
      expect(res.status, header.slice(0, 40)).toBe(401);
      expect(((await json(res)).error as { code: string }).code, header.slice(0, 40)).toBe(code);
    }
    // The scheme name is case-insensitive (RFC 9110 §11.1).
    const lower = await target.fetch(`${a.base}/me`, { headers: { authorization: `bearer ${a.token}` } });
    expect(lower.status).toBe(200);
  });
});

const supportSession = () => supportOf(target);

describe('support accounts', () => {
  // Found by this suite: refused support writes once added support.read lines to the audit.
  it('given a support token, when a write is refused (403), then the venue’s audit log is unchanged', async () => {
    const venue = await signUpVenue(target, { prefix: 'tok-s' });
    const { token } = await supportSession();
    const audit = async () =>
      ((await json(await venue.fetch(`${venue.base}/audit?limit=500`))) as { entries: unknown[] }).entries;
    const before = await audit();
    for (const [method, path, body] of [
      ['POST', `${venue.base}/staff/${venue.userId}/revoke`, {}],
      ['DELETE', `${venue.base}/staff/${venue.userId}`, undefined],
      ['PATCH', `${venue.base}/staff/${venue.userId}`, { role: 'viewer' }],
    ] as const) {
      const res = await asToken(token, path, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    expect(await audit()).toEqual(before);
  });

  it('given the operator key, when a support account is made and signs in, then it reads another venue (audited) and writes nothing', async () => {
    const venue = await signUpVenue(target, { prefix: 'tok-s' });
    const email = `support-${crypto.randomUUID().slice(0, 8)}@felt.test`;
    const account = { name: 'Sigrid Support', email, password: TEST_PASSWORD };

    // Wrong or missing operator key: 401, and no account.
    for (const headers of [{ 'x-felt-admin-key': 'not-the-operator-key' }, {}] as Record<string, string>[]) {
      const refused = await postJson(target, `${API}/support/accounts`, account, headers);
      expect(refused.status).toBe(401);
      expect(((await json(refused)).error as { code: string }).code).toBe('UNAUTHENTICATED');
    }
    const early = await postJson(target, `${API}/support/auth/password`, { email, password: TEST_PASSWORD });
    expect(early.status).toBe(401);

    const created = await postJson(target, `${API}/support/accounts`, account, {
      'x-felt-admin-key': ADMIN_KEY,
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const signedIn = await postJson(target, `${API}/support/auth/password`, {
      email,
      password: TEST_PASSWORD,
    });
    expect(signedIn.status).toBe(200);
    const { token, userId } = (await json(signedIn)) as { token: string; userId: string };
    expect(decodeJwt(token)).toMatchObject({ rol: 'support', ven: null, sub: userId });

    const reads = [`${venue.base}/staff`, `${venue.base}/players`, `${venue.base}/staff`];
    for (const path of reads) expect((await asToken(token, path)).status, path).toBe(200);

    const writes: [string, string, unknown][] = [
      ['POST', `${venue.base}/players`, { name: 'Sneaky Sam' }],
      ['POST', `${venue.base}/staff/invites`, { name: 'Sneaky', email: 'sneaky@club.test', role: 'owner' }],
      ['PATCH', venue.base, { name: 'Renamed by support' }],
      ['POST', `${venue.base}/tournaments`, { name: 'Support Cup' }],
      ['POST', `${venue.base}/staff/${venue.userId}/revoke`, {}],
      ['DELETE', `${venue.base}/staff/${venue.userId}`, undefined],
    ];
    for (const [method, path, body] of writes) {
      const res = await asToken(token, path, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(((await json(res)).error as { code: string }).code).toBe('FORBIDDEN');
    }

    const audit = (await json(await venue.fetch(`${venue.base}/audit?limit=500`))) as {
      entries: { actorId: string; actorRole: string; action: string; target: string | null }[];
    };
    const bySupport = audit.entries.filter((e) => e.actorId === userId);
    expect(
      bySupport.filter((e) => e.action !== 'support.read' || e.actorRole !== 'support'),
      'support only reads',
    ).toEqual([]);
    const targets = bySupport.map((e) => e.target);
    expect(targets.filter((t) => t === 'staff.read')).toHaveLength(2);
    expect(targets.filter((t) => t === 'players.read')).toHaveLength(1);
    // Only read permissions are ever logged.
    const READS = ['venue.read', 'staff.read', 'players.read', 'players.contact', 'templates.read'];
    const others = ['tournaments.read', 'live.staff', 'audit.read'];
    expect(targets.filter((t) => ![...READS, ...others].includes(t ?? ''))).toEqual([]);
    // The owner is still the owner, and the venue's name unchanged.
    expect((await probe(venue.token, venue.base)).status).toBe(200);
    const settings = (await json(await venue.fetch(venue.base))) as { venue: { name: string } };
    expect(settings.venue.name).toBe('Contract Club');

    // The operator ends the account's sessions: the token stops working at once.
    const revoked = await postJson(
      target,
      `${API}/support/accounts/revoke`,
      { email },
      { 'x-felt-admin-key': ADMIN_KEY },
    );
    expect(revoked.status).toBe(200);
    const after = await asToken(token, `${venue.base}/staff`);
    expect(after.status).toBe(401);
    expect(((await json(after)).error as { code: string }).code).toBe('TOKEN_REVOKED');
  });
});
