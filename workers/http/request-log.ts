/**
 * One structured JSON log line per API request, on the cloud (Workers logs) and the box
 * (workerd's stdout, which felt-box prints): the request id, runtime, method, path, status,
 * milliseconds, and the venue and tournament the path names, so one line finds everything a
 * support case needs. A caller's `x-request-id` is kept when it looks like one; else a new id.
 * The id comes back in the `x-request-id` response header.
 */
import type { MiddlewareHandler } from 'hono';
import { tally } from '../../durable-objects/usage/venue-usage.ts';
import { flushUsageFrom } from '../api/stubs.ts';
import type { Env } from '../env.ts';
import type { AppEnv } from './auth.ts';
import { requestLine } from './request-line.ts';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export const requestLog: MiddlewareHandler<AppEnv> = async (c, next) => {
  const started = Date.now();
  const given = c.req.header('x-request-id') ?? c.req.header('cf-ray') ?? '';
  const requestId = REQUEST_ID.test(given) ? given : crypto.randomUUID();
  try {
    await next();
  } finally {
    const line = requestLine({
      requestId,
      runtime: (c.env as { FELT_RUNTIME?: string } | undefined)?.FELT_RUNTIME ?? 'unknown',
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Date.now() - started,
    });
    console.log(JSON.stringify(line));
    if (line.venueId) tally.add(line.venueId, { workerRequests: 1 });
    const env = c.env as Env | undefined;
    if (env && tally.on) {
      try {
        c.executionCtx.waitUntil(flushUsageFrom(env, Date.now()));
      } catch {
        // No execution context (a test calling app.request): the counts wait for the next request.
      }
    }
    // A WebSocket upgrade's response is immutable; every other answer carries the id.
    if (c.res.status !== 101) {
      try {
        c.res.headers.set('x-request-id', requestId);
      } catch {
        // A response passed through from another object may have immutable headers: the log has the id.
      }
    }
  }
};
