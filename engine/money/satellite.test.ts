import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { satelliteSeats } from './satellite.ts';

describe('satelliteSeats', () => {
  it('given a pool of 3.6 seats, then 3 seats and the remainder to the bubble (4th)', () => {
    const s = satelliteSeats(360_000, 20, { seatValue: 100_000, remainder: 'bubble' });
    expect(s.seats).toBe(3);
    expect(s.remainder).toBe(60_000);
    expect(s.remainderTo).toBe('bubble');
    expect(s.lines.map((l) => [l.place, l.amount, l.seat ?? false])).toEqual([
      [1, 100_000, true],
      [2, 100_000, true],
      [3, 100_000, true],
      [4, 60_000, false],
    ]);
  });
  it('given the remainder shared among the seat winners, then each seat carries its share, odd units to the better places', () => {
    const s = satelliteSeats(360_001, 20, { seatValue: 100_000, remainder: 'seat-winners' });
    expect(s.remainderTo).toBe('seat-winners');
    expect(s.lines.map((l) => l.amount)).toEqual([120_001, 120_000, 120_000]);
    expect(s.lines.every((l) => l.seat)).toBe(true);
  });
  it('given an exact number of seats, then no remainder line', () => {
    const s = satelliteSeats(300_000, 20, { seatValue: 100_000, remainder: 'bubble' });
    expect(s.remainderTo).toBe('none');
    expect(s.lines).toHaveLength(3);
  });
  it('given a pool smaller than one seat, then no seats and no lines', () => {
    const s = satelliteSeats(90_000, 5, { seatValue: 100_000, remainder: 'bubble' });
    expect([s.seats, s.remainder, s.lines.length, s.remainderTo]).toEqual([0, 90_000, 0, 'none']);
  });
  it('given no bubble place (a seat for every entrant), then the remainder goes to the seat winners', () => {
    const s = satelliteSeats(250_000, 2, { seatValue: 100_000, remainder: 'bubble' });
    expect(s.remainderTo).toBe('seat-winners');
    expect(s.lines.map((l) => l.amount)).toEqual([125_000, 125_000]);
  });
  it('property: seats × seat value + remainder == pool, the lines pay exactly the pool, never more seats than fit', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 10_000_000 }),
        // At least 1/1000 of the largest pool: a few thousand seats at most, as in a real room.
        fc.integer({ min: 10_000, max: 10_000_000 }),
        fc.integer({ min: 1, max: 5_000 }),
        fc.constantFrom('bubble' as const, 'seat-winners' as const),
        (pool, seatValue, entrants, remainder) => {
          const s = satelliteSeats(pool, entrants, { seatValue, remainder });
          expect(s.seats * seatValue + s.remainder).toBe(pool);
          expect(s.remainder).toBeGreaterThanOrEqual(0);
          expect(s.remainder).toBeLessThan(seatValue);
          expect(s.lines.filter((l) => l.seat).length).toBe(s.seats);
          const paid = s.lines.reduce((a, l) => a + l.amount, 0);
          expect(paid).toBe(s.seats === 0 ? 0 : pool);
          for (const l of s.lines) expect(l.amount).toBeGreaterThanOrEqual(l.seat ? seatValue : 0);
        },
      ),
    );
  });
});
