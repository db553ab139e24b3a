/**
 * Who is calling. The edge verifies the token's signature and expiry (jose); the venue's
 * Durable Object then re-checks the token version and role on every call, so removing a
 * staff member or signing them out takes effect at once. Support tokens are checked against
 * the directory here, since they belong to no venue.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Caller } from '../../durable-objects/venue/model.ts';
import { directoryStub } from '../api/stubs.ts';
import { AuthError } from '../auth/errors.ts';
import { type KeyRing, parseKeyRing } from '../auth/keys.ts';
import { bearerToken, verifyToken } from '../auth/tokens.ts';
import type { Env } from '../env.ts';

export type AppEnv = { Bindings: Env; Variables: { caller: Caller } };

let cached: { text: string | undefined; ring: KeyRing } | null = null;

/** The key ring from the deployment secret, parsed once per isolate (and again if it changes). */
export function keyRing(env: Env): KeyRing {
  if (cached === null || cached.text !== env.FELT_JWT_KEYS) {
    cached = { text: env.FELT_JWT_KEYS, ring: parseKeyRing(env.FELT_JWT_KEYS) };
  }
  return cached.ring;
}

/** Verifies a token (from a header, or a WebSocket subprotocol) into a caller. */
export async function callerFromToken(env: Env, token: string): Promise<Caller> {
  const claims = await verifyToken(keyRing(env), token, Date.now());
  if (claims.role === 'support') {
    if (!(await directoryStub(env).supportIsCurrent(claims.userId, claims.tokenVersion))) {
      throw new AuthError('TOKEN_REVOKED', 'This support sign-in was revoked: sign in again');
    }
  }
  return {
    userId: claims.userId,
    role: claims.role,
    venueId: claims.venueId,
    tokenVersion: claims.tokenVersion,
  };
}

/** Requires `Authorization: Bearer <token>`; sets `caller`. */
export const authenticated: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = bearerToken(c.req.header('authorization'));
  if (!token) throw new AuthError('UNAUTHENTICATED', 'Sign in first: send Authorization: Bearer <token>');
  c.set('caller', await callerFromToken(c.env, token));
  await next();
};

export function callerOf(c: Context<AppEnv>): Caller {
  return c.get('caller');
}

/**
 * The client's address, for sign-in rate limits. Cloudflare sets cf-connecting-ip (clients
 * cannot forge it there); on the box every LAN client shares one budget per venue.
 */
export function clientKey(c: Context<AppEnv>): string {
  return c.env.FELT_RUNTIME === 'cloud' ? (c.req.header('cf-connecting-ip') ?? 'unknown') : 'lan';
}
