import { describe, expect, it } from 'vitest';
import { standings } from '../../../../../engine/tournament/standings.ts';
import { Harness, T0 } from '../../../../../engine/tournament/testing.ts';
import type { DealMade } from '../../../../../engine/tournament/types.ts';
import {
  DEAL_KINDS,
  type DealTerms,
  dealCommand,
  parseCustom,
  parseStacks,
  previewDeals,
  remainingPrizes,
} from './deal.ts';

/** Ten players, six busted: four left at a table, as a TD opens the deal panel. */
function fourLeft() {
  const h = new Harness();
  h.started(10);
  for (let i = 10; i > 4; i--) h.run({ type: 'BustPlayers', busts: [{ entryId: `e${i}` }] }, T0 + 60_000);
  return h;
}

describe('deal previews', () => {
  it('show exactly what MakeDeal records, for every kind', () => {
    for (const { kind } of DEAL_KINDS) {
      const h = fourLeft();
      const s = standings(h.state);
      const terms: DealTerms = {
        stacks: [90_000, 60_000, 35_000, 15_000],
        remaining: remainingPrizes(s.payouts, s.playersLeft),
        leaveToPlayFor: 5_000,
        roundTo: kind === 'even-chop' ? 100 : undefined,
        custom: [70_000, 40_000, 25_000, s.prizePool.total - 5_000 - 135_000],
      };
      const preview = previewDeals(terms, 'DKK')[kind];
      if (!preview.ok) throw new Error(preview.message);
      const made = h.run({
        type: 'MakeDeal',
        ...dealCommand(kind, ['e1', 'e2', 'e3', 'e4'], terms),
      })[0] as DealMade;
      expect(made.shares.map((x) => x.amount)).toEqual(preview.deal.amounts);
      expect(made.leftToPlayFor).toBe(preview.deal.leftToPlayFor);
      expect(made.kind).toBe(kind);
    }
  });

  it('say why a deal cannot be made, in money', () => {
    const h = fourLeft();
    const s = standings(h.state);
    const remaining = remainingPrizes(s.payouts, s.playersLeft);
    const base: DealTerms = { stacks: [4, 3, 2, 1], remaining, leaveToPlayFor: 0, custom: [1, 2, 3, 4] };
    const tooMuch = previewDeals({ ...base, leaveToPlayFor: (remaining[0] as number) + 100 }, 'DKK');
    expect(tooMuch.icm.ok).toBe(false);
    expect(!tooMuch.icm.ok && tooMuch.icm.message.replace(/\s/g, ' ')).toBe(
      'Cannot leave 901,00 kr. to play for: first place only pays 900,00 kr.',
    );
    const custom = previewDeals(base, 'DKK').custom;
    expect(!custom.ok && custom.message.replace(/\s/g, ' ')).toBe(
      'The custom amounts add up to 0,10 kr. but 1.800,00 kr. is on the table (1.799,90 kr. still to share)',
    );
    expect(previewDeals({ ...base, custom: 'Enter Anna’s amount' }, 'DKK').custom).toEqual({
      ok: false,
      message: 'Enter Anna’s amount',
    });
  });
});

describe('deal form fields', () => {
  it('read chip counts with grouping and refuse empty, zero and junk', () => {
    const names = ['Anna', 'Bo'];
    expect(parseStacks(names, ['125.000', '40 000'])).toEqual({ ok: true, values: [125_000, 40_000] });
    expect(parseStacks(names, ['1', ''])).toEqual({ ok: false, message: 'Enter Bo’s chips' });
    expect(parseStacks(names, ['0', '1'])).toEqual({
      ok: false,
      message: 'Anna’s chips must be a whole number above 0 (got "0")',
    });
    expect(parseStacks(names, ['12k', '1']).ok).toBe(false);
  });

  it('read custom amounts in kroner', () => {
    expect(parseCustom(['Anna', 'Bo'], ['1500', '99,50'], 'DKK')).toEqual({
      ok: true,
      values: [150_000, 9_950],
    });
    expect(parseCustom(['Anna', 'Bo'], ['1500', 'x'], 'DKK')).toEqual({
      ok: false,
      message: 'Bo’s amount "x" is not a number: enter an amount like 1500 or 1500,50',
    });
  });
});
