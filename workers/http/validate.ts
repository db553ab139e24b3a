import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from './errors.ts';

const MAX_JSON_BYTES = 1024 * 1024;

/** Reads and validates a JSON body; a bad body is a 400 naming the first problem. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const length = Number(c.req.header('content-length') ?? '0');
  if (length > MAX_JSON_BYTES) throw new ApiError(413, 'BODY_TOO_LARGE', `Body over ${MAX_JSON_BYTES} bytes`);
  const text = await c.req.text();
  if (text.length > MAX_JSON_BYTES)
    throw new ApiError(413, 'BODY_TOO_LARGE', `Body over ${MAX_JSON_BYTES} bytes`);
  let raw: unknown;
  try {
    raw = text.length === 0 ? undefined : JSON.parse(text);
  } catch {
    throw new ApiError(400, 'BAD_JSON', 'Request body is not valid JSON');
  }
  return parseWith(schema, raw, 'body');
}

export function parseWith<S extends z.ZodType>(schema: S, raw: unknown, where: string): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.length ? issue.path.join('.') : where;
    throw new ApiError(400, 'VALIDATION_FAILED', `${path}: ${issue?.message ?? 'invalid'}`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return parsed.data;
}
