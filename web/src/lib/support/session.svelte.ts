/**
 * Felt support staff's sign-in, apart from any venue's: the token lives in localStorage under
 * its own key, and every venue read goes through the venue routes with it (the server checks
 * each read and writes it to that venue's audit log).
 */
import { call, isSignedOut, type StaffApi, staffApi } from '../api.ts';

const KEY = 'felt.support.token';

function stored(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

function store(token: string | null): void {
  try {
    if (token === null) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, token);
  } catch {
    // Private mode: the sign-in lasts as long as the tab.
  }
}

export class SupportSession {
  token = $state<string | null>(stored());
  /** Why the person was signed out, shown on the sign-in page. */
  notice = $state<string | null>(null);
  signedIn = $derived(this.token !== null);
  readonly #venues = new Map<string, StaffApi>();

  async signIn(email: string, password: string): Promise<void> {
    const answer = await call<{ token: string; userId: string }>('/support/auth/password', {
      method: 'POST',
      body: { email, password },
    });
    this.notice = null;
    this.token = answer.token;
    store(answer.token);
  }

  signOut(notice: string | null = null): void {
    this.token = null;
    this.notice = notice;
    store(null);
  }

  /** A request of support's own (not a venue's): signed out when the server says so. */
  async get<T>(path: string): Promise<T> {
    try {
      return await call<T>(path, { token: this.token });
    } catch (e) {
      this.failed(e);
      throw e;
    }
  }

  failed(e: unknown): void {
    if (isSignedOut(e)) this.signOut('Your support sign-in ended: sign in again.');
  }

  /** The venue's routes with the support token (the same client the venue's staff use). */
  venue(venueId: string): StaffApi {
    let api = this.#venues.get(venueId);
    if (!api) {
      api = staffApi(
        venueId,
        () => this.token,
        (e) => this.failed(e),
      );
      this.#venues.set(venueId, api);
    }
    return api;
  }
}

export const support = new SupportSession();
