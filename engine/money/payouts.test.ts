import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../core/errors.ts';
import { computePayouts, type PayoutLine, shareTiedPlaces } from './payouts.ts';

const amounts = (lines: readonly PayoutLine[] | DomainError): number[] => {
  if (lines instanceof DomainError) throw lines;
  return lines.map((l) => l.amount);
};
const total = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

describe('computePayouts', () => {
  it('given 10,000 DKK, 12 players and no rounding, then 50/30/20 pays 5,000/3,000/2,000', () => {
    const lines = computePayouts(1000000, 12);
    expect(lines).toEqual([
      { place: 1, amount: 500000, basisPoints: 5000, manual: false, locked: false },
      { place: 2, amount: 300000, basisPoints: 3000, manual: false, locked: false },
      { place: 3, amount: 200000, basisPoints: 2000, manual: false, locked: false },
    ]);
  });
  it('given rounding to 50 DKK, then lower places round down and 1st takes the remainder', () => {
    // 1,234 DKK over 50/30/20: 617 / 370.2 / 246.8 → 2nd 350, 3rd 200, 1st 1,234 − 550 = 684.
    expect(amounts(computePayouts(123400, 12, { roundTo: 5000 }))).toEqual([68400, 35000, 20000]);
  });
  it('given a percentages override, then it replaces the table', () => {
    expect(amounts(computePayouts(100000, 50, { percentages: [6000, 4000] }))).toEqual([60000, 40000]);
  });
  it('given a manual 2nd place, then the rest is shared by the table among the other places', () => {
    const lines = computePayouts(1000000, 12, { manual: [null, 400000] });
    if (lines instanceof DomainError) throw lines;
    // 600,000 left for places 1 and 3 in the ratio 50:20.
    expect(lines.map((l) => l.amount)).toEqual([428572, 400000, 171428]);
    expect(lines[1]).toMatchObject({ manual: true, locked: false });
  });
  it('given locked lower places, then their amounts stay and the rest is re-shared above them', () => {
    const lines = computePayouts(1000000, 12, { locked: [null, null, 250000] });
    if (lines instanceof DomainError) throw lines;
    expect(lines.map((l) => l.amount)).toEqual([468750, 281250, 250000]);
    expect(lines[2]).toMatchObject({ locked: true, manual: false });
  });
  it('given a manual edit of a locked place, then it is refused', () => {
    const result = computePayouts(1000000, 12, {
      locked: [null, null, 200000],
      manual: [null, null, 300000],
    });
    expect(result).toBeInstanceOf(DomainError);
    expect((result as DomainError).code).toBe('PAYOUT_PLACE_LOCKED');
  });
  it('given manual amounts above the pool, then PAYOUT_EXCEEDS_POOL names both sums', () => {
    const result = computePayouts(100000, 12, { manual: [90000, 20000] });
    expect(result).toBeInstanceOf(DomainError);
    expect((result as DomainError).code).toBe('PAYOUT_EXCEEDS_POOL');
    expect((result as DomainError).details).toEqual({ pool: 100000, fixed: 110000 });
  });
  it('given every place fixed below the pool, then the missing money is reported', () => {
    const result = computePayouts(100000, 12, { manual: [50000, 30000, 10000] });
    expect((result as DomainError).code).toBe('PAYOUT_POOL_NOT_DISTRIBUTED');
  });
  it('given every place fixed below the pool and unawarded money kept, then the places pay exactly their amounts', () => {
    for (const unawarded of ['house', 'carried'] as const) {
      const result = computePayouts(100000, 12, { manual: [50000, 30000, 10000], unawarded });
      expect((result as PayoutLine[]).map((l) => l.amount)).toEqual([50000, 30000, 10000]);
    }
  });
  it.each([
    ['PAYOUT_PERCENTAGES_SUM', { percentages: [5000, 4000] }],
    ['PAYOUT_PERCENTAGES_ORDER', { percentages: [4000, 6000] }],
    ['PAYOUT_PERCENTAGES_INVALID', { percentages: [10000.5, -0.5] }],
    ['PAYOUT_PERCENTAGES_EMPTY', { percentages: [] }],
    ['PAYOUT_TOO_MANY_PLACES', { percentages: Array.from({ length: 20 }, () => 500) }],
    ['PAYOUT_ROUNDING_INVALID', { roundTo: 0 }],
    ['PAYOUT_PLACE_OUT_OF_RANGE', { manual: [null, null, null, 5] }],
    ['PAYOUT_MANUAL_INVALID', { manual: [-5] }],
  ])('given bad options, then %s', (code, options) => {
    const result = computePayouts(100000, 12, options);
    expect(result).toBeInstanceOf(DomainError);
    expect((result as DomainError).code).toBe(code);
  });
  it('given a bad pool or field, then it is refused', () => {
    expect((computePayouts(-1, 12) as DomainError).code).toBe('PAYOUT_POOL_INVALID');
    expect((computePayouts(10.5, 12) as DomainError).code).toBe('PAYOUT_POOL_INVALID');
    expect((computePayouts(100, 0) as DomainError).code).toBe('PAYOUT_FIELD_INVALID');
  });
  it('given any pool, field and rounding, then the lines sum to the pool exactly, never negative, never increasing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e11 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.constantFrom(1, 100, 2500, 5000, 10000, 123457),
        (pool, field, roundTo) => {
          const lines = computePayouts(pool, field, { roundTo });
          if (lines instanceof DomainError) throw lines;
          const a = lines.map((l) => l.amount);
          expect(total(a)).toBe(pool);
          const bad = a.findIndex(
            (x, i) =>
              !Number.isSafeInteger(x) || x < 0 || (i > 0 && (x > (a[i - 1] as number) || x % roundTo !== 0)),
          );
          expect(bad).toBe(-1);
        },
      ),
      { numRuns: 300 },
    );
  });
  it('given random manual and locked places that fit, then the sum is still exact and they are kept', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100000, max: 1e10 }),
        fc.integer({ min: 10, max: 300 }),
        fc.array(fc.option(fc.double({ min: 0, max: 0.05, noNaN: true }), { nil: null }), { maxLength: 10 }),
        fc.integer({ min: 1, max: 10000 }),
        (pool, field, shares, roundTo) => {
          // Place 1 stays computed so the remainder has somewhere to go.
          const manual = [null, ...shares.map((s) => (s === null ? null : Math.floor(s * pool)))];
          const lines = computePayouts(pool, field, { manual, roundTo });
          if (lines instanceof DomainError) {
            expect(lines.code).toBe('PAYOUT_PLACE_OUT_OF_RANGE');
            return;
          }
          expect(total(lines.map((l) => l.amount))).toBe(pool);
          manual.forEach((m, i) => {
            if (m !== null) expect(lines[i]?.amount).toBe(m);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('shareTiedPlaces', () => {
  it('given two players tied for 3rd and 4th, then they share those prizes equally', () => {
    expect(shareTiedPlaces([5000, 3000, 1500, 1000, 500], 3, 2)).toEqual([1250, 1250]);
  });
  it('given an odd total, then the odd units go to the first listed players', () => {
    expect(shareTiedPlaces([5000, 3000, 1001, 1000, 500], 3, 3)).toEqual([834, 834, 833]);
  });
  it('given a tie across the bubble, then the unpaid place adds nothing', () => {
    expect(shareTiedPlaces([6000, 4000], 2, 2)).toEqual([2000, 2000]);
  });
  it('given no players, then nothing is shared; given place 0, then it throws', () => {
    expect(shareTiedPlaces([1], 1, 0)).toEqual([]);
    expect(() => shareTiedPlaces([1], 0, 1)).toThrow(RangeError);
  });
  it('given any tie, then the shares sum to the tied places and differ by at most one unit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 50 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 10 }),
        (payouts, first, count) => {
          const shares = shareTiedPlaces(payouts, first, count);
          const expected = total(payouts.slice(first - 1, first - 1 + count));
          expect(total(shares)).toBe(expected);
          expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
