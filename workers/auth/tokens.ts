/**
 * Session tokens: HS256 JWTs (RFC 7519) lasting 7 days, signed with the key ring's current
 * key and verified with whichever key the header's `kid` names. Whether the token has been
 * revoked (its `tv` behind the user's current token version) is the VenueDO's check, not this
 * module's: only it knows the current version.
 */
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { encodeBase64url, randomBytes } from './base64url.ts';
import { AuthError } from './errors.ts';
import type { KeyRing } from './keys.ts';

export type StaffRole = 'owner' | 'td' | 'floor' | 'dealer' | 'viewer';
export type TokenRole = StaffRole | 'support';

export const STAFF_ROLES: readonly StaffRole[] = ['owner', 'td', 'floor', 'dealer', 'viewer'];
export const TOKEN_ROLES: readonly TokenRole[] = [...STAFF_ROLES, 'support'];

export interface TokenClaims {
  /** null only for support staff, who act across venues. */
  readonly venueId: string | null;
  readonly userId: string;
  readonly role: TokenRole;
  readonly tokenVersion: number;
  /** ms since the epoch (the JWT itself carries seconds). */
  readonly issuedAt: number;
  readonly expiresAt: number;
}

export const TOKEN_TTL_MS = 7 * 24 * 3600 * 1000;
export const TOKEN_ISSUER = 'felt';
export const TOKEN_AUDIENCE = 'felt-api';

/**
 * How far in the future `iat` may be before a token is refused: tokens are only made by this
 * code, so a future `iat` means clocks disagree (cloud vs. a venue box) — tolerated up to a
 * few minutes, beyond that refused as TOKEN_INVALID rather than trusted for longer than 7 days.
 */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Far above any token this module issues (~400 bytes); refuses junk before any parsing. */
const MAX_TOKEN_LENGTH = 4096;

const idString = z.string().min(1).max(128);

const issueInput = z
  .object({
    venueId: idString.nullable(),
    userId: idString,
    role: z.enum(TOKEN_ROLES as [TokenRole, ...TokenRole[]]),
    tokenVersion: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  })
  .refine((c) => c.venueId !== null || c.role === 'support', 'only support tokens may have no venue');

const payloadSchema = z
  .object({
    iss: z.literal(TOKEN_ISSUER),
    aud: z.literal(TOKEN_AUDIENCE),
    sub: idString,
    ven: idString.nullable(),
    rol: z.enum(TOKEN_ROLES as [TokenRole, ...TokenRole[]]),
    tv: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    iat: z.number().int().nonnegative(),
    exp: z.number().int().nonnegative(),
    jti: z.string().min(1).max(64),
  })
  .refine((p) => p.ven !== null || p.rol === 'support', 'only support tokens may have no venue');

export async function issueToken(
  ring: KeyRing,
  claims: { venueId: string | null; userId: string; role: TokenRole; tokenVersion: number },
  now: number,
): Promise<string> {
  const parsed = issueInput.safeParse(claims);
  if (!parsed.success) throw new TypeError(`Cannot issue token: ${parsed.error.issues[0]?.message}`);
  if (!Number.isFinite(now)) throw new TypeError('Cannot issue token: now must be a finite time in ms');
  const iat = Math.floor(now / 1000);
  const exp = iat + TOKEN_TTL_MS / 1000;
  return new SignJWT({ ven: claims.venueId, rol: claims.role, tv: claims.tokenVersion })
    .setProtectedHeader({ alg: 'HS256', kid: ring.current.kid, typ: 'JWT' })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setSubject(claims.userId)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setJti(encodeBase64url(randomBytes(16)))
    .sign(ring.current.key);
}

function invalid(reason: string, cause?: unknown): AuthError {
  return new AuthError(
    'TOKEN_INVALID',
    'Your session token is not valid; please sign in again',
    { reason },
    cause,
  );
}

/**
 * Verifies signature, algorithm, issuer, audience, expiry and claim shapes. Every refusal is
 * TOKEN_INVALID except a genuine, well-signed token past its `exp`, which is TOKEN_EXPIRED
 * (jose checks the signature before any claim, so a forged token never reads as "expired").
 */
export async function verifyToken(ring: KeyRing, token: string, now: number): Promise<TokenClaims> {
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
        audience: TOKEN_AUDIENCE,
        typ: 'JWT',
        requiredClaims: ['sub', 'iat', 'exp', 'jti'],
        currentDate: new Date(now),
      },
    );
    payload = result.payload;
  } catch (err) {
    if (err instanceof AuthError) throw err;
    if (err instanceof errors.JWTExpired) {
      throw new AuthError(
        'TOKEN_EXPIRED',
        'Your session has expired; please sign in again',
        { reason: 'expired' },
        err,
      );
    }
    throw invalid(err instanceof errors.JOSEError ? err.code : 'malformed', err);
  }

  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) throw invalid('claims', parsed.error);
  const p = parsed.data;
  const issuedAt = p.iat * 1000;
  const expiresAt = p.exp * 1000;
  if (issuedAt > now + MAX_CLOCK_SKEW_MS) throw invalid('issued in the future');
  // A longer-lived token was not made here; refusing it also keeps the rotation rule true
  // (a retired key is safe to drop TOKEN_TTL_MS after it stopped signing).
  if (expiresAt - issuedAt > TOKEN_TTL_MS) throw invalid('lifetime too long');
  return {
    venueId: p.ven,
    userId: p.sub,
    role: p.rol,
    tokenVersion: p.tv,
    issuedAt,
    expiresAt,
  };
}

/**
 * The token from an `Authorization: Bearer <token>` header (RFC 6750 §2.1; the scheme name is
 * case-insensitive per RFC 9110 §11.1). null when there is no header; UNAUTHENTICATED when
 * there is one but it is not a bearer token.
 */
export function bearerToken(header: string | undefined | null): string | null {
  if (header === undefined || header === null || header.trim() === '') return null;
  const match = /^[Bb][Ee][Aa][Rr][Ee][Rr] +([A-Za-z0-9\-._~+/]+=*) *$/.exec(header.trim());
  if (match?.[1] === undefined) {
    throw new AuthError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>"');
  }
  return match[1];
}
