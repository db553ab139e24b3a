import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { encodeBase64url } from './base64url.ts';
import { AuthError, type AuthErrorCode } from './errors.ts';
import { parseKeyRing } from './keys.ts';
import { issuePlayerToken, PLAYER_TOKEN_AUDIENCE, verifyPlayerToken } from './player-tokens.ts';
import { issueToken, TOKEN_TTL_MS, verifyToken } from './tokens.ts';

const key = (fill: number): string => encodeBase64url(new Uint8Array(32).fill(fill));
const RING = parseKeyRing(`k1:${key(1)}`);
const OTHER = parseKeyRing(`k1:${key(7)}`);
const NOW = Date.UTC(2026, 11, 7, 15, 0, 0, 0);

async function code(p: Promise<unknown>): Promise<AuthErrorCode> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AuthError) return err.code;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('player tokens', () => {
  it('given a player token, when verified, then it names the identity and its version for 7 days', async () => {
    const token = await issuePlayerToken(RING, { identityId: 'id_anna', tokenVersion: 2 }, NOW);
    expect(await verifyPlayerToken(RING, token, NOW + 1000)).toEqual({
      identityId: 'id_anna',
      tokenVersion: 2,
      issuedAt: NOW,
      expiresAt: NOW + TOKEN_TTL_MS,
    });
    expect(await code(verifyPlayerToken(RING, token, NOW + TOKEN_TTL_MS + 1000))).toBe('TOKEN_EXPIRED');
    expect(await code(verifyPlayerToken(OTHER, token, NOW))).toBe('TOKEN_INVALID');
  });

  it('given a player token, when staff verification reads it, then it is refused (another audience)', async () => {
    const token = await issuePlayerToken(RING, { identityId: 'id_anna', tokenVersion: 0 }, NOW);
    expect(await code(verifyToken(RING, token, NOW))).toBe('TOKEN_INVALID');
  });

  it('given a staff token (owner or support), when player verification reads it, then it is refused', async () => {
    const owner = await issueToken(
      RING,
      { venueId: 'v1', userId: 'u1', role: 'owner', tokenVersion: 0 },
      NOW,
    );
    const support = await issueToken(
      RING,
      { venueId: null, userId: 'sup', role: 'support', tokenVersion: 0 },
      NOW,
    );
    expect(await code(verifyPlayerToken(RING, owner, NOW))).toBe('TOKEN_INVALID');
    expect(await code(verifyPlayerToken(RING, support, NOW))).toBe('TOKEN_INVALID');
  });

  it('given a token with the player audience but no player kind, then it is refused', async () => {
    const iat = Math.floor(NOW / 1000);
    const forged = await new SignJWT({ tv: 0, rol: 'owner', ven: 'v1' })
      .setProtectedHeader({ alg: 'HS256', kid: RING.current.kid, typ: 'JWT' })
      .setIssuer('felt')
      .setAudience(PLAYER_TOKEN_AUDIENCE)
      .setSubject('id_x')
      .setIssuedAt(iat)
      .setExpirationTime(iat + 3600)
      .setJti('abc')
      .sign(RING.current.key);
    expect(await code(verifyPlayerToken(RING, forged, NOW))).toBe('TOKEN_INVALID');
  });
});
