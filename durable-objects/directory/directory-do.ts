/**
 * The one Durable Object that is not per venue: which venue a public code belongs to, and
 * Felt's own support staff (a separate role across venues, DESIGN.md). Kept apart from the
 * VenueDO so no venue's object ever holds another venue's data.
 */
import { DurableObject } from 'cloudflare:workers';
import { AuthError } from '../../workers/auth/errors.ts';
import { parseKeyRing } from '../../workers/auth/keys.ts';
import {
  type FailureState,
  isLocked,
  NO_FAILURES,
  recordFailure,
  recordSuccess,
} from '../../workers/auth/lockout.ts';
import { RateLimiter, SIGN_IN_RATE } from '../../workers/auth/rate-limit.ts';
import { dummyVerify, hashSecret, passwordProblem, verifySecret } from '../../workers/auth/secret-hash.ts';
import { issueToken } from '../../workers/auth/tokens.ts';
import type { Env } from '../../workers/env.ts';
import { storageFor } from '../storage/for-env.ts';
import type { StoragePort } from '../storage/port.ts';
import { answer, VenueError } from '../venue/answer.ts';
import type { VenueAnswer } from '../venue/model.ts';
import { DisplayPairing, type ScreenStatus } from './display-pairing.ts';
import { Identities, type IdentityView, type PlayerSignedIn } from './identities.ts';
import { type FoundVenue, type IndexedBox, type IndexedVenue, VenueIndex } from './venue-index.ts';

const CODES = 'dir:codes';
const SUPPORT = 'dir:support';
const AUDIT = 'dir:audit';

interface SupportAccount {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly passwordHash: string;
  readonly tokenVersion: number;
  readonly failures: FailureState;
  readonly active: boolean;
  readonly createdAt: number;
}

export class DirectoryDO extends DurableObject<Env> {
  readonly #port: StoragePort;
  readonly #rate = new RateLimiter(SIGN_IN_RATE);
  readonly #screens: DisplayPairing;
  readonly #index: VenueIndex;
  readonly #identities: Identities;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#port = storageFor(env, ctx.storage);
    this.#screens = new DisplayPairing(this.#port);
    this.#index = new VenueIndex(this.#port);
    this.#identities = new Identities(this.#port, () => parseKeyRing(this.env.FELT_JWT_KEYS));
    ctx.blockConcurrencyWhile(async () => {
      await this.#port.migrate();
    });
  }

  /** Reserves a public code for a venue; false when another venue has it. */
  async claimCode(code: string, venueId: string): Promise<boolean> {
    const owner = await this.#port.getMeta(CODES, code);
    if (owner !== null) return owner === venueId;
    await this.#port.batch([{ op: 'meta', scope: CODES, key: code, value: venueId, updatedAt: Date.now() }]);
    return true;
  }

  async resolveCode(code: string): Promise<string | null> {
    return this.#port.getMeta(CODES, code);
  }

  /** Names a venue (and its code) in the index support staff search (venue-index.ts). */
  async indexVenue(venue: IndexedVenue): Promise<void> {
    await this.#index.putVenue(venue, Date.now());
  }

  async renameVenue(venueId: string, name: string): Promise<void> {
    await this.#index.renameVenue(venueId, name, Date.now());
  }

  async indexBox(box: IndexedBox): Promise<void> {
    await this.#index.putBox(box, Date.now());
  }

  /** Venues by id, public code, box id or name (support staff only: the route checks). */
  async findVenues(query: string): Promise<FoundVenue[]> {
    return this.#index.find(query);
  }

  /** A screen that opened /display: its pairing code (display-pairing.ts). */
  newDisplay(displayId: string, keyHash: string): Promise<VenueAnswer<{ code: string; expiresAt: number }>> {
    return answer(() => this.#screens.create(displayId, keyHash, Date.now()));
  }

  displayStatus(displayId: string, keyHash: string): Promise<VenueAnswer<ScreenStatus>> {
    return answer(() => this.#screens.status(displayId, keyHash, Date.now()));
  }

  claimDisplay(code: string, venueId: string): Promise<VenueAnswer<{ displayId: string; keyHash: string }>> {
    return answer(() => this.#screens.claim(code, venueId, Date.now()));
  }

  async removeDisplay(displayId: string, venueId: string): Promise<void> {
    await this.#screens.remove(displayId, venueId, Date.now());
  }

  // ---- players' Felt accounts (identities.ts) ---------------------------------------------

  signUpIdentity(email: string, password: string, client: string): Promise<VenueAnswer<PlayerSignedIn>> {
    return answer(() => this.#identities.signUp(email, password, client, Date.now()));
  }

  signInIdentity(email: string, password: string, client: string): Promise<VenueAnswer<PlayerSignedIn>> {
    return answer(() => this.#identities.signIn(email, password, client, Date.now()));
  }

  identity(
    id: string,
    tokenVersion: number,
  ): Promise<VenueAnswer<IdentityView & { venues: readonly string[] }>> {
    return answer(() => this.#identities.current(id, tokenVersion));
  }

  identityCodeAttempt(id: string, client: string): Promise<VenueAnswer<true>> {
    return answer(() => {
      this.#identities.takeCodeAttempt(id, client, Date.now());
      return true as const;
    });
  }

  indexIdentityVenue(id: string, tokenVersion: number, venueId: string): Promise<VenueAnswer<true>> {
    return answer(async () => {
      await this.#identities.indexVenue(id, tokenVersion, venueId, Date.now());
      return true as const;
    });
  }

  signOutIdentity(id: string, tokenVersion: number): Promise<VenueAnswer<true>> {
    return answer(async () => {
      await this.#identities.signOutEverywhere(id, tokenVersion, Date.now());
      return true as const;
    });
  }

  confirmIdentityPassword(id: string, tokenVersion: number, password: string): Promise<VenueAnswer<true>> {
    return answer(async () => {
      await this.#identities.confirmPassword(id, tokenVersion, password, Date.now());
      return true as const;
    });
  }

  removeIdentity(id: string, tokenVersion: number): Promise<VenueAnswer<true>> {
    return answer(async () => {
      await this.#identities.remove(id, tokenVersion, Date.now());
      return true as const;
    });
  }

  async #account(email: string): Promise<SupportAccount | null> {
    const v = await this.#port.getMeta(SUPPORT, email.toLowerCase());
    return v ? (JSON.parse(v) as SupportAccount) : null;
  }

  async #save(
    a: SupportAccount,
    audit: { action: string; details?: Record<string, unknown> } | null,
  ): Promise<void> {
    const now = Date.now();
    await this.#port.batch([
      { op: 'meta', scope: SUPPORT, key: a.email, value: JSON.stringify(a), updatedAt: now },
      ...(audit
        ? [
            {
              op: 'meta' as const,
              scope: AUDIT,
              key: `${String(now).padStart(15, '0')}-${crypto.randomUUID().slice(0, 8)}`,
              value: JSON.stringify({ at: now, actorId: a.id, ...audit }),
              updatedAt: now,
            },
          ]
        : []),
    ]);
  }

  /** Creates (or resets) a support account; the edge allows it only with the operator key. */
  createSupport(input: {
    name: string;
    email: string;
    password: string;
  }): Promise<VenueAnswer<{ id: string; email: string }>> {
    return answer(async () => {
      const weak = passwordProblem(input.password);
      if (weak) throw new VenueError(422, 'WEAK_PASSWORD', weak);
      const existing = await this.#account(input.email);
      const account: SupportAccount = {
        id: existing?.id ?? `sup_${crypto.randomUUID().slice(0, 12)}`,
        name: input.name,
        email: input.email.toLowerCase(),
        passwordHash: await hashSecret(input.password),
        tokenVersion: (existing?.tokenVersion ?? -1) + 1,
        failures: NO_FAILURES,
        active: true,
        createdAt: existing?.createdAt ?? Date.now(),
      };
      await this.#save(account, { action: existing ? 'support.reset' : 'support.created' });
      return { id: account.id, email: account.email };
    });
  }

  signInSupport(
    email: string,
    password: string,
    client: string,
  ): Promise<VenueAnswer<{ token: string; userId: string }>> {
    return answer(async () => {
      const now = Date.now();
      const r = this.#rate.take(client, now);
      if (!r.allowed)
        throw new AuthError('RATE_LIMITED', 'Too many sign-in attempts: wait a minute', {
          retryAfterMs: r.retryAfterMs,
        });
      const a = await this.#account(email);
      if (!a?.active) {
        await dummyVerify();
        throw new AuthError('BAD_CREDENTIALS', 'Wrong email or password');
      }
      if (isLocked(a.failures, now))
        throw new AuthError('ACCOUNT_LOCKED', 'Too many wrong passwords: locked', {
          lockedUntil: a.failures.lockedUntil,
        });
      if (!(await verifySecret(password, a.passwordHash))) {
        const failures = recordFailure(a.failures, now);
        await this.#save({ ...a, failures }, isLocked(failures, now) ? { action: 'support.locked' } : null);
        throw new AuthError(
          isLocked(failures, now) ? 'ACCOUNT_LOCKED' : 'BAD_CREDENTIALS',
          'Wrong email or password',
        );
      }
      await this.#save({ ...a, failures: recordSuccess(a.failures) }, { action: 'support.signed-in' });
      const token = await issueToken(
        parseKeyRing(this.env.FELT_JWT_KEYS),
        { venueId: null, userId: a.id, role: 'support', tokenVersion: a.tokenVersion },
        now,
      );
      return { token, userId: a.id };
    });
  }

  /** True while the support account exists, is active and the token is current. */
  async supportIsCurrent(userId: string, tokenVersion: number): Promise<boolean> {
    const rows = await this.#port.listMeta(SUPPORT);
    const a = rows.map((r) => JSON.parse(r.value) as SupportAccount).find((x) => x.id === userId);
    return !!a && a.active && a.tokenVersion === tokenVersion;
  }

  /** Ends a support account's sessions (and the account, with deactivate). */
  revokeSupport(email: string, deactivate: boolean): Promise<VenueAnswer<true>> {
    return answer(async () => {
      const a = await this.#account(email);
      if (!a) throw new VenueError(404, 'SUPPORT_NOT_FOUND', `No support account ${email}`);
      await this.#save(
        { ...a, tokenVersion: a.tokenVersion + 1, active: a.active && !deactivate },
        { action: 'support.revoked' },
      );
      return true as const;
    });
  }
}
