/**
 * League standings for the real TD3 files, season by season (the files' LeagueName and
 * SeasonName), each night scored by its own formula as TD3 scored it.
 *
 * TD3 stores no computed points or standings in a .tdt (CalculatedPoints and Points are 0 in
 * every fixture), so there is nothing of TD3's to compare a table with. What is checked: each
 * night's points are engine/td3's pointsForTournament (itself checked against TD3: the winner
 * of 2025-07-05 by hand, and the eight PointsAdjustments with which TDs cancelled exactly
 * TD3's figure), a season's totals are those points plus TD3's adjustments summed per TD3
 * player UUID (stable across a TD3 database), and a hand-checked season (ORF 2019 Off season).
 */
import { describe, expect, it } from 'vitest';
import { fixtureBytes, fixtureNames, HAVE_FIXTURES } from '../td3/fixtures.ts';
import { parseTd3, Td3ParseError } from '../td3/parse.ts';
import { pointsForTournament } from '../td3/points.ts';
import { readTd3 } from '../td3/read.ts';
import type { Td3Tournament } from '../td3/types.ts';
import { leagueConfigSchema } from './config.schema.ts';
import { leagueStandings } from './standings.ts';
import { td3Result } from './td3.ts';
import type { LeagueConfig } from './types.ts';

function read(bytes: Uint8Array): Td3Tournament {
  const t = readTd3(parseTd3(bytes));
  if (t instanceof Td3ParseError) throw t;
  return t;
}

const TD3_LIKE: LeagueConfig = leagueConfigSchema.parse({
  name: 'imported',
  season: { name: 'any' },
  formula: { kind: 'builtin', name: 'linear' },
  useFileFormulas: true,
  applyAdjustments: true,
  tiebreaks: [],
});

describe.skipIf(!HAVE_FIXTURES)('league standings of the real TD3 seasons', () => {
  const files = fixtureNames().map((n) => [n, read(fixtureBytes(n))] as const);
  const withFormula = files.filter(([, t]) => t.financials.pointsFormula !== null);
  const seasons = new Map<string, (readonly [string, Td3Tournament])[]>();
  for (const f of withFormula) {
    const key = `${f[1].leagueName ?? '(no league)'} / ${f[1].seasonName ?? '(no season)'}`;
    seasons.set(key, [...(seasons.get(key) ?? []), f]);
  }

  it('given the fixtures, when grouped, then every file with a formula belongs to a season', () => {
    expect(withFormula).toHaveLength(30);
    expect([...seasons.keys()].sort()).toEqual([
      '(no league) / (no season)',
      'Koffsta / 2020 off season',
      'ORF / 2018',
      'ORF / 2018 Off season',
      'ORF / 2019',
      'ORF / 2019 Off season',
      'ORF / 2020',
      'ORF / 2023',
      'ORF / 2023 Off season',
      'ORF / 2025',
    ]);
  });

  it.each([...seasons])(
    "given the season %s, when its standings are computed, then each total is TD3's points plus adjustments",
    (_key, nights) => {
      const s = leagueStandings(
        TD3_LIKE,
        nights.map(([n, t]) => td3Result(t, n)),
        'UTC',
      );
      expect(s.problems).toEqual([]);
      const expected = new Map<string, number>();
      for (const [, t] of nights) {
        for (const p of pointsForTournament(t))
          expected.set(p.playerId, (expected.get(p.playerId) ?? 0) + p.points + p.adjustment);
      }
      expect(new Map(s.rows.map((r) => [r.playerKey, r.total]))).toEqual(
        new Map([...expected].map(([k, v]) => [k, Math.round(v * 100) / 100])),
      );
      expect(s.rows.reduce((a, r) => a + r.played, 0)).toBe(
        nights.reduce((a, [, t]) => a + t.players.filter((p) => p.place !== null).length, 0),
      );
      console.log(
        `${_key} (${nights.length} nights)\n${s.rows.map((r) => `  ${String(r.rank).padStart(2)} ${r.name.padEnd(18)} ${String(r.total).padStart(7)}  ${r.played} played, best ${r.bestFinish}`).join('\n')}`,
      );
    },
  );

  it('given ORF 2019 Off season (five Koffsta nights), when computed, then the table added up by hand', () => {
    const nights = seasons.get('ORF / 2019 Off season') ?? [];
    const s = leagueStandings(
      TD3_LIKE,
      nights.map(([n, t]) => td3Result(t, n)),
      'UTC',
    );
    const perNight = nights.map(
      ([n, t]) =>
        `${n}: ${pointsForTournament(t)
          .map((p) => `${p.name} ${p.points}`)
          .join(', ')}`,
    );
    // Printed for the record: the same figures a person adds up to check the table below.
    console.log(perNight.join('\n'));
    // Added up by hand from the five nights' points above (no adjustments in these files).
    expect(s.rows.map((r) => `${r.rank} ${r.name} ${r.total} ${r.played}`)).toEqual([
      '1 Planting 662 5', // 161 + 171 + 156 + 0 + 174
      '2 John 277 5', // 0 + 54 + 0 + 160 + 63
      '3 Fredrik Y 230 5', // 120 + 110 + 0 + 0 + 0
      '4 Bosse 180 5', // 54 + 0 + 59 + 67 + 0
      '5 Jörgen E 0 2',
    ]);
    expect(perNight).toHaveLength(5);
  });
});
