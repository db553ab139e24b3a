/**
 * Errors inside the VenueDO keep their HTTP meaning across RPC: a thrown DomainError,
 * AuthError or VenueError becomes `{ ok: false, error }` (class identity does not survive
 * RPC), and the edge turns it back into the error envelope.
 */
import { DomainError } from '../../engine/core/errors.ts';
import { AuthError } from '../../workers/auth/errors.ts';
import type { AnswerError, VenueAnswer } from './model.ts';

export class VenueError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>> | null;

  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'VenueError';
    this.status = status;
    this.code = code;
    this.details = details ?? null;
  }
}

export function notFound(what: string, id: string): VenueError {
  return new VenueError(404, `${what.toUpperCase().replace(/\s+/g, '_')}_NOT_FOUND`, `No ${what} ${id}`, {
    id,
  });
}

function statusOfDomain(code: string): number {
  if (code.endsWith('_NOT_FOUND')) return 404;
  if (code.endsWith('_CONFLICT') || code.endsWith('_EXISTS')) return 409;
  return 422;
}

export function toAnswerError(err: unknown): AnswerError | null {
  if (err instanceof VenueError) {
    return {
      status: err.status,
      code: err.code,
      message: err.message,
      details: err.details ? JSON.stringify(err.details) : null,
    };
  }
  if (err instanceof AuthError) {
    return {
      status: err.status,
      code: err.code,
      message: err.message,
      details: err.details ? JSON.stringify(err.details) : null,
    };
  }
  if (err instanceof DomainError) {
    return {
      status: statusOfDomain(err.code),
      code: err.code,
      message: err.message,
      details: err.details ? JSON.stringify(err.details) : null,
    };
  }
  return null;
}

/** Runs a step, turning the known error types into an answer; anything else is a bug and rethrows. */
export async function answer<T>(step: () => Promise<T> | T): Promise<VenueAnswer<T>> {
  try {
    return { ok: true, value: await step() };
  } catch (err) {
    const error = toAnswerError(err);
    if (error) return { ok: false, error };
    throw err;
  }
}
