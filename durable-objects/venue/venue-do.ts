/**
 * One Durable Object per venue (club): settings, staff and their sign-in, the player
 * database, templates, the list of tournaments and the audit log. A thin adapter: records
 * live in VenueStore, rules in staff-rules / the players engine / workers/auth, and every
 * method answers `VenueAnswer` so errors keep their status across RPC.
 *
 * Every authenticated method re-checks the caller here, not only at the edge: the token
 * version and role are the venue's to know, so revoking a session takes effect at once.
 */
import { DurableObject } from 'cloudflare:workers';
import type { TournamentResult } from '../../engine/league/types.ts';
import {
  createPlayer,
  editPlayer,
  mergePlayers as mergeRecords,
  resolvePlayer,
} from '../../engine/players/players.ts';
import { searchPlayers } from '../../engine/players/search.ts';
import type { NameDisplay, Player, PlayerPatch } from '../../engine/players/types.ts';
import { AuthError } from '../../workers/auth/errors.ts';
import { type KeyRing, parseKeyRing } from '../../workers/auth/keys.ts';
import {
  isLocked,
  lockView,
  NO_FAILURES,
  recordFailure,
  recordSuccess,
  unlock,
} from '../../workers/auth/lockout.ts';
import { can, type Permission } from '../../workers/auth/permissions.ts';
import { RateLimiter, SIGN_IN_RATE } from '../../workers/auth/rate-limit.ts';
import {
  dummyVerify,
  hashSecret,
  passwordProblem,
  pinProblem,
  verifySecret,
} from '../../workers/auth/secret-hash.ts';
import { issueToken, type StaffRole } from '../../workers/auth/tokens.ts';
import type { Env } from '../../workers/env.ts';
import { storageFor } from '../storage/for-env.ts';
import { countedStorage } from '../usage/counted.ts';
import { addUsage, NO_USAGE, tally, type UsageCounts, usageDay } from '../usage/venue-usage.ts';

/** Days of usage a venue keeps (the Usage page shows up to a month). */
const USAGE_DAYS_KEPT = 35;

import type { StoragePort, WriteOp } from '../storage/port.ts';
import { answer, notFound, VenueError } from './answer.ts';
import {
  type EventAdvance,
  type EventInput,
  eventOf,
  listEvents,
  type MultiDayEvent,
  noteAdvance,
  noteAdvanceUndone,
  saveEvent,
} from './events.ts';
import {
  type LeagueChange,
  type LeagueRecord,
  type LeagueWithStandings,
  leagueAfter,
  listLeagues,
  liveLeague,
  type PublicLeague,
  publicLeagues,
  recordedResult,
  resultsNeed,
  standingsOf,
} from './leagues.ts';
import {
  type AuditEntry,
  type BoxRecord,
  type Caller,
  DEFAULT_PUBLISHING,
  type Publishing,
  type StaffRecord,
  type StaffView,
  type TournamentListing,
  type VenueAnswer,
  type VenueMirror,
  type VenueSettings,
} from './model.ts';
import { assertMergeable, type LinkStatus, PlayerLinks, type VenueRecords } from './player-links.ts';
import { matchRegistrant, newRegistrant, onlineRegistrationProblem, type Registrant } from './registrant.ts';
import {
  assertKeepsAnOwner,
  INVITE_TTL_MS,
  newStaff,
  randomCode,
  sameDigest,
  sha256Hex,
  staffView,
} from './staff-rules.ts';
import { BUILTIN_TEMPLATES, checkTemplate, type VenueTemplate } from './templates.ts';
import { VenueStore } from './venue-store.ts';

export interface SignedIn {
  readonly token: string;
  readonly user: StaffView;
  readonly venue: VenueSettings;
}

export interface NewVenue {
  readonly id: string;
  readonly name: string;
  readonly currency: string;
  readonly locale: string;
  readonly timeZone: string;
  readonly publicCode: string;
}

export interface SettingsPatch {
  readonly name?: string;
  readonly currency?: string;
  readonly locale?: string;
  readonly timeZone?: string;
  readonly allowedOrigins?: readonly string[];
  readonly publish?: Partial<Publishing>;
}

export interface PublicPage {
  readonly venue: {
    readonly id: string;
    readonly name: string;
    readonly publicCode: string;
    readonly currency: string;
  };
  readonly publish: Publishing;
  readonly tournaments: readonly { id: string; name: string; status: string; createdAt: number }[];
}

/** Fields of a new player or a patch, as validated at the edge (engine/players schemas). */
export type PlayerInput = {
  readonly name: string;
  readonly nickname?: string | null;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly notes?: string | null;
  readonly display?: NameDisplay | null;
};

/** Pairing codes last long enough to walk to the box and type one. */
const PAIRING_TTL_MS = 15 * 60_000;

export class VenueDO extends DurableObject<Env> {
  readonly #port: StoragePort;
  #store: Promise<VenueStore> | null = null;
  #keys: KeyRing | null = null;
  /** Sign-in attempts per client address; memory only (the lock-out state is durable). */
  readonly #signInRate = new RateLimiter(SIGN_IN_RATE);

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    tally.enableFrom(env);
    // Named by the venue's id (stubs.ts): what it writes counts against that venue's quota.
    this.#port = countedStorage(storageFor(env, ctx.storage), () => ctx.id.name ?? null);
    ctx.blockConcurrencyWhile(async () => {
      await this.#port.migrate();
    });
  }

  /** Adds an isolate's counts to the venue's row for a day (usage/venue-usage.ts). */
  async addUsage(venueId: string, day: string, counts: UsageCounts): Promise<void> {
    const scope = `usage:${venueId}`;
    const current = await this.#port.getMeta(scope, day);
    const now = Date.now();
    const ops: WriteOp[] = [
      {
        op: 'meta',
        scope,
        key: day,
        value: JSON.stringify(addUsage(current ? (JSON.parse(current) as UsageCounts) : NO_USAGE, counts)),
        updatedAt: now,
      },
    ];
    // A new day: the rows of days older than the page shows go.
    if (current === null) {
      const oldest = usageDay(now - USAGE_DAYS_KEPT * 86_400_000);
      for (const row of await this.#port.listMeta(scope)) {
        if (row.key < oldest) ops.push({ op: 'meta', scope, key: row.key, value: null, updatedAt: now });
      }
    }
    await this.#port.batch(ops);
  }

  /** The venue's usage per day, newest first (owner and support). */
  usage(
    venueId: string,
    caller: Caller,
    days: number,
  ): Promise<VenueAnswer<({ day: string } & UsageCounts)[]>> {
    return this.#act(venueId, caller, 'usage.read', async () => {
      const rows = await this.#port.listMeta(`usage:${venueId}`);
      return rows
        .map((r) => ({ day: r.key, ...(JSON.parse(r.value) as UsageCounts) }))
        .sort((a, b) => (a.day < b.day ? 1 : -1))
        .slice(0, days);
    });
  }

  /**
   * The venue's records, loaded once. The promise is kept, not just the result: on the box a
   * load awaits the network, and two requests arriving together must share one store (a
   * second load finishing later would replace a store that has since been written to).
   */
  #load(venueId: string): Promise<VenueStore> {
    this.#store ??= VenueStore.load(this.#port, venueId).catch((e: unknown) => {
      this.#store = null;
      throw e;
    });
    return this.#store.then((store) => {
      if (store.venueId !== venueId)
        throw new Error(`VenueDO bound to ${store.venueId}, asked for ${venueId}`);
      return store;
    });
  }

  async #venue(venueId: string): Promise<{ store: VenueStore; settings: VenueSettings }> {
    const store = await this.#load(venueId);
    if (!store.settings) throw notFound('venue', venueId);
    return { store, settings: store.settings };
  }

  #keyRing(): KeyRing {
    this.#keys ??= parseKeyRing(this.env.FELT_JWT_KEYS);
    return this.#keys;
  }

  async #token(venueId: string, s: StaffRecord, now: number): Promise<string> {
    return issueToken(
      this.#keyRing(),
      { venueId, userId: s.id, role: s.role, tokenVersion: s.tokenVersion },
      now,
    );
  }

  /**
   * The caller's current staff record when they may do `permission` here. Support staff are
   * allowed reads only, and each read is written to the venue's audit log (DESIGN.md).
   */
  async #authorize(
    store: VenueStore,
    caller: Caller,
    permission: Permission,
    subject?: Readonly<Record<string, string | number>>,
  ): Promise<StaffRecord | null> {
    if (caller.role === 'support') {
      if (!can('support', permission)) {
        throw new AuthError('FORBIDDEN', `Support staff may not ${permission} (support is read-only)`, {
          permission,
        });
      }
      await store.write(Date.now(), {
        audit: [
          {
            actorId: caller.userId,
            actorRole: 'support',
            action: 'support.read',
            target: permission,
            // What was read, when the route names it (a tournament, the seq it was viewed at).
            details: subject ?? null,
          },
        ],
      });
      return null;
    }
    if (caller.venueId !== store.venueId) {
      throw new AuthError('FORBIDDEN', 'Your sign-in is for another venue', { venueId: store.venueId });
    }
    const staff = store.staff.get(caller.userId);
    if (
      staff?.status !== 'active' ||
      staff.tokenVersion !== caller.tokenVersion ||
      staff.role !== caller.role
    ) {
      throw new AuthError('TOKEN_REVOKED', 'This sign-in was revoked or has changed: sign in again');
    }
    if (!can(staff.role, permission)) {
      throw new AuthError('FORBIDDEN', `A ${staff.role} may not do this (needs ${permission})`, {
        permission,
        role: staff.role,
      });
    }
    return staff;
  }

  /**
   * A paired box mirrors staff, templates and settings from the cloud (the next mirror would
   * overwrite a change made here), so those are managed in the cloud; players are the box's to
   * add too (they go up). Refused plainly rather than lost silently.
   */
  #managedInCloud(store: VenueStore, what: string): void {
    if (this.env.FELT_RUNTIME === 'box' && store.settings?.mirroredAt !== undefined) {
      throw new VenueError(
        409,
        'MANAGED_IN_CLOUD',
        `This box mirrors ${what} from the cloud: change them there`,
      );
    }
  }

  /**
   * Runs a step for a caller who may do `permission` in this venue: the venue's records, the
   * caller's staff record (null for support) and its settings, with errors as answers.
   */
  #act<T>(
    venueId: string,
    caller: Caller,
    permission: Permission,
    step: (store: VenueStore, me: StaffRecord | null, settings: VenueSettings) => Promise<T> | T,
  ): Promise<VenueAnswer<T>> {
    return answer(async () => {
      const { store, settings } = await this.#venue(venueId);
      const me = await this.#authorize(store, caller, permission);
      return step(store, me, settings);
    });
  }

  #staffTarget(store: VenueStore, userId: string): StaffRecord {
    const s = store.staff.get(userId);
    if (!s || s.status === 'removed') throw notFound('staff member', userId);
    return s;
  }

  // ---- venue and sign-up ----------------------------------------------------------------

  /** Creates the venue and its owner; the first sign-in comes back with it. */
  signUp(
    venue: NewVenue,
    owner: { name: string; email: string; password: string; pin?: string | undefined },
  ): Promise<VenueAnswer<SignedIn>> {
    return answer(async () => {
      const store = await this.#load(venue.id);
      if (store.settings)
        throw new VenueError(409, 'VENUE_EXISTS', `Venue ${venue.id} already exists`, { id: venue.id });
      const weak = passwordProblem(owner.password);
      if (weak) throw new VenueError(422, 'WEAK_PASSWORD', weak);
      const badPin = owner.pin === undefined ? null : pinProblem(owner.pin);
      if (badPin) throw new VenueError(422, 'WEAK_PIN', badPin);
      const now = Date.now();
      const settings: VenueSettings = {
        ...venue,
        allowedOrigins: [],
        publish: DEFAULT_PUBLISHING,
        createdAt: now,
        updatedAt: now,
      };
      const staff: StaffRecord = {
        ...newStaff(crypto.randomUUID(), { name: owner.name, email: owner.email, role: 'owner' }, null, now),
        passwordHash: await hashSecret(owner.password),
        pinHash: owner.pin === undefined ? null : await hashSecret(owner.pin),
      };
      await store.write(now, {
        settings,
        staff: [staff],
        audit: [
          { actorId: staff.id, actorRole: 'owner', action: 'venue.created', target: venue.id, details: null },
        ],
      });
      return { token: await this.#token(venue.id, staff, now), user: staffView(staff, now), venue: settings };
    });
  }

  getSettings(venueId: string, caller: Caller): Promise<VenueAnswer<VenueSettings>> {
    return this.#act(venueId, caller, 'venue.read', async (_store, _me, settings) => {
      return settings;
    });
  }

  updateSettings(venueId: string, caller: Caller, patch: SettingsPatch): Promise<VenueAnswer<VenueSettings>> {
    return this.#act(venueId, caller, 'venue.settings', async (store, me, settings) => {
      this.#managedInCloud(store, 'settings');
      const now = Date.now();
      const next: VenueSettings = {
        ...settings,
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.currency !== undefined && { currency: patch.currency }),
        ...(patch.locale !== undefined && { locale: patch.locale }),
        ...(patch.timeZone !== undefined && { timeZone: patch.timeZone }),
        ...(patch.allowedOrigins !== undefined && { allowedOrigins: [...new Set(patch.allowedOrigins)] }),
        publish: { ...settings.publish, ...patch.publish },
        updatedAt: now,
      };
      await store.write(now, {
        settings: next,
        audit: [
          {
            actorId: me?.id ?? caller.userId,
            actorRole: caller.role,
            action: 'venue.settings',
            target: null,
            details: { ...patch },
          },
        ],
      });
      return next;
    });
  }

  /** What anyone may see: the venue's name and its listed tournaments (no staff, no players). */
  publicPage(venueId: string): Promise<VenueAnswer<PublicPage>> {
    return answer(async () => {
      const { store, settings } = await this.#venue(venueId);
      return {
        venue: {
          id: settings.id,
          name: settings.name,
          publicCode: settings.publicCode,
          currency: settings.currency,
        },
        publish: settings.publish,
        tournaments: settings.publish.listed
          ? [...store.tournaments.values()]
              .sort((a, b) => b.createdAt - a.createdAt)
              .map((t) => ({ id: t.id, name: t.name, status: t.status, createdAt: t.createdAt }))
          : [],
      };
    });
  }

  /**
   * An online registrant for a listed tournament (registrant.ts): the venue player with the
   * same email or phone, or a new one. Refused when the venue takes no online registration.
   */
  publicRegistrant(
    venueId: string,
    tournamentId: string,
    who: Registrant,
  ): Promise<VenueAnswer<{ playerId: string; created: boolean }>> {
    return answer(async () => {
      const { store, settings } = await this.#venue(venueId);
      const problem = onlineRegistrationProblem(
        settings.publish,
        store.tournaments.get(tournamentId),
        tournamentId,
      );
      if (problem) throw problem;
      const known = matchRegistrant(store.players.values(), who);
      if (known) return { playerId: known.id, created: false };
      const now = Date.now();
      const player = newRegistrant(who, now);
      await store.write(now, { players: [player] });
      return { playerId: player.id, created: true };
    });
  }

  /** What the public views of a tournament may show, and per-player name overrides. */
  publishing(
    venueId: string,
  ): Promise<VenueAnswer<{ publish: Publishing; players: Record<string, NameDisplay> }>> {
    return answer(async () => {
      const { store, settings } = await this.#venue(venueId);
      const players: Record<string, NameDisplay> = {};
      for (const p of store.players.values()) if (p.display !== null) players[p.id] = p.display;
      return { publish: settings.publish, players };
    });
  }

  /** Browser origins allowed to call this venue's API (CORS); empty when the venue is unknown. */
  async allowedOrigins(venueId: string): Promise<readonly string[]> {
    const store = await this.#load(venueId);
    return store.settings?.allowedOrigins ?? [];
  }

  // ---- sign-in ----------------------------------------------------------------------------

  signInPassword(
    venueId: string,
    email: string,
    password: string,
    client: string,
  ): Promise<VenueAnswer<SignedIn>> {
    return answer(async () => {
      const { store } = await this.#venue(venueId);
      const now = Date.now();
      this.#rateLimit(`password:${client}`, now);
      const staff = store.staffByEmail(email);
      if (staff?.status !== 'active' || !staff.passwordHash) {
        await dummyVerify();
        throw new AuthError('BAD_CREDENTIALS', 'Wrong email or password');
      }
      return this.#checkSecret(store, staff, 'password', password, now);
    });
  }

  /** PIN sign-in works on the box only: a 4–8 digit PIN is a LAN secret, not an internet one. */
  signInPin(venueId: string, userId: string, pin: string, client: string): Promise<VenueAnswer<SignedIn>> {
    return answer(async () => {
      this.#boxOnly();
      const { store } = await this.#venue(venueId);
      const now = Date.now();
      this.#rateLimit(`pin:${client}`, now);
      const staff = store.staff.get(userId);
      if (staff?.status !== 'active' || !staff.pinHash) {
        await dummyVerify();
        throw new AuthError('BAD_CREDENTIALS', 'Wrong PIN');
      }
      return this.#checkSecret(store, staff, 'pin', pin, now);
    });
  }

  /** Names on the box's PIN pad: active staff with a PIN (no emails). */
  pinRoster(venueId: string): Promise<VenueAnswer<{ id: string; name: string; role: StaffRole }[]>> {
    return answer(async () => {
      this.#boxOnly();
      const { store } = await this.#venue(venueId);
      return [...store.staff.values()]
        .filter((s) => s.status === 'active' && s.pinHash !== null)
        .map((s) => ({ id: s.id, name: s.name, role: s.role }))
        .sort((a, b) => a.name.localeCompare(b.name));
    });
  }

  #boxOnly(): void {
    if (this.env.FELT_RUNTIME !== 'box') {
      throw new VenueError(
        403,
        'PIN_SIGN_IN_BOX_ONLY',
        'PIN sign-in works on the venue box only; use your password here',
      );
    }
  }

  #rateLimit(key: string, now: number): void {
    const r = this.#signInRate.take(key, now);
    if (!r.allowed) {
      throw new AuthError('RATE_LIMITED', 'Too many sign-in attempts from here: wait a minute', {
        retryAfterMs: r.retryAfterMs,
      });
    }
  }

  /**
   * Checks a password or PIN against its hash with the lock-out policy: a locked account is
   * refused without checking (no guessing while locked), and every failure is stored before
   * the answer so a crash cannot reset the count.
   */
  async #checkSecret(
    store: VenueStore,
    staff: StaffRecord,
    kind: 'password' | 'pin',
    secret: string,
    now: number,
  ): Promise<SignedIn> {
    const field = kind === 'password' ? 'passwordFailures' : 'pinFailures';
    const failures = staff[field];
    if (isLocked(failures, now)) {
      throw new AuthError(
        'ACCOUNT_LOCKED',
        `Too many wrong ${kind === 'pin' ? 'PINs' : 'passwords'}: locked`,
        {
          lockedUntil: failures.lockedUntil,
        },
      );
    }
    const hash = kind === 'password' ? staff.passwordHash : staff.pinHash;
    const ok = hash !== null && (await verifySecret(secret, hash));
    if (!ok) {
      const next = recordFailure(failures, now);
      const locked = isLocked(next, now);
      await store.write(now, {
        staff: [{ ...staff, [field]: next, updatedAt: now }],
        audit: locked
          ? [
              {
                actorId: staff.id,
                actorRole: staff.role,
                action: `staff.locked`,
                target: staff.id,
                details: { kind, failures: next.failures },
              },
            ]
          : [],
      });
      if (locked) {
        throw new AuthError(
          'ACCOUNT_LOCKED',
          `Too many wrong ${kind === 'pin' ? 'PINs' : 'passwords'}: locked`,
          {
            lockedUntil: next.lockedUntil,
          },
        );
      }
      throw new AuthError('BAD_CREDENTIALS', kind === 'pin' ? 'Wrong PIN' : 'Wrong email or password');
    }
    const fresh =
      failures.failures === 0 && failures.lockCount === 0
        ? staff
        : { ...staff, [field]: recordSuccess(failures), updatedAt: now };
    if (fresh !== staff) await store.write(now, { staff: [fresh] });
    return {
      token: await this.#token(store.venueId, fresh, now),
      user: staffView(fresh, now),
      venue: store.settings!,
    };
  }

  me(
    venueId: string,
    caller: Caller,
  ): Promise<VenueAnswer<{ user: StaffView | null; role: string; venue: VenueSettings }>> {
    return this.#act(venueId, caller, 'venue.read', async (_store, me, settings) => {
      return { user: me ? staffView(me, Date.now()) : null, role: caller.role, venue: settings };
    });
  }

  /** Checks the caller may do `permission` here (used by routes whose data lives elsewhere). */
  authorize(
    venueId: string,
    caller: Caller,
    permission: Permission,
    subject?: Readonly<Record<string, string | number>>,
  ): Promise<VenueAnswer<true>> {
    return answer(async () => {
      const { store } = await this.#venue(venueId);
      await this.#authorize(store, caller, permission, subject);
      return true as const;
    });
  }

  // ---- staff ------------------------------------------------------------------------------

  listStaff(venueId: string, caller: Caller): Promise<VenueAnswer<StaffView[]>> {
    return this.#act(venueId, caller, 'staff.read', async (store) => {
      const now = Date.now();
      return [...store.staff.values()]
        .filter((s) => s.status !== 'removed')
        .sort((a, b) => a.createdAt - b.createdAt)
        .map((s) => staffView(s, now));
    });
  }

  /** Invites a staff member; the one-time code goes to them out of band (shown once). */
  invite(
    venueId: string,
    caller: Caller,
    input: { name: string; email: string; role: StaffRole },
  ): Promise<VenueAnswer<{ user: StaffView; inviteCode: string; expiresAt: number }>> {
    return this.#act(venueId, caller, 'staff.manage', async (store, me) => {
      this.#managedInCloud(store, 'staff');
      if (store.staffByEmail(input.email)) {
        throw new VenueError(409, 'STAFF_EXISTS', `${input.email} is already on the staff`, {
          email: input.email,
        });
      }
      const now = Date.now();
      const code = randomCode(10);
      const staff: StaffRecord = {
        ...newStaff(crypto.randomUUID(), input, me?.id ?? caller.userId, now),
        invite: { codeHash: await sha256Hex(code), expiresAt: now + INVITE_TTL_MS },
      };
      await store.write(now, {
        staff: [staff],
        audit: [
          {
            actorId: caller.userId,
            actorRole: caller.role,
            action: 'staff.invited',
            target: staff.id,
            details: { role: input.role },
          },
        ],
      });
      return { user: staffView(staff, now), inviteCode: code, expiresAt: now + INVITE_TTL_MS };
    });
  }

  acceptInvite(
    venueId: string,
    input: { email: string; code: string; password: string; pin?: string | undefined },
    client: string,
  ): Promise<VenueAnswer<SignedIn>> {
    return answer(async () => {
      const { store } = await this.#venue(venueId);
      this.#managedInCloud(store, 'staff');
      const now = Date.now();
      this.#rateLimit(`invite:${client}`, now);
      const staff = store.staffByEmail(input.email);
      const codeHash = await sha256Hex(input.code.toUpperCase());
      if (staff?.status !== 'invited' || !staff.invite || !sameDigest(staff.invite.codeHash, codeHash)) {
        throw new AuthError('BAD_CREDENTIALS', 'This invite code does not match');
      }
      if (staff.invite.expiresAt <= now)
        throw new VenueError(410, 'INVITE_EXPIRED', 'This invite has expired: ask for a new one');
      const weak = passwordProblem(input.password);
      if (weak) throw new VenueError(422, 'WEAK_PASSWORD', weak);
      const badPin = input.pin === undefined ? null : pinProblem(input.pin);
      if (badPin) throw new VenueError(422, 'WEAK_PIN', badPin);
      const active: StaffRecord = {
        ...staff,
        status: 'active',
        invite: null,
        passwordHash: await hashSecret(input.password),
        pinHash: input.pin === undefined ? null : await hashSecret(input.pin),
        updatedAt: now,
      };
      await store.write(now, {
        staff: [active],
        audit: [
          {
            actorId: active.id,
            actorRole: active.role,
            action: 'staff.joined',
            target: active.id,
            details: null,
          },
        ],
      });
      return {
        token: await this.#token(venueId, active, now),
        user: staffView(active, now),
        venue: store.settings!,
      };
    });
  }

  updateStaff(
    venueId: string,
    caller: Caller,
    userId: string,
    patch: { name?: string | undefined; role?: StaffRole | undefined },
  ): Promise<VenueAnswer<StaffView>> {
    return this.#act(venueId, caller, 'staff.manage', async (store) => {
      this.#managedInCloud(store, 'staff');
      const target = this.#staffTarget(store, userId);
      if (patch.role !== undefined && patch.role !== target.role)
        assertKeepsAnOwner(store.staff.values(), target, patch.role);
      const now = Date.now();
      const roleChanged = patch.role !== undefined && patch.role !== target.role;
      const next: StaffRecord = {
        ...target,
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.role !== undefined && { role: patch.role }),
        // A new role needs a new token: old tokens carry the old role.
        tokenVersion: roleChanged ? target.tokenVersion + 1 : target.tokenVersion,
        updatedAt: now,
      };
      await store.write(now, {
        staff: [next],
        audit: [
          {
            actorId: caller.userId,
            actorRole: caller.role,
            action: 'staff.updated',
            target: userId,
            details: { ...patch },
          },
        ],
      });
      return staffView(next, now);
    });
  }

  /** Removes a staff member and revokes every session of theirs at once. */
  removeStaff(venueId: string, caller: Caller, userId: string): Promise<VenueAnswer<StaffView>> {
    return this.#act(venueId, caller, 'staff.manage', async (store) => {
      this.#managedInCloud(store, 'staff');
      const target = this.#staffTarget(store, userId);
      assertKeepsAnOwner(store.staff.values(), target, null);
      const now = Date.now();
      const next: StaffRecord = {
        ...target,
        status: 'removed',
        passwordHash: null,
        pinHash: null,
        invite: null,
        tokenVersion: target.tokenVersion + 1,
        updatedAt: now,
      };
      await store.write(now, {
        staff: [next],
        audit: [
          {
            actorId: caller.userId,
            actorRole: caller.role,
            action: 'staff.removed',
            target: userId,
            details: null,
          },
        ],
      });
      return staffView(next, now);
    });
  }

  /** Signs a staff member out everywhere (owners for anyone; anyone for themselves). */
  revokeSessions(venueId: string, caller: Caller, userId: string): Promise<VenueAnswer<StaffView>> {
    return answer(async () => {
      const { store } = await this.#venue(venueId);
      // Yourself with any role; anyone else needs staff.manage (checked first: a refused
      // write must leave no trace, not even a support read in the audit).
      await this.#authorize(
        store,
        caller,
        caller.userId === userId && caller.role !== 'support' ? 'venue.read' : 'staff.manage',
      );
      const target = this.#staffTarget(store, userId);
      const now = Date.now();
      const next = { ...target, tokenVersion: target.tokenVersion + 1, updatedAt: now };
      await store.write(now, {
        staff: [next],
        audit: [
          {
            actorId: caller.userId,
            actorRole: caller.role,
            action: 'staff.revoked',
            target: userId,
            details: null,
          },
        ],
      });
      return staffView(next, now);
    });
  }

  unlockStaff(venueId: string, caller: Caller, userId: string): Promise<VenueAnswer<StaffView>> {
    return this.#act(venueId, caller, 'staff.manage', async (store) => {
      const target = this.#staffTarget(store, userId);
      const now = Date.now();
      const next = {
        ...target,
        passwordFailures: unlock(target.passwordFailures),
        pinFailures: unlock(target.pinFailures),
        updatedAt: now,
      };
      await store.write(now, {
        staff: [next],
        audit: [
          {
            actorId: caller.userId,
            actorRole: caller.role,
            action: 'staff.unlocked',
            target: userId,
            details: {
              password: lockView(target.passwordFailures, now),
              pin: lockView(target.pinFailures, now),
            },
          },
        ],
      });
      return staffView(next, now);
    });
  }

  /** Sets a PIN (owners for anyone; anyone for themselves). */
  setPin(venueId: string, caller: Caller, userId: string, pin: string): Promise<VenueAnswer<StaffView>> {
    return answer(async () => {
      const { store } = await this.#venue(venueId);
      // Yourself with any role; anyone else needs staff.manage (checked first: a refused
      // write must leave no trace, not even a support read in the audit).
      await this.#authorize(
        store,
        caller,
        caller.userId === userId && caller.role !== 'support' ? 'venue.read' : 'staff.manage',
      );
      const badPin = pinProblem(pin);
      if (badPin) throw new VenueError(422, 'WEAK_PIN', badPin);
      const target = this.#staffTarget(store, userId);
      const now = Date.now();
      const next = { ...target, pinHash: await hashSecret(pin), pinFailures: NO_FAILURES, updatedAt: now };
      await store.write(now, {
        staff: [next],
        audit: [
          {
            actorId: caller.userId,
            actorRole: caller.role,
            action: 'staff.pin-set',
            target: userId,
            details: null,
          },
        ],
      });
      return staffView(next, now);
    });
  }

  auditLog(venueId: string, caller: Caller, limit: number): Promise<VenueAnswer<AuditEntry[]>> {
    return this.#act(venueId, caller, 'audit.read', async (store) => {
      this.#managedInCloud(store, 'staff');
      return store.audit(limit);
    });
  }

  // ---- players ----------------------------------------------------------------------------

  /** Staff without players.contact see players without email and phone. */
  #playerOut(caller: Caller, p: Player): Player {
    return can(caller.role, 'players.contact') ? p : { ...p, email: null, phone: null };
  }

  searchPlayers(
    venueId: string,
    caller: Caller,
    query: string,
    limit: number,
  ): Promise<VenueAnswer<{ player: Player; match: string; score: number }[]>> {
    return this.#act(venueId, caller, 'players.read', async (store) => {
      if (query.trim() === '') {
        return [...store.players.values()]
          .filter((p) => p.mergedInto === null)
          .sort((a, b) => a.name.localeCompare(b.name))
          .slice(0, limit)
          .map((p) => ({ player: this.#playerOut(caller, p), match: 'all', score: 0 }));
      }
      return searchPlayers(store.players.values(), query, { limit }).map((r) => ({
        player: this.#playerOut(caller, r.player),
        match: r.match,
        score: r.score,
      }));
    });
  }

  getPlayer(venueId: string, caller: Caller, playerId: string): Promise<VenueAnswer<Player>> {
    return this.#act(venueId, caller, 'players.read', async (store) => {
      const p = resolvePlayer(store.players, playerId);
      if (!p) throw notFound('player', playerId);
      return this.#playerOut(caller, p);
    });
  }

  addPlayer(venueId: string, caller: Caller, input: PlayerInput): Promise<VenueAnswer<Player>> {
    return this.#act(venueId, caller, 'players.write', async (store) => {
      const now = Date.now();
      const player = createPlayer(`p_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`, input, now);
      await store.write(now, { players: [player] });
      return this.#playerOut(caller, player);
    });
  }

  editPlayer(
    venueId: string,
    caller: Caller,
    playerId: string,
    patch: PlayerPatch,
  ): Promise<VenueAnswer<Player>> {
    return this.#act(venueId, caller, 'players.write', async (store) => {
      // New players are the box's to add (they go up); existing records are the cloud's.
      this.#managedInCloud(store, 'existing player records');
      const p = store.players.get(playerId);
      if (!p) throw notFound('player', playerId);
      const now = Date.now();
      const next = editPlayer(p, patch, now);
      await store.write(now, { players: [next] });
      return this.#playerOut(caller, next);
    });
  }

  mergePlayers(
    venueId: string,
    caller: Caller,
    keepId: string,
    dropId: string,
  ): Promise<VenueAnswer<Player>> {
    return this.#act(venueId, caller, 'players.merge', async (store) => {
      // New players are the box's to add (they go up); existing records are the cloud's.
      this.#managedInCloud(store, 'existing player records');
      const keep = store.players.get(keepId);
      const drop = store.players.get(dropId);
      if (!keep) throw notFound('player', keepId);
      if (!drop) throw notFound('player', dropId);
      await assertMergeable(this.#port, store, keepId, dropId);
      const now = Date.now();
      const { kept, dropped } = mergeRecords(keep, drop, now);
      await store.write(now, {
        players: [kept, dropped],
        audit: [
          {
            actorId: caller.userId,
            actorRole: caller.role,
            action: 'players.merged',
            target: keepId,
            details: { dropped: dropId },
          },
        ],
      });
      return this.#playerOut(caller, kept);
    });
  }

  /** Every active player's id and name (for importers that match by name). */
  playerDirectory(venueId: string, caller: Caller): Promise<VenueAnswer<{ id: string; name: string }[]>> {
    return this.#act(venueId, caller, 'players.read', async (store) => {
      return [...store.players.values()]
        .filter((p) => p.mergedInto === null)
        .map((p) => ({ id: p.id, name: p.name }));
    });
  }

  /** Adds players an import created (with the import's ids); ids already present are left alone. */
  adoptPlayers(
    venueId: string,
    caller: Caller,
    rows: readonly { playerId: string; name: string }[],
  ): Promise<VenueAnswer<number>> {
    return this.#act(venueId, caller, 'players.write', async (store) => {
      const now = Date.now();
      const fresh = rows
        .filter((r) => !store.players.has(r.playerId))
        .map((r) => createPlayer(r.playerId, { name: r.name }, now));
      if (fresh.length > 0) await store.write(now, { players: fresh });
      return fresh.length;
    });
  }

  // ---- links to players' Felt accounts (player-links.ts) -----------------------------------

  /** Felt accounts live in the cloud's directory: a box's own directory is not where players sign in. */
  #feltAccountsHere(): void {
    if (this.env.FELT_RUNTIME === 'box') {
      throw new VenueError(
        409,
        'FELT_ACCOUNTS_IN_CLOUD',
        'Felt accounts are linked in the cloud console, not on the venue box',
      );
    }
  }

  #audit(
    caller: Caller | { identityId: string },
    action: string,
    target: string,
    details?: Record<string, unknown>,
  ) {
    return 'identityId' in caller
      ? { actorId: caller.identityId, actorRole: 'player', action, target, details: details ?? null }
      : { actorId: caller.userId, actorRole: caller.role, action, target, details: details ?? null };
  }

  /** Whether a record is linked (never to whom) and whether a code is pending. */
  feltLinkStatus(venueId: string, caller: Caller, playerId: string): Promise<VenueAnswer<LinkStatus>> {
    return this.#act(venueId, caller, 'players.read', async (store) => {
      this.#feltAccountsHere();
      return new PlayerLinks(this.#port, store).status(playerId, Date.now());
    });
  }

  /** A one-time code (24 h) the player types into their Felt account to link this record. */
  issueLinkCode(
    venueId: string,
    caller: Caller,
    playerId: string,
  ): Promise<VenueAnswer<{ code: string; expiresAt: number }>> {
    return this.#act(venueId, caller, 'players.write', async (store, _me, settings) => {
      this.#feltAccountsHere();
      const now = Date.now();
      const issued = await new PlayerLinks(this.#port, store).issue(playerId, caller.userId, now);
      await store.write(now, {
        ops: issued.ops,
        audit: [this.#audit(caller, 'players.link-code', issued.survivorId, { expiresAt: issued.expiresAt })],
      });
      // The venue's public code routes the code to this venue (the player types nothing else).
      return { code: `${settings.publicCode}-${issued.secret}`, expiresAt: issued.expiresAt };
    });
  }

  revokeLinkCode(
    venueId: string,
    caller: Caller,
    playerId: string,
  ): Promise<VenueAnswer<{ revoked: boolean }>> {
    return this.#act(venueId, caller, 'players.write', async (store) => {
      this.#feltAccountsHere();
      const now = Date.now();
      const { ops, revoked } = await new PlayerLinks(this.#port, store).revoke(playerId, now);
      await store.write(now, {
        ops,
        ...(revoked && { audit: [this.#audit(caller, 'players.link-code-revoked', playerId)] }),
      });
      return { revoked };
    });
  }

  /** The venue ends a link (the player's account keeps no access to the record). */
  unlinkFeltAccount(venueId: string, caller: Caller, playerId: string): Promise<VenueAnswer<true>> {
    return this.#act(venueId, caller, 'players.write', async (store) => {
      this.#feltAccountsHere();
      const now = Date.now();
      const ops = await new PlayerLinks(this.#port, store).unlink(playerId, null, now);
      await store.write(now, { ops, audit: [this.#audit(caller, 'players.unlinked', playerId)] });
      return true as const;
    });
  }

  /**
   * A player's account (verified by the edge from a player token and the directory) redeems a
   * code of this venue. Not a staff call: the account id is all the venue learns.
   */
  redeemLinkCode(
    venueId: string,
    secret: string,
    identityId: string,
  ): Promise<VenueAnswer<{ playerId: string; venue: VenueRecords['venue'] }>> {
    return answer(async () => {
      this.#feltAccountsHere();
      const { store, settings } = await this.#venue(venueId);
      const now = Date.now();
      const r = await new PlayerLinks(this.#port, store).redeem(secret, identityId, now);
      await store.write(now, {
        ops: r.ops,
        audit: [this.#audit({ identityId }, 'players.linked', r.playerId)],
      });
      return {
        playerId: r.playerId,
        venue: { id: settings.id, name: settings.name, currency: settings.currency },
      };
    });
  }

  /** The account's own records here and their results; nothing else of the venue. */
  identityRecords(venueId: string, identityId: string): Promise<VenueAnswer<VenueRecords>> {
    return answer(async () => {
      this.#feltAccountsHere();
      const { store, settings } = await this.#venue(venueId);
      return {
        venue: { id: settings.id, name: settings.name, currency: settings.currency },
        records: await new PlayerLinks(this.#port, store).records(identityId),
      };
    });
  }

  unlinkIdentity(venueId: string, identityId: string, playerId: string): Promise<VenueAnswer<true>> {
    return answer(async () => {
      this.#feltAccountsHere();
      const { store } = await this.#venue(venueId);
      const now = Date.now();
      const ops = await new PlayerLinks(this.#port, store).unlink(playerId, identityId, now);
      await store.write(now, { ops, audit: [this.#audit({ identityId }, 'players.unlinked', playerId)] });
      return true as const;
    });
  }

  /** The account is being deleted: its records here are anonymised, each with an audit line. */
  forgetIdentity(venueId: string, identityId: string): Promise<VenueAnswer<{ anonymised: number }>> {
    return answer(async () => {
      this.#feltAccountsHere();
      const { store } = await this.#venue(venueId);
      const now = Date.now();
      const f = await new PlayerLinks(this.#port, store).forget(identityId, now);
      if (f.playerIds.length === 0) return { anonymised: 0 };
      await store.write(now, {
        players: f.players,
        ops: f.ops,
        audit: f.playerIds.map((id) =>
          this.#audit({ identityId }, 'players.anonymised', id, {
            reason: 'the player deleted their Felt account',
          }),
        ),
      });
      return { anonymised: f.playerIds.length };
    });
  }

  // ---- boxes -------------------------------------------------------------------------------

  /** A one-time code for pairing a box (owner); valid 15 minutes, shown once. */
  createPairingCode(
    venueId: string,
    caller: Caller,
    boxName: string,
  ): Promise<VenueAnswer<{ code: string; expiresAt: number }>> {
    return this.#act(venueId, caller, 'boxes.manage', async (store) => {
      const now = Date.now();
      const code = randomCode(10);
      const expiresAt = now + PAIRING_TTL_MS;
      const expired = [...store.pairingCodes.values()].filter((p) => p.expiresAt <= now).map((p) => p.id);
      await store.write(now, {
        pairingCodes: [{ id: await sha256Hex(code), boxName, createdBy: caller.userId, expiresAt }],
        deletePairingCodes: expired,
        audit: [
          {
            actorId: caller.userId,
            actorRole: caller.role,
            action: 'box.pairing-code',
            target: null,
            details: { boxName },
          },
        ],
      });
      return { code, expiresAt };
    });
  }

  /** Exchanges a pairing code for a box credential (once). */
  pairBox(
    venueId: string,
    code: string,
    client: string,
  ): Promise<VenueAnswer<{ boxId: string; credential: string; name: string }>> {
    return answer(async () => {
      const { store } = await this.#venue(venueId);
      const now = Date.now();
      this.#rateLimit(`pair:${client}`, now);
      const hash = await sha256Hex(code.trim().toUpperCase());
      const pairing = store.pairingCodes.get(hash);
      if (!pairing || pairing.expiresAt <= now) {
        throw new AuthError('BAD_CREDENTIALS', 'This pairing code is wrong or has expired: make a new one');
      }
      const boxId = `box_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
      const secret = randomCode(32);
      const box: BoxRecord = {
        id: boxId,
        name: pairing.boxName,
        credentialHash: await sha256Hex(secret),
        pairedAt: now,
        pairedBy: pairing.createdBy,
        revokedAt: null,
        lastSeenAt: now,
      };
      await store.write(now, {
        boxes: [box],
        deletePairingCodes: [hash],
        audit: [
          {
            actorId: pairing.createdBy,
            actorRole: 'owner',
            action: 'box.paired',
            target: boxId,
            details: { name: box.name },
          },
        ],
      });
      return { boxId, credential: `${boxId}.${secret}`, name: box.name };
    });
  }

  listBoxes(venueId: string, caller: Caller): Promise<VenueAnswer<Omit<BoxRecord, 'credentialHash'>[]>> {
    return this.#act(venueId, caller, 'venue.read', async (store) => {
      return [...store.boxes.values()]
        .map(({ credentialHash: _h, ...b }) => b)
        .sort((a, b) => a.pairedAt - b.pairedAt);
    });
  }

  /** Revokes a box's credential (owner): its next sync is refused. */
  revokeBox(venueId: string, caller: Caller, boxId: string): Promise<VenueAnswer<true>> {
    return this.#act(venueId, caller, 'boxes.manage', async (store) => {
      const box = store.boxes.get(boxId);
      if (!box) throw notFound('box', boxId);
      const now = Date.now();
      await store.write(now, {
        boxes: [{ ...box, revokedAt: box.revokedAt ?? now }],
        audit: [
          {
            actorId: caller.userId,
            actorRole: caller.role,
            action: 'box.revoked',
            target: boxId,
            details: null,
          },
        ],
      });
      return true as const;
    });
  }

  /** The venue's records for a paired box's offline use (its credential checked first). */
  mirrorFor(venueId: string, credential: string): Promise<VenueAnswer<VenueMirror>> {
    return answer(async () => {
      const { store, settings } = await this.#venue(venueId);
      const box = await this.#box(store, credential);
      return {
        settings,
        staff: [...store.staff.values()],
        players: [...store.players.values()],
        templates: [...store.templates.values()],
        claimed: [...store.tournaments.values()].filter((t) => t.home === box.id),
      };
    });
  }

  async #box(store: VenueStore, credential: string): Promise<BoxRecord> {
    const [boxId = '', secret = ''] = credential.split('.');
    const box = store.boxes.get(boxId);
    if (!box || !sameDigest(box.credentialHash, await sha256Hex(secret))) {
      throw new AuthError('UNAUTHENTICATED', 'Unknown box credential: pair the box again');
    }
    if (box.revokedAt !== null)
      throw new AuthError('TOKEN_REVOKED', 'This box was unpaired by the venue owner');
    const now = Date.now();
    // Seen-at is for the owner's list; once every few minutes is enough (rows written cost).
    if (box.lastSeenAt === null || now - box.lastSeenAt > 5 * 60_000) {
      await store.write(now, { boxes: [{ ...box, lastSeenAt: now }] });
    }
    return box;
  }

  /**
   * A box pushing a tournament it runs: checks the box, and lists the tournament here as homed
   * on that box (first push). A tournament homed elsewhere is refused: one writer each.
   */
  boxPush(
    venueId: string,
    credential: string,
    t: { id: string; name: string; status: string; createdAt: number },
  ): Promise<VenueAnswer<{ boxId: string }>> {
    return answer(async () => {
      const { store } = await this.#venue(venueId);
      const box = await this.#box(store, credential);
      const listed = store.tournaments.get(t.id);
      // Homed elsewhere (the cloud, another box, or a promoted cloud): the tournament's own
      // object refuses the events and keeps them as a conflict report; the list stays as is.
      if (listed && listed.home !== box.id) return { boxId: box.id };
      const now = Date.now();
      if (!listed || listed.status !== t.status || listed.name !== t.name) {
        await store.write(now, {
          tournaments: [
            {
              id: t.id,
              name: t.name,
              templateId: listed?.templateId ?? null,
              status: t.status,
              createdAt: t.createdAt,
              updatedAt: now,
              home: box.id,
            },
          ],
        });
      }
      return { boxId: box.id };
    });
  }

  /** On the box: lists a tournament it took over (it runs it from now on). */
  adoptListing(venueId: string, listing: TournamentListing): Promise<VenueAnswer<true>> {
    return answer(async () => {
      if (this.env.FELT_RUNTIME !== 'box')
        throw new VenueError(403, 'BOX_ONLY', 'Only a box takes tournaments over');
      const store = await this.#load(venueId);
      const { home: _h, ...own } = listing;
      await store.write(Date.now(), { tournaments: [own] });
      return true as const;
    });
  }

  /** Whether a box is paired here and not revoked. */
  async hasBox(venueId: string, boxId: string): Promise<boolean> {
    const store = await this.#load(venueId);
    const box = store.boxes.get(boxId);
    return !!box && box.revokedAt === null;
  }

  /** Checks a box credential; answers the box's id. */
  boxAuth(venueId: string, credential: string): Promise<VenueAnswer<{ boxId: string }>> {
    return answer(async () => {
      const { store } = await this.#venue(venueId);
      return { boxId: (await this.#box(store, credential)).id };
    });
  }

  /** Records a handover (the cloud promoted for a lost box), audited. */
  setTournamentHome(
    venueId: string,
    caller: Caller,
    tournamentId: string,
    home: string | null,
  ): Promise<VenueAnswer<true>> {
    return this.#act(venueId, caller, 'boxes.manage', async (store) => {
      const t = store.tournaments.get(tournamentId);
      if (!t) throw notFound('tournament', tournamentId);
      const now = Date.now();
      const { home: previous, ...rest } = t;
      await store.write(now, {
        tournaments: [{ ...rest, ...(home !== null && { home }), updatedAt: now }],
        audit: [
          {
            actorId: caller.userId,
            actorRole: caller.role,
            action: 'tournament.handover',
            target: tournamentId,
            details: { from: previous ?? 'cloud', to: home ?? 'cloud' },
          },
        ],
      });
      return true as const;
    });
  }

  /**
   * On the box: takes the cloud's records as its own (staff with their hashes, so PINs and
   * passwords work offline). Called by the box's own process, never from the LAN.
   */
  importMirror(
    venueId: string,
    mirror: VenueMirror,
  ): Promise<VenueAnswer<{ staff: number; players: number; templates: number; boxPlayers: Player[] }>> {
    return answer(async () => {
      if (this.env.FELT_RUNTIME !== 'box')
        throw new VenueError(403, 'BOX_ONLY', 'Only a box mirrors a venue');
      const store = await this.#load(venueId);
      const now = Date.now();
      // Lock-out state stays the box's own: a PIN walk on the LAN is counted here.
      const staff = mirror.staff.map((s) => {
        const local = store.staff.get(s.id);
        // A session revoked on the box stays revoked whatever the cloud says.
        return local
          ? {
              ...s,
              pinFailures: local.pinFailures,
              passwordFailures: local.passwordFailures,
              tokenVersion: Math.max(s.tokenVersion, local.tokenVersion),
            }
          : s;
      });
      // Players the box made (a walk-in registered at the door) are kept and sent up; for the
      // others the cloud's record wins, with the tournaments the box has seen them play kept.
      const cloudIds = new Set(mirror.players.map((p) => p.id));
      const boxPlayers = [...store.players.values()].filter((p) => !cloudIds.has(p.id));
      const players = mirror.players.map((p) => {
        const local = store.players.get(p.id);
        if (!local) return p;
        const seen = new Set(p.history.map((h) => h.tournamentId));
        const extra = local.history.filter((h) => !seen.has(h.tournamentId));
        return extra.length === 0
          ? p
          : { ...p, history: [...p.history, ...extra].sort((a, b) => a.at - b.at) };
      });
      await store.write(now, {
        settings: { ...mirror.settings, mirroredAt: now },
        replace: { staff, players: [...players, ...boxPlayers], templates: mirror.templates },
      });
      return {
        staff: staff.length,
        players: players.length + boxPlayers.length,
        templates: mirror.templates.length,
        boxPlayers,
      };
    });
  }

  /** In the cloud: players a box made, added once (ids already here are left as they are). */
  adoptBoxPlayers(
    venueId: string,
    credential: string,
    players: readonly Player[],
  ): Promise<VenueAnswer<number>> {
    return answer(async () => {
      const { store } = await this.#venue(venueId);
      await this.#box(store, credential);
      const fresh = players.filter((p) => !store.players.has(p.id));
      if (fresh.length > 0) await store.write(Date.now(), { players: fresh });
      return fresh.length;
    });
  }

  // ---- templates and tournaments -----------------------------------------------------------

  listTemplates(venueId: string, caller: Caller): Promise<VenueAnswer<VenueTemplate[]>> {
    return this.#act(venueId, caller, 'templates.read', async (store) => {
      const own = [...store.templates.values()].sort((a, b) => a.name.localeCompare(b.name));
      return [...own, ...BUILTIN_TEMPLATES];
    });
  }

  /** A template by id, the venue's own first, then the built-ins. */
  template(venueId: string, caller: Caller, templateId: string): Promise<VenueAnswer<VenueTemplate>> {
    return this.#act(venueId, caller, 'templates.read', async (store) => {
      const t = store.templates.get(templateId) ?? BUILTIN_TEMPLATES.find((b) => b.id === templateId);
      if (!t) throw notFound('template', templateId);
      return t;
    });
  }

  saveTemplate(
    venueId: string,
    caller: Caller,
    input: Omit<VenueTemplate, 'id' | 'createdAt' | 'source'> & { source?: 'custom' | 'td3' },
  ): Promise<VenueAnswer<VenueTemplate>> {
    return this.#act(venueId, caller, 'templates.write', async (store) => {
      this.#managedInCloud(store, 'templates');
      const now = Date.now();
      const t: VenueTemplate = {
        ...input,
        source: input.source ?? 'custom',
        id: `tpl_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`,
        createdAt: now,
      };
      checkTemplate(t);
      await store.write(now, {
        templates: [t],
        audit: [
          {
            actorId: caller.userId,
            actorRole: caller.role,
            action: 'template.saved',
            target: t.id,
            details: { name: t.name },
          },
        ],
      });
      return t;
    });
  }

  deleteTemplate(venueId: string, caller: Caller, templateId: string): Promise<VenueAnswer<true>> {
    return this.#act(venueId, caller, 'templates.write', async (store) => {
      this.#managedInCloud(store, 'templates');
      if (!store.templates.has(templateId)) throw notFound('template', templateId);
      await store.write(Date.now(), {
        deleteTemplates: [templateId],
        audit: [
          {
            actorId: caller.userId,
            actorRole: caller.role,
            action: 'template.deleted',
            target: templateId,
            details: null,
          },
        ],
      });
      return true as const;
    });
  }

  listTournaments(venueId: string, caller: Caller): Promise<VenueAnswer<TournamentListing[]>> {
    return this.#act(venueId, caller, 'tournaments.read', async (store) => {
      return [...store.tournaments.values()].sort((a, b) => b.createdAt - a.createdAt);
    });
  }

  /** Ids of the venue's tournaments still being played (for the edge, after an authorized step). */
  async openTournamentIds(venueId: string): Promise<string[]> {
    const store = await this.#load(venueId);
    return [...store.tournaments.values()]
      .filter((t) => t.status !== 'finished' && t.status !== 'cancelled')
      .map((t) => t.id);
  }

  /** Sets the venue's public code (the edge claimed it in the directory after sign-up). */
  async setPublicCode(venueId: string, publicCode: string): Promise<void> {
    const store = await this.#load(venueId);
    if (!store.settings || store.settings.publicCode === publicCode) return;
    const now = Date.now();
    await store.write(now, { settings: { ...store.settings, publicCode, updatedAt: now } });
  }

  /** Lists a tournament the edge has just created in its own Durable Object. */
  addTournament(
    venueId: string,
    caller: Caller,
    listing: TournamentListing,
  ): Promise<VenueAnswer<TournamentListing>> {
    return this.#act(venueId, caller, 'tournaments.create', async (store) => {
      await store.write(listing.createdAt, {
        tournaments: [listing],
        audit: [
          {
            actorId: caller.userId,
            actorRole: caller.role,
            action: 'tournament.created',
            target: listing.id,
            details: { name: listing.name },
          },
        ],
      });
      return listing;
    });
  }

  /** Keeps the list's status in step with the tournament (told by the edge after a command). */
  setTournamentStatus(venueId: string, tournamentId: string, status: string): Promise<VenueAnswer<true>> {
    return answer(async () => {
      const { store } = await this.#venue(venueId);
      const t = store.tournaments.get(tournamentId);
      if (!t) throw notFound('tournament', tournamentId);
      if (t.status !== status) {
        const now = Date.now();
        await store.write(now, { tournaments: [{ ...t, status, updatedAt: now }] });
      }
      return true as const;
    });
  }

  // ---- multi-day events (events.ts) -------------------------------------------------------

  listEvents(venueId: string, caller: Caller): Promise<VenueAnswer<MultiDayEvent[]>> {
    return this.#act(venueId, caller, 'tournaments.read', (store) => listEvents(store));
  }

  event(venueId: string, caller: Caller, eventId: string): Promise<VenueAnswer<MultiDayEvent>> {
    return this.#act(venueId, caller, 'tournaments.read', (store) => eventOf(store, eventId));
  }

  /** Creates an event (eventId null) or changes one. */
  saveEvent(
    venueId: string,
    caller: Caller,
    input: EventInput,
    eventId: string | null,
  ): Promise<VenueAnswer<MultiDayEvent>> {
    return this.#act(venueId, caller, 'tournaments.create', (store) =>
      saveEvent(store, caller, input, eventId),
    );
  }

  noteEventAdvance(
    venueId: string,
    caller: Caller,
    eventId: string,
    advance: EventAdvance,
  ): Promise<VenueAnswer<MultiDayEvent>> {
    return this.#act(venueId, caller, 'tournaments.create', (store) =>
      noteAdvance(store, caller, eventId, advance),
    );
  }

  noteEventAdvanceUndone(
    venueId: string,
    caller: Caller,
    eventId: string,
  ): Promise<VenueAnswer<MultiDayEvent>> {
    return this.#act(venueId, caller, 'tournaments.read', (store) =>
      noteAdvanceUndone(store, caller, eventId),
    );
  }

  // ---- leagues (rules in ./leagues.ts) ------------------------------------------------------
  // A paired box mirrors its venue's records from the cloud and leagues are the venue's records:
  // they are managed in the cloud (the box's tournaments finish there too, by sync), like templates.

  listLeagues(venueId: string, caller: Caller): Promise<VenueAnswer<LeagueRecord[]>> {
    return this.#act(venueId, caller, 'leagues.read', (store) => listLeagues(store));
  }

  league(venueId: string, caller: Caller, leagueId: string): Promise<VenueAnswer<LeagueWithStandings>> {
    return this.#act(venueId, caller, 'leagues.read', (store, _me, settings) =>
      standingsOf(store, liveLeague(store, leagueId), settings.timeZone),
    );
  }

  /** Creates, edits, deletes or restores a league, or attaches or detaches a tournament. */
  changeLeague(
    venueId: string,
    caller: Caller,
    change: LeagueChange,
  ): Promise<VenueAnswer<{ league: LeagueRecord; need: 'record' | 'remove' | 'none' }>> {
    return this.#act(venueId, caller, 'leagues.manage', async (store) => {
      this.#managedInCloud(store, 'leagues');
      const now = Date.now();
      const next = leagueAfter(store, change, now);
      await store.write(now, {
        leagues: [next],
        audit: [
          {
            actorId: caller.userId,
            actorRole: caller.role,
            action: `league.${change.kind}`,
            target: next.id,
            details:
              'tournamentId' in change ? { tournamentId: change.tournamentId } : { name: next.config.name },
          },
        ],
      });
      const need =
        change.kind === 'attach'
          ? resultsNeed(store, change.tournamentId, store.tournaments.get(change.tournamentId)?.status ?? '')
          : 'none';
      return { league: next, need };
    });
  }

  /** What the edge must do about a tournament's league results at `status` (see leagues.ts). */
  async leagueResultsNeed(
    venueId: string,
    tournamentId: string,
    status: string,
  ): Promise<'record' | 'remove' | 'none'> {
    const store = await this.#load(venueId);
    return store.settings ? resultsNeed(store, tournamentId, status) : 'none';
  }

  /** Records a finished tournament's results for its leagues (told by the edge; idempotent). */
  recordLeagueResult(venueId: string, result: TournamentResult): Promise<VenueAnswer<true>> {
    return answer(async () => {
      const { store } = await this.#venue(venueId);
      await store.write(Date.now(), { leagueResults: [recordedResult(store, result)] });
      return true as const;
    });
  }

  removeLeagueResult(venueId: string, tournamentId: string): Promise<VenueAnswer<true>> {
    return answer(async () => {
      const { store } = await this.#venue(venueId);
      if (store.leagueResults.has(tournamentId))
        await store.write(Date.now(), { deleteLeagueResults: [tournamentId] });
      return true as const;
    });
  }

  /** The public leagues' standings, names as the venue publishes them. */
  publicLeagues(venueId: string): Promise<VenueAnswer<PublicLeague[]>> {
    return answer(async () => {
      const { store, settings } = await this.#venue(venueId);
      const players: Record<string, NameDisplay> = {};
      for (const p of store.players.values()) if (p.display !== null) players[p.id] = p.display;
      return publicLeagues(store, settings.publish, players, settings.timeZone);
    });
  }

  /** Records a venue player's entry in a tournament (their history). */
  notePlayerEntry(
    venueId: string,
    playerId: string,
    tournamentId: string,
    entryId: string,
  ): Promise<VenueAnswer<true>> {
    return this.notePlayerEntries(venueId, tournamentId, [{ playerId, entryId }]);
  }

  /**
   * Records players' entries in a tournament (their histories) in one write: an imported
   * night's whole field at once. Unknown players and entries already noted are skipped.
   */
  notePlayerEntries(
    venueId: string,
    tournamentId: string,
    rows: readonly { playerId: string; entryId: string }[],
  ): Promise<VenueAnswer<true>> {
    return answer(async () => {
      const { store } = await this.#venue(venueId);
      const now = Date.now();
      const changed = new Map<string, Player>();
      for (const { playerId, entryId } of rows) {
        const found = resolvePlayer(store.players, playerId);
        if (!found) continue;
        const p = changed.get(found.id) ?? found;
        const row = p.history.find((h) => h.tournamentId === tournamentId);
        if (row?.entryIds.includes(entryId)) continue;
        const history = row
          ? p.history.map((h) => (h === row ? { ...h, entryIds: [...h.entryIds, entryId] } : h))
          : [...p.history, { tournamentId, entryIds: [entryId], place: null, prize: 0, at: now }];
        changed.set(p.id, { ...p, history, updatedAt: now });
      }
      if (changed.size > 0) await store.write(now, { players: [...changed.values()] });
      return true as const;
    });
  }
}
