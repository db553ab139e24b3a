/**
 * A player's Felt account in this browser: the player token in localStorage (apart from any
 * venue's staff token: the two never mix), and the calls of /api/v1/me. A token the server
 * refuses signs the account out here.
 */

import type { components } from '../api/openapi.ts';
import { call, isSignedOut } from '../api.ts';

type Schemas = components['schemas'];
export type FeltIdentity = Schemas['FeltIdentity'];
export type FeltLink = Schemas['FeltLink'];
export type FeltHistoryRow = Schemas['FeltHistoryRow'];
type SignedIn = Schemas['FeltSignedIn'];

const KEY = 'felt.player-token';

function readToken(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

function writeToken(token: string | null): void {
  try {
    if (token === null) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, token);
  } catch {
    // Private mode: the sign-in lasts as long as the tab.
  }
}

export class PlayerAccount {
  token = $state<string | null>(readToken());
  identity = $state<FeltIdentity | null>(null);
  signedIn = $derived(this.token !== null);

  async #call<T>(path: string, method: 'GET' | 'POST' | 'DELETE' = 'GET', body?: unknown): Promise<T> {
    try {
      return await call<T>(path, { method, token: this.token, ...(body !== undefined && { body }) });
    } catch (e) {
      if (isSignedOut(e)) this.forget();
      throw e;
    }
  }

  #accept(s: SignedIn): void {
    this.token = s.token;
    this.identity = s.identity;
    writeToken(s.token);
  }

  async signUp(email: string, password: string): Promise<void> {
    this.#accept(await call<SignedIn>('/me/auth/signup', { method: 'POST', body: { email, password } }));
  }

  async signIn(email: string, password: string): Promise<void> {
    this.#accept(await call<SignedIn>('/me/auth/password', { method: 'POST', body: { email, password } }));
  }

  /** Drops the token here (the server's sign-out is `signOutEverywhere`). */
  forget(): void {
    this.token = null;
    this.identity = null;
    writeToken(null);
  }

  async me(): Promise<FeltIdentity> {
    const r = await this.#call<{ identity: FeltIdentity }>('/me');
    this.identity = r.identity;
    return r.identity;
  }

  async signOutEverywhere(): Promise<void> {
    await this.#call('/me/sign-out', 'POST');
    this.forget();
  }

  link(code: string): Promise<FeltLink> {
    return this.#call<{ link: FeltLink }>('/me/links', 'POST', { code }).then((r) => r.link);
  }

  links(): Promise<FeltLink[]> {
    return this.#call<{ links: FeltLink[] }>('/me/links').then((r) => r.links);
  }

  unlink(venueId: string, playerId: string): Promise<unknown> {
    return this.#call(`/me/links/${encodeURIComponent(venueId)}/${encodeURIComponent(playerId)}`, 'DELETE');
  }

  history(): Promise<FeltHistoryRow[]> {
    return this.#call<{ rows: FeltHistoryRow[] }>('/me/history').then((r) => r.rows);
  }

  async deleteAccount(password: string): Promise<void> {
    await this.#call('/me/delete', 'POST', { password });
    this.forget();
  }
}

let account: PlayerAccount | null = null;

/** The one account of this tab. */
export function playerAccount(): PlayerAccount {
  account ??= new PlayerAccount();
  return account;
}
