/** League standings, given/when/then: points, counting rules, tiebreaks, ties, the finals cut. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Td3FormulaError } from '../td3/formula.ts';
import { checkLeagueConfig, leagueConfigSchema, previewPoints } from './config.schema.ts';
import { leagueStandings } from './standings.ts';
import type { LeagueConfig, TournamentResult } from './types.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 8, 20); // a Thursday evening in January

const config = (over: Partial<LeagueConfig> = {}): LeagueConfig => ({
  ...leagueConfigSchema.parse({
    name: 'Thursday league',
    season: { name: '2026' },
    formula: { kind: 'builtin', name: 'linear' },
  }),
  ...over,
});

/** A night where `order` finished in that order (first = winner), scored n - r + 1. */
function night(id: string, week: number, order: readonly string[]): TournamentResult {
  return {
    tournamentId: id,
    name: `Night ${id}`,
    at: T0 + week * 7 * DAY,
    source: 'felt',
    fileFormula: null,
    rows: order.map((p, i) => ({
      playerKey: p,
      name: p.toUpperCase(),
      place: i + 1,
      vars: { n: order.length, r: i + 1 },
      adjustment: 0,
    })),
  };
}

const totals = (s: ReturnType<typeof leagueStandings>) =>
  s.rows.map((r) => `${r.rank} ${r.playerKey} ${r.total}`);

describe('leagueStandings', () => {
  it('given two nights, when scored with n - r + 1, then totals add up and rank best first', () => {
    const s = leagueStandings(
      config(),
      [night('a', 0, ['ann', 'bo', 'cy']), night('b', 1, ['cy', 'ann'])],
      'UTC',
    );
    expect(totals(s)).toEqual(['1 ann 4', '2 cy 3', '3 bo 2']);
    expect(s.tournaments.map((t) => t.id)).toEqual(['b', 'a']);
  });

  it('given a formula adjustment, when applyAdjustments is on or off, then it is added or ignored', () => {
    const t = night('a', 0, ['ann', 'bo']);
    const adjusted = {
      ...t,
      rows: t.rows.map((r) => (r.playerKey === 'ann' ? { ...r, adjustment: -2 } : r)),
    };
    expect(totals(leagueStandings(config(), [adjusted], 'UTC'))).toEqual(['1 bo 1', '2 ann 0']);
    expect(totals(leagueStandings(config({ applyAdjustments: false }), [adjusted], 'UTC'))).toEqual([
      '1 ann 2',
      '2 bo 1',
    ]);
  });

  it('given best 2 of 3, when scored, then the worst result is flagged dropped and not in the total', () => {
    const nights = [
      night('a', 0, ['ann', 'bo', 'cy']),
      night('b', 1, ['bo', 'ann', 'cy']),
      night('c', 2, ['cy', 'bo', 'ann']),
    ];
    const s = leagueStandings(config({ counting: { mode: 'best', n: 2 } }), nights, 'UTC');
    const ann = s.rows.find((r) => r.playerKey === 'ann');
    expect(ann?.total).toBe(5);
    expect(ann?.results.map((r) => `${r.tournamentId}:${r.points}${r.dropped ? ' dropped' : ''}`)).toEqual([
      'c:1 dropped',
      'b:2',
      'a:3',
    ]);
  });

  it('given drop the worst 1, when a player missed a night, then the missed night is their dropped one', () => {
    const nights = [night('a', 0, ['ann', 'bo', 'cy']), night('b', 1, ['bo', 'cy'])];
    const s = leagueStandings(config({ counting: { mode: 'dropWorst', n: 1 } }), nights, 'UTC');
    const ann = s.rows.find((r) => r.playerKey === 'ann');
    const cy = s.rows.find((r) => r.playerKey === 'cy');
    expect(ann?.results.some((r) => r.dropped)).toBe(false);
    expect(cy?.results.map((r) => r.dropped)).toEqual([false, true]);
    expect(cy?.total).toBe(1);
  });

  it('given two level on points, when tiebreaks are best finish then wins, then the better best finish is ahead', () => {
    // ann: 1st of 2 (2) + 3rd of 3 (1) = 3; bo: 2nd of 3 (2) + 2nd of 2 (1) = 3.
    const nights = [night('a', 0, ['cy', 'bo', 'ann']), night('b', 1, ['ann', 'bo'])];
    const s = leagueStandings(config({ tiebreaks: ['bestFinish'] }), nights, 'UTC');
    expect(totals(s)).toEqual(['1 ann 3', '1 cy 3', '3 bo 3']);
    // ann and cy: both won once, level on every tiebreak given: they share the rank.
    const byRecent = leagueStandings(config({ tiebreaks: ['mostRecent'] }), nights, 'UTC');
    expect(totals(byRecent)).toEqual(['1 ann 3', '2 bo 3', '3 cy 3']);
  });

  it('given no tiebreaks, when players are level, then they share the rank and the next rank skips', () => {
    const s = leagueStandings(
      config({ tiebreaks: [] }),
      [night('a', 0, ['ann', 'bo']), night('b', 1, ['bo', 'ann'])],
      'UTC',
    );
    expect(s.rows.map((r) => r.rank)).toEqual([1, 1]);
  });

  it('given top 2 and at least 2 events, when the cut is drawn, then only those meeting both qualify (ann leads but played once)', () => {
    const nights = [night('a', 0, ['ann', 'bo', 'cy', 'di']), night('b', 1, ['di', 'bo'])];
    const s = leagueStandings(config({ finals: { top: 2, minEvents: 2 } }), nights, 'UTC');
    expect(s.rows.map((r) => `${r.playerKey}${r.qualified ? '*' : ''}`)).toEqual(['ann', 'bo*', 'di', 'cy']);
    const none = leagueStandings(config(), nights, 'UTC');
    expect(none.rows.some((r) => r.qualified)).toBe(false);
  });

  it("given season dates, when a night falls outside them (in the venue's time zone), then it is not counted", () => {
    // 23:30 UTC on 31 Jan is 00:30 on 1 Feb in Copenhagen.
    const late = { ...night('late', 0, ['ann']), at: Date.UTC(2026, 0, 31, 23, 30) };
    const c = config({ season: { name: 'January', startsOn: '2026-01-01', endsOn: '2026-01-31' } });
    expect(leagueStandings(c, [late], 'UTC').rows).toHaveLength(1);
    const cph = leagueStandings(c, [late], 'Europe/Copenhagen');
    expect(cph.rows).toHaveLength(0);
    expect(cph.outOfSeason).toEqual(['late']);
  });

  it('given a formula that fails for a player, when scored, then they get 0 and the problem is listed', () => {
    const c = config({ formula: { kind: 'td3', text: 'if(r = 2, 1 / 0, 5)' } });
    const s = leagueStandings(c, [night('a', 0, ['ann', 'bo'])], 'UTC');
    expect(totals(s)).toEqual(['1 ann 5', '2 bo 0']);
    expect(s.problems).toHaveLength(1);
    expect(s.problems[0]?.playerKey).toBe('bo');
  });

  it('given useFileFormulas, when a TD3 night carries its own formula, then that night is scored by it', () => {
    const td3Night = {
      ...night('a', 0, ['ann', 'bo']),
      source: 'td3' as const,
      fileFormula: '10 * (n - r + 1)',
    };
    expect(totals(leagueStandings(config({ useFileFormulas: true }), [td3Night], 'UTC'))).toEqual([
      '1 ann 20',
      '2 bo 10',
    ]);
    expect(totals(leagueStandings(config(), [td3Night], 'UTC'))).toEqual(['1 ann 2', '2 bo 1']);
  });
});

describe('league config', () => {
  it('given a bad TD3 formula, when checked, then a Td3FormulaError names the problem', () => {
    const bad = config({ formula: { kind: 'td3', text: 'n - r + bogus' } });
    expect(() => checkLeagueConfig(bad)).toThrow(Td3FormulaError);
    expect(() =>
      checkLeagueConfig(config({ formula: { kind: 'td3', text: 'round(10 * sqrt(n / r), 2)' } })),
    ).not.toThrow();
  });

  it('given a season ending before it starts or a repeated tiebreak, when parsed, then refused', () => {
    const base = { name: 'L', formula: { kind: 'builtin', name: 'linear' } };
    expect(
      leagueConfigSchema.safeParse({
        ...base,
        season: { name: 'S', startsOn: '2026-02-01', endsOn: '2026-01-01' },
      }).success,
    ).toBe(false);
    expect(
      leagueConfigSchema.safeParse({ ...base, season: { name: 'S' }, tiebreaks: ['wins', 'wins'] }).success,
    ).toBe(false);
    expect(
      leagueConfigSchema.safeParse({
        ...base,
        season: { name: 'S' },
        formula: { kind: 'builtin', name: 'nope' },
      }).success,
    ).toBe(false);
  });

  it('given the linear built-in, when previewed for 5 players, then 5 4 3 2 1', () => {
    expect(previewPoints({ kind: 'builtin', name: 'linear' }, 5)).toEqual([5, 4, 3, 2, 1]);
  });
});

describe('leagueStandings: properties', () => {
  const players = ['a', 'b', 'c', 'd', 'e', 'f'];
  const nights = fc
    .array(fc.shuffledSubarray(players, { minLength: 1 }), { minLength: 1, maxLength: 8 })
    .map((orders) => orders.map((o, i) => night(`t${i}`, i, o)));
  const counting = fc.oneof(
    fc.constant({ mode: 'all' as const }),
    fc.integer({ min: 1, max: 5 }).map((n) => ({ mode: 'best' as const, n })),
    fc.integer({ min: 1, max: 5 }).map((n) => ({ mode: 'dropWorst' as const, n })),
  );

  it('given any season, when scored, then totals are the counted points, ranks follow totals, and best-n counts at most n', () => {
    fc.assert(
      fc.property(nights, counting, (ts, cnt) => {
        const s = leagueStandings(config({ counting: cnt }), ts, 'UTC');
        for (const r of s.rows) {
          const counted = r.results.filter((x) => !x.dropped);
          expect(r.total).toBeCloseTo(
            counted.reduce((a, x) => a + x.points, 0),
            6,
          );
          if (cnt.mode === 'best') expect(counted.length).toBe(Math.min(cnt.n, r.results.length));
          // A dropped result never has more points than a counted one.
          const minCounted = Math.min(...counted.map((x) => x.points));
          for (const d of r.results.filter((x) => x.dropped))
            expect(d.points).toBeLessThanOrEqual(minCounted);
        }
        s.rows.forEach((r, i) => {
          const prev = s.rows[i - 1];
          if (prev === undefined) {
            expect(r.rank).toBe(1);
            return;
          }
          expect(prev.total).toBeGreaterThanOrEqual(r.total);
          expect(r.rank === prev.rank || r.rank === i + 1).toBe(true);
        });
      }),
    );
  });

  it('given any season, when the tournaments arrive in another order, then the standings are the same', () => {
    fc.assert(
      fc.property(nights, fc.integer(), (ts, seed) => {
        const shuffled = [...ts].sort((a, b) => ((a.at * 7919 + seed) % 13) - ((b.at * 7919 + seed) % 13));
        expect(leagueStandings(config(), shuffled, 'UTC')).toEqual(leagueStandings(config(), ts, 'UTC'));
      }),
    );
  });
});
