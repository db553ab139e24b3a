import { env, runInDurableObject } from 'cloudflare:test';
import { DoSqliteStorage } from '../../durable-objects/storage/do-sqlite.ts';
import { defineStorageContract } from '../contract/storage.contract.ts';

// The storage contract on a real Durable Object's SQLite (a fresh object per test).
defineStorageContract('Durable Object SQLite (ctx.storage.sql)', async (fn) => {
  const stub = env.TOURNAMENT.get(env.TOURNAMENT.newUniqueId());
  await runInDurableObject(stub, async (_instance, state) => {
    await fn(new DoSqliteStorage(state.storage));
  });
});
