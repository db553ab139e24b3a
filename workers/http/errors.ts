/**
 * Errors at the HTTP edge. Domain and storage errors keep their own types down in the engine
 * and the port; here they become `{ error: { code, message, details } }` with a 4xx/5xx
 * status, keeping the original as `cause` for the logs.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { StorageError } from '../../durable-objects/storage/errors.ts';
import { DomainError } from '../../engine/core/errors.ts';
import { AuthError } from '../auth/errors.ts';

export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    details?: Record<string, unknown>,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function domainStatus(code: string): ContentfulStatusCode {
  if (code.endsWith('_NOT_FOUND')) return 404;
  if (code.endsWith('_CONFLICT') || code.endsWith('_EXISTS')) return 409;
  return 422;
}

const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'BODY_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/** Maps anything thrown in a route to the error envelope. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof DomainError) {
    return new ApiError(
      domainStatus(err.code),
      err.code,
      err.message,
      err.details as Record<string, unknown>,
      err,
    );
  }
  if (err instanceof AuthError) {
    return new ApiError(err.status, err.code, err.message, err.details as Record<string, unknown>, err);
  }
  if (err instanceof HTTPException) {
    // Thrown by Hono's own validators and limits (malformed JSON, wrong content type).
    const code = HTTP_CODES[err.status] ?? 'BAD_REQUEST';
    return new ApiError(err.status as ContentfulStatusCode, code, err.message || code, undefined, err);
  }
  if (err instanceof StorageError) {
    const status = err.code === 'STORAGE_UNAVAILABLE' ? 503 : 409;
    return new ApiError(status, err.code, err.message, err.details as Record<string, unknown>, err);
  }
  return new ApiError(500, 'INTERNAL', 'Internal error', undefined, err);
}

export function errorResponse(c: Context, err: unknown): Response {
  const api = toApiError(err);
  if (api.status >= 500) {
    console.error(
      JSON.stringify({
        level: 'error',
        msg: 'request failed',
        path: c.req.path,
        code: api.code,
        cause: api.cause instanceof Error ? api.cause.stack : String(api.cause),
      }),
    );
  }
  const body = {
    error: { code: api.code, message: api.message, ...(api.details ? { details: api.details } : {}) },
  };
  return c.json(body, api.status);
}
