/**
 * Counts, in this isolate, what Cloudflare's Workers Free plan has daily quotas for: Worker
 * requests, Durable Object requests (RPC calls and alarms; incoming WebSocket messages count
 * 1/20), Durable Object awake time (GB-s at 128 MB) and SQLite rows written. For the
 * free-tier benchmark on the local cloud runtime (bench/free-tier.bench.ts), where the Worker
 * and its Durable Objects share one isolate; off unless the deployment sets FELT_METER=1, and
 * then every hook below is a flag test.
 *
 * Awake time is the union of the intervals an object spends handling something: the
 * Hibernation API lets an idle TournamentDO with followers sleep unbilled, and it keeps no
 * timers that would stop it from hibernating.
 */
export type ObjectClass = 'tournament' | 'venue' | 'directory' | 'displays';
export type Invocation = 'rpc' | 'alarm' | 'websocket-message' | 'websocket-close';

interface ObjectUsage {
  readonly objectClass: ObjectClass;
  readonly counts: Record<Invocation, number>;
  readonly intervals: [number, number][];
}

export interface UsageReport {
  readonly workerRequests: number;
  readonly durableObjects: {
    /** As billed: RPC calls + alarms + (WebSocket messages and closes) / 20. */
    readonly billedRequests: number;
    readonly rpc: number;
    readonly alarms: number;
    readonly websocketMessages: number;
    readonly websocketCloses: number;
    /** Sum over objects of the time each was handling something, in ms. */
    readonly awakeMs: number;
    readonly objects: number;
    readonly byClass: Record<ObjectClass, { requests: number; awakeMs: number; objects: number }>;
  };
  readonly rowsWritten: number;
}

/** Length of the union of intervals (ms). */
export function unionLength(intervals: readonly (readonly [number, number])[]): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let start = Number.NEGATIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const [s, e] of sorted) {
    if (s > end) {
      if (end > start) total += end - start;
      start = s;
      end = e;
    } else if (e > end) end = e;
  }
  if (end > start) total += end - start;
  return total;
}

export class UsageMeter {
  #on = false;
  #workerRequests = 0;
  #rowsWritten = 0;
  readonly #objects = new Map<string, ObjectUsage>();

  get on(): boolean {
    return this.#on;
  }

  /** Turns metering on for this isolate when the deployment asks for it. */
  enableFrom(env: { readonly FELT_METER?: string }): void {
    if (env.FELT_METER === '1') this.#on = true;
  }

  workerRequest(): void {
    if (this.#on) this.#workerRequests += 1;
  }

  rows(written: number): void {
    if (this.#on) this.#rowsWritten += written;
  }

  invocation(objectClass: ObjectClass, name: string, what: Invocation, start: number, end: number): void {
    if (!this.#on) return;
    const key = `${objectClass}:${name}`;
    let usage = this.#objects.get(key);
    if (!usage) {
      usage = {
        objectClass,
        counts: { rpc: 0, alarm: 0, 'websocket-message': 0, 'websocket-close': 0 },
        intervals: [],
      };
      this.#objects.set(key, usage);
    }
    usage.counts[what] += 1;
    usage.intervals.push([start, Math.max(start, end)]);
  }

  /** Runs a handler of a Durable Object, counting it and the time it took. */
  async time<T>(objectClass: ObjectClass, name: string, what: Invocation, run: () => Promise<T>): Promise<T> {
    if (!this.#on) return run();
    const start = Date.now();
    try {
      return await run();
    } finally {
      this.invocation(objectClass, name, what, start, Date.now());
    }
  }

  report(): UsageReport {
    const byClass: Record<ObjectClass, { requests: number; awakeMs: number; objects: number }> = {
      tournament: { requests: 0, awakeMs: 0, objects: 0 },
      venue: { requests: 0, awakeMs: 0, objects: 0 },
      directory: { requests: 0, awakeMs: 0, objects: 0 },
      displays: { requests: 0, awakeMs: 0, objects: 0 },
    };
    let rpc = 0;
    let alarms = 0;
    let websocketMessages = 0;
    let websocketCloses = 0;
    let awakeMs = 0;
    for (const usage of this.#objects.values()) {
      const c = usage.counts;
      rpc += c.rpc;
      alarms += c.alarm;
      websocketMessages += c['websocket-message'];
      websocketCloses += c['websocket-close'];
      const awake = unionLength(usage.intervals);
      awakeMs += awake;
      const cls = byClass[usage.objectClass];
      cls.requests += c.rpc + c.alarm + (c['websocket-message'] + c['websocket-close']) / 20;
      cls.awakeMs += awake;
      cls.objects += 1;
    }
    return {
      workerRequests: this.#workerRequests,
      durableObjects: {
        billedRequests: rpc + alarms + (websocketMessages + websocketCloses) / 20,
        rpc,
        alarms,
        websocketMessages,
        websocketCloses,
        awakeMs,
        objects: this.#objects.size,
        byClass,
      },
      rowsWritten: this.#rowsWritten,
    };
  }
}

/** The isolate's meter (module state: the Worker and its Durable Objects share the isolate). */
export const meter = new UsageMeter();

/** A stub whose every method call goes through `around` (the stub's own then/symbols do not). */
export function interceptCalls<T extends object>(stub: T, around: (call: () => unknown) => unknown): T {
  return new Proxy(stub, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop === 'symbol' || prop === 'then' || typeof value !== 'function') return value;
      // Reflect.apply, not value.apply: on an RPC stub `.apply` would be a remote method.
      return (...args: unknown[]) =>
        around(() => Reflect.apply(value as (...a: unknown[]) => unknown, target, args));
    },
  });
}

/**
 * A Durable Object stub whose method calls are counted as billed requests, each timed from
 * the caller's side (an upper bound of the object's awake time). The stub itself when off.
 */
export function meteredStub<T extends object>(stub: T, objectClass: ObjectClass, name: string): T {
  if (!meter.on) return stub;
  return interceptCalls(stub, (call) => {
    const start = Date.now();
    return Promise.resolve(call()).finally(() =>
      meter.invocation(objectClass, name, 'rpc', start, Date.now()),
    );
  });
}
