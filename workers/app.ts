import { Hono } from 'hono';
import { health } from './api/health.ts';
import { importTd3Route } from './api/import-td3.ts';
import { tournaments } from './api/tournaments.ts';
import { venues } from './api/venues.ts';
import type { Env } from './env.ts';
import { ApiError, errorResponse } from './http/errors.ts';

/** The HTTP API under /api/v1. The web app is served by the same Worker for other paths. */
export function createApi() {
  const api = new Hono<{ Bindings: Env }>()
    .route('/health', health)
    .route('/venues', venues)
    .route('/venues/:venueId/imports/td3', importTd3Route)
    .route('/tournaments', tournaments);
  return new Hono<{ Bindings: Env }>()
    .route('/api/v1', api)
    .all('/api/*', (c) =>
      errorResponse(c, new ApiError(404, 'ROUTE_NOT_FOUND', `No API route ${c.req.method} ${c.req.path}`)),
    )
    .onError((err, c) => errorResponse(c, err));
}

export type Api = ReturnType<typeof createApi>;
