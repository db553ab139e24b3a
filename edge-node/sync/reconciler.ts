/**
 * The box's link to the cloud, run by the box process while it is paired: it mirrors the
 * venue's staff (with their password and PIN hashes), players and templates into the box so
 * sign-in works offline, and records how the link is doing for `felt-box status`. Outbox
 * push of box-homed tournaments builds on this loop (issue #8).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pairing } from './pairing.ts';

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
  readonly intervalMs?: number;
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
    this.#timer = setInterval(() => void this.runOnce(), this.#o.intervalMs ?? 30_000);
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

  async #round(): Promise<void> {
    const p = this.#o.pairing;
    if (!p) return;
    const startedAt = this.#now();
    try {
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
      const counts = (await local.json()) as { staff: number; players: number; templates: number };
      if (local.status !== 200)
        throw new Error(`the box refused the mirror (${local.status}): ${JSON.stringify(counts)}`);
      this.#unreachableSince = null;
      this.#set({
        cloudReachable: true,
        lastAttemptAt: startedAt,
        lastSyncAt: this.#now(),
        lastError: null,
        mirrored: counts,
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
      this.#set({ cloudReachable: false, lastAttemptAt: startedAt, lastError: message, warning });
      this.#o.log?.(JSON.stringify({ level: 'warn', msg: 'sync failed', error: message }));
    }
  }

  #set(patch: Partial<SyncStatus>): void {
    this.#status = { ...this.#status, ...patch, updatedAt: this.#now() };
    // `felt-box status` reads this file, also while the box is stopped.
    writeFileSync(join(this.#o.dataDir, 'status.json'), `${JSON.stringify(this.#status, null, 2)}\n`);
  }
}
