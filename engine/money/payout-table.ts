import { allocateLargestRemainder } from './allocate.ts';

/**
 * Default payout tables by field size.
 *
 * How many places: about 15 % of the field, the share the WSOP Main Event and the big online
 * Sunday majors have settled on (WSOP 2017 Main Event: 1,084 paid of 7,221 = 15 %; PokerStars
 * Sunday Million 16–17 % — "Poker Life: How Tournament Payout Structures Have Changed",
 * australiangambling.lv, 24 Aug 2017). Small live fields are paid by table instead, as card
 * rooms do, so a single table never pays a silly fraction of a player:
 *
 *   field   2–5 → 1 place      (winner takes all)
 *   field   6–9 → 2 places     (65/35, the 6-max sit-and-go split)
 *   field 10–18 → 3 places     (50/30/20, the 9-player sit-and-go split)
 *   field 19–27 → 4, 28–36 → 5 (one more place per extra table of nine)
 *   field  ≥ 37 → round(15 % of the field)   (37 → 6, 100 → 15, 1,000 → 150, 10,000 → 1,500)
 *
 * The bands join the 15 % rule without a step backwards (36 → 5, 37 → 6).
 *
 * Shape for 4+ places: the power-law family of Musco, Sviridenko & Thaler, "Determining
 * Tournament Payout Structures for Daily Fantasy Sports" (ALENEX 2017, arXiv:1601.04203),
 * which they fit to WSOP/poker payouts:  prize(i) = B + (P1 − B) · ((1 + s)/(i + s))^α,
 * with a minimum cash B, a first prize P1, and α solved so the prizes sum to the pool.
 * We use the shifted form (s = 1, a Zipf–Mandelbrot offset) so second place keeps
 * 55–60 % of first, as in published live tables, instead of the pure power law's 1/2.
 *   - B = 1.5 × the pool per entrant (a min-cash of about 1.5–2 buy-ins, the WSOP norm),
 *     capped so min-cashes take at most 40 % of the pool when a custom paid share is large.
 *   - P1 = 45 % × (places/3)^−0.25: 42 % with 4 paid, 33 % with 10, 17 % with 150, 9.5 % with
 *     1,500 — between a daily casino table and the WSOP's deliberately top-heavy one.
 * 1–3 places use the fixed sit-and-go splits above (PokerStars SNG structures).
 */

const DEFAULT_PAID_FRACTION = 0.15;
const FIXED_SPLITS: readonly (readonly number[])[] = [[10000], [6500, 3500], [5000, 3000, 2000]];
const MIN_CASH_PER_ENTRANT = 1.5;
const MIN_CASH_POOL_CAP = 0.4;
const FIRST_SHARE_AT_3 = 0.45;
const FIRST_SHARE_DECAY = 0.25;
const SHIFT = 1;

export interface PayoutTableOptions {
  /** Share of the field paid, 0 < f ≤ 1; default ≈ 0.15 with the small-field bands above. */
  readonly paidFraction?: number;
}

/** How many places a field of `fieldSize` pays. */
export function placesPaid(fieldSize: number, options?: PayoutTableOptions): number {
  if (!Number.isFinite(fieldSize) || fieldSize < 1) return 0;
  const n = Math.floor(fieldSize);
  const fraction = options?.paidFraction;
  if (fraction === undefined) {
    if (n <= 5) return 1;
    if (n <= 9) return 2;
    if (n <= 36) return Math.floor((n - 1) / 9) + 2;
    return Math.round(n * DEFAULT_PAID_FRACTION);
  }
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : DEFAULT_PAID_FRACTION;
  return Math.min(n, Math.max(1, Math.round(n * f)));
}

/**
 * Exact shares of the pool (fractions summing to 1) for places 1..k, non-increasing.
 * computePayouts uses these rather than whole basis points so a 1,500-place table keeps
 * its shape below 1 bp per place.
 */
export function payoutWeights(fieldSize: number, options?: PayoutTableOptions): readonly number[] {
  const k = placesPaid(fieldSize, options);
  if (k === 0) return [];
  const fixed = FIXED_SPLITS[k - 1];
  if (fixed !== undefined) return fixed.map((bp) => bp / 10000);
  const n = Math.floor(fieldSize);
  const firstShare = FIRST_SHARE_AT_3 * (k / 3) ** -FIRST_SHARE_DECAY;
  const minCash = Math.min(MIN_CASH_PER_ENTRANT / n, MIN_CASH_POOL_CAP / k);
  const spread = firstShare - minCash;
  // log of ((1 + s)/(i + s)); the sum over places falls as α grows.
  const base = new Float64Array(k);
  for (let i = 0; i < k; i++) base[i] = Math.log((1 + SHIFT) / (i + 1 + SHIFT));
  const alpha = solveAlpha(base, minCash, spread);
  const shares = new Array<number>(k);
  let sum = 0;
  for (let i = 0; i < k; i++) {
    const v = minCash + spread * Math.exp(alpha * (base[i] as number));
    shares[i] = v;
    sum += v;
  }
  return shares.map((v) => v / sum);
}

/**
 * Solves Σ (B + spread · e^{α·b_i}) = 1 for α ≥ 0 by Newton's method. The left side is
 * decreasing and convex in α and is ≥ 1 at α = 0 (k · P1 ≥ 1), so Newton steps from 0
 * climb to the root without overshooting; a dozen steps reach float precision.
 */
function solveAlpha(base: Float64Array, minCash: number, spread: number): number {
  const k = base.length;
  let alpha = 0;
  for (let it = 0; it < 100; it++) {
    let f = -1;
    let slope = 0;
    for (let i = 0; i < k; i++) {
      const b = base[i] as number;
      const e = spread * Math.exp(alpha * b);
      f += minCash + e;
      slope += b * e;
    }
    if (f <= 1e-15 || slope === 0) break;
    const step = f / slope;
    alpha -= step;
    if (-step < 1e-12 * (1 + alpha)) break;
  }
  return alpha;
}

/**
 * Default payout table as basis points (1/100 of a percent) for places 1..k, summing to
 * exactly 10,000 and non-increasing by place. Empty for an empty field.
 */
export function payoutPercentages(fieldSize: number, options?: PayoutTableOptions): readonly number[] {
  const weights = payoutWeights(fieldSize, options);
  // Largest remainder keeps the order: equal floors are broken by the larger fraction, which
  // belongs to the better place, and ties go to the earlier index.
  return allocateLargestRemainder(10000, weights).amounts;
}
