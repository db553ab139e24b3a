import { describe, expect, it } from 'vitest';
import { icmEquities } from './equities.ts';
import { icmExact } from './exact.ts';

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

describe('icmEquities', () => {
  it('given 20 players with chips, then it is the exact answer', () => {
    const stacks = Array.from({ length: 20 }, (_, i) => 1000 + 37 * i);
    const payouts = [50, 30, 20];
    expect(icmEquities(stacks, payouts)).toEqual(icmExact(stacks, payouts));
  });
  it('given 25 players including busted ones, then only live players count toward the exact limit', () => {
    const stacks = [...Array.from({ length: 20 }, (_, i) => 1000 + i), 0, 0, 0, 0, 0];
    expect(icmEquities(stacks, [70, 30])).toEqual(icmExact(stacks, [70, 30]));
  });
  it('given 40 players, when asked twice, then the Monte Carlo estimate is reproducible and close to the chip share for the winner-take-all', () => {
    const stacks = Array.from({ length: 40 }, (_, i) => 1000 + 250 * i);
    const a = icmEquities(stacks, [1000]);
    expect(icmEquities(stacks, [1000])).toEqual(a);
    expect(sum(a)).toBeCloseTo(1000, 6);
    // Winner-take-all ICM is exactly chip share; 0.05 % of the prize is the target error.
    const total = sum(stacks);
    stacks.forEach((s, i) => {
      expect(Math.abs((a[i] as number) - (1000 * s) / total)).toBeLessThan(4 * 0.5);
    });
  });
  it('given 300 players and 45 places, then it returns in reasonable time with equities summing to the paid money', () => {
    const stacks = Array.from({ length: 300 }, (_, i) => 5000 + ((i * 7919) % 40000));
    const payouts = Array.from({ length: 45 }, (_, i) => 1000 / (i + 1));
    const start = performance.now();
    const eq = icmEquities(stacks, payouts);
    expect(performance.now() - start).toBeLessThan(3000);
    expect(sum(eq)).toBeCloseTo(sum(payouts), 6);
  });
});
