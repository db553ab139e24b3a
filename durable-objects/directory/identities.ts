/**
 * Felt accounts of players: an email and a password, kept in the directory because a player
 * belongs to no one venue. The account holds only what it must — the sign-in, and which
 * venues it has linked records at (an index; the links themselves and every record stay in
 * each venue's own object, player-links.ts). Password hashing, lock-out and rate limits are
 * the staff sign-in's own (workers/auth).
 */
import { AuthError } from '../../workers/auth/errors.ts';
import type { KeyRing } from '../../workers/auth/keys.ts';
import {
  type FailureState,
  isLocked,
  NO_FAILURES,
  recordFailure,
  recordSuccess,
} from '../../workers/auth/lockout.ts';
import { issuePlayerToken } from '../../workers/auth/player-tokens.ts';
import { RateLimiter, type RatePolicy, SIGN_IN_RATE } from '../../workers/auth/rate-limit.ts';
import { dummyVerify, hashSecret, passwordProblem, verifySecret } from '../../workers/auth/secret-hash.ts';
import type { StoragePort, WriteOp } from '../storage/port.ts';
import { VenueError } from '../venue/answer.ts';

const ACCOUNTS = 'dir:identities';
const EMAILS = 'dir:identity-emails';

/** Link codes typed per account and per address: 10 at once, then 10 an hour (a code has 40 bits). */
export const LINK_CODE_RATE: RatePolicy = { capacity: 10, refillPerMs: 10 / 3_600_000 };

interface Account {
  readonly id: string;
  readonly email: string;
  readonly passwordHash: string;
  readonly tokenVersion: number;
  readonly failures: FailureState;
  /** Venues where this account has (or had) a linked record; each venue knows which. */
  readonly venues: readonly string[];
  readonly createdAt: number;
}

export interface IdentityView {
  readonly id: string;
  readonly email: string;
  readonly createdAt: number;
}

export interface PlayerSignedIn {
  readonly token: string;
  readonly identity: IdentityView;
}

const view = (a: Account): IdentityView => ({ id: a.id, email: a.email, createdAt: a.createdAt });

export class Identities {
  readonly #port: StoragePort;
  readonly #keys: () => KeyRing;
  /** Memory only, per directory instance (the lock-out state is durable). */
  readonly #signInRate = new RateLimiter(SIGN_IN_RATE);
  readonly #codeRate = new RateLimiter(LINK_CODE_RATE);

  constructor(port: StoragePort, keys: () => KeyRing) {
    this.#port = port;
    this.#keys = keys;
  }

  async #byId(id: string): Promise<Account | null> {
    const v = await this.#port.getMeta(ACCOUNTS, id);
    return v ? (JSON.parse(v) as Account) : null;
  }

  async #byEmail(email: string): Promise<Account | null> {
    const id = await this.#port.getMeta(EMAILS, email.toLowerCase());
    return id ? this.#byId(id) : null;
  }

  #put(a: Account, now: number): WriteOp {
    return { op: 'meta', scope: ACCOUNTS, key: a.id, value: JSON.stringify(a), updatedAt: now };
  }

  async #current(id: string, tokenVersion: number): Promise<Account> {
    const a = await this.#byId(id);
    if (!a || a.tokenVersion !== tokenVersion) {
      throw new AuthError('TOKEN_REVOKED', 'This Felt account sign-in is no longer valid: sign in again');
    }
    return a;
  }

  #limit(limiter: RateLimiter, key: string, now: number, what: string): void {
    const r = limiter.take(key, now);
    if (!r.allowed) {
      throw new AuthError('RATE_LIMITED', `Too many ${what}: wait and try again`, {
        retryAfterMs: r.retryAfterMs,
      });
    }
  }

  async signUp(email: string, password: string, client: string, now: number): Promise<PlayerSignedIn> {
    this.#limit(this.#signInRate, `up:${client}`, now, 'sign-ups from here');
    const weak = passwordProblem(password);
    if (weak) throw new VenueError(422, 'WEAK_PASSWORD', weak);
    const wanted = email.toLowerCase();
    if (await this.#byEmail(wanted)) {
      throw new VenueError(
        409,
        'IDENTITY_EXISTS',
        'There is already a Felt account with this email: sign in',
      );
    }
    const account: Account = {
      id: `fid_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`,
      email: wanted,
      passwordHash: await hashSecret(password),
      tokenVersion: 0,
      failures: NO_FAILURES,
      venues: [],
      createdAt: now,
    };
    await this.#port.batch([
      this.#put(account, now),
      { op: 'meta', scope: EMAILS, key: wanted, value: account.id, updatedAt: now },
    ]);
    return { token: await this.#token(account, now), identity: view(account) };
  }

  #token(a: Account, now: number): Promise<string> {
    return issuePlayerToken(this.#keys(), { identityId: a.id, tokenVersion: a.tokenVersion }, now);
  }

  async signIn(email: string, password: string, client: string, now: number): Promise<PlayerSignedIn> {
    this.#limit(this.#signInRate, `in:${client}`, now, 'sign-in attempts');
    const a = await this.#byEmail(email);
    if (!a) {
      await dummyVerify();
      throw new AuthError('BAD_CREDENTIALS', 'Wrong email or password');
    }
    if (isLocked(a.failures, now)) {
      throw new AuthError('ACCOUNT_LOCKED', 'Too many wrong passwords: locked for a while', {
        lockedUntil: a.failures.lockedUntil,
      });
    }
    if (!(await verifySecret(password, a.passwordHash))) {
      const failures = recordFailure(a.failures, now);
      await this.#port.batch([this.#put({ ...a, failures }, now)]);
      throw new AuthError(
        isLocked(failures, now) ? 'ACCOUNT_LOCKED' : 'BAD_CREDENTIALS',
        'Wrong email or password',
        isLocked(failures, now) ? { lockedUntil: failures.lockedUntil } : undefined,
      );
    }
    const signedIn = { ...a, failures: recordSuccess(a.failures) };
    if (a.failures.failures > 0 || a.failures.lockedUntil !== null)
      await this.#port.batch([this.#put(signedIn, now)]);
    return { token: await this.#token(signedIn, now), identity: view(signedIn) };
  }

  /** The account behind a verified token, or TOKEN_REVOKED (deleted, or signed out everywhere). */
  async current(id: string, tokenVersion: number): Promise<IdentityView & { venues: readonly string[] }> {
    const a = await this.#current(id, tokenVersion);
    return { ...view(a), venues: a.venues };
  }

  /** One link-code attempt by this account from this address; RATE_LIMITED past the budget. */
  takeCodeAttempt(id: string, client: string, now: number): void {
    this.#limit(this.#codeRate, `id:${id}`, now, 'link codes tried');
    this.#limit(this.#codeRate, `ip:${client}`, now, 'link codes tried from here');
  }

  /**
   * Notes a venue in the account's index before the venue records the link: an index entry
   * whose venue then refuses costs one empty read, while a link the index missed would be
   * invisible to its player.
   */
  async indexVenue(id: string, tokenVersion: number, venueId: string, now: number): Promise<void> {
    const a = await this.#current(id, tokenVersion);
    if (a.venues.includes(venueId)) return;
    await this.#port.batch([this.#put({ ...a, venues: [...a.venues, venueId] }, now)]);
  }

  /** Signs the account out everywhere (its current tokens stop working). */
  async signOutEverywhere(id: string, tokenVersion: number, now: number): Promise<void> {
    const a = await this.#current(id, tokenVersion);
    await this.#port.batch([this.#put({ ...a, tokenVersion: a.tokenVersion + 1 }, now)]);
  }

  /** Checks the password again before something that cannot be undone. */
  async confirmPassword(id: string, tokenVersion: number, password: string, now: number): Promise<void> {
    const a = await this.#current(id, tokenVersion);
    if (isLocked(a.failures, now)) {
      throw new AuthError('ACCOUNT_LOCKED', 'Too many wrong passwords: locked for a while', {
        lockedUntil: a.failures.lockedUntil,
      });
    }
    if (!(await verifySecret(password, a.passwordHash))) {
      await this.#port.batch([this.#put({ ...a, failures: recordFailure(a.failures, now) }, now)]);
      throw new AuthError('BAD_CREDENTIALS', 'Wrong password');
    }
  }

  /** Deletes the account, its email and its venue index (the venues were anonymised first). */
  async remove(id: string, tokenVersion: number, now: number): Promise<void> {
    const a = await this.#current(id, tokenVersion);
    await this.#port.batch([
      { op: 'meta', scope: ACCOUNTS, key: a.id, value: null, updatedAt: now },
      { op: 'meta', scope: EMAILS, key: a.email, value: null, updatedAt: now },
    ]);
  }
}
