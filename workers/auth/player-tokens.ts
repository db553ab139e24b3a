/**
 * A player's Felt account token: the same HS256 key ring and 7-day life as staff tokens
 * (tokens.ts), but another audience (`felt-player`) and a `knd: "player"` claim. Staff
 * verification pins `felt-api` and this pins `felt-player`, so neither kind of token can ever
 * be taken for the other: a player signed in is never staff anywhere, and a venue's staff
 * sign-in reads no player's account. Revocation (`tv` behind the account's current version,
 * or a deleted account) is the directory's check, as for support staff.
 */
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { encodeBase64url, randomBytes } from './base64url.ts';
import { AuthError } from './errors.ts';
import type { KeyRing } from './keys.ts';
import { MAX_CLOCK_SKEW_MS, TOKEN_ISSUER, TOKEN_TTL_MS } from './tokens.ts';

export const PLAYER_TOKEN_AUDIENCE = 'felt-player';

export interface PlayerClaims {
  readonly identityId: string;
  readonly tokenVersion: number;
  readonly issuedAt: number;
  readonly expiresAt: number;
}

const MAX_TOKEN_LENGTH = 4096;
const idString = z.string().min(1).max(128);
const version = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

const payloadSchema = z.object({
  iss: z.literal(TOKEN_ISSUER),
  aud: z.literal(PLAYER_TOKEN_AUDIENCE),
  knd: z.literal('player'),
  sub: idString,
  tv: version,
  iat: z.number().int().nonnegative(),
  exp: z.number().int().nonnegative(),
  jti: z.string().min(1).max(64),
});

export async function issuePlayerToken(
  ring: KeyRing,
  claims: { identityId: string; tokenVersion: number },
  now: number,
): Promise<string> {
  if (!idString.safeParse(claims.identityId).success || !version.safeParse(claims.tokenVersion).success) {
    throw new TypeError('Cannot issue player token: bad identity id or token version');
  }
  if (!Number.isFinite(now)) throw new TypeError('Cannot issue player token: now must be a finite time');
  const iat = Math.floor(now / 1000);
  return new SignJWT({ knd: 'player', tv: claims.tokenVersion })
    .setProtectedHeader({ alg: 'HS256', kid: ring.current.kid, typ: 'JWT' })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(PLAYER_TOKEN_AUDIENCE)
    .setSubject(claims.identityId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + TOKEN_TTL_MS / 1000)
    .setJti(encodeBase64url(randomBytes(16)))
    .sign(ring.current.key);
}

function invalid(reason: string, cause?: unknown): AuthError {
  return new AuthError(
    'TOKEN_INVALID',
    'Your Felt account sign-in is not valid; please sign in again',
    { reason },
    cause,
  );
}

/** Signature, algorithm, issuer, the player audience, expiry and claim shapes (as verifyToken). */
export async function verifyPlayerToken(ring: KeyRing, token: string, now: number): Promise<PlayerClaims> {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
    throw invalid('malformed');
  }
  let payload: unknown;
  try {
    const result = await jwtVerify(
      token,
      (header) => {
        const key = typeof header.kid === 'string' ? ring.byKid.get(header.kid) : undefined;
        if (key === undefined) throw invalid('unknown key id');
        return key;
      },
      {
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: PLAYER_TOKEN_AUDIENCE,
        typ: 'JWT',
        requiredClaims: ['sub', 'iat', 'exp', 'jti'],
        currentDate: new Date(now),
      },
    );
    payload = result.payload;
  } catch (err) {
    if (err instanceof AuthError) throw err;
    if (err instanceof errors.JWTExpired) {
      throw new AuthError('TOKEN_EXPIRED', 'Your sign-in has expired; please sign in again', {
        reason: 'expired',
      });
    }
    throw invalid(err instanceof errors.JOSEError ? err.code : 'malformed', err);
  }
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) throw invalid('claims', parsed.error);
  const p = parsed.data;
  const issuedAt = p.iat * 1000;
  const expiresAt = p.exp * 1000;
  if (issuedAt > now + MAX_CLOCK_SKEW_MS) throw invalid('issued in the future');
  if (expiresAt - issuedAt > TOKEN_TTL_MS) throw invalid('lifetime too long');
  return { identityId: p.sub, tokenVersion: p.tv, issuedAt, expiresAt };
}
