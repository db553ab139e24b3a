import type { Env } from '../../workers/env.ts';
import { DoSqliteStorage } from './do-sqlite.ts';
import type { StoragePort } from './port.ts';
import { RemoteStorage } from './remote.ts';

/**
 * The one place that picks an adapter. Cloud and box differ only here: the box's generated
 * workerd config adds the BOX_STORAGE binding, so the same Durable Object code writes to the
 * box's libSQL file instead of its own SQLite.
 */
export function storageFor(env: Env, storage: DurableObjectStorage): StoragePort {
  if (env.BOX_STORAGE) {
    if (!env.BOX_STORAGE_TOKEN) throw new Error('BOX_STORAGE binding without BOX_STORAGE_TOKEN');
    return new RemoteStorage(env.BOX_STORAGE, env.BOX_STORAGE_TOKEN);
  }
  return new DoSqliteStorage(storage);
}
