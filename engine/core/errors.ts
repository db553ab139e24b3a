/**
 * A rule the command broke. `code` is stable (clients and tests match on it); `message` is
 * for a human ("Rebuys closed after level 6"); `details` carries the figures involved.
 * Deciders return it rather than throw, so a rejected command produces no events; the HTTP
 * edge maps it to a 4xx (422 by default, 404 for *_NOT_FOUND, 409 for *_CONFLICT).
 */
export class DomainError extends Error {
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }

  toJSON(): { code: string; message: string; details?: Readonly<Record<string, unknown>> } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}

/** Exhaustiveness check for switches over tagged unions. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}
