/**
 * The HS256 JWTs (RFC 7519) both kinds of Felt token are: 7 days, signed with the key ring's
 * current key and verified with whichever key the header's `kid` names. Staff tokens
 * (tokens.ts) and players' account tokens (player-tokens.ts) differ only in their audience,
 * their claims and the words of a refusal; what makes a token valid is here, once.
 */
import { errors, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import type { z } from 'zod';
import { encodeBase64url, randomBytes } from './base64url.ts';
import { AuthError } from './errors.ts';
import type { KeyRing } from './keys.ts';

export const TOKEN_TTL_MS = 7 * 24 * 3600 * 1000;
export const TOKEN_ISSUER = 'felt';

/**
 * How far in the future `iat` may be before a token is refused: tokens are only made by this
 * code, so a future `iat` means clocks disagree (cloud vs. a venue box) — tolerated up to a
 * few minutes, beyond that refused as TOKEN_INVALID rather than trusted for longer than 7 days.
 */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Far above any token issued here (~400 bytes); refuses junk before any parsing. */
const MAX_TOKEN_LENGTH = 4096;

/** What a refusal says to the person holding the token. */
export interface TokenWords {
  readonly invalid: string;
  readonly expired: string;
}

export function signToken(
  ring: KeyRing,
  token: { audience: string; subject: string; claims: JWTPayload },
  now: number,
): Promise<string> {
  const iat = Math.floor(now / 1000);
  return new SignJWT(token.claims)
    .setProtectedHeader({ alg: 'HS256', kid: ring.current.kid, typ: 'JWT' })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(token.audience)
    .setSubject(token.subject)
    .setIssuedAt(iat)
    .setExpirationTime(iat + TOKEN_TTL_MS / 1000)
    .setJti(encodeBase64url(randomBytes(16)))
    .sign(ring.current.key);
}

/**
 * Verifies signature, algorithm, issuer, audience, expiry and the claims' shape (`schema`).
 * Every refusal is TOKEN_INVALID except a genuine, well-signed token past its `exp`, which is
 * TOKEN_EXPIRED (jose checks the signature before any claim, so a forged token never reads as
 * "expired").
 */
export async function verifySignedToken<T extends { iat: number; exp: number }>(
  ring: KeyRing,
  token: string,
  now: number,
  expect: { audience: string; schema: z.ZodType<T>; words: TokenWords },
): Promise<{ claims: T; issuedAt: number; expiresAt: number }> {
  const invalid = (reason: string, cause?: unknown) =>
    new AuthError('TOKEN_INVALID', expect.words.invalid, { reason }, cause);
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
        // Pinning the algorithm shuts out `alg: none` and RS256/HS256 confusion.
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: expect.audience,
        typ: 'JWT',
        requiredClaims: ['sub', 'iat', 'exp', 'jti'],
        currentDate: new Date(now),
      },
    );
    payload = result.payload;
  } catch (err) {
    if (err instanceof AuthError) throw err;
    if (err instanceof errors.JWTExpired) {
      throw new AuthError('TOKEN_EXPIRED', expect.words.expired, { reason: 'expired' }, err);
    }
    throw invalid(err instanceof errors.JOSEError ? err.code : 'malformed', err);
  }
  const parsed = expect.schema.safeParse(payload);
  if (!parsed.success) throw invalid('claims', parsed.error);
  const issuedAt = parsed.data.iat * 1000;
  const expiresAt = parsed.data.exp * 1000;
  if (issuedAt > now + MAX_CLOCK_SKEW_MS) throw invalid('issued in the future');
  // A longer-lived token was not made here; refusing it also keeps the rotation rule true
  // (a retired key is safe to drop TOKEN_TTL_MS after it stopped signing).
  if (expiresAt - issuedAt > TOKEN_TTL_MS) throw invalid('lifetime too long');
  return { claims: parsed.data, issuedAt, expiresAt };
}
