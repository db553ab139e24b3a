/**
 * Errors of sign-in and token checks. `code` is stable (routes and clients match on it);
 * `status` follows from the code so every caller maps it the same way. Messages are for a
 * human and never contain a password, PIN, token or key.
 */
import { assertNever } from '../../engine/core/errors.ts';

export type AuthErrorCode =
  | 'UNAUTHENTICATED'
  | 'TOKEN_INVALID'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_REVOKED'
  | 'FORBIDDEN'
  | 'BAD_CREDENTIALS'
  | 'ACCOUNT_LOCKED'
  | 'RATE_LIMITED'
  | 'AUTH_NOT_CONFIGURED';

export type AuthErrorStatus = 401 | 403 | 423 | 429 | 503;

export function authErrorStatus(code: AuthErrorCode): AuthErrorStatus {
  switch (code) {
    case 'UNAUTHENTICATED':
    case 'TOKEN_INVALID':
    case 'TOKEN_EXPIRED':
    case 'TOKEN_REVOKED':
    case 'BAD_CREDENTIALS':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'ACCOUNT_LOCKED':
      return 423;
    case 'RATE_LIMITED':
      return 429;
    case 'AUTH_NOT_CONFIGURED':
      return 503;
    default:
      return assertNever(code, 'auth error code');
  }
}

export class AuthError extends Error {
  readonly code: AuthErrorCode;
  readonly status: AuthErrorStatus;
  readonly details?: Record<string, unknown>;

  constructor(code: AuthErrorCode, message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'AuthError';
    this.code = code;
    this.status = authErrorStatus(code);
    if (details !== undefined) this.details = details;
  }

  toJSON(): { code: AuthErrorCode; message: string; details?: Record<string, unknown> } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isAuthError(value: unknown): value is AuthError {
  return value instanceof AuthError;
}
