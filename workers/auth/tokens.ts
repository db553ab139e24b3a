/**
 * Session tokens: HS256 JWTs (RFC 7519) lasting 7 days, signed with the key ring's current
 * key and verified with whichever key the header's `kid` names. Whether the token has been
 * revoked (its `tv` behind the user's current token version) is the VenueDO's check, not this
 * module's: only it knows the current version.
 */
import { z } from 'zod';
import { AuthError } from './errors.ts';
import { signToken, TOKEN_ISSUER, verifySignedToken } from './jwt.ts';
import type { KeyRing } from './keys.ts';

export { MAX_CLOCK_SKEW_MS, TOKEN_ISSUER, TOKEN_TTL_MS } from './jwt.ts';

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

export const TOKEN_AUDIENCE = 'felt-api';

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
  return signToken(
    ring,
    {
      audience: TOKEN_AUDIENCE,
      subject: claims.userId,
      claims: { ven: claims.venueId, rol: claims.role, tv: claims.tokenVersion },
    },
    now,
  );
}

/** Signature, algorithm, issuer, the staff audience, expiry and claim shapes (jwt.ts). */
export async function verifyToken(ring: KeyRing, token: string, now: number): Promise<TokenClaims> {
  const {
    claims: p,
    issuedAt,
    expiresAt,
  } = await verifySignedToken(ring, token, now, {
    audience: TOKEN_AUDIENCE,
    schema: payloadSchema,
    words: {
      invalid: 'Your session token is not valid; please sign in again',
      expired: 'Your session has expired; please sign in again',
    },
  });
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
