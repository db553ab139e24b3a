import { calculateExact } from '@poker-apprentice/icm-calculator';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { icmExact, MAX_EXACT_PLAYERS } from './exact.ts';

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

describe('icmExact', () => {
  it('given the Wikipedia ICM example (50/30/20 % of chips, 70/30 payout), then it matches Malmuth–Harville by hand', () => {
    // P(order) = s_a · s_b / (1 − s_a) for a 1st, b 2nd (article "Independent Chip Model", Wikipedia).
    const [a, b, c] = [0.5, 0.3, 0.2];
    const first = { a, b, c };
    const second = {
      a: b * (a / (1 - b)) + c * (a / (1 - c)),
      b: a * (b / (1 - a)) + c * (b / (1 - c)),
      c: a * (c / (1 - a)) + b * (c / (1 - b)),
    };
    const expected = (['a', 'b', 'c'] as const).map((p) => 70 * first[p] + 30 * second[p]);
    const result = icmExact([50, 30, 20], [70, 30]);
    result.forEach((eq, i) => {
      expect(eq).toBeCloseTo(expected[i] as number, 12);
    });
    // The article rounds these to ≈ 45, 32 and 22.
    expect(result.map((x) => Math.round(x * 100) / 100)).toEqual([45.18, 32.25, 22.57]);
  });
  it('given the icm-calculator README example, then we match its published figures', () => {
    const result = icmExact([150000, 98750, 45500, 13250], [425, 280, 130, 75]);
    expect(result.map((x) => Math.round(x * 100) / 100)).toEqual([323.2, 278.12, 195.79, 112.89]);
  });
  it('given a zero stack, then that player gets 0 and the others are as if they were alone', () => {
    const withBusted = icmExact([50, 0, 30, 20], [70, 30, 10]);
    const without = icmExact([50, 30, 20], [70, 30, 10]);
    expect(withBusted).toEqual([without[0], 0, without[1], without[2]]);
  });
  it('given more payouts than players, then the extra payouts are ignored', () => {
    expect(sum(icmExact([10, 20], [60, 30, 10]))).toBeCloseTo(90, 10);
  });
  it('given no payouts or no chips, then everyone gets 0', () => {
    expect(icmExact([10, 20], [])).toEqual([0, 0]);
    expect(icmExact([0, 0], [100])).toEqual([0, 0]);
    expect(icmExact([], [100])).toEqual([]);
  });
  it('given one player with chips, then they take first place money', () => {
    expect(icmExact([0, 500, 0], [70, 30])).toEqual([0, 70, 0]);
  });
  it('given a negative stack, then it throws (caller bug)', () => {
    expect(() => icmExact([10, -1], [1])).toThrow(RangeError);
  });
  it(`given more than ${MAX_EXACT_PLAYERS} players with chips, then it refuses`, () => {
    expect(() => icmExact(new Array(MAX_EXACT_PLAYERS + 1).fill(1), [1])).toThrow(RangeError);
  });
  it('given 20 players and 10 payouts, then it finishes well inside the 500 ms goal', () => {
    const stacks = Array.from({ length: 20 }, (_, i) => 10000 + i * 1731);
    const start = performance.now();
    const result = icmExact(stacks, [30, 20, 14, 10, 8, 6, 5, 3, 2, 2]);
    expect(performance.now() - start).toBeLessThan(500);
    expect(sum(result)).toBeCloseTo(100, 8);
  });

  const stacks = (min: number, max: number) =>
    fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: min, maxLength: max });
  const payouts = fc
    .array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 10 })
    .map((xs) => [...xs].sort((a, b) => b - a));

  it('given random small tables, then we agree with @poker-apprentice/icm-calculator calculateExact', () => {
    fc.assert(
      fc.property(stacks(2, 9), payouts, (s, p) => {
        const ours = icmExact(s, p);
        // The peer rounds to cents of the payout unit.
        const theirs = calculateExact({ chipStacks: s, payouts: p });
        ours.forEach((x, i) => {
          expect(Math.abs(x - (theirs[i] as number))).toBeLessThanOrEqual(0.0051);
        });
      }),
      { numRuns: 150 },
    );
  });
  it('given players ≥ places, then equities add up to the paid places', () => {
    fc.assert(
      fc.property(stacks(1, 12), payouts, (s, p) => {
        const paid = sum(p.slice(0, s.length));
        expect(Math.abs(sum(icmExact(s, p)) - paid)).toBeLessThanOrEqual(1e-9 * Math.max(1, paid));
      }),
    );
  });
  it('given payouts that never increase, then a bigger stack never has less equity and equal stacks are equal', () => {
    fc.assert(
      fc.property(stacks(2, 10), payouts, (raw, p) => {
        const s = [...raw, raw[0] as number]; // guarantee one pair of equal stacks
        const eq = icmExact(s, p);
        const tolerance = 1e-9 * Math.max(1, sum(p));
        for (let i = 0; i < s.length; i++) {
          for (let j = 0; j < s.length; j++) {
            if ((s[i] as number) > (s[j] as number))
              expect(eq[i]).toBeGreaterThanOrEqual((eq[j] as number) - tolerance);
            if (s[i] === s[j])
              expect(Math.abs((eq[i] as number) - (eq[j] as number))).toBeLessThanOrEqual(tolerance);
          }
        }
      }),
    );
  });
  it('given players in a different order, then each keeps the same equity', () => {
    fc.assert(
      fc.property(stacks(2, 10), payouts, fc.integer(), (s, p, seed) => {
        const order = s.map((_, i) => i).sort((a, b) => ((a * 7919 + seed) % 97) - ((b * 7919 + seed) % 97));
        const eq = icmExact(s, p);
        const shuffled = icmExact(
          order.map((i) => s[i] as number),
          p,
        );
        order.forEach((i, k) => {
          expect(shuffled[k]).toBeCloseTo(eq[i] as number, 6);
        });
      }),
    );
  });
});
