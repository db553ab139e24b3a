import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Bucket, isFull, RateLimiter, type RatePolicy, SIGN_IN_RATE, take } from './rate-limit.ts';

const T0 = 1_800_000_000_000;

function drain(policy: RatePolicy, times: number, at = T0): { bucket: Bucket | undefined; allowed: number } {
  let bucket: Bucket | undefined;
  let allowed = 0;
  for (let i = 0; i < times; i++) {
    const r = take(bucket, at, policy);
    bucket = r.bucket;
    if (r.allowed) allowed++;
  }
  return { bucket, allowed };
}

describe('take', () => {
  it('given the sign-in policy, then a burst of 20 passes and the 21st is refused with a wait of 3 s', () => {
    const { bucket, allowed } = drain(SIGN_IN_RATE, 20);
    expect(allowed).toBe(20);
    const r = take(bucket, T0, SIGN_IN_RATE);
    expect(r.allowed).toBe(false);
    expect(r.retryAfterMs).toBe(3000); // 20 a minute: one every 3 s
  });

  it('given a refusal, when waiting exactly retryAfterMs, then the next attempt passes (and not 1 ms sooner)', () => {
    const { bucket } = drain(SIGN_IN_RATE, 20);
    const refused = take(bucket, T0 + 1000, SIGN_IN_RATE);
    expect(refused.retryAfterMs).toBe(2000);
    expect(take(refused.bucket, T0 + 1000 + refused.retryAfterMs - 1, SIGN_IN_RATE).allowed).toBe(false);
    expect(take(refused.bucket, T0 + 1000 + refused.retryAfterMs, SIGN_IN_RATE).allowed).toBe(true);
  });

  it('given an empty bucket, when a minute passes, then 20 more pass but not 21 (capped at capacity)', () => {
    const { bucket } = drain(SIGN_IN_RATE, 25);
    const later = drain2(bucket, T0 + 10 * 60_000, 25);
    expect(later).toBe(20);
  });

  it('given a clock that went backwards, then no tokens appear and none go negative', () => {
    const { bucket } = drain(SIGN_IN_RATE, 20);
    const r = take(bucket, T0 - 60_000, SIGN_IN_RATE);
    expect(r.allowed).toBe(false);
    expect(r.bucket.tokens).toBeGreaterThanOrEqual(0);
  });

  it('property: over any window, allowed ≤ capacity + refill × elapsed', () => {
    const policy: RatePolicy = { capacity: 5, refillPerMs: 1 / 1000 };
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 200 }), (gaps) => {
        let bucket: Bucket | undefined;
        let now = T0;
        let allowed = 0;
        for (const g of gaps) {
          now += g;
          const r = take(bucket, now, policy);
          bucket = r.bucket;
          if (r.allowed) allowed++;
          expect(r.bucket.tokens).toBeGreaterThanOrEqual(0);
          expect(r.bucket.tokens).toBeLessThanOrEqual(policy.capacity);
          if (!r.allowed) expect(r.retryAfterMs).toBeGreaterThan(0);
        }
        expect(allowed).toBeLessThanOrEqual(policy.capacity + (now - T0) * policy.refillPerMs + 1e-9);
      }),
    );
  });
});

describe('take: retryAfterMs', () => {
  it('property: after a refusal, waiting retryAfterMs is always enough and 1 ms less never is', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 600 }),
        fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 80 }),
        (capacity, perMinute, gaps) => {
          const policy: RatePolicy = { capacity, refillPerMs: perMinute / 60_000 };
          let bucket: Bucket | undefined;
          let now = T0;
          for (const g of gaps) {
            now += g;
            const r = take(bucket, now, policy);
            bucket = r.bucket;
            if (!r.allowed) {
              expect(take(r.bucket, now + r.retryAfterMs, policy).allowed).toBe(true);
              if (r.retryAfterMs > 1)
                expect(take(r.bucket, now + r.retryAfterMs - 1, policy).allowed).toBe(false);
            }
          }
        },
      ),
    );
  });
});

function drain2(bucket: Bucket | undefined, at: number, times: number): number {
  let b = bucket;
  let allowed = 0;
  for (let i = 0; i < times; i++) {
    const r = take(b, at, SIGN_IN_RATE);
    b = r.bucket;
    if (r.allowed) allowed++;
  }
  return allowed;
}

describe('RateLimiter', () => {
  it('given two keys, then each has its own bucket', () => {
    const limiter = new RateLimiter({ capacity: 2, refillPerMs: 1 / 1000 });
    expect(limiter.take('a', T0).allowed).toBe(true);
    expect(limiter.take('a', T0).allowed).toBe(true);
    expect(limiter.take('a', T0)).toEqual({ allowed: false, retryAfterMs: 1000 });
    expect(limiter.take('b', T0).allowed).toBe(true);
  });

  it('given a flood of distinct keys, then memory stays at maxKeys', () => {
    const limiter = new RateLimiter(SIGN_IN_RATE, 100);
    for (let i = 0; i < 10_000; i++) limiter.take(`10.0.${i >> 8}.${i & 255}`, T0 + i);
    expect(limiter.size).toBe(100);
  });

  it('given a flood, then the recently active (throttled) key is kept and the idle ones go first', () => {
    const limiter = new RateLimiter({ capacity: 3, refillPerMs: 1 / 60_000 }, 10);
    for (let i = 0; i < 3; i++) limiter.take('attacker', T0);
    expect(limiter.take('attacker', T0).allowed).toBe(false);
    // 9 other keys fill the map; the attacker keeps trying in between, staying most recent.
    for (let i = 0; i < 50; i++) {
      limiter.take(`other-${i}`, T0 + i);
      expect(limiter.take('attacker', T0 + i).allowed).toBe(false);
    }
    expect(limiter.size).toBe(10);
  });

  it('given an evicted bucket that had refilled, then forgetting it changed nothing', () => {
    const policy: RatePolicy = { capacity: 2, refillPerMs: 1 / 1000 };
    const limiter = new RateLimiter(policy, 1);
    limiter.take('a', T0);
    limiter.take('b', T0 + 5000); // evicts a, which had refilled by then
    expect(isFull({ tokens: 1, updatedAt: T0 }, T0 + 5000, policy)).toBe(true);
    expect(limiter.take('a', T0 + 5000)).toEqual({ allowed: true, retryAfterMs: 0 });
    expect(limiter.size).toBe(1);
  });

  it('given maxKeys below 1, then it refuses to be built', () => {
    expect(() => new RateLimiter(SIGN_IN_RATE, 0)).toThrow(RangeError);
  });
});
