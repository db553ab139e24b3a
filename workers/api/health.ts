import { createRoute, z } from '@hono/zod-openapi';
import { allMigrationNames } from '../../durable-objects/storage/migrate-plan.ts';
import { json, router } from '../http/openapi.ts';
import { VERSION } from '../version.ts';

export const HealthSchema = z
  .object({
    ok: z.boolean(),
    runtime: z.enum(['cloud', 'box']),
    storage: z.enum(['do-sqlite', 'libsql']),
    version: z.string(),
    migrations: z.object({ applied: z.array(z.string()), expected: z.array(z.string()) }),
    time: z.number(),
  })
  .openapi('Health');

const route = createRoute({
  method: 'get',
  path: '/health',
  tags: ['health'],
  summary: 'Which runtime and storage answer, the version, and the migrations applied',
  responses: {
    200: json(HealthSchema, 'Healthy'),
    503: json(HealthSchema, 'The storage has not applied every migration'),
  },
});

/**
 * GET /api/v1/health: which runtime and storage answer, the version, and the migrations the
 * storage has applied (asked of a real Durable Object, so a broken database shows here).
 */
export const health = router().openapi(route, async (c) => {
  const env = c.env;
  const runtime = env.FELT_RUNTIME === 'box' ? 'box' : 'cloud';
  const storage = env.BOX_STORAGE ? 'libsql' : 'do-sqlite';
  const stub = env.TOURNAMENT.get(env.TOURNAMENT.idFromName('__health__'));
  const status = await stub.migrations();
  const applied = [...(status?.applied ?? [])];
  const expected = allMigrationNames();
  const ok = expected.every((m) => applied.includes(m));
  const body = {
    ok,
    runtime: runtime as 'cloud' | 'box',
    storage: storage as 'do-sqlite' | 'libsql',
    version: VERSION,
    migrations: { applied, expected },
    time: Date.now(),
  };
  return ok ? c.json(body, 200) : c.json(body, 503);
});
