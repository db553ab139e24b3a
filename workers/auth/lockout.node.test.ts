import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type FailureState,
  isLocked,
  LOCKOUT,
  lockDurationMs,
  lockView,
  NO_FAILURES,
  recordFailure,
  recordSuccess,
  unlock,
} from './lockout.ts';

const T0 = 1_800_000_000_000;
const MIN = 60_000;
const HOUR = 60 * MIN;

function fail(times: number, from: FailureState = NO_FAILURES, at = T0): FailureState {
  let s = from;
  for (let i = 0; i < times; i++) s = recordFailure(s, at + i);
  return s;
}

describe('lock-out', () => {
  it('given 9 failures, then not locked; given the 10th, then locked for 30 minutes', () => {
    const nine = fail(9);
    expect(isLocked(nine, T0 + 9)).toBe(false);
    expect(nine).toMatchObject({ failures: 9, lockedUntil: null, lockCount: 0, lastFailureAt: T0 + 8 });
    const ten = recordFailure(nine, T0 + 100);
    expect(isLocked(ten, T0 + 100)).toBe(true);
    expect(ten).toEqual({
      failures: 10,
      lockedUntil: T0 + 100 + 30 * MIN,
      lockCount: 1,
      lastFailureAt: T0 + 100,
    });
  });

  it('given a lock, then locked until exactly lockedUntil and not after', () => {
    const s = recordFailure(fail(9), T0);
    const until = T0 + LOCKOUT.baseLockMs;
    expect(s.lockedUntil).toBe(until);
    expect(isLocked(s, until - 1)).toBe(true);
    expect(isLocked(s, until)).toBe(false);
    expect(lockView(s, until - 1)).toEqual({ locked: true, failures: 10, lockedUntil: until });
    expect(lockView(s, until)).toEqual({ locked: false, failures: 10, lockedUntil: null });
  });

  it('given a failure reported while locked, then the state is unchanged (the lock is not stretched)', () => {
    const s = recordFailure(fail(9), T0);
    expect(recordFailure(s, T0 + 5 * MIN)).toBe(s);
  });

  it('given an expired lock, when the next attempt fails, then it locks again for twice as long', () => {
    let s = recordFailure(fail(9), T0);
    let now = T0;
    const lengths: number[] = [];
    for (let i = 0; i < 8; i++) {
      now = s.lockedUntil!;
      s = recordFailure(s, now);
      lengths.push(s.lockedUntil! - now);
    }
    expect(lengths).toEqual([
      1 * HOUR,
      2 * HOUR,
      4 * HOUR,
      8 * HOUR,
      16 * HOUR,
      24 * HOUR,
      24 * HOUR,
      24 * HOUR,
    ]);
    expect(s.lockCount).toBe(9);
  });

  it('given lock numbers, then durations double from 30 minutes and cap at 24 hours, even far out', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(lockDurationMs)).toEqual([
      30 * MIN,
      HOUR,
      2 * HOUR,
      4 * HOUR,
      8 * HOUR,
      16 * HOUR,
      24 * HOUR,
    ]);
    expect(lockDurationMs(1_000_000)).toBe(LOCKOUT.maxLockMs);
  });

  it('given a 4-digit PIN attacker, then at most 15 guesses get checked in the first day and 1 a day after', () => {
    let s = NO_FAILURES;
    let now = T0;
    let checked = 0;
    const day = 24 * HOUR;
    const perDay: number[] = [];
    for (let d = 1; d <= 5; d++) {
      while (now < T0 + d * day) {
        if (isLocked(s, now)) {
          now = s.lockedUntil!;
          continue;
        }
        checked++;
        s = recordFailure(s, now);
        now += 1000;
      }
      perDay.push(checked);
      checked = 0;
    }
    expect(perDay[0]).toBe(15);
    for (const n of perDay.slice(1)) expect(n).toBeLessThanOrEqual(1);
  });

  it('given failures then a success, then everything is cleared', () => {
    const locked = fail(12);
    expect(recordSuccess(fail(5))).toEqual(NO_FAILURES);
    expect(recordSuccess(locked)).toEqual(NO_FAILURES);
    // After a success, another 9 failures do not lock (the escalation is forgotten too).
    expect(isLocked(fail(9, recordSuccess(locked), T0 + 2 * HOUR), T0 + 2 * HOUR + 9)).toBe(false);
  });

  it('given a locked account, when the owner unlocks it, then it is open with a clean slate', () => {
    const s = recordFailure(fail(9), T0);
    const open = unlock(s);
    expect(open).toEqual(NO_FAILURES);
    expect(isLocked(open, T0 + 1)).toBe(false);
    expect(lockView(open, T0 + 1)).toEqual({ locked: false, failures: 0, lockedUntil: null });
  });

  it('property: never locked with fewer than 10 consecutive failures since the last success', () => {
    const event = fc.oneof(
      fc.record({ kind: fc.constant('fail' as const), gap: fc.integer({ min: 0, max: 48 * HOUR }) }),
      fc.record({ kind: fc.constant('success' as const), gap: fc.integer({ min: 0, max: 48 * HOUR }) }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        let s = NO_FAILURES;
        let now = T0;
        let streak = 0;
        for (const e of events) {
          now += e.gap;
          if (e.kind === 'success') {
            if (isLocked(s, now)) continue; // a locked account is not even tried
            s = recordSuccess(s);
            streak = 0;
          } else if (!isLocked(s, now)) {
            s = recordFailure(s, now);
            streak++;
          }
          if (streak < LOCKOUT.maxFailures) expect(isLocked(s, now)).toBe(false);
          if (streak === LOCKOUT.maxFailures) expect(isLocked(s, now)).toBe(true);
          expect(s.failures).toBe(streak);
        }
      }),
    );
  });
});
