import { Hono } from 'hono';
import { allMigrationNames } from '../../durable-objects/storage/migrate-plan.ts';
import type { Env } from '../env.ts';
import { VERSION } from '../version.ts';

/**
 * GET /api/v1/health: which runtime and storage answer, the version, and the migrations the
 * storage has applied (asked of a real Durable Object, so a broken database shows here).
 */
export const health = new Hono<{ Bindings: Env }>().get('/', async (c) => {
  const env = c.env;
  const runtime = env.FELT_RUNTIME === 'box' ? 'box' : 'cloud';
  const storage = env.BOX_STORAGE ? 'libsql' : 'do-sqlite';
  const stub = env.TOURNAMENT.get(env.TOURNAMENT.idFromName('__health__'));
  const status = await stub.migrations();
  const applied = status?.applied ?? [];
  const expected = allMigrationNames();
  const ok = expected.every((m) => applied.includes(m));
  return c.json(
    {
      ok,
      runtime,
      storage,
      version: VERSION,
      migrations: { applied, expected },
      time: Date.now(),
    },
    ok ? 200 : 503,
  );
});
