import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePrizePool } from './prize-pool.ts';

const buyin = { price: 18000, fee: 2000, bounty: 0 };

describe('computePrizePool', () => {
  it('given 30 buy-ins of 180+20 DKK, then the pool is 5,400 DKK and the house keeps 600', () => {
    const pool = computePrizePool({ contributions: Array.from({ length: 30 }, () => buyin) });
    expect(pool).toEqual({
      collected: 600000,
      fees: 60000,
      bounties: 0,
      fromEntries: 540000,
      fixedRake: 0,
      addedMoney: 0,
      guarantee: 0,
      overlay: 0,
      total: 540000,
    });
  });
  it('given a 10,000 DKK guarantee and 40 entries worth 7,200, then the house pays 2,800 overlay', () => {
    const pool = computePrizePool({
      contributions: Array.from({ length: 40 }, () => buyin),
      guarantee: 1000000,
    });
    expect(pool.overlay).toBe(280000);
    expect(pool.total).toBe(1000000);
  });
  it('given added money, then it counts toward the guarantee before any overlay', () => {
    const pool = computePrizePool({
      contributions: Array.from({ length: 40 }, () => buyin),
      addedMoney: 300000,
      guarantee: 1000000,
    });
    expect(pool.overlay).toBe(0);
    expect(pool.total).toBe(1020000);
  });
  it('given a fixed rake of 20 DKK, then the house takes it from the entries before the pool, and never more than they put in', () => {
    const pool = computePrizePool({
      contributions: Array.from({ length: 14 }, () => buyin),
      fixedRake: 2000,
    });
    expect(pool.fixedRake).toBe(2000);
    expect(pool.total).toBe(14 * 18000 - 2000);
    expect(pool.collected).toBe(14 * 20000);
    const empty = computePrizePool({ contributions: [], fixedRake: 2000, addedMoney: 5000 });
    expect(empty.fixedRake).toBe(0);
    expect(empty.total).toBe(5000);
  });
  it('given a fixed rake and a guarantee, then the overlay covers what the rake took', () => {
    const pool = computePrizePool({ contributions: [buyin], fixedRake: 8000, guarantee: 18000 });
    expect(pool.overlay).toBe(8000);
    expect(pool.total).toBe(18000);
  });
  it('given bounties, then they are collected but not in the prize pool', () => {
    const pool = computePrizePool({ contributions: [{ price: 10000, fee: 1000, bounty: 5000 }] });
    expect(pool.collected).toBe(16000);
    expect(pool.bounties).toBe(5000);
    expect(pool.total).toBe(10000);
  });
  it('given any contributions, then collected = entries + fees + bounties and total = funded + overlay', () => {
    const money = fc.integer({ min: 0, max: 1e8 });
    fc.assert(
      fc.property(
        fc.array(fc.record({ price: money, fee: money, bounty: money }), { maxLength: 50 }),
        money,
        money,
        money,
        (contributions, addedMoney, guarantee, fixedRake) => {
          const p = computePrizePool({ contributions, addedMoney, guarantee, fixedRake });
          expect(p.collected).toBe(p.fromEntries + p.fees + p.bounties);
          expect(p.fixedRake).toBeLessThanOrEqual(p.fromEntries);
          expect(p.total).toBe(p.fromEntries - p.fixedRake + p.addedMoney + p.overlay);
          expect(p.total).toBeGreaterThanOrEqual(p.guarantee);
          expect(p.overlay).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});
