import { describe, expect, it } from 'vitest';
import { parseTvSetup } from './views.ts';

const parse = (q: string) => parseTvSetup(new URLSearchParams(q));

describe('parseTvSetup', () => {
  it('given no views, then the TV shows the clock alone, 20 s a view', () => {
    expect(parse('')).toEqual({ ok: true, setup: { views: ['clock'], everyMs: 20_000 } });
  });

  it('given a rotation, then the views are kept in order once each', () => {
    expect(parse('views=clock,rankings,clock,payouts&every=15')).toEqual({
      ok: true,
      setup: { views: ['clock', 'rankings', 'payouts'], everyMs: 15_000 },
    });
  });

  it('given an unknown view, then it is named with the views there are', () => {
    const r = parse('views=clock,leaderboard');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.message).toBe(
        'Unknown view “leaderboard” in views=: use clock, rankings, seating, moves, payouts, schedule, slides, cash',
      );
  });

  it('given a rotation time out of range or not a number, then it says the range', () => {
    for (const every of ['2', '601', 'soon', '7.5']) {
      const r = parse(`views=clock&every=${every}`);
      expect(r).toEqual({ ok: false, message: `every=${every} is not a number of seconds from 5 to 600` });
    }
  });
});
