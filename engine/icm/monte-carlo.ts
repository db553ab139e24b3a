import type { Random } from '../core/random.ts';
import { livePlayers } from './stacks.ts';

export interface MonteCarloOptions {
  /** Finishing orders to draw (the maximum when `targetStandardError` is set). */
  readonly samples: number;
  /** Seeded source (engine/core/random.ts); the same seed gives the same estimate. */
  readonly random: Random;
  /**
   * Stop early, after a whole batch, once every player's standard error is at most this
   * (in payout units). The stopping point depends only on the draws, so it stays reproducible.
   */
  readonly targetStandardError?: number;
}

export interface MonteCarloResult {
  /** Estimated expected prize per player, input order, payout units. */
  readonly equities: number[];
  /** Standard error of each estimate (sample sd / √samples); 0 for players with no chips. */
  readonly standardErrors: number[];
  readonly samples: number;
}

const BATCH = 256;

/**
 * Monte Carlo Malmuth–Harville ICM for fields too big for the exact DP.
 *
 * One finishing order is drawn with exponential keys: key_i = −ln(U_i) / s_i, ascending.
 * The smallest of independent Exp(s_i) variables is player i with probability s_i / Σ s,
 * and by memorylessness the rest race on afresh — exactly Malmuth–Harville's "next place
 * goes to a player with probability proportional to chips" (Efraimidis & Spirakis,
 * "Weighted random sampling with a reservoir", IPL 97(5), 2006). Only the top k places are
 * paid, so a size-k max-heap keeps the k smallest keys in O(n + k log k · log(n/k)) per draw.
 */
export function icmMonteCarlo(
  stacks: readonly number[],
  payouts: readonly number[],
  options: MonteCarloOptions,
): MonteCarloResult {
  const { random } = options;
  const maxSamples = Math.floor(options.samples);
  if (!(maxSamples >= 1))
    throw new RangeError(`Monte Carlo ICM needs at least one sample, got ${options.samples}`);
  const live = livePlayers(stacks);
  const n = live.length;
  const k = Math.min(payouts.length, n);
  const equities = new Array<number>(stacks.length).fill(0);
  const standardErrors = new Array<number>(stacks.length).fill(0);
  if (k === 0) return { equities, standardErrors, samples: 0 };

  const inverse = new Float64Array(n);
  for (let j = 0; j < n; j++) inverse[j] = 1 / (stacks[live[j] as number] as number);
  const pay = Float64Array.from(payouts.slice(0, k));
  const sum = new Float64Array(n);
  const sumSq = new Float64Array(n);
  const heapKey = new Float64Array(k);
  const heapWho = new Int32Array(k);
  const target = options.targetStandardError;

  let drawn = 0;
  while (drawn < maxSamples) {
    const batchEnd = Math.min(maxSamples, drawn + BATCH);
    for (; drawn < batchEnd; drawn++) {
      drawTopK(n, k, inverse, random, heapKey, heapWho);
      for (let r = 0; r < k; r++) {
        const who = heapWho[r] as number;
        const prize = pay[r] as number;
        sum[who] = (sum[who] as number) + prize;
        sumSq[who] = (sumSq[who] as number) + prize * prize;
      }
    }
    if (target !== undefined && drawn >= 2 && largestError(sum, sumSq, drawn) <= target) break;
  }
  for (let j = 0; j < n; j++) {
    const mean = (sum[j] as number) / drawn;
    equities[live[j] as number] = mean;
    standardErrors[live[j] as number] = standardError(sum[j] as number, sumSq[j] as number, drawn);
  }
  return { equities, standardErrors, samples: drawn };
}

function standardError(sum: number, sumSq: number, samples: number): number {
  if (samples < 2) return Number.POSITIVE_INFINITY;
  const mean = sum / samples;
  const variance = Math.max(0, (sumSq - samples * mean * mean) / (samples - 1));
  return Math.sqrt(variance / samples);
}

function largestError(sum: Float64Array, sumSq: Float64Array, samples: number): number {
  let worst = 0;
  for (let j = 0; j < sum.length; j++) {
    const se = standardError(sum[j] as number, sumSq[j] as number, samples);
    if (se > worst) worst = se;
  }
  return worst;
}

/** Leaves the k players with the smallest keys in heapWho[0..k), best (smallest key) first. */
function drawTopK(
  n: number,
  k: number,
  inverse: Float64Array,
  random: Random,
  heapKey: Float64Array,
  heapWho: Int32Array,
): void {
  // 1 − U lies in (0, 1], so the log is finite.
  for (let j = 0; j < k; j++) {
    heapKey[j] = -Math.log(1 - random.next()) * (inverse[j] as number);
    heapWho[j] = j;
  }
  for (let i = (k >> 1) - 1; i >= 0; i--) siftDown(heapKey, heapWho, i, k);
  for (let j = k; j < n; j++) {
    const key = -Math.log(1 - random.next()) * (inverse[j] as number);
    if (key < (heapKey[0] as number)) {
      heapKey[0] = key;
      heapWho[0] = j;
      siftDown(heapKey, heapWho, 0, k);
    }
  }
  // Heap sort in place: repeatedly move the largest key to the end → ascending order.
  for (let end = k - 1; end > 0; end--) {
    const key = heapKey[0] as number;
    const who = heapWho[0] as number;
    heapKey[0] = heapKey[end] as number;
    heapWho[0] = heapWho[end] as number;
    heapKey[end] = key;
    heapWho[end] = who;
    siftDown(heapKey, heapWho, 0, end);
  }
}

/** Max-heap on keys. */
function siftDown(keys: Float64Array, who: Int32Array, start: number, size: number): void {
  let i = start;
  const key = keys[i] as number;
  const w = who[i] as number;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= size) break;
    const right = child + 1;
    if (right < size && (keys[right] as number) > (keys[child] as number)) child = right;
    if ((keys[child] as number) <= key) break;
    keys[i] = keys[child] as number;
    who[i] = who[child] as number;
    i = child;
  }
  keys[i] = key;
  who[i] = w;
}
