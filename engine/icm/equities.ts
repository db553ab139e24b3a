import { seededRandom } from '../core/random.ts';
import { icmExact, MAX_EXACT_PLAYERS } from './exact.ts';
import { icmMonteCarlo } from './monte-carlo.ts';
import { livePlayers } from './stacks.ts';

/** Fixed seed: the same stacks and payouts always give the same estimate (replay never re-rolls). */
export const ICM_MONTE_CARLO_SEED = 'felt-icm-v1';
/** Cap on draws × players for the estimate (≈ 0.1–0.3 s); the draws stop earlier at the target error. */
const WORK_BUDGET = 20_000_000;
const MIN_SAMPLES = 1_000;
/** Stop once every player's standard error is below 0.05 % of the money being shared. */
const TARGET_ERROR_SHARE = 0.0005;

/**
 * Expected prize per player under the Malmuth–Harville model, in the units of `payouts`
 * (payouts[0] = 1st place), in input order. Zero stacks get 0; payouts beyond the number of
 * players with chips are ignored. Exact up to 20 players with chips; above that a seeded
 * Monte Carlo estimate whose standard error is at most 0.05 % of the paid money (or
 * whatever a fixed work budget reaches on huge fields — see icmMonteCarlo for error bars).
 */
export function icmEquities(stacks: readonly number[], payouts: readonly number[]): number[] {
  const live = livePlayers(stacks).length;
  if (live <= MAX_EXACT_PLAYERS) return icmExact(stacks, payouts);
  let paid = 0;
  for (let r = 0; r < Math.min(live, payouts.length); r++) paid += Math.abs(payouts[r] as number);
  const samples = Math.max(MIN_SAMPLES, Math.floor(WORK_BUDGET / live));
  return icmMonteCarlo(stacks, payouts, {
    samples,
    random: seededRandom(ICM_MONTE_CARLO_SEED),
    targetStandardError: paid * TARGET_ERROR_SHARE,
  }).equities;
}
