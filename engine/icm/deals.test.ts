import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../core/errors.ts';
import { computeDeal, type DealInput, type DealResult } from './deals.ts';
import { icmExact } from './exact.ts';

const ok = (r: DealResult | DomainError): DealResult => {
  if (r instanceof DomainError) throw r;
  return r;
};
const code = (r: DealResult | DomainError): string => (r instanceof DomainError ? r.code : 'no error');
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

describe('computeDeal', () => {
  it('given the BetMGM chip-count example, then each player gets 57 plus a chip share of 285', () => {
    // help.nj.betmgm.com "How are the chip count payout amounts calculated?": $155.28, 135.63,
    // 122.52, 96.32, 60.28 — their figures are rounded per line (they add to 570.03).
    const deal = ok(
      computeDeal({
        kind: 'chip-chop',
        stacks: [15000, 12000, 10000, 6000, 500],
        remainingPayouts: [20000, 15000, 10000, 6300, 5700],
      }),
    );
    expect(deal.amounts).toEqual([15528, 13562, 12252, 9631, 6027]);
    [15528, 13563, 12252, 9632, 6028].forEach((published, i) => {
      expect(Math.abs((deal.amounts[i] as number) - published)).toBeLessThanOrEqual(1);
    });
    expect(sum(deal.amounts)).toBe(57000);
    expect(deal.method).toContain('Chip chop');
  });
  it('given an even chop of 1,000 among 3, then the odd unit goes to the biggest stack', () => {
    const deal = ok(
      computeDeal({ kind: 'even-chop', stacks: [10, 30, 20], remainingPayouts: [600, 300, 100] }),
    );
    expect(deal.amounts).toEqual([333, 334, 333]);
  });
  it('given an ICM deal, then the amounts are the Malmuth–Harville equities in whole units', () => {
    const stacks = [50, 30, 20];
    const deal = ok(computeDeal({ kind: 'icm', stacks, remainingPayouts: [7000, 3000] }));
    const eq = icmExact(stacks, [7000, 3000, 0]);
    deal.amounts.forEach((a, i) => {
      expect(Math.abs(a - (eq[i] as number))).toBeLessThan(1);
    });
    expect(sum(deal.amounts)).toBe(10000);
    expect(deal.method).toContain('ICM');
  });
  it('given 500 left to play for, then it comes off first place before the chop', () => {
    const deal = ok(
      computeDeal({ kind: 'even-chop', stacks: [1, 1], remainingPayouts: [6000, 4000], leaveToPlayFor: 500 }),
    );
    expect(deal.leftToPlayFor).toBe(500);
    expect(deal.distributed).toBe(9500);
    expect(deal.amounts).toEqual([4750, 4750]);
  });
  it('given a chip chop with an amount left to play for, then the guaranteed minimum is the lowest prize after it', () => {
    const deal = ok(
      computeDeal({
        kind: 'chip-chop',
        stacks: [100, 100],
        remainingPayouts: [1000, 600],
        leaveToPlayFor: 500,
      }),
    );
    // Prizes become 500 / 600: each gets 500, then the remaining 100 by chips.
    expect(deal.amounts).toEqual([550, 550]);
  });
  it('given rounding to 100, then shares are multiples of 100 and the odd rest goes to the largest share', () => {
    const deal = ok(
      computeDeal({ kind: 'icm', stacks: [60, 25, 15], remainingPayouts: [5050, 3000, 2000], roundTo: 100 }),
    );
    expect(sum(deal.amounts)).toBe(10050);
    const odd = deal.amounts.filter((a) => a % 100 !== 0);
    expect(odd).toHaveLength(1);
    expect(odd[0]).toBe(Math.max(...deal.amounts));
  });
  it('given fewer prizes than players, then the unpaid places count as 0', () => {
    const deal = ok(computeDeal({ kind: 'chip-chop', stacks: [3, 1], remainingPayouts: [400] }));
    expect(deal.amounts).toEqual([300, 100]);
  });
  it('given a custom deal that adds up, then it is taken as is', () => {
    const deal = ok(
      computeDeal({ kind: 'custom', stacks: [5, 5], remainingPayouts: [700, 300], custom: [520, 480] }),
    );
    expect(deal.amounts).toEqual([520, 480]);
    expect(deal.method).toBe('Custom');
  });
  it('given a custom deal that does not add up, then DEAL_CUSTOM_SUM_MISMATCH names both sums', () => {
    const result = computeDeal({
      kind: 'custom',
      stacks: [5, 5],
      remainingPayouts: [700, 300],
      custom: [520, 470],
    });
    expect(code(result)).toBe('DEAL_CUSTOM_SUM_MISMATCH');
    expect((result as DomainError).details).toEqual({ custom: 990, onTable: 1000 });
    expect((result as DomainError).message).toContain('990');
    expect((result as DomainError).message).toContain('1000');
  });
  it.each<[string, DealInput]>([
    ['DEAL_TOO_FEW_PLAYERS', { kind: 'even-chop', stacks: [5], remainingPayouts: [100] }],
    ['DEAL_STACK_INVALID', { kind: 'icm', stacks: [5, 0], remainingPayouts: [100] }],
    ['DEAL_PAYOUTS_MISMATCH', { kind: 'icm', stacks: [5, 5], remainingPayouts: [100, 50, 20] }],
    ['DEAL_PAYOUT_INVALID', { kind: 'icm', stacks: [5, 5], remainingPayouts: [100, -5] }],
    ['DEAL_LEAVE_INVALID', { kind: 'icm', stacks: [5, 5], remainingPayouts: [100, 50], leaveToPlayFor: -1 }],
    [
      'DEAL_LEAVE_EXCEEDS_FIRST',
      { kind: 'icm', stacks: [5, 5], remainingPayouts: [100, 50], leaveToPlayFor: 101 },
    ],
    ['DEAL_ROUNDING_INVALID', { kind: 'icm', stacks: [5, 5], remainingPayouts: [100, 50], roundTo: 0.5 }],
    ['DEAL_CUSTOM_MISSING', { kind: 'custom', stacks: [5, 5], remainingPayouts: [100, 50] }],
    [
      'DEAL_CUSTOM_LENGTH_MISMATCH',
      { kind: 'custom', stacks: [5, 5], remainingPayouts: [100, 50], custom: [150] },
    ],
    [
      'DEAL_CUSTOM_INVALID',
      { kind: 'custom', stacks: [5, 5], remainingPayouts: [100, 50], custom: [160, -10] },
    ],
  ])('given bad input, then %s', (expected, input) => {
    expect(code(computeDeal(input))).toBe(expected);
  });
  it('given any deal, then the amounts are whole, non-negative and add up exactly to the money chopped', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('icm' as const, 'chip-chop' as const, 'even-chop' as const),
        fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 2, maxLength: 10 }),
        fc.array(fc.integer({ min: 0, max: 100_000_000 }), { minLength: 1, maxLength: 10 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(1, 100, 5000),
        (kind, stacks, raw, leaveShare, roundTo) => {
          const remainingPayouts = raw.slice(0, stacks.length).sort((a, b) => b - a);
          const leaveToPlayFor = Math.floor(leaveShare * (remainingPayouts[0] as number));
          const deal = ok(computeDeal({ kind, stacks, remainingPayouts, leaveToPlayFor, roundTo }));
          expect(sum(deal.amounts)).toBe(sum(remainingPayouts) - leaveToPlayFor);
          expect(deal.distributed + deal.leftToPlayFor).toBe(sum(remainingPayouts));
          expect(deal.amounts.every((a) => Number.isSafeInteger(a) && a >= 0)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
  it('given a chip chop, then nobody gets less than the lowest remaining prize (to the unit)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 2, maxLength: 9 }),
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 9, maxLength: 9 }),
        (stacks, raw) => {
          const remainingPayouts = raw.slice(0, stacks.length).sort((a, b) => b - a);
          const low = remainingPayouts.at(-1) as number;
          const deal = ok(computeDeal({ kind: 'chip-chop', stacks, remainingPayouts }));
          expect(Math.min(...deal.amounts)).toBeGreaterThanOrEqual(low);
        },
      ),
    );
  });
});
