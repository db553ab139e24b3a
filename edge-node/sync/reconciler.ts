/**
 * The box's link to the cloud, run by the box process while it is paired: it mirrors the
 * venue's staff (with their password and PIN hashes), players and templates into the box so
 * sign-in works offline; it pushes the outbox of every tournament the box runs (events not
 * yet acknowledged by the cloud) so players following through the cloud see them; and it
 * records how the link is doing for `felt-box status`.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { namespacedStorage } from '../../durable-objects/storage/namespaced.ts';
import type { StoragePort } from '../../durable-objects/storage/port.ts';
import { syncCashRoom } from './cash-outbox.ts';
import type { Pairing } from './pairing.ts';

/** Where the box keeps, per tournament, the last seq the cloud acknowledged. */
const OUTBOX_SCOPE = 'box:outbox';
/** And the epoch it runs the tournament under (0 for its own; more after a handover). */
const EPOCH_SCOPE = 'box:epoch';

interface Listing {
  readonly id: string;
  readonly name: string;
  readonly templateId: string | null;
  readonly status: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly home?: string;
}
/** Events per push: the cloud takes up to 2,000 (8 MB); fewer round trips make catch-up faster. */
const PUSH_BATCH = 2000;

export interface TournamentSync {
  readonly id: string;
  readonly name: string;
  readonly home: string;
  readonly epoch: number;
  readonly lastSeq: number;
  readonly ackedSeq: number;
  readonly backlog: number;
  readonly lastPushAt: number | null;
  readonly refused: string | null;
  /** Commands the cloud held for this tournament that the box has run. */
  readonly queuedRun: number;
}

/** Staff are warned once the box has not reached the cloud for this long (DESIGN.md). */
export const OFFLINE_WARNING_MS = 72 * 3600 * 1000;

export interface SyncStatus {
  readonly paired: boolean;
  readonly venueId: string | null;
  readonly boxId: string | null;
  readonly cloudUrl: string | null;
  readonly cloudReachable: boolean | null;
  readonly lastAttemptAt: number | null;
  readonly lastSyncAt: number | null;
  readonly lastError: string | null;
  readonly mirrored: { staff: number; players: number; templates: number } | null;
  /** The tournaments this box runs and their outboxes. */
  readonly tournaments: readonly TournamentSync[];
  /** Set once the cloud has been out of reach longer than OFFLINE_WARNING_MS. */
  readonly warning: string | null;
  readonly updatedAt: number;
}

export interface ReconcilerOptions {
  readonly pairing: Pairing | null;
  readonly dataDir: string;
  /** The box's own Worker (loopback). */
  readonly localUrl: string;
  readonly localKey: string;
  /** The box's own database (the process owns it): outboxes are read straight from it. */
  readonly storage: StoragePort;
  /** How often outboxes are pushed (default 250 ms: followers in the cloud see events live). */
  readonly intervalMs?: number;
  /**
   * How often the venue's records are mirrored (default 60 s: 1,440 requests a day, ~1.4 % of
   * the Workers Free daily requests; pushes cost a request only when there is something to push).
   */
  readonly mirrorEveryMs?: number;
  /** How often held cloud commands are pulled without a push having reported some (default 10 s). */
  readonly heldEveryMs?: number;
  readonly now?: () => number;
  readonly log?: (line: string) => void;
}

export class Reconciler {
  readonly #o: ReconcilerOptions;
  #status: SyncStatus;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  /** When the box first failed to reach the cloud since its last success. */
  #unreachableSince: number | null = null;

  constructor(options: ReconcilerOptions) {
    this.#o = options;
    const p = options.pairing;
    this.#status = {
      paired: p !== null,
      venueId: p?.venueId ?? null,
      boxId: p?.boxId ?? null,
      cloudUrl: p?.cloudUrl ?? null,
      cloudReachable: null,
      lastAttemptAt: null,
      lastSyncAt: null,
      lastError: null,
      mirrored: null,
      tournaments: [],
      warning: null,
      updatedAt: this.#now(),
    };
  }

  #now(): number {
    return (this.#o.now ?? Date.now)();
  }

  status(): SyncStatus {
    return this.#status;
  }

  start(): void {
    if (!this.#o.pairing || this.#timer) return;
    void this.runOnce();
    this.#timer = setInterval(() => void this.runOnce(), this.#o.intervalMs ?? 250);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  /** One sync round; overlapping calls share the round in progress. */
  runOnce(): Promise<void> {
    this.#running ??= this.#round().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  #lastMirrorAt = 0;
  #cashPolledAt = 0;
  /** When each tournament's held commands were last pulled, and which pushes reported some. */
  readonly #heldPolledAt = new Map<string, number>();
  readonly #heldSeen = new Set<string>();

  async #round(): Promise<void> {
    const p = this.#o.pairing;
    if (!p) return;
    const startedAt = this.#now();
    try {
      if (
        startedAt - this.#lastMirrorAt >= (this.#o.mirrorEveryMs ?? 60_000) ||
        this.#status.mirrored === null
      ) {
        await this.#mirror(p);
        this.#lastMirrorAt = startedAt;
      }
      await this.#pushAll(p);
      // The cash room: its held commands (phones joining from outside) are pulled as often as
      // a tournament's, and at once when a push says there are some.
      const cashDue = startedAt - this.#cashPolledAt >= (this.#o.heldEveryMs ?? 10_000);
      if (cashDue) this.#cashPolledAt = startedAt;
      await syncCashRoom(
        {
          storage: this.#o.storage,
          localUrl: this.#o.localUrl,
          localKey: this.#o.localKey,
          now: () => this.#now(),
        },
        p,
        cashDue,
      );
      this.#unreachableSince = null;
      this.#set({
        cloudReachable: true,
        lastAttemptAt: startedAt,
        lastSyncAt: this.#now(),
        lastError: null,
        warning: null,
      });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.#unreachableSince ??= this.#status.lastSyncAt ?? startedAt;
      const offlineFor = this.#now() - this.#unreachableSince;
      const warning =
        offlineFor > OFFLINE_WARNING_MS
          ? `No contact with the cloud for ${Math.floor(offlineFor / 3600_000)} hours: the box keeps running; check the internet line`
          : null;
      if (message !== this.#status.lastError)
        this.#o.log?.(JSON.stringify({ level: 'warn', msg: 'sync failed', error: message }));
      this.#set({ cloudReachable: false, lastAttemptAt: startedAt, lastError: message, warning });
    }
  }

  async #mirror(p: Pairing): Promise<void> {
    const res = await fetch(`${p.cloudUrl}/sync/v1/venues/${encodeURIComponent(p.venueId)}/mirror`, {
      headers: { authorization: `Box ${p.credential}` },
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    if (res.status !== 200)
      throw new Error(`the cloud refused the mirror (${res.status}): ${text.slice(0, 200)}`);
    const local = await fetch(
      `${this.#o.localUrl}/api/v1/box/venues/${encodeURIComponent(p.venueId)}/mirror`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-felt-box-key': this.#o.localKey },
        body: text,
      },
    );
    const counts = (await local.json()) as {
      staff: number;
      players: number;
      templates: number;
      boxPlayers: unknown[];
    };
    if (local.status !== 200)
      throw new Error(`the box refused the mirror (${local.status}): ${JSON.stringify(counts)}`);
    this.#status = {
      ...this.#status,
      mirrored: { staff: counts.staff, players: counts.players, templates: counts.templates },
    };
    if (counts.boxPlayers.length > 0) {
      const up = await fetch(`${p.cloudUrl}/sync/v1/venues/${encodeURIComponent(p.venueId)}/players`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Box ${p.credential}` },
        body: JSON.stringify({ players: counts.boxPlayers }),
        signal: AbortSignal.timeout(30_000),
      });
      if (up.status !== 200) throw new Error(`the cloud refused the box's players (${up.status})`);
    }
    const { claimed = [] } = JSON.parse(text) as { claimed?: Listing[] };
    for (const t of claimed) await this.#adopt(p, t);
  }

  /**
   * Takes over a tournament the owner handed to this box in the cloud: its events come down
   * as they are, then the box runs it and pushes under the new epoch. Done once per tournament.
   */
  async #adopt(p: Pairing, t: Listing): Promise<void> {
    const storage = this.#o.storage;
    if ((await storage.getMeta(`v:${p.venueId}:tournaments`, t.id)) !== null) return;
    const key = `${p.venueId}/${t.id}`;
    let held = await namespacedStorage(storage, key).lastSeq(t.id);
    const venue = encodeURIComponent(p.venueId);
    const id = encodeURIComponent(t.id);
    for (;;) {
      const res = await fetch(
        `${p.cloudUrl}/sync/v1/venues/${venue}/tournaments/${id}/events?after=${held}`,
        {
          headers: { authorization: `Box ${p.credential}` },
          signal: AbortSignal.timeout(30_000),
        },
      );
      if (res.status !== 200) throw new Error(`the cloud refused the handover of ${t.id} (${res.status})`);
      const page = (await res.json()) as { epoch: number; seq: number; events: { seq: number }[] };
      const { home: _h, ...listing } = t;
      const local = await fetch(`${this.#o.localUrl}/api/v1/box/venues/${venue}/tournaments/${id}/adopt`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-felt-box-key': this.#o.localKey },
        body: JSON.stringify({ listing, epoch: page.epoch, events: page.events }),
      });
      const answer = (await local.json()) as { lastSeq: number };
      if (local.status !== 200) throw new Error(`the box refused the handover of ${t.id} (${local.status})`);
      held = answer.lastSeq;
      // What came from the cloud is acknowledged by definition; later events go up under the epoch.
      await storage.batch([
        { op: 'meta', scope: OUTBOX_SCOPE, key, value: String(held), updatedAt: this.#now() },
        { op: 'meta', scope: EPOCH_SCOPE, key, value: String(page.epoch), updatedAt: this.#now() },
      ]);
      if (page.events.length === 0 || held >= page.seq) return;
    }
  }

  /** Pushes every box-run tournament's unacknowledged events, in order, in batches. */
  async #pushAll(p: Pairing): Promise<void> {
    const storage = this.#o.storage;
    const listed = await storage.listMeta(`v:${p.venueId}:tournaments`);
    const rows: TournamentSync[] = [];
    for (const row of listed) {
      const t = JSON.parse(row.value) as {
        id: string;
        name: string;
        status: string;
        createdAt: number;
        home?: string;
      };
      // Tournaments listed with a home came from elsewhere; the box runs the ones made here.
      if (t.home !== undefined) continue;
      rows.push(await this.#push(p, t));
    }
    this.#status = { ...this.#status, tournaments: rows };
  }

  async #push(
    p: Pairing,
    t: { id: string; name: string; status: string; createdAt: number },
  ): Promise<TournamentSync> {
    const key = `${p.venueId}/${t.id}`;
    const log = namespacedStorage(this.#o.storage, key);
    const previous = this.#status.tournaments.find((x) => x.id === t.id);
    let acked = Number((await this.#o.storage.getMeta(OUTBOX_SCOPE, key)) ?? '0');
    const epoch = Number((await this.#o.storage.getMeta(EPOCH_SCOPE, key)) ?? '0');
    const last = await log.lastSeq(t.id);
    let lastPushAt = previous?.lastPushAt ?? null;
    let refused: string | null = null;
    while (acked < last) {
      const events = (await log.readEvents(t.id, acked, PUSH_BATCH)).map(({ tournamentId: _t, ...e }) => e);
      const res = await fetch(
        `${p.cloudUrl}/sync/v1/venues/${encodeURIComponent(p.venueId)}/tournaments/${encodeURIComponent(t.id)}/events`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Box ${p.credential}` },
          body: JSON.stringify({
            name: t.name,
            status: t.status,
            createdAt: t.createdAt,
            epoch,
            head: last,
            events,
          }),
          signal: AbortSignal.timeout(30_000),
        },
      );
      const answer = (await res.json()) as {
        lastSeq?: number;
        held?: number;
        error?: { code: string; message: string };
      };
      if ((answer.held ?? 0) > 0) this.#heldSeen.add(t.id);
      if (res.status === 409) {
        // Fenced: another home decides this tournament now. Keep our events; a person decides.
        refused = answer.error?.message ?? 'refused by the cloud';
        break;
      }
      if (res.status !== 200 || typeof answer.lastSeq !== 'number') {
        throw new Error(
          `the cloud refused events of ${t.id} (${res.status}): ${JSON.stringify(answer).slice(0, 200)}`,
        );
      }
      // The cloud says what it holds: a duplicate moves nothing, a gap makes us resend from there.
      const moved = answer.lastSeq !== acked;
      acked = answer.lastSeq;
      await this.#o.storage.batch([
        { op: 'meta', scope: OUTBOX_SCOPE, key, value: String(acked), updatedAt: this.#now() },
      ]);
      lastPushAt = this.#now();
      if (!moved) break;
    }
    let ran = previous?.queuedRun ?? 0;
    // Held commands are pulled when a push answer says there are some, and otherwise only
    // every heldEveryMs: each pull is a request against the cloud's daily quota.
    const now = this.#now();
    const due = now - (this.#heldPolledAt.get(t.id) ?? 0) >= (this.#o.heldEveryMs ?? 10_000);
    if (refused === null && last > 0 && (due || this.#heldSeen.has(t.id))) {
      this.#heldPolledAt.set(t.id, now);
      this.#heldSeen.delete(t.id);
      const done = await this.#runQueued(p, t.id);
      ran += done;
      // Their events go up in this same round.
      if (done > 0) return { ...(await this.#push(p, t)), queuedRun: ran };
    }
    return {
      id: t.id,
      name: t.name,
      home: p.boxId,
      epoch,
      lastSeq: last,
      ackedSeq: acked,
      backlog: last - acked,
      lastPushAt,
      refused,
      queuedRun: ran,
    };
  }

  /**
   * Runs the commands the cloud holds for this tournament, in order, then acknowledges them.
   * A command pulled twice (a lost acknowledgement) runs once: the box answers a repeated
   * commandId with its first answer.
   */
  async #runQueued(p: Pairing, id: string): Promise<number> {
    const base = `${p.cloudUrl}/sync/v1/venues/${encodeURIComponent(p.venueId)}/tournaments/${encodeURIComponent(id)}/queue`;
    const res = await fetch(base, {
      headers: { authorization: `Box ${p.credential}` },
      signal: AbortSignal.timeout(15_000),
    });
    if (res.status !== 200) return 0;
    const { commands } = (await res.json()) as {
      commands: { command: { commandId: string }; actor: unknown }[];
    };
    const done: string[] = [];
    const refusals: Record<string, { code: string; message: string }> = {};
    for (const item of commands) {
      const local = await fetch(
        `${this.#o.localUrl}/api/v1/box/venues/${encodeURIComponent(p.venueId)}/tournaments/${encodeURIComponent(id)}/commands`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-felt-box-key': this.#o.localKey },
          body: JSON.stringify(item),
        },
      );
      // Decided (or refused by a rule, which is final too): done. Anything else: try again later.
      if (local.status !== 200 && local.status !== 400) break;
      done.push(item.command.commandId);
      // A rule's refusal goes up with the acknowledgement (an online registrant is told why).
      const answer = (await local.json().catch(() => null)) as {
        ok?: boolean;
        error?: { code: string; message: string };
      } | null;
      if (answer?.ok === false && answer.error)
        refusals[item.command.commandId] = { code: answer.error.code, message: answer.error.message };
    }
    if (done.length > 0) {
      const acked = await fetch(`${base}/ack`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Box ${p.credential}` },
        body: JSON.stringify({ commandIds: done, refusals }),
        signal: AbortSignal.timeout(15_000),
      });
      if (acked.status !== 200) throw new Error(`the cloud refused the acknowledgement (${acked.status})`);
    }
    return done.length;
  }

  #set(patch: Partial<SyncStatus>): void {
    this.#status = { ...this.#status, ...patch, updatedAt: this.#now() };
    // `felt-box status` reads this file, also while the box is stopped.
    // Written aside and renamed: a reader never sees half a file (rename is atomic).
    const file = join(this.#o.dataDir, 'status.json');
    writeFileSync(`${file}.tmp`, `${JSON.stringify(this.#status, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
  }
}
