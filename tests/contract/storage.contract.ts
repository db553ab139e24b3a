/**
 * The storage-port contract: one suite, run against every adapter (DO SQLite inside workerd,
 * libSQL in Node, and libSQL through the box's loopback binding). Identical behaviour is the
 * point: the Durable Objects must not be able to tell the adapters apart.
 */
import { describe, expect, it } from 'vitest';
import { StorageError } from '../../durable-objects/storage/errors.ts';
import { allMigrationNames } from '../../durable-objects/storage/migrate-plan.ts';
import type { NewEvent, StoragePort } from '../../durable-objects/storage/port.ts';

export type WithStorage = (fn: (port: StoragePort) => Promise<void>) => Promise<void>;

function ev(seq: number, extra: Partial<NewEvent> = {}): NewEvent {
  return {
    seq,
    eventId: `e-${seq}`,
    epoch: 0,
    type: 'Test',
    at: 1_700_000_000_000 + seq,
    body: JSON.stringify({ type: 'Test', n: seq }),
    ...extra,
  };
}

async function expectStorageError(p: Promise<unknown>, code: string): Promise<void> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected a ${code} StorageError`).toBeInstanceOf(StorageError);
  expect((err as StorageError).code).toBe(code);
}

export function defineStorageContract(adapterName: string, withStorage: WithStorage): void {
  describe(`storage port contract: ${adapterName}`, () => {
    it('given a new database, when migrating twice, then the second run is a no-op', async () => {
      await withStorage(async (port) => {
        const first = await port.migrate();
        expect(first.applied).toEqual(allMigrationNames());
        const second = await port.migrate();
        expect(second.appliedNow).toEqual([]);
        expect(second.applied).toEqual(first.applied);
      });
    });

    it('given appended events, when reading from a seq, then the tail comes back in order', async () => {
      await withStorage(async (port) => {
        await port.migrate();
        await port.batch([
          { op: 'append', tournamentId: 't1', expectedLastSeq: 0, events: [ev(1), ev(2), ev(3)] },
        ]);
        await port.batch([{ op: 'append', tournamentId: 't1', expectedLastSeq: 3, events: [ev(4)] }]);
        expect(await port.lastSeq('t1')).toBe(4);
        const all = await port.readEvents('t1', 0, 100);
        expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
        expect(all[0]).toEqual({ tournamentId: 't1', ...ev(1) });
        expect((await port.readEvents('t1', 2, 100)).map((e) => e.seq)).toEqual([3, 4]);
        expect((await port.readEvents('t1', 0, 2)).map((e) => e.seq)).toEqual([1, 2]);
        expect(await port.readEvents('t1', 4, 100)).toEqual([]);
      });
    });

    it('keeps tournaments apart', async () => {
      await withStorage(async (port) => {
        await port.migrate();
        await port.batch([{ op: 'append', tournamentId: 'a', expectedLastSeq: 0, events: [ev(1)] }]);
        await port.batch([{ op: 'append', tournamentId: 'b', expectedLastSeq: 0, events: [ev(1), ev(2)] }]);
        expect(await port.lastSeq('a')).toBe(1);
        expect(await port.lastSeq('b')).toBe(2);
        expect(await port.lastSeq('nobody')).toBe(0);
      });
    });

    it('given a stale expected seq, when appending, then SEQ_CONFLICT and nothing is written', async () => {
      await withStorage(async (port) => {
        await port.migrate();
        await port.batch([{ op: 'append', tournamentId: 't', expectedLastSeq: 0, events: [ev(1)] }]);
        await expectStorageError(
          port.batch([
            { op: 'append', tournamentId: 't', expectedLastSeq: 0, events: [ev(1, { eventId: 'x' })] },
          ]),
          'SEQ_CONFLICT',
        );
        await expectStorageError(
          port.batch([{ op: 'append', tournamentId: 't', expectedLastSeq: 1, events: [ev(3)] }]),
          'SEQ_CONFLICT',
        );
        expect((await port.readEvents('t', 0, 10)).map((e) => e.eventId)).toEqual(['e-1']);
      });
    });

    it('given an eventId already in the log, when appending it again, then DUPLICATE_EVENT', async () => {
      await withStorage(async (port) => {
        await port.migrate();
        await port.batch([{ op: 'append', tournamentId: 't', expectedLastSeq: 0, events: [ev(1)] }]);
        await expectStorageError(
          port.batch([
            { op: 'append', tournamentId: 't', expectedLastSeq: 1, events: [ev(2, { eventId: 'e-1' })] },
          ]),
          'DUPLICATE_EVENT',
        );
        expect(await port.lastSeq('t')).toBe(1);
      });
    });

    it('given a batch whose last operation fails, then the whole batch is rolled back', async () => {
      await withStorage(async (port) => {
        await port.migrate();
        await port.batch([
          { op: 'commandResult', tournamentId: 't', commandId: 'c0', seq: 0, response: '{}' },
        ]);
        await expectStorageError(
          port.batch([
            { op: 'append', tournamentId: 't', expectedLastSeq: 0, events: [ev(1), ev(2)] },
            { op: 'snapshot', tournamentId: 't', seq: 2, body: '{"s":2}', savedAt: 5 },
            { op: 'meta', scope: 't', key: 'k', value: 'v', updatedAt: 5 },
            { op: 'commandResult', tournamentId: 't', commandId: 'c0', seq: 2, response: '{}' },
          ]),
          'DUPLICATE_COMMAND',
        );
        expect(await port.lastSeq('t')).toBe(0);
        expect(await port.loadSnapshot('t')).toBeNull();
        expect(await port.getMeta('t', 'k')).toBeNull();
        // …and the database still works afterwards.
        await port.batch([{ op: 'append', tournamentId: 't', expectedLastSeq: 0, events: [ev(1)] }]);
        expect(await port.lastSeq('t')).toBe(1);
      });
    });

    it('given a batch with a bad second append, then the first append is rolled back too', async () => {
      await withStorage(async (port) => {
        await port.migrate();
        await expectStorageError(
          port.batch([
            { op: 'append', tournamentId: 'x', expectedLastSeq: 0, events: [ev(1)] },
            { op: 'append', tournamentId: 'y', expectedLastSeq: 7, events: [ev(8)] },
          ]),
          'SEQ_CONFLICT',
        );
        expect(await port.lastSeq('x')).toBe(0);
      });
    });

    it('rejects an unknown operation with BAD_BATCH', async () => {
      await withStorage(async (port) => {
        await port.migrate();
        await expectStorageError(port.batch([{ op: 'drop-table' } as never]), 'BAD_BATCH');
      });
    });

    it('saves, loads and replaces snapshots', async () => {
      await withStorage(async (port) => {
        await port.migrate();
        expect(await port.loadSnapshot('t')).toBeNull();
        await port.batch([{ op: 'snapshot', tournamentId: 't', seq: 10, body: '{"a":1}', savedAt: 100 }]);
        expect(await port.loadSnapshot('t')).toEqual({ seq: 10, body: '{"a":1}', savedAt: 100 });
        await port.batch([{ op: 'snapshot', tournamentId: 't', seq: 20, body: '{"a":2}', savedAt: 200 }]);
        expect(await port.loadSnapshot('t')).toEqual({ seq: 20, body: '{"a":2}', savedAt: 200 });
      });
    });

    it('records the first answer to a command', async () => {
      await withStorage(async (port) => {
        await port.migrate();
        expect(await port.getCommandResult('t', 'c1')).toBeNull();
        await port.batch([
          { op: 'append', tournamentId: 't', expectedLastSeq: 0, events: [ev(1)] },
          { op: 'commandResult', tournamentId: 't', commandId: 'c1', seq: 1, response: '{"seq":1}' },
        ]);
        expect(await port.getCommandResult('t', 'c1')).toEqual({ seq: 1, response: '{"seq":1}' });
      });
    });

    it('measures one tournament: its events, their bytes, its snapshot and command answers', async () => {
      await withStorage(async (port) => {
        await port.migrate();
        expect(await port.sizeOf('t')).toEqual({
          events: 0,
          eventBytes: 0,
          snapshotBytes: 0,
          commandResults: 0,
        });
        const bodies = [ev(1), ev(2, { body: JSON.stringify({ type: 'Test', name: 'Åsa' }) })];
        await port.batch([
          { op: 'append', tournamentId: 't', expectedLastSeq: 0, events: bodies },
          { op: 'commandResult', tournamentId: 't', commandId: 'c1', seq: 2, response: '{}' },
          { op: 'snapshot', tournamentId: 't', seq: 2, body: '{"s":"ü"}', savedAt: 1 },
          { op: 'append', tournamentId: 'other', expectedLastSeq: 0, events: [ev(1)] },
        ]);
        const utf8 = (s: string) => new TextEncoder().encode(s).length;
        expect(await port.sizeOf('t')).toEqual({
          events: 2,
          // Bytes, not characters: Å and ü take two each.
          eventBytes: utf8(bodies[0]!.body) + utf8(bodies[1]!.body),
          snapshotBytes: utf8('{"s":"ü"}'),
          commandResults: 1,
        });
      });
    });

    it('sets, lists and deletes meta keys', async () => {
      await withStorage(async (port) => {
        await port.migrate();
        await port.batch([
          { op: 'meta', scope: 's', key: 'b', value: '2', updatedAt: 1 },
          { op: 'meta', scope: 's', key: 'a', value: '1', updatedAt: 1 },
          { op: 'meta', scope: 'other', key: 'a', value: 'x', updatedAt: 1 },
        ]);
        expect(await port.listMeta('s')).toEqual([
          { key: 'a', value: '1' },
          { key: 'b', value: '2' },
        ]);
        await port.batch([{ op: 'meta', scope: 's', key: 'a', value: '9', updatedAt: 2 }]);
        expect(await port.getMeta('s', 'a')).toBe('9');
        await port.batch([{ op: 'meta', scope: 's', key: 'a', value: null, updatedAt: 3 }]);
        expect(await port.getMeta('s', 'a')).toBeNull();
        expect(await port.getMeta('other', 'a')).toBe('x');
      });
    });

    it('keeps large event bodies and unicode intact', async () => {
      await withStorage(async (port) => {
        await port.migrate();
        const body = JSON.stringify({ name: 'Søren Ærø 🂡', pad: 'x'.repeat(200_000) });
        await port.batch([
          { op: 'append', tournamentId: 't', expectedLastSeq: 0, events: [ev(1, { body })] },
        ]);
        expect((await port.readEvents('t', 0, 1))[0]?.body).toBe(body);
      });
    });
  });
}
