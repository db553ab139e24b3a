/**
 * Lock-out after repeated wrong passwords or PINs, as a pure policy over a small state the
 * VenueDO stores per user. 10 consecutive failures lock the account for 30 minutes; after a
 * lock has run out, the next failure (with no success in between) locks again at twice the
 * length, up to 24 hours. A success or an owner's unlock clears everything.
 *
 * Why this stops a 4-digit PIN being walked: in the first 24 hours an attacker gets the 10
 * free guesses plus one after each lock (30 min, 1 h, 2 h, 4 h, 8 h: expiring at 0.5, 1.5,
 * 3.5, 7.5 and 15.5 h) = 15 guesses; from then on one guess per 24 hours. Trying half of the
 * 10,000 four-digit PINs would take about 5,000 days (~13 years), and every lock shows up in
 * the owner's staff list. NIST SP 800-63B §5.2.2 asks for at most 100 consecutive failures.
 */
export interface FailureState {
  readonly failures: number;
  /** End of the current or most recent lock (ms); stays set after it passes, until a success. */
  readonly lockedUntil: number | null;
  /** Locks since the last success; sets the length of the next one. */
  readonly lockCount: number;
  /** For the owner's view ("last failed attempt at …"); no rule depends on it. */
  readonly lastFailureAt: number | null;
}

export const NO_FAILURES: FailureState = {
  failures: 0,
  lockedUntil: null,
  lockCount: 0,
  lastFailureAt: null,
};

export const LOCKOUT = { maxFailures: 10, baseLockMs: 30 * 60 * 1000, maxLockMs: 24 * 3600 * 1000 } as const;

export function isLocked(s: FailureState, now: number): boolean {
  return s.lockedUntil !== null && now < s.lockedUntil;
}

/** Length of lock number `n` (1-based): 30 min, 1 h, 2 h, … capped at 24 h. */
export function lockDurationMs(n: number): number {
  // The exponent is capped so a long-running attacker cannot overflow it to Infinity/NaN.
  const doubled = LOCKOUT.baseLockMs * 2 ** Math.min(Math.max(n - 1, 0), 32);
  return Math.min(doubled, LOCKOUT.maxLockMs);
}

/**
 * A failed attempt at `now`. Callers check isLocked first and do not even try the secret while
 * locked; a failure reported during a lock is ignored (the state is returned unchanged), so
 * attempts that were never checked cannot stretch the lock.
 */
export function recordFailure(s: FailureState, now: number): FailureState {
  if (isLocked(s, now)) return s;
  const failures = s.failures + 1;
  const lockExpired = s.lockedUntil !== null;
  if (lockExpired || failures >= LOCKOUT.maxFailures) {
    const lockCount = s.lockCount + 1;
    return { failures, lockedUntil: now + lockDurationMs(lockCount), lockCount, lastFailureAt: now };
  }
  return { failures, lockedUntil: null, lockCount: s.lockCount, lastFailureAt: now };
}

export function recordSuccess(_s: FailureState): FailureState {
  return NO_FAILURES;
}

/** The owner's "unlock" action. */
export function unlock(_s: FailureState): FailureState {
  return NO_FAILURES;
}

export function lockView(
  s: FailureState,
  now: number,
): { locked: boolean; failures: number; lockedUntil: number | null } {
  const locked = isLocked(s, now);
  return { locked, failures: s.failures, lockedUntil: locked ? s.lockedUntil : null };
}
