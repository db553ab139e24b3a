import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStorageServer } from '../../edge-node/storage-server.ts';
import { defineStorageContract } from '../../tests/contract/storage.contract.ts';
import { LibsqlStorage } from './libsql.ts';
import { openLibsqlFile } from './libsql-open.ts';
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
