/**
 * Routes are declared with @hono/zod-openapi: one zod schema validates the request and
 * documents it in /api/v1/openapi.json. Failed validation becomes the API's error envelope.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from './auth.ts';
import { ApiError } from './errors.ts';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'VALIDATION_FAILED' }),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .openapi('Error');

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorSchema } },
});

/** The error answers every route may give, for the document. */
export const ERRORS = {
  400: errorResponse('Invalid request (the message names the field)'),
  401: errorResponse('Not signed in, or the token is invalid, expired or revoked'),
  403: errorResponse('Signed in, but this role may not do this here'),
  404: errorResponse('No such resource in this venue'),
  409: errorResponse('Conflicts with the current state'),
  413: errorResponse('Body too large'),
  422: errorResponse('Refused by a rule (the message says which)'),
  423: errorResponse('Account locked after repeated failures'),
  429: errorResponse('Too many attempts'),
} as const;

/** A JSON answer of the given schema. */
export function json<S extends z.ZodType>(schema: S, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** A required JSON request body of the given schema. */
export function jsonRequest<S extends z.ZodType>(schema: S) {
  return { required: true as const, content: { 'application/json': { schema } } };
}

export const BEARER = [{ bearer: [] as string[] }];

/** A router whose validation failures are 400s in the error envelope. */
export function router() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = result.error.issues;
        const first = issues[0];
        const where = first?.path.length ? first.path.join('.') : result.target;
        throw new ApiError(400, 'VALIDATION_FAILED', `${where}: ${first?.message ?? 'invalid'}`, {
          target: result.target,
          issues: issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      }
    },
  });
}

/**
 * A JSON answer. Answers come from Durable Object RPC with readonly types the route's
 * response schema (which documents them) cannot match structurally; typed as `never` so any
 * route accepts it.
 */
export function reply(
  c: { json: (body: never, status: never) => unknown },
  body: unknown,
  status: 200 | 201,
): never {
  return c.json(body as never, status as never) as never;
}
