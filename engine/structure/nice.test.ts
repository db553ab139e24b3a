import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classicAnte } from './assemble.ts';
import { niceFloor, niceMultiples, roundToNice } from './nice.ts';

describe('nice blind amounts', () => {
  it('given the 25 chip, then the nice multiples follow the printed ladder', () => {
    expect(niceMultiples(25, 1000).filter((v) => v <= 1000)).toEqual([
      25, 50, 75, 100, 150, 200, 250, 300, 400, 500, 600, 750, 800, 1000,
    ]);
  });
  it('given a target between ladder steps, then it rounds to the nearest step above the previous blind', () => {
    expect(roundToNice(1050, 100, 800)).toBe(1000);
    expect(roundToNice(1100, 100, 1000)).toBe(1200);
    expect(roundToNice(10, 25, 0)).toBe(25);
  });
  it('given an odd chip with no nice multiple near the target, then a plain multiple of the chip is used', () => {
    expect(roundToNice(100, 7, 0) % 7).toBe(0);
    expect(Math.abs(roundToNice(100, 7, 0) - 100)).toBeLessThan(7);
  });
  it('property: the result is a multiple of the chip, above the previous blind, within 1.5× of the nearest candidate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000 }),
        fc.double({ min: 1, max: 1e9, noNaN: true }),
        fc.integer({ min: 0, max: 1e8 }),
        (chip, target, above) => {
          const v = roundToNice(target, chip, above);
          expect(v % chip).toBe(0);
          expect(v).toBeGreaterThan(above);
          const minimal = Math.max(chip * Math.round(target / chip), chip * (Math.floor(above / chip) + 1));
          expect(Math.abs(Math.log(v / minimal))).toBeLessThanOrEqual(Math.log(1.5) + 1e-9);
        },
      ),
    );
  });
  it('classic antes are about an eighth of the big blind, rounded down to a nice multiple of the chip', () => {
    expect(classicAnte(200, 25)).toBe(25);
    expect(classicAnte(800, 25)).toBe(100);
    expect(classicAnte(2400, 100)).toBe(300);
    expect(niceFloor(10, 25)).toBe(25);
  });
});
