/**
 * Who is calling a /me route: a player signed in to their Felt account. The token must be a
 * player token (workers/auth/player-tokens.ts: a staff token is refused here, as a player
 * token is refused by every staff route), and the directory must still hold the account at
 * that token version (deleted accounts and "sign out everywhere" take effect at once).
 */
import type { Context } from 'hono';
import type { IdentityView } from '../../durable-objects/directory/identities.ts';
import { directoryStub } from '../api/stubs.ts';
import { AuthError } from '../auth/errors.ts';
import { verifyPlayerToken } from '../auth/player-tokens.ts';
import { bearerToken } from '../auth/tokens.ts';
import { unwrap } from './answers.ts';
import { type AppEnv, keyRing } from './auth.ts';
import { ApiError } from './errors.ts';

export interface PlayerCaller extends IdentityView {
  readonly tokenVersion: number;
  readonly venues: readonly string[];
}

/** Felt accounts are the cloud's: a box's directory holds none (docs/PLAYERS.md). */
export function cloudOnly(c: Context<AppEnv>): void {
  if (c.env.FELT_RUNTIME === 'box') {
    throw new ApiError(
      409,
      'FELT_ACCOUNTS_IN_CLOUD',
      'Felt accounts live in the cloud: open your Felt page on the internet, not on the venue’s box',
    );
  }
}

export async function playerOf(c: Context<AppEnv>): Promise<PlayerCaller> {
  cloudOnly(c);
  const token = bearerToken(c.req.header('authorization'));
  if (!token) throw new AuthError('UNAUTHENTICATED', 'Sign in to your Felt account first');
  const claims = await verifyPlayerToken(keyRing(c.env), token, Date.now());
  const account = unwrap(await directoryStub(c.env).identity(claims.identityId, claims.tokenVersion));
  return { ...account, tokenVersion: claims.tokenVersion };
}
