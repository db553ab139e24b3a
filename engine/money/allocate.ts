import type { Minor } from './types.ts';

/**
 * Splits `total` minor units in proportion to `weights` by the largest-remainder (Hamilton)
 * method: everyone gets the floor of their exact share in whole `unit`s, then the units left
 * over go one each to the largest fractional parts (earlier index first on a tie). The sum is
 * exactly `total`: whatever does not fill a whole `unit` comes back as `rest` for the caller
 * to place (its rule differs: first place for payouts, the biggest share for deals).
 *
 * Weights that are all zero split evenly, so "nobody has a claim" never loses money.
 */
export function allocateLargestRemainder(
  total: Minor,
  weights: readonly number[],
  unit: Minor = 1,
): { amounts: Minor[]; rest: Minor } {
  const n = weights.length;
  if (n === 0) return { amounts: [], rest: total };
  const units = Math.floor(total / unit);
  const rest = total - units * unit;
  let weightSum = 0;
  for (const w of weights) weightSum += w;
  const even = weightSum <= 0;
  const floors = new Array<number>(n);
  const fractions = new Float64Array(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const exact = even ? units / n : (units * (weights[i] as number)) / weightSum;
    const whole = Math.floor(exact + 1e-9);
    floors[i] = whole;
    fractions[i] = exact - whole;
    given += whole;
  }
  let left = units - given;
  if (left > 0) {
    const order = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => (fractions[b] as number) - (fractions[a] as number) || a - b,
    );
    for (let k = 0; left > 0; k = (k + 1) % n, left--) {
      const i = order[k] as number;
      floors[i] = (floors[i] as number) + 1;
    }
  } else if (left < 0) {
    // Only float noise can overshoot; take it back from the smallest fractions, last index first.
    const order = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => (fractions[a] as number) - (fractions[b] as number) || b - a,
    );
    for (let k = 0; left < 0; k++) {
      const i = order[k % n] as number;
      if ((floors[i] as number) > 0) {
        floors[i] = (floors[i] as number) - 1;
        left++;
      }
    }
  }
  return { amounts: floors.map((u) => u * unit), rest };
}
