import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { auth } from './api/auth.ts';
import { boxes } from './api/boxes.ts';
import { cash } from './api/cash.ts';
import { displays } from './api/displays.ts';
import { handover } from './api/handover.ts';
import { health } from './api/health.ts';
import { importTd3Route } from './api/import-td3.ts';
import { leagues } from './api/leagues.ts';
import { me } from './api/me.ts';
import { multiDay } from './api/multi-day.ts';
import { playerLinks } from './api/player-links.ts';
import { players } from './api/players.ts';
import { publicRoutes } from './api/public.ts';
import { publicRegistration } from './api/public-registration.ts';
import { publicSummary } from './api/public-summary.ts';
import { staff } from './api/staff.ts';
import { venueStub } from './api/stubs.ts';
import { support } from './api/support.ts';
import { templates } from './api/templates.ts';
import { tournamentExport } from './api/tournament-export.ts';
import { tournamentHistory } from './api/tournament-history.ts';
import { tournamentInspect } from './api/tournament-inspect.ts';
import { tournaments } from './api/tournaments.ts';
import { venue } from './api/venue.ts';
import type { AppEnv } from './http/auth.ts';
import { ApiError, errorResponse } from './http/errors.ts';
import { requestLog } from './http/request-log.ts';
import { cashBoxLocal, cashSync } from './sync/cash-routes.ts';
import { boxMetrics } from './sync/metrics.ts';
import { boxLocal, sync } from './sync/routes.ts';
import { VERSION } from './version.ts';

/** JSON bodies; the TD3 import route has its own, larger limit. */
export const MAX_BODY_BYTES = 1024 * 1024;

const VENUE_PATH = /^\/api\/v1\/(?:public\/)?venues\/([a-z0-9-]{1,40})(?:\/|$)/;

/**
 * CORS: a browser on another origin may call a venue's API only when the venue lists that
 * origin (settings.allowedOrigins). Felt's own pages are same-origin and need no CORS.
 */
const venueCors = cors({
  origin: async (origin, c) => {
    const m = VENUE_PATH.exec(new URL(c.req.url).pathname);
    if (!m?.[1]) return null;
    const allowed = await venueStub(c.env, m[1]).allowedOrigins(m[1]);
    return allowed.includes(origin) ? origin : null;
  },
  allowHeaders: ['authorization', 'content-type'],
  allowMethods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
  maxAge: 600,
});

/** The HTTP API under /api/v1. The web app is served by the same Worker for other paths. */
export function createApi() {
  const api = new OpenAPIHono<AppEnv>();
  api.use('*', requestLog);
  api.use('*', async (c, next) => {
    if (!c.req.header('origin')) return next();
    return venueCors(c, next);
  });
  api.use('*', async (c, next) => {
    // TD3 files and tournament exports have their own limits; a box mirroring a large player database comes from the
    // box's own process (its local key is checked by the route).
    if (/\/imports\/(?:td3|tournament)$/.test(c.req.path) || c.req.path.startsWith('/api/v1/box/'))
      return next();
    return bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(413, 'BODY_TOO_LARGE', `Body over ${MAX_BODY_BYTES} bytes`, {
          maxBytes: MAX_BODY_BYTES,
        });
      },
    })(c, next);
  });
  api
    .route('/', health)
    .route('/', auth)
    .route('/', publicRoutes)
    .route('/', publicRegistration)
    .route('/', publicSummary)
    .route('/', displays)
    .route('/', cash)
    .route('/', support)
    .route('/', importTd3Route)
    .route('/', leagues)
    .route('/', tournamentExport)
    .route('/', tournamentHistory)
    .route('/', tournamentInspect)
    .route('/', tournaments)
    .route('/', multiDay)
    .route('/', players)
    .route('/', playerLinks)
    .route('/', me)
    .route('/', staff)
    .route('/', templates)
    .route('/', boxes)
    .route('/', handover)
    .route('/', boxLocal)
    .route('/', cashBoxLocal)
    .route('/', boxMetrics)
    .route('/', venue);
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Felt API',
      version: VERSION,
      description: 'Poker tournaments and venues. Errors are { error: { code, message, details } }.',
    },
  });
  const syncApi = new OpenAPIHono<AppEnv>();
  syncApi.use('*', requestLog);
  // Outbox batches are at most 2,000 events.
  syncApi.use(
    bodyLimit({
      maxSize: 8 * MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(413, 'BODY_TOO_LARGE', 'Sync batch over 8 MB: send fewer events');
      },
    }),
  );
  syncApi.route('/', sync);
  syncApi.route('/', cashSync);
  syncApi.onError((err, c) => errorResponse(c, err));
  const root = new OpenAPIHono<AppEnv>()
    .route('/api/v1', api)
    .route('/sync/v1', syncApi)
    .all('/sync/*', (c) =>
      errorResponse(c, new ApiError(404, 'ROUTE_NOT_FOUND', `No sync route ${c.req.method} ${c.req.path}`)),
    )
    .all('/api/*', (c) =>
      errorResponse(c, new ApiError(404, 'ROUTE_NOT_FOUND', `No API route ${c.req.method} ${c.req.path}`)),
    );
  root.onError((err, c) => errorResponse(c, err));
  api.onError((err, c) => errorResponse(c, err));
  return root;
}
