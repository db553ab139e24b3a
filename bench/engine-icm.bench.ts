/**
 * ICM figures (issue 3): exact Malmuth–Harville at 20 players, Monte Carlo at 1,000 players,
 * and our exact DP against @poker-apprentice/icm-calculator's calculateExact at 12 players.
 */
import { calculateExact } from '@poker-apprentice/icm-calculator';
import { seededRandom } from '../engine/core/random.ts';
import { icmExact } from '../engine/icm/exact.ts';
import { icmMonteCarlo } from '../engine/icm/monte-carlo.ts';
import { payoutPercentages } from '../engine/money/payout-table.ts';
import type { Figure } from './lib/figure.ts';
import { median, medianMs, round } from './lib/measure.ts';

/** Tournament-like stacks: log-normal around the average (sd 0.8 in log space), seeded. */
function stacks(count: number, seed: string): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    // Box–Muller from two uniforms.
    const u = 1 - random.next();
    const v = random.next();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return Math.max(1, Math.round(20000 * Math.exp(0.8 * z)));
  });
}

/** Payout ladder in minor units for a pool, from the default table for `field` players. */
function ladder(pool: number, places: number, field: number): number[] {
  const table = payoutPercentages(field).slice(0, places);
  const bp = table.reduce((a, b) => a + b, 0);
  return table.map((x) => Math.round((pool * x) / bp));
}

export async function run(): Promise<Figure[]> {
  const figures: Figure[] = [];

  // 1. Exact, 20 players, 10 paid places.
  const s20 = stacks(20, 'bench-icm-20');
  const p20 = ladder(10_000_000, 10, 67);
  const exact20 = await medianMs(15, () => icmExact(s20, p20), 2);
  figures.push({
    name: 'engine.icm_exact_20_ms',
    value: round(exact20, 2),
    unit: 'ms',
    goal: '≤ 500 ms',
    note: '20 players, 10 paid places, exact subset DP; median of 15 runs',
  });

  // 2. Monte Carlo, 1,000 players, 150 paid places, to ±0.5 % of the pool.
  const pool = 100_000_000;
  const s1000 = stacks(1000, 'bench-icm-1000');
  const p150 = ladder(pool, 150, 1000);
  const target = 0.005 * pool;
  const sized = icmMonteCarlo(s1000, p150, {
    samples: 1_000_000,
    random: seededRandom('bench-mc'),
    targetStandardError: target,
  });
  const samples = sized.samples;
  let worst = 0;
  const mcTimes: number[] = [];
  for (let r = 0; r < 7; r++) {
    const start = performance.now();
    const result = icmMonteCarlo(s1000, p150, { samples, random: seededRandom(`bench-mc-${r}`) });
    mcTimes.push(performance.now() - start);
    worst = Math.max(worst, ...result.standardErrors);
  }
  figures.push({
    name: 'engine.icm_mc_1000_ms',
    value: round(median(mcTimes), 2),
    unit: 'ms',
    goal: '±0.5 % of the pool',
    note: `1,000 log-normal stacks, 150 paid; ${samples} samples (the first whole batch of 256 at which every player's SE ≤ 0.5 % of pool, found by a sizing run); largest SE over 7 timed runs ${round((100 * worst) / pool, 3)} % of pool; median of 7 runs`,
  });

  // 3. Peer: same 12-player inputs (12 places paid, the whole ladder), same run.
  const inputs = Array.from({ length: 8 }, (_, i) => ({
    chipStacks: stacks(12, `bench-peer-${i}`),
    payouts: ladder(1_000_000, 12, 80),
  }));
  let maxDiff = 0;
  for (const input of inputs) {
    const ours = icmExact(input.chipStacks, input.payouts);
    const theirs = calculateExact(input);
    const paid = input.payouts.reduce((a, b) => a + b, 0);
    ours.forEach((x, j) => {
      maxDiff = Math.max(maxDiff, Math.abs(x - (theirs[j] as number)) / paid);
    });
  }
  const ratios: number[] = [];
  for (let r = 0; r < 15; r++) {
    const ourMs = await medianMs(5, () => {
      for (const input of inputs) icmExact(input.chipStacks, input.payouts);
    });
    const peerMs = await medianMs(5, () => {
      for (const input of inputs) calculateExact(input);
    });
    ratios.push(ourMs / peerMs);
  }
  const diffNote = `largest abs(ours − calculateExact) = ${maxDiff.toExponential(2)} of the pool (the peer rounds to 0.01 of the payout unit)`;
  figures.push({
    name: 'engine.icm_peer_ratio_12',
    value: round(median(ratios), 3),
    unit: 'ratio',
    note: `our icmExact time / @poker-apprentice/icm-calculator calculateExact time, 8 inputs of 12 players × 12 paid places, median of 15; ${diffNote}`,
  });
  figures.push({
    name: 'engine.icm_peer_max_diff_12',
    value: Number(maxDiff.toExponential(3)),
    unit: 'fraction of pool',
    note: 'same 12-player inputs as engine.icm_peer_ratio_12',
  });
  return figures;
}
