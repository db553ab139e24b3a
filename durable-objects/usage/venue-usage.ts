/**
 * What each venue uses of Cloudflare's Workers Free daily quotas, for its owner's Usage page:
 * Worker requests, Durable Object requests, WebSocket messages, alarms and SQLite rows written,
 * per UTC day (the quotas reset at 00:00 UTC). Counted where they happen, in memory (each hook
 * is an increment), and added to the venue's own daily row at most once a minute per isolate:
 * an isolate evicted before it adds its counts loses at most that minute, so the page says
 * "at least". Cloud only: on a box nothing is billed.
 */

export interface UsageCounts {
  readonly workerRequests: number;
  /** RPC calls and alarms, plus WebSocket messages at 20 to one, as Cloudflare bills them. */
  readonly doRequests: number;
  readonly websocketMessages: number;
  readonly alarms: number;
  readonly rowsWritten: number;
}

export const NO_USAGE: UsageCounts = {
  workerRequests: 0,
  doRequests: 0,
  websocketMessages: 0,
  alarms: 0,
  rowsWritten: 0,
};

/** Workers Free, per day (developers.cloudflare.com/workers/platform/limits, durable-objects/platform/pricing). */
export const FREE_TIER_DAILY: UsageCounts = {
  workerRequests: 100_000,
  doRequests: 100_000,
  websocketMessages: 2_000_000,
  alarms: 100_000,
  rowsWritten: 100_000,
};

export function addUsage(a: UsageCounts, b: Partial<UsageCounts>): UsageCounts {
  return {
    workerRequests: a.workerRequests + (b.workerRequests ?? 0),
    doRequests: a.doRequests + (b.doRequests ?? 0),
    websocketMessages: a.websocketMessages + (b.websocketMessages ?? 0),
    alarms: a.alarms + (b.alarms ?? 0),
    rowsWritten: a.rowsWritten + (b.rowsWritten ?? 0),
  };
}

/** The UTC day of a time, as "2026-12-07". */
export function usageDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The venue an object's name belongs to ("venue/tournament", or the venue id itself). */
export function venueOfObject(name: string): string {
  const slash = name.indexOf('/');
  return slash === -1 ? name : name.slice(0, slash);
}

export const FLUSH_EVERY_MS = 60_000;

/** This isolate's counts not yet added to the venues' rows, by venue and day. */
export class UsageTally {
  #pending = new Map<string, UsageCounts>();
  #flushedAt = 0;
  #on = false;

  /** Counting is for the cloud; on a box every hook is a flag test. */
  enableFrom(env: { readonly FELT_RUNTIME?: string }): void {
    if (env.FELT_RUNTIME === 'cloud') this.#on = true;
  }

  get on(): boolean {
    return this.#on;
  }

  add(venueId: string, counts: Partial<UsageCounts>, now = Date.now()): void {
    if (!this.#on || venueId === '') return;
    const key = `${venueId} ${usageDay(now)}`;
    this.#pending.set(key, addUsage(this.#pending.get(key) ?? NO_USAGE, counts));
  }

  /**
   * Takes what is pending when a minute has passed since the last take (or always, with
   * `force`, for one venue whose owner is reading the page): [venueId, day, counts] each.
   */
  take(now: number, force?: { venueId: string }): [string, string, UsageCounts][] {
    if (!force && now - this.#flushedAt < FLUSH_EVERY_MS) return [];
    const taken: [string, string, UsageCounts][] = [];
    for (const [key, counts] of this.#pending) {
      const [venueId = '', day = ''] = key.split(' ');
      if (force && venueId !== force.venueId) continue;
      taken.push([venueId, day, counts]);
      this.#pending.delete(key);
    }
    if (!force) this.#flushedAt = now;
    return taken;
  }
}

/** The isolate's tally (module state, like the meter: the hooks need no plumbing). */
export const tally = new UsageTally();
