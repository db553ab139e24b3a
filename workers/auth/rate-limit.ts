/**
 * Token-bucket rate limiting: `capacity` attempts at once, refilled continuously at
 * `refillPerMs`. `take` is pure over a serializable Bucket (storable in a Durable Object);
 * RateLimiter keeps buckets in memory with a bound on how many keys it remembers.
 */
export interface Bucket {
  readonly tokens: number;
  readonly updatedAt: number;
}

export interface RatePolicy {
  readonly capacity: number;
  readonly refillPerMs: number;
}

/** Sign-in attempts per venue per client address: a burst of 20, then 20 a minute. */
export const SIGN_IN_RATE: RatePolicy = { capacity: 20, refillPerMs: 20 / 60_000 };

/** The bucket's level at `now`. A clock that went backwards refills nothing (never negative). */
function refilled(bucket: Bucket | undefined, now: number, policy: RatePolicy): number {
  if (bucket === undefined) return policy.capacity;
  const elapsed = Math.max(0, now - bucket.updatedAt);
  return Math.min(policy.capacity, bucket.tokens + elapsed * policy.refillPerMs);
}

/**
 * Refill arithmetic is in floating point (20/60,000 per ms is not exact), so "one whole token"
 * allows for rounding: otherwise waiting the advertised retryAfterMs could fall 1e-16 short.
 */
const ROUNDING = 1e-9;

export function take(
  bucket: Bucket | undefined,
  now: number,
  policy: RatePolicy,
): { allowed: boolean; bucket: Bucket; retryAfterMs: number } {
  const tokens = refilled(bucket, now, policy);
  if (tokens >= 1 - ROUNDING) {
    return { allowed: true, bucket: { tokens: Math.max(0, tokens - 1), updatedAt: now }, retryAfterMs: 0 };
  }
  // The smallest whole ms after which the same refill arithmetic reaches one token.
  let wait = Math.ceil((1 - tokens) / policy.refillPerMs);
  if (wait > 1 && tokens + (wait - 1) * policy.refillPerMs >= 1 - ROUNDING) wait -= 1;
  return { allowed: false, bucket: { tokens, updatedAt: now }, retryAfterMs: Math.max(1, wait) };
}

/** True when the bucket has refilled to capacity, i.e. forgetting it loses nothing. */
export function isFull(bucket: Bucket, now: number, policy: RatePolicy): boolean {
  return refilled(bucket, now, policy) >= policy.capacity;
}

/**
 * Buckets per key (e.g. `${venueId}|${address}`) in a Map kept in least-recently-used order
 * (each take moves its key to the end). Over `maxKeys`, the least recently used bucket goes:
 * with one policy for all keys it has had the longest to refill, so it is the fullest or
 * close to it, and dropping a full bucket loses nothing. A flood of fresh addresses can only
 * push out buckets that have been idle, and memory stays bounded.
 */
export class RateLimiter {
  readonly #policy: RatePolicy;
  readonly #maxKeys: number;
  readonly #buckets = new Map<string, Bucket>();

  constructor(policy: RatePolicy, maxKeys = 10_000) {
    if (!(maxKeys >= 1)) throw new RangeError('RateLimiter needs room for at least one key');
    this.#policy = policy;
    this.#maxKeys = maxKeys;
  }

  take(key: string, now: number): { allowed: boolean; retryAfterMs: number } {
    const result = take(this.#buckets.get(key), now, this.#policy);
    this.#buckets.delete(key);
    this.#buckets.set(key, result.bucket);
    while (this.#buckets.size > this.#maxKeys) {
      const oldest = this.#buckets.keys().next();
      if (oldest.done === true) break;
      this.#buckets.delete(oldest.value);
    }
    return { allowed: result.allowed, retryAfterMs: result.retryAfterMs };
  }

  /** How many keys are remembered (for tests and metrics). */
  get size(): number {
    return this.#buckets.size;
  }
}
