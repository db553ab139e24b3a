/**
 * The hooks of the usage tally (venue-usage.ts): a Durable Object stub whose every call is
 * one billed request of its venue, a storage port whose writes are the rows it writes, and
 * the flush that adds an isolate's counts to the venues' daily rows.
 */
import type { StoragePort, WriteOp } from '../storage/port.ts';
import { interceptCalls } from './meter.ts';
import { tally, type UsageCounts } from './venue-usage.ts';

export function countedStub<T extends object>(stub: T, venueId: string): T {
  if (!tally.on) return stub;
  return interceptCalls(stub, (call) => {
    tally.add(venueId, { doRequests: 1 });
    return call();
  });
}

/** Rows a batch writes, as SQLite counts them (an append is one row per event). */
export function rowsOf(ops: readonly WriteOp[]): number {
  let rows = 0;
  for (const op of ops) rows += op.op === 'append' ? op.events.length : 1;
  return rows;
}

export function countedStorage(port: StoragePort, venueId: () => string | null): StoragePort {
  if (!tally.on) return port;
  return {
    kind: port.kind,
    migrate: () => port.migrate(),
    batch: async (ops) => {
      await port.batch(ops);
      const v = venueId();
      if (v) tally.add(v, { rowsWritten: rowsOf(ops) });
    },
    lastSeq: (id) => port.lastSeq(id),
    readEvents: (id, after, limit) => port.readEvents(id, after, limit),
    loadSnapshot: (id) => port.loadSnapshot(id),
    getCommandResult: (id, c) => port.getCommandResult(id, c),
    getMeta: (s, k) => port.getMeta(s, k),
    listMeta: (s) => port.listMeta(s),
    sizeOf: (id) => port.sizeOf(id),
  };
}

/** Adds taken counts to each venue's daily row (the caller keeps it alive with waitUntil). */
export async function flushUsage(
  taken: readonly [string, string, UsageCounts][],
  add: (venueId: string, day: string, counts: UsageCounts) => Promise<void>,
): Promise<void> {
  await Promise.all(
    taken.map(([venueId, day, counts]) =>
      add(venueId, day, counts).catch(() => {
        // Counting must never fail a request: a lost minute of counts is the page's "at least".
      }),
    ),
  );
}
