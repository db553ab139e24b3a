import { describe, expect, it } from 'vitest';
import type { PrizePool } from '../../../../../engine/money/prize-pool.ts';
import { standings } from '../../../../../engine/tournament/standings.ts';
import { Harness } from '../../../../../engine/tournament/testing.ts';
import { draftsFrom, editedPayouts, type PayoutContext, payoutErrorText, shareText } from './payout-edit.ts';
import { poolLines } from './pool-lines.ts';

function twentyRunning() {
  const h = new Harness();
  h.started(20);
  return h;
}
const ctxOf = (s: ReturnType<typeof standings>): PayoutContext => ({
  pool: s.prizePool.total,
  entrants: s.entrants,
  roundTo: 1,
  percentages: null,
  currency: 'DKK',
});

describe('editing payouts', () => {
  it('previews the table the engine makes from the same manual amounts', () => {
    const h = twentyRunning();
    let s = standings(h.state);
    const drafts = draftsFrom(s.payouts, 'DKK');
    expect(drafts).toEqual(['', '', '', '']);
    drafts[1] = '900';
    const edited = editedPayouts(s.payouts, drafts, ctxOf(s));
    if (!edited.ok) throw new Error(edited.message);
    expect(edited.manual).toEqual([null, 90_000]);
    h.run({ type: 'EditPayouts', manual: edited.manual });
    s = standings(h.state);
    expect(s.payouts).toEqual(edited.preview);
    expect(s.payouts[1]).toMatchObject({ amount: 90_000, manual: true });
    expect(draftsFrom(s.payouts, 'DKK')).toEqual(['', '900', '', '']);
  });

  it('keeps locked places and leaves them out of the manual amounts', () => {
    const h = twentyRunning();
    h.run({ type: 'LockPayouts', places: [4] });
    const s = standings(h.state);
    const edited = editedPayouts(s.payouts, ['', '', '500', '1'], ctxOf(s));
    if (!edited.ok) throw new Error(edited.message);
    expect(edited.manual).toEqual([null, null, 50_000]);
    expect(edited.preview[3]).toEqual(s.payouts[3]);
  });

  it('says what is wrong in money, before anything is sent', () => {
    const h = twentyRunning();
    const s = standings(h.state);
    const over = editedPayouts(s.payouts, ['4000', '', '', ''], ctxOf(s));
    expect(!over.ok && over.message.replace(/\s/g, ' ')).toBe(
      'The fixed places add up to 4.000,00 kr. but the prize pool is only 3.600,00 kr.',
    );
    const bad = editedPayouts(s.payouts, ['', 'lots', '', ''], ctxOf(s));
    expect(!bad.ok && bad.message).toBe(
      'Place 2 "lots" is not a number: enter an amount like 1500 or 1500,50',
    );
    expect(payoutErrorText({ code: 'X', message: 'as the engine says' }, 'DKK')).toBe('as the engine says');
    expect(shareText(4188)).toBe('41,88 %');
  });
});

describe('pool lines', () => {
  const pool: PrizePool = {
    collected: 400_000,
    fees: 40_000,
    bounties: 0,
    fromEntries: 360_000,
    fixedRake: 0,
    addedMoney: 10_000,
    guarantee: 500_000,
    overlay: 130_000,
    total: 500_000,
  };
  it('shows a fixed rake as a line taken off, only when there is one', () => {
    const lines = poolLines({ ...pool, fixedRake: 20_000, overlay: 150_000 }, { bounties: false });
    expect(lines.find((l) => l.key === 'fixedRake')).toMatchObject({ amount: 20_000, role: 'minus' });
    expect(poolLines(pool, { bounties: false }).some((l) => l.key === 'fixedRake')).toBe(false);
  });
  it('shows money the prizes leave unpaid after the prize pool, saying who keeps it', () => {
    const lines = poolLines(pool, { bounties: false, unawarded: { amount: 8_000, keptAs: 'house' } });
    expect(lines.at(-1)).toMatchObject({ key: 'unawarded', amount: 8_000, role: 'info' });
    expect(lines.at(-1)?.note).toContain('kept by the house');
    const carried = poolLines(pool, { bounties: false, unawarded: { amount: 5, keptAs: 'carried' } });
    expect(carried.at(-1)?.note).toContain('carried over');
    expect(poolLines(pool, { bounties: false, unawarded: null }).some((l) => l.key === 'unawarded')).toBe(
      false,
    );
  });

  it('list the money from the desk to the prize pool, guarantee and overlay only when guaranteed', () => {
    expect(poolLines(pool, { bounties: false }).map((l) => [l.key, l.amount])).toEqual([
      ['collected', 400_000],
      ['fees', 40_000],
      ['fromEntries', 360_000],
      ['addedMoney', 10_000],
      ['guarantee', 500_000],
      ['overlay', 130_000],
      ['total', 500_000],
    ]);
    const plain = poolLines({ ...pool, guarantee: 0, overlay: 0, total: 370_000 }, { bounties: true });
    expect(plain.map((l) => l.key)).toEqual([
      'collected',
      'fees',
      'bounties',
      'fromEntries',
      'addedMoney',
      'total',
    ]);
  });
});
