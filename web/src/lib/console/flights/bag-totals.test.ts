import { describe, expect, it } from 'vitest';
import { bagTotals, parseChips } from './bag-totals.ts';

describe('bag-and-tag totals', () => {
  it('reads chip counts as a TD types them', () => {
    expect(parseChips('12.500')).toBe(12_500);
    expect(parseChips('12 500')).toBe(12_500);
    expect(parseChips('12,500')).toBe(12_500);
    expect(parseChips('12k')).toBeNull();
    expect(parseChips('')).toBeNull();
  });

  it('adds typed bags and earlier counts, and says what is missing and how far off the chips in play', () => {
    const rows = [
      { entryId: 'e1', last: 10_000 },
      { entryId: 'e2', last: null },
      { entryId: 'e3', last: null },
    ];
    const t = bagTotals(rows, { e2: '25.000' }, 60_000);
    expect(t).toMatchObject({ total: 35_000, missing: 1, fromEarlier: 1, difference: -25_000, bad: null });
    expect(t.counts).toEqual([{ entryId: 'e2', chips: 25_000 }]);
    const done = bagTotals(rows, { e2: '25000', e3: '25000' }, 60_000);
    expect(done).toMatchObject({ missing: 0, difference: 0 });
    expect(bagTotals(rows, { e2: 'lots' }, 60_000).bad).toBe('lots');
  });
});
