import { describe, expect, it } from 'vitest';
import { AuthError, type AuthErrorCode, authErrorStatus } from './errors.ts';

describe('AuthError', () => {
  it('given each code, when constructed, then the status follows from the code', () => {
    const expected: Record<AuthErrorCode, number> = {
      UNAUTHENTICATED: 401,
      TOKEN_INVALID: 401,
      TOKEN_EXPIRED: 401,
      TOKEN_REVOKED: 401,
      BAD_CREDENTIALS: 401,
      FORBIDDEN: 403,
      ACCOUNT_LOCKED: 423,
      RATE_LIMITED: 429,
      AUTH_NOT_CONFIGURED: 503,
    };
    for (const [code, status] of Object.entries(expected) as [AuthErrorCode, number][]) {
      expect(new AuthError(code, 'x').status).toBe(status);
      expect(authErrorStatus(code)).toBe(status);
    }
  });

  it('given details and a cause, when constructed, then both are kept and JSON omits the cause', () => {
    const cause = new Error('inner');
    const err = new AuthError('RATE_LIMITED', 'Too many attempts', { retryAfterMs: 3000 }, cause);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('AuthError');
    expect(err.cause).toBe(cause);
    expect(err.details).toEqual({ retryAfterMs: 3000 });
    expect(JSON.parse(JSON.stringify(err))).toEqual({
      code: 'RATE_LIMITED',
      message: 'Too many attempts',
      details: { retryAfterMs: 3000 },
    });
  });

  it('given no details, when constructed, then details is absent', () => {
    const err = new AuthError('FORBIDDEN', 'Only the owner can do that');
    expect(err.details).toBeUndefined();
    expect(err.cause).toBeUndefined();
  });
});
