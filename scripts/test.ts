/**
 * `npm test`: lint and format (Biome), build (web app + Worker bundle, which the workerd tests
 * and the box need), type checks (tsc for Node and Worker code, svelte-check for the web app),
 * then every vitest project: unit (Node), workers (inside workerd), integration (the real box,
 * the local cloud runtime and Chromium on loopback). Ends with one summary line.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from './build.ts';
import { ROOT, toolEnv } from './lib/paths.ts';
import { run } from './lib/run.ts';

const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);
const step = (name: string) => console.log(`\n▶ ${name}`);
const started = Date.now();

step('biome check');
await run(bin('biome'), ['check', '.'], { cwd: ROOT });

step('build (web app + Worker bundle)');
await build({ quiet: true });

step('tsc (Node code and engine)');
await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], {
  cwd: ROOT,
});
step('tsc (Worker and Durable Objects)');
await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.worker.json'], {
  cwd: ROOT,
});
step('svelte-check (web app)');
await run(
  process.execPath,
  [
    join(ROOT, 'node_modules/svelte-check/bin/svelte-check'),
    '--tsconfig',
    './tsconfig.json',
    '--fail-on-warnings',
  ],
  { cwd: join(ROOT, 'web') },
);

step('vitest (unit, workers, integration)');
mkdirSync(join(ROOT, 'test-results'), { recursive: true });
const report = join(ROOT, 'test-results', 'vitest.json');
let failed = false;
try {
  await run(
    process.execPath,
    [
      join(ROOT, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...process.argv.slice(2),
    ],
    { cwd: ROOT, env: toolEnv() },
  );
} catch {
  failed = true;
}
const r = JSON.parse(readFileSync(report, 'utf8')) as {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
};
console.log(`\nnpm test finished in ${Math.round((Date.now() - started) / 1000)} s`);
console.log(
  `Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`,
);
process.exit(failed || r.numFailedTests > 0 ? 1 : 0);
