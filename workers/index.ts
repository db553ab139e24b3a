/**
 * The one Worker entry, in the cloud and on the box: the API (Hono) under /api, the SvelteKit
 * web app for every other path, and the Durable Object classes.
 */
import web from '../dist/web/_worker.js';
import { meter } from '../durable-objects/usage/meter.ts';
import { createApi } from './app.ts';
import type { Env } from './env.ts';

export { CashDO } from '../durable-objects/cash/cash-do.ts';
export { DirectoryDO } from '../durable-objects/directory/directory-do.ts';
export { DisplaysDO } from '../durable-objects/displays/displays-do.ts';
export { TournamentDO } from '../durable-objects/tournament/tournament-do.ts';
export { VenueDO } from '../durable-objects/venue/venue-do.ts';

const api = createApi();

export default {
  fetch(request, env, ctx) {
    meter.enableFrom(env);
    meter.workerRequest();
    const { pathname } = new URL(request.url);
    if (pathname === '/api' || pathname.startsWith('/api/') || pathname.startsWith('/sync/')) {
      return api.fetch(request, env, ctx);
    }
    // Server-rendered pages (the public venue page) reach the API in-process (web/src/lib/server/api.ts).
    return web.fetch(request, { ...env, FELT_API: { fetch: (r: Request) => api.fetch(r, env, ctx) } }, ctx);
  },
} satisfies ExportedHandler<Env>;
