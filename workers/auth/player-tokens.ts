/**
 * A player's Felt account token: the same HS256 key ring and 7-day life as staff tokens
 * (tokens.ts), but another audience (`felt-player`) and a `knd: "player"` claim. Staff
 * verification pins `felt-api` and this pins `felt-player`, so neither kind of token can ever
 * be taken for the other: a player signed in is never staff anywhere, and a venue's staff
 * sign-in reads no player's account. Revocation (`tv` behind the account's current version,
 * or a deleted account) is the directory's check, as for support staff.
 */
import { z } from 'zod';
import { signToken, TOKEN_ISSUER, verifySignedToken } from './jwt.ts';
import type { KeyRing } from './keys.ts';

export const PLAYER_TOKEN_AUDIENCE = 'felt-player';

export interface PlayerClaims {
  readonly identityId: string;
  readonly tokenVersion: number;
  readonly issuedAt: number;
  readonly expiresAt: number;
}

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
  return signToken(
    ring,
    {
      audience: PLAYER_TOKEN_AUDIENCE,
      subject: claims.identityId,
      claims: { knd: 'player', tv: claims.tokenVersion },
    },
    now,
  );
}

/** Signature, algorithm, issuer, the player audience, expiry and claim shapes (as verifyToken). */
export async function verifyPlayerToken(ring: KeyRing, token: string, now: number): Promise<PlayerClaims> {
  const { claims, issuedAt, expiresAt } = await verifySignedToken(ring, token, now, {
    audience: PLAYER_TOKEN_AUDIENCE,
    schema: payloadSchema,
    words: {
      invalid: 'Your Felt account sign-in is not valid; please sign in again',
      expired: 'Your sign-in has expired; please sign in again',
    },
  });
  return { identityId: claims.sub, tokenVersion: claims.tv, issuedAt, expiresAt };
}
