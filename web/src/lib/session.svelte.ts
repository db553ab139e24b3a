/**
 * Who is signed in, per venue: the token lives in localStorage under the venue's id (a person
 * may staff two clubs from one browser), the signed-in person in memory. Pages get the one
 * session of a venue from `sessionFor`, and derive what to show from it.
 */
import {
  type ApiRequestError,
  isSignedOut,
  publicApi,
  type SignedIn,
  type Staff,
  type StaffApi,
  staffApi,
  type Venue,
} from './api.ts';
import { roleCan, type UiPermission } from './permissions.ts';

const KEY = (venueId: string) => `felt.token.${venueId}`;

function readToken(venueId: string): string | null {
  try {
    return localStorage.getItem(KEY(venueId));
  } catch {
    return null;
  }
}

function writeToken(venueId: string, token: string | null): void {
  try {
    if (token === null) localStorage.removeItem(KEY(venueId));
    else localStorage.setItem(KEY(venueId), token);
  } catch {
    // Private mode or storage full: the session lasts as long as the tab.
  }
}

export class StaffSession {
  readonly venueId: string;
  token = $state<string | null>(null);
  user = $state<Staff | null>(null);
  role = $state<string | null>(null);
  venue = $state<Venue | null>(null);
  /** Why the person was signed out, shown on the sign-in page. */
  notice = $state<string | null>(null);
  signedIn = $derived(this.token !== null);
  readonly api: StaffApi;

  constructor(venueId: string) {
    this.venueId = venueId;
    this.token = readToken(venueId);
    this.api = staffApi(
      venueId,
      () => this.token,
      (e) => this.#failed(e),
    );
  }

  can(permission: UiPermission): boolean {
    return roleCan(this.role, permission);
  }

  async signIn(email: string, password: string): Promise<void> {
    this.#accept(await publicApi.signInPassword(this.venueId, email, password));
  }

  async signInPin(userId: string, pin: string): Promise<void> {
    this.#accept(await publicApi.signInPin(this.venueId, userId, pin));
  }

  /** After sign-up: the owner arrives signed in. */
  accept(signedIn: SignedIn): void {
    this.#accept(signedIn);
  }

  signOut(notice: string | null = null): void {
    this.token = null;
    this.user = null;
    this.role = null;
    this.notice = notice;
    writeToken(this.venueId, null);
  }

  /** Who the token belongs to (and their role here); loads once, `force` re-asks. */
  async me(force = false): Promise<Staff | null> {
    if (!this.token) return null;
    if (this.role !== null && !force) return this.user;
    const me = await this.api.me();
    this.user = me.user;
    this.role = me.role;
    this.venue = me.venue;
    return me.user;
  }

  #accept(s: SignedIn): void {
    this.token = s.token;
    this.user = s.user;
    this.role = s.user.role;
    this.venue = s.venue;
    this.notice = null;
    writeToken(this.venueId, s.token);
  }

  /** A token the server refused signs the person out, with why. */
  #failed(e: unknown): void {
    if (!isSignedOut(e)) return;
    this.signOut(
      (e as ApiRequestError).code === 'TOKEN_EXPIRED'
        ? 'Your session ran out: sign in again'
        : 'You were signed out: sign in again',
    );
  }
}

const sessions = new Map<string, StaffSession>();

/** The one session of a venue in this tab. */
export function sessionFor(venueId: string): StaffSession {
  let s = sessions.get(venueId);
  if (!s) {
    s = new StaffSession(venueId);
    sessions.set(venueId, s);
  }
  return s;
}
