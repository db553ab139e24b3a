import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../core/random.ts';
import { icmExact } from './exact.ts';
import { icmMonteCarlo } from './monte-carlo.ts';

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

describe('icmMonteCarlo', () => {
  it('given the same seed, when run twice, then the estimate is identical (replayable)', () => {
    const run = () => icmMonteCarlo([5, 3, 2, 7], [60, 40], { samples: 2000, random: seededRandom('x') });
    expect(run()).toEqual(run());
  });
  it('given the Wikipedia 50/30/20 example, then the estimate is within 4 standard errors of exact', () => {
    const exact = icmExact([50, 30, 20], [70, 30]);
    const mc = icmMonteCarlo([50, 30, 20], [70, 30], { samples: 50000, random: seededRandom(7) });
    exact.forEach((x, i) => {
      expect(Math.abs((mc.equities[i] as number) - x)).toBeLessThanOrEqual(
        4 * (mc.standardErrors[i] as number),
      );
    });
    expect(mc.samples).toBe(50000);
  });
  it('given any draw, then every sample hands out exactly the paid places', () => {
    const mc = icmMonteCarlo([9, 1, 4, 4, 2], [50, 30, 20], { samples: 3000, random: seededRandom(3) });
    expect(sum(mc.equities)).toBeCloseTo(100, 9);
  });
  it('given zero stacks and surplus payouts, then the busted players get 0 with no error bar', () => {
    const mc = icmMonteCarlo([0, 10, 0, 30], [70, 20, 10], { samples: 1000, random: seededRandom(1) });
    expect(mc.equities[0]).toBe(0);
    expect(mc.equities[2]).toBe(0);
    expect(mc.standardErrors[0]).toBe(0);
    expect((mc.equities[1] as number) + (mc.equities[3] as number)).toBeCloseTo(90, 9);
  });
  it('given a target error, then it stops early once every standard error is below it', () => {
    const mc = icmMonteCarlo([5, 3, 2], [70, 30], {
      samples: 1_000_000,
      random: seededRandom(2),
      targetStandardError: 0.5,
    });
    expect(mc.samples).toBeLessThan(1_000_000);
    expect(Math.max(...mc.standardErrors)).toBeLessThanOrEqual(0.5);
  });
  it('given no samples, then it throws', () => {
    expect(() => icmMonteCarlo([1, 2], [1], { samples: 0, random: seededRandom(1) })).toThrow(RangeError);
  });
  it('given random tables of up to 12 players, then MC is within 4 standard errors of exact', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 100000 }), { minLength: 2, maxLength: 12 }),
        fc
          .array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 6 })
          .map((p) => p.sort((a, b) => b - a)),
        fc.integer(),
        (stacks, payouts, seed) => {
          const exact = icmExact(stacks, payouts);
          const mc = icmMonteCarlo(stacks, payouts, { samples: 4000, random: seededRandom(seed) });
          exact.forEach((x, i) => {
            // A tiny stack may never cash in 4,000 draws, so its estimated SE is 0; allow the
            // "rule of three" (no hit in N draws ⇒ p ≲ 3/N) on top of 4 standard errors.
            const bound = 4 * (mc.standardErrors[i] as number) + (3 / 4000) * (payouts[0] as number);
            expect(Math.abs((mc.equities[i] as number) - x)).toBeLessThanOrEqual(bound);
          });
        },
      ),
      { numRuns: 40, seed: 20240601 },
    );
  });
});
