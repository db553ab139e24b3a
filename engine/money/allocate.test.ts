import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateLargestRemainder } from './allocate.ts';

describe('allocateLargestRemainder', () => {
  it('given 100 split three ways evenly, then the odd unit goes to the first', () => {
    expect(allocateLargestRemainder(100, [1, 1, 1]).amounts).toEqual([34, 33, 33]);
  });
  it('given weights, then the largest fractional part gets the spare unit', () => {
    // exact shares 16.67, 33.33, 50 → floors 16, 33, 50; the spare unit goes to the 0.67.
    expect(allocateLargestRemainder(100, [1, 2, 3]).amounts).toEqual([17, 33, 50]);
  });
  it('given a unit of 50, then shares are multiples of 50 and the odd rest is returned', () => {
    const { amounts, rest } = allocateLargestRemainder(1020, [1, 1]);
    expect(amounts).toEqual([510, 510]);
    expect(rest).toBe(0);
    const withUnit = allocateLargestRemainder(1020, [1, 1], 50);
    expect(withUnit.amounts).toEqual([500, 500]);
    expect(withUnit.rest).toBe(20);
  });
  it('given all-zero weights, then the total is split evenly rather than lost', () => {
    expect(allocateLargestRemainder(10, [0, 0, 0]).amounts).toEqual([4, 3, 3]);
  });
  it('given any total, weights and unit, then amounts plus rest equal the total and are whole units', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 10000 }),
        (total, weights, unit) => {
          const { amounts, rest } = allocateLargestRemainder(total, weights, unit);
          expect(amounts.reduce((a, b) => a + b, 0) + rest).toBe(total);
          expect(rest).toBeLessThan(unit);
          for (const a of amounts) {
            expect(a).toBeGreaterThanOrEqual(0);
            expect(a % unit).toBe(0);
          }
        },
      ),
    );
  });
});
