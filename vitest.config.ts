import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';
process.env.WRANGLER_SEND_METRICS = 'false';

/** Fixed keys for tests only: a signing key ring with two keys (rotation) and an operator key. */
export const TEST_SECRETS = {
  FELT_JWT_KEYS:
    'test-2:dGVzdC1zaWduaW5nLWtleS1udW1iZXItdHdvLTMyYnl0ZXMh test-1:dGVzdC1zaWduaW5nLWtleS1udW1iZXItb25lLTMyYnl0ZXMhIQ',
  FELT_ADMIN_KEY: 'test-operator-key',
};

export default defineConfig({
  test: {
    // The Worker's per-request log lines (workers/http/request-log.ts) would bury test output.
    onConsoleLog: (log) => !log.includes('"msg":"request"'),
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          // Property tests run from a fixed seed so CI is repeatable (FC_SEED=… explores others).
          setupFiles: ['./tests/setup/fast-check.ts'],
          testTimeout: 30_000,
          include: [
            'engine/**/*.test.ts',
            'edge-node/**/*.test.ts',
            'durable-objects/**/*.node.test.ts',
            'workers/**/*.node.test.ts',
            'scripts/**/*.test.ts',
            'web/src/**/*.test.ts',
          ],
        },
      },
      {
        // Worker and Durable Object tests inside workerd (needs `npm run build` first: the
        // Worker entry imports the SvelteKit build).
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            // Test-only secrets (production sets them with `wrangler secret put`).
            // FELT_METER: every Durable Object call in these tests goes through the meter's proxy.
            miniflare: { bindings: { ...TEST_SECRETS, FELT_METER: '1' } },
          }),
        ],
        test: {
          name: 'workers',
          include: ['tests/workers/**/*.test.ts'],
        },
      },
      {
        // Real servers on loopback: the box (workerd + libSQL) and the local cloud (wrangler dev),
        // and Chromium. One file at a time: each starts its own processes.
        test: {
          name: 'integration',
          environment: 'node',
          include: ['tests/integration/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Real browsers and servers on a shared, noisy machine: vitest's 1 s default for
          // expect.poll failed tests in CI that passed on a quiet machine.
          expect: { poll: { timeout: 5_000 } },
        },
      },
    ],
  },
});
