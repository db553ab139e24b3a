import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root and the build outputs every launcher agrees on. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = join(ROOT, 'dist');
export const WEB_DIST = join(DIST, 'web');
export const WORKER_DIST = join(DIST, 'worker');
export const WORKER_BUNDLE = join(WORKER_DIST, 'index.js');
export const ASSETS_DIR = join(WEB_DIST, 'assets');

/** Tool entry points, run with this Node (≥ 22) rather than whatever `node` is on PATH. */
export const WRANGLER_JS = join(ROOT, 'node_modules/wrangler/bin/wrangler.js');
export const VITE_JS = join(ROOT, 'node_modules/vite/bin/vite.js');
export const WORKERD_BIN = join(ROOT, 'node_modules/workerd/bin/workerd');

/** Environment for the Cloudflare toolchain: no network calls home. */
export function toolEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    WRANGLER_SEND_METRICS: 'false',
    WRANGLER_SEND_ERROR_REPORTS: 'false',
    CLOUDFLARE_SEND_METRICS: 'false',
    ...extra,
  };
}
