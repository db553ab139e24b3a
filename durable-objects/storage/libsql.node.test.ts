import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startStorageServer } from '../../edge-node/storage-server.ts';
import { defineStorageContract } from '../../tests/contract/storage.contract.ts';
import { LibsqlStorage } from './libsql.ts';
import { openLibsqlFile } from './libsql-open.ts';
import { namespacedStorage } from './namespaced.ts';
import { RemoteStorage } from './remote.ts';

async function withTempDb<T>(fn: (storage: LibsqlStorage) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'felt-libsql-'));
  const client = await openLibsqlFile(join(dir, 'felt.db'));
  try {
    return await fn(new LibsqlStorage(client));
  } finally {
    client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

defineStorageContract('libSQL file (@libsql/client)', (fn) => withTempDb(fn));

defineStorageContract('libSQL through the box loopback binding', (fn) =>
  withTempDb(async (storage) => {
    const server = await startStorageServer(storage, 'secret-token');
    try {
      const fetcher = {
        fetch: (path: string, init?: RequestInit) =>
          fetch(path.replace('http://box-storage', `http://127.0.0.1:${server.port}`), init),
      };
      await fn(new RemoteStorage(fetcher, 'secret-token'));
    } finally {
      await server.close();
    }
  }),
);

// The box's tournaments share one file: each object's rows live under its own namespace.
defineStorageContract('libSQL under a namespace (one tournament object on the box)', (fn) =>
  withTempDb(async (storage) => {
    await storage.migrate();
    // Another venue's tournament with the same bare id, already in the same file.
    const other = namespacedStorage(storage, 'venue-b/t1');
    await other.batch([
      {
        op: 'append',
        tournamentId: 't1',
        expectedLastSeq: 0,
        events: [{ seq: 1, eventId: 'other-1', epoch: 0, type: 'X', at: 1, body: '{}' }],
      },
      { op: 'meta', scope: 'cues:t1', key: 'c', value: 'other', updatedAt: 1 },
    ]);
    return fn(namespacedStorage(storage, 'venue-a/t1'));
  }),
);

describe('namespaced storage', () => {
  it('given two venues with the same tournament id in one file, then neither sees the other', async () => {
    await withTempDb(async (storage) => {
      await storage.migrate();
      const a = namespacedStorage(storage, 'a');
      const b = namespacedStorage(storage, 'b');
      const event = { seq: 1, eventId: 'e1', epoch: 0, type: 'X', at: 1, body: '{}' };
      await a.batch([{ op: 'append', tournamentId: 't1', expectedLastSeq: 0, events: [event] }]);
      expect(await a.lastSeq('t1')).toBe(1);
      expect(await b.lastSeq('t1')).toBe(0);
      expect((await a.readEvents('t1', 0, 10))[0]?.tournamentId).toBe('t1');
      await b.batch([
        { op: 'append', tournamentId: 't1', expectedLastSeq: 0, events: [{ ...event, eventId: 'e2' }] },
      ]);
      expect(await b.lastSeq('t1')).toBe(1);
    });
  });
});
