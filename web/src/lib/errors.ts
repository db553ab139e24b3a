/** Error text a person at the venue can act on. */
import { ApiRequestError } from './api.ts';

/** Failures before a lock: LOCKOUT.maxFailures in workers/auth/lockout.ts. */
const MAX_FAILURES = 10;

/** A time of day on the 24-hour clock ("14:32"), as a venue's staff read it. */
export function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

/** A failed sign-in with a password or a PIN, in words. */
export function signInErrorText(e: unknown, kind: 'password' | 'pin'): string {
  if (!(e instanceof ApiRequestError)) return errorText(e);
  switch (e.code) {
    case 'BAD_CREDENTIALS':
      return kind === 'pin' ? 'Wrong PIN' : 'Wrong email or password';
    case 'ACCOUNT_LOCKED': {
      const until =
        typeof e.details.lockedUntil === 'number' ? ` until ${clockTime(e.details.lockedUntil)}` : '';
      const what = kind === 'pin' ? 'PINs' : 'passwords';
      return `Locked after ${MAX_FAILURES} wrong ${what}${until} — ask an owner to unlock`;
    }
    case 'RATE_LIMITED': {
      const wait = typeof e.details.retryAfterMs === 'number' ? Math.ceil(e.details.retryAfterMs / 1000) : 60;
      return `Too many sign-in attempts from this device — wait ${wait} s and try again`;
    }
    default:
      return e.message;
  }
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
