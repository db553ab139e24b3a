import { base64url, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { encodeBase64url } from './base64url.ts';
import { AuthError, type AuthErrorCode } from './errors.ts';
import { type KeyRing, parseKeyRing } from './keys.ts';
import { bearerToken, issueToken, MAX_CLOCK_SKEW_MS, TOKEN_TTL_MS, verifyToken } from './tokens.ts';

const key = (fill: number): string => encodeBase64url(new Uint8Array(32).fill(fill));
const OLD = parseKeyRing(`old:${key(1)}`);
const ROTATED = parseKeyRing(`new:${key(2)} old:${key(1)}`);
const NEW_ONLY = parseKeyRing(`new:${key(2)}`);
const OTHER = parseKeyRing(`old:${key(9)}`); // same kid, different secret

const NOW = Date.UTC(2026, 10, 23, 20, 0, 0, 0);
const TD = { venueId: 'v_1', userId: 'u_td', role: 'td' as const, tokenVersion: 3 };

async function code(p: Promise<unknown>): Promise<AuthErrorCode> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AuthError) return err.code;
    throw err;
  }
  throw new Error('expected a refusal');
}

const json = (token: string, part: 0 | 1): Record<string, unknown> =>
  JSON.parse(new TextDecoder().decode(base64url.decode(token.split('.')[part] ?? '')));
const enc = (value: unknown): string => base64url.encode(JSON.stringify(value));

/** Signs an arbitrary payload/header with a ring's current key, as a forger holding the key could. */
async function signRaw(
  ring: KeyRing,
  payload: Record<string, unknown>,
  header: Record<string, unknown> = {},
) {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', kid: ring.current.kid, typ: 'JWT', ...header })
    .sign(ring.current.key);
}

function basePayload(): Record<string, unknown> {
  const iat = Math.floor(NOW / 1000);
  return {
    iss: 'felt',
    aud: 'felt-api',
    sub: 'u_td',
    ven: 'v_1',
    rol: 'td',
    tv: 3,
    iat,
    exp: iat + 3600,
    jti: 'j1',
  };
}

describe('issueToken / verifyToken', () => {
  it('given staff claims, when issued and verified, then the claims come back with ms times', async () => {
    const token = await issueToken(OLD, TD, NOW);
    const claims = await verifyToken(OLD, token, NOW + 1000);
    expect(claims).toEqual({ ...TD, issuedAt: NOW, expiresAt: NOW + TOKEN_TTL_MS });
  });

  it('given a token, then its header and payload carry the agreed names', async () => {
    const token = await issueToken(ROTATED, TD, NOW + 999);
    expect(json(token, 0)).toEqual({ alg: 'HS256', kid: 'new', typ: 'JWT' });
    const p = json(token, 1);
    expect(p).toMatchObject({ iss: 'felt', aud: 'felt-api', sub: 'u_td', ven: 'v_1', rol: 'td', tv: 3 });
    expect(p.iat).toBe(NOW / 1000);
    expect(p.exp).toBe(NOW / 1000 + 7 * 24 * 3600);
    expect(typeof p.jti).toBe('string');
    expect(json(await issueToken(ROTATED, TD, NOW), 1).jti).not.toBe(p.jti);
  });

  it('given a support user, when issued without a venue, then it verifies with venueId null', async () => {
    const support = { venueId: null, userId: 'u_s', role: 'support' as const, tokenVersion: 0 };
    const claims = await verifyToken(OLD, await issueToken(OLD, support, NOW), NOW);
    expect(claims.venueId).toBeNull();
    expect(claims.role).toBe('support');
  });

  it('given a staff role without a venue, when issuing, then it refuses', async () => {
    await expect(issueToken(OLD, { ...TD, venueId: null }, NOW)).rejects.toThrow(TypeError);
    await expect(issueToken(OLD, { ...TD, tokenVersion: -1 }, NOW)).rejects.toThrow(TypeError);
  });

  it('given the last ms before exp, then valid; at exp, then TOKEN_EXPIRED', async () => {
    const token = await issueToken(OLD, TD, NOW);
    await expect(verifyToken(OLD, token, NOW + TOKEN_TTL_MS - 1)).resolves.toMatchObject({ userId: 'u_td' });
    expect(await code(verifyToken(OLD, token, NOW + TOKEN_TTL_MS))).toBe('TOKEN_EXPIRED');
    expect(await code(verifyToken(OLD, token, NOW + TOKEN_TTL_MS * 10))).toBe('TOKEN_EXPIRED');
  });

  it('given an expired token with a bad signature, then TOKEN_INVALID, not expired', async () => {
    const token = await issueToken(OTHER, TD, NOW);
    expect(await code(verifyToken(OLD, token, NOW + TOKEN_TTL_MS * 2))).toBe('TOKEN_INVALID');
  });

  it('given an expired token, then the jose error is kept as cause and the status is 401', async () => {
    const token = await issueToken(OLD, TD, NOW);
    const err = await verifyToken(OLD, token, NOW + TOKEN_TTL_MS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).status).toBe(401);
    expect((err as AuthError).cause).toMatchObject({ code: 'ERR_JWT_EXPIRED' });
  });

  // Decision: a token issued slightly in the future (clock skew between the cloud and a venue
  // box) is accepted up to MAX_CLOCK_SKEW_MS; beyond that it is refused as TOKEN_INVALID.
  it('given iat a little in the future, then accepted; far in the future, then TOKEN_INVALID', async () => {
    const token = await issueToken(OLD, TD, NOW);
    await expect(verifyToken(OLD, token, NOW - MAX_CLOCK_SKEW_MS)).resolves.toMatchObject({ role: 'td' });
    expect(await code(verifyToken(OLD, token, NOW - MAX_CLOCK_SKEW_MS - 1000))).toBe('TOKEN_INVALID');
  });

  it('given a signed token living longer than 7 days, then TOKEN_INVALID', async () => {
    const p = basePayload();
    const token = await signRaw(OLD, { ...p, exp: (p.iat as number) + TOKEN_TTL_MS / 1000 + 1 });
    expect(await code(verifyToken(OLD, token, NOW))).toBe('TOKEN_INVALID');
    const ok = await signRaw(OLD, { ...p, exp: (p.iat as number) + TOKEN_TTL_MS / 1000 });
    await expect(verifyToken(OLD, ok, NOW)).resolves.toMatchObject({ userId: 'u_td' });
  });
});

describe('verifyToken: attacks', () => {
  it('given alg none with an empty signature, then TOKEN_INVALID', async () => {
    const token = `${enc({ alg: 'none', typ: 'JWT' })}.${enc(basePayload())}.`;
    expect(await code(verifyToken(OLD, token, NOW))).toBe('TOKEN_INVALID');
    const withKid = `${enc({ alg: 'none', kid: 'old', typ: 'JWT' })}.${enc(basePayload())}.`;
    expect(await code(verifyToken(OLD, withKid, NOW))).toBe('TOKEN_INVALID');
  });

  it('given a token signed with another secret under the same kid, then TOKEN_INVALID', async () => {
    const token = await issueToken(OTHER, TD, NOW);
    expect(await code(verifyToken(OLD, token, NOW))).toBe('TOKEN_INVALID');
  });

  it('given an unknown kid or no kid, then TOKEN_INVALID', async () => {
    const token = await issueToken(NEW_ONLY, TD, NOW);
    expect(await code(verifyToken(OLD, token, NOW))).toBe('TOKEN_INVALID');
    const noKid = await new SignJWT(basePayload())
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(OLD.current.key);
    expect(await code(verifyToken(OLD, noKid, NOW))).toBe('TOKEN_INVALID');
  });

  it('given the payload re-encoded with role owner and the old signature kept, then TOKEN_INVALID', async () => {
    const token = await issueToken(OLD, { ...TD, role: 'dealer' }, NOW);
    const [h, , s] = token.split('.');
    const forged = `${h}.${enc({ ...json(token, 1), rol: 'owner' })}.${s}`;
    expect(await code(verifyToken(OLD, forged, NOW))).toBe('TOKEN_INVALID');
  });

  it.each(['HS512', 'RS256', 'HS384', 'none'])(
    'given the header alg changed to %s, then TOKEN_INVALID',
    async (alg) => {
      const token = await issueToken(OLD, TD, NOW);
      const [, p, s] = token.split('.');
      const forged = `${enc({ alg, kid: 'old', typ: 'JWT' })}.${p}.${s}`;
      expect(await code(verifyToken(OLD, forged, NOW))).toBe('TOKEN_INVALID');
    },
  );

  it('given a genuine HS512 token under a known kid, then TOKEN_INVALID (algorithm pinned)', async () => {
    const token = await new SignJWT(basePayload())
      .setProtectedHeader({ alg: 'HS512', kid: 'old', typ: 'JWT' })
      .sign(OLD.current.key);
    expect(await code(verifyToken(OLD, token, NOW))).toBe('TOKEN_INVALID');
  });

  it.each([
    ['iss', { iss: 'someone-else' }],
    ['aud', { aud: 'other-api' }],
    ['aud array without ours', { aud: ['x', 'y'] }],
  ])('given a well-signed token with wrong %s, then TOKEN_INVALID', async (_what, change) => {
    const token = await signRaw(OLD, { ...basePayload(), ...change });
    expect(await code(verifyToken(OLD, token, NOW))).toBe('TOKEN_INVALID');
  });

  it('given a well-signed token with another typ header, then TOKEN_INVALID', async () => {
    const token = await signRaw(OLD, basePayload(), { typ: 'at+jwt' });
    expect(await code(verifyToken(OLD, token, NOW))).toBe('TOKEN_INVALID');
  });

  it.each([
    '',
    'garbage',
    'a.b.c',
    'a.b',
    '...',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0',
    'x'.repeat(5000),
    `${enc({ alg: 'HS256', kid: 'old' })}.not-json.${enc('sig')}`,
  ])('given the garbage string %j, then TOKEN_INVALID', async (token) => {
    expect(await code(verifyToken(OLD, token, NOW))).toBe('TOKEN_INVALID');
  });

  it.each([
    ['role outside the enum', { rol: 'admin' }],
    ['role missing', { rol: undefined }],
    ['tv negative', { tv: -1 }],
    ['tv fractional', { tv: 1.5 }],
    ['tv a string', { tv: '3' }],
    ['ven a number', { ven: 7 }],
    ['ven null for staff', { ven: null }],
    ['ven empty', { ven: '' }],
    ['sub missing', { sub: undefined }],
    ['sub a number', { sub: 12 }],
    ['jti missing', { jti: undefined }],
    ['exp missing', { exp: undefined }],
    ['iat missing', { iat: undefined }],
    ['iat a string', { iat: 'yesterday' }],
  ])('given a well-signed token with %s, then TOKEN_INVALID', async (_what, change) => {
    const payload: Record<string, unknown> = { ...basePayload(), ...change };
    for (const k of Object.keys(payload)) if (payload[k] === undefined) delete payload[k];
    const token = await signRaw(OLD, payload);
    expect(await code(verifyToken(OLD, token, NOW))).toBe('TOKEN_INVALID');
  });

  it('given the control case of the table above, then the unchanged payload verifies', async () => {
    await expect(verifyToken(OLD, await signRaw(OLD, basePayload()), NOW)).resolves.toMatchObject({
      role: 'td',
      tokenVersion: 3,
    });
  });
});

describe('verifyToken: key rotation', () => {
  it('given a token signed by the old key, when the new key is put first, then it still verifies', async () => {
    const token = await issueToken(OLD, TD, NOW);
    await expect(verifyToken(ROTATED, token, NOW)).resolves.toMatchObject({ userId: 'u_td' });
  });

  it('given the rotated ring, when issuing, then new tokens are signed by the new key', async () => {
    const token = await issueToken(ROTATED, TD, NOW);
    expect(json(token, 0).kid).toBe('new');
    await expect(verifyToken(NEW_ONLY, token, NOW)).resolves.toMatchObject({ userId: 'u_td' });
    expect(await code(verifyToken(OLD, token, NOW))).toBe('TOKEN_INVALID');
  });

  it('given the old key removed from the ring, then its tokens no longer verify', async () => {
    const token = await issueToken(OLD, TD, NOW);
    expect(await code(verifyToken(NEW_ONLY, token, NOW))).toBe('TOKEN_INVALID');
  });
});

describe('bearerToken', () => {
  it.each([undefined, null, '', '   '])('given %j, then null (no credentials)', (header) => {
    expect(bearerToken(header)).toBeNull();
  });

  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc.def.ghi', 'abc.def.ghi'],
    ['BEARER  abc-_~+/.x==', 'abc-_~+/.x=='],
    ['  Bearer tok  ', 'tok'],
  ])('given %j, then the token', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it.each([
    'Basic dXNlcjpwYXNz',
    'Bearer',
    'Bearer ',
    'Bearer a b',
    'Bearertoken',
    'Bearer a=b',
    'Token abc',
  ])('given the malformed header %j, then UNAUTHENTICATED', (header) => {
    expect(() => bearerToken(header)).toThrow(AuthError);
    try {
      bearerToken(header);
    } catch (err) {
      expect((err as AuthError).code).toBe('UNAUTHENTICATED');
      expect((err as AuthError).status).toBe(401);
    }
  });
});
