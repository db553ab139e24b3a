import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { payoutPercentages, payoutWeights, placesPaid } from './payout-table.ts';

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

describe('placesPaid', () => {
  it.each([
    [1, 1],
    [2, 1],
    [5, 1],
    [6, 2],
    [9, 2],
    [10, 3],
    [18, 3],
    [19, 4],
    [27, 4],
    [28, 5],
    [36, 5],
    [37, 6],
    [100, 15],
    [1000, 150],
    [10000, 1500],
  ])('given a field of %i, then %i places are paid', (field, places) => {
    expect(placesPaid(field)).toBe(places);
  });
  it('given no players, then nothing is paid', () => {
    expect(placesPaid(0)).toBe(0);
    expect(payoutPercentages(0)).toEqual([]);
  });
  it('given a paid fraction of 50 %, then half the field is paid, never more than the field', () => {
    expect(placesPaid(40, { paidFraction: 0.5 })).toBe(20);
    expect(placesPaid(3, { paidFraction: 2 })).toBe(3);
    expect(placesPaid(3, { paidFraction: 0 })).toBe(1);
  });
  it('given growing fields, then places paid never go down', () => {
    let previous = 0;
    for (let field = 1; field <= 3000; field++) {
      const places = placesPaid(field);
      expect(places).toBeGreaterThanOrEqual(previous);
      previous = places;
    }
  });
});

describe('payoutPercentages', () => {
  it('given small fields, then the sit-and-go splits are used', () => {
    expect(payoutPercentages(4)).toEqual([10000]);
    expect(payoutPercentages(8)).toEqual([6500, 3500]);
    expect(payoutPercentages(12)).toEqual([5000, 3000, 2000]);
  });
  it('given 100 players, then 15 are paid with about 30 % to the winner and second near 0.55 of first', () => {
    const table = payoutPercentages(100);
    expect(table).toHaveLength(15);
    expect(table[0]).toBeGreaterThan(2700);
    expect(table[0]).toBeLessThan(3300);
    expect((table[1] as number) / (table[0] as number)).toBeGreaterThan(0.45);
  });
  it('given 10,000 players, then 1,500 are paid and the winner gets roughly a tenth', () => {
    const table = payoutPercentages(10000);
    expect(table).toHaveLength(1500);
    expect(table[0]).toBeGreaterThan(800);
    expect(table[0]).toBeLessThan(1200);
    expect(table.at(-1)).toBeGreaterThan(0);
  });
  it('given a min-cash, then it pays at least the average entry (pool / field)', () => {
    for (const field of [37, 100, 500, 2000]) {
      const weights = payoutWeights(field);
      expect((weights.at(-1) as number) * field).toBeGreaterThanOrEqual(1.5);
    }
  });
  it('given any field up to 20,000 and any paid share, then basis points sum to 10,000 and never increase', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20000 }),
        fc.option(fc.double({ min: 0.01, max: 1, noNaN: true }), { nil: undefined }),
        (field, paidFraction) => {
          const table = payoutPercentages(field, paidFraction === undefined ? undefined : { paidFraction });
          expect(sum(table)).toBe(10000);
          expect(table.length).toBeLessThanOrEqual(field);
          // Plain loops, one expect: per-element expects cost more than the tables.
          const increasing = table.findIndex((bp, i) => i > 0 && bp > (table[i - 1] as number));
          expect(increasing).toBe(-1);
          expect(table.every((bp) => Number.isInteger(bp) && bp >= 0)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
  it('given any field, then the exact weights sum to 1 and strictly decrease past the fixed splits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 19, max: 20000 }), (field) => {
        const w = payoutWeights(field);
        expect(Math.abs(sum(w) - 1)).toBeLessThan(1e-9);
        expect(w.findIndex((x, i) => i > 0 && x >= (w[i - 1] as number))).toBe(-1);
      }),
      { numRuns: 100 },
    );
  });
});
