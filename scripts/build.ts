/**
 * `npm run build`: the web app (SvelteKit → dist/web) then the one Worker bundle
 * (wrangler's dry-run deploy → dist/worker/index.js), the same bundle the cloud deploys and
 * the box runs under workerd.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, toolEnv, VITE_JS, WORKER_BUNDLE, WORKER_DIST, WRANGLER_JS } from './lib/paths.ts';
import { run } from './lib/run.ts';

export async function build(options: { quiet?: boolean } = {}): Promise<void> {
  const quiet = options.quiet ?? false;
  await run(process.execPath, [VITE_JS, 'build'], { cwd: join(ROOT, 'web'), env: toolEnv(), quiet });
  await run(process.execPath, [WRANGLER_JS, 'deploy', '--dry-run', '--outdir', WORKER_DIST], {
    cwd: ROOT,
    env: toolEnv(),
    quiet,
  });
}

export async function ensureBuilt(options: { quiet?: boolean } = {}): Promise<void> {
  if (!existsSync(WORKER_BUNDLE)) await build(options);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await build();
  console.log(`built ${WORKER_BUNDLE}`);
}
