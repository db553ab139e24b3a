import { describe, expect, it } from 'vitest';
import { fixtureBytes, fixtureNames, HAVE_FIXTURES, testdata } from './fixtures.ts';
import { parseTd3, Td3ParseError } from './parse.ts';
import { readTd3, toMinor } from './read.ts';
import { describeTd3 } from './survey.ts';
import type { Td3Tournament } from './types.ts';

function read(text: string | Uint8Array): Td3Tournament {
  const t = readTd3(parseTd3(text));
  if (t instanceof Td3ParseError) throw t;
  return t;
}

describe('toMinor', () => {
  it('given TD3 floats, when converted, then minor units are exact integers', () => {
    expect([
      toMinor(0.29),
      toMinor(1.15),
      toMinor(220),
      toMinor(-0.5),
      toMinor(1e-9),
      toMinor(19.999),
    ]).toEqual([29, 115, 22000, -50, 0, 2000]);
  });
});

describe('readTd3: a hand-written tournament', () => {
  const t = read(testdata('mini.tdt'));
  const byId = new Map(t.players.map((p) => [p.id, p]));

  it('given the header, when read, then title, league, times and level are kept', () => {
    expect([
      t.version,
      t.id,
      t.title,
      t.leagueName,
      t.seasonName,
      t.startTime,
      t.endTime,
      t.currentLevel,
    ]).toEqual(['3.7.2', 't-1', 'Mini', 'Club', '2025', 900, 9500, 2]);
  });

  it('given rounds and a break, when read, then minutes become ms and rounds are numbered without breaks', () => {
    expect(t.levels).toEqual([
      expect.objectContaining({
        type: 'round',
        index: 0,
        roundNumber: 1,
        durationMs: 1_200_000,
        smallBlind: 25,
        bigBlind: 50,
        ante: 0,
      }),
      { type: 'break', index: 1, durationMs: 600_000, chipUp: true, notes: 'Colour up the 25s' },
      expect.objectContaining({
        type: 'round',
        index: 2,
        roundNumber: 2,
        durationMs: 1_230_000,
        ante: 100,
        limits: [0, 0],
      }),
    ]);
  });

  it('given profiles with rake, when read, then fee and rake are minor units', () => {
    expect(t.financials.buyins.profiles[0]).toEqual({
      name: 'Standard',
      enabled: true,
      fee: 11050,
      rake: 1050,
      chips: 10000,
      points: 0,
      bountyChipCost: 0,
    });
    expect(t.financials.rebuys).toMatchObject({ allowed: true, lastRound: 4, maxPerPlayer: 2 });
    expect(t.financials.pointsFormula).toContain('assign("points", 1)');
  });

  it('given a player who rebought, when read, then the first entry is the buy-in and the next a rebuy, each with its bust', () => {
    const bob = byId.get('p-b');
    expect(bob?.name).toBe('Bob Berg');
    expect(bob?.entries.map((e) => [e.kind, e.amount, e.bustOut?.time, e.bustOut?.hitmanIds])).toEqual([
      ['buyin', 11050, 3000, ['p-a']],
      ['rebuy', 10000, 9000, ['p-a']],
    ]);
    expect(bob?.entries[0]?.bustOut?.seat).toEqual({
      tableName: 'Table 1',
      tableId: 'tb-1',
      seatIndex: 1,
      locked: false,
    });
  });

  it('given bust times, when read, then places follow bust order and the survivor wins', () => {
    expect(t.players.map((p) => [p.name, p.place, p.busted])).toEqual([
      ['Alice', 1, false],
      ['Bob Berg', 2, true],
      ['Cleo', 3, true],
    ]);
  });

  it('given shared and adjusted knockouts, when read, then each hitman gets full credit plus adjustments', () => {
    expect([byId.get('p-a')?.hits, byId.get('p-b')?.hits, byId.get('p-c')?.hits]).toEqual([3, 1, 1]);
  });

  it('given an add-on, when read, then it is on the player', () => {
    expect(byId.get('p-a')?.addOns).toEqual([
      { time: 5000, round: 4, amount: 5000, rake: 0, chips: 5000, points: 0, profileName: 'Add' },
    ]);
  });

  it('given prizes, when read, then percentages, fixed amounts, remainders and recipients are kept', () => {
    expect(
      t.prizes.map((p) => [
        p.recipient,
        p.amountType,
        p.percent,
        p.fixedAmount,
        p.sharedRemainder,
        p.amount,
        p.awardedTo,
      ]),
    ).toEqual([
      [1, 'percent', 70, 0, 150, 23150, ['p-a']],
      [2, 'fixed', 0, 10000, 0, 10000, ['p-b']],
    ]);
    expect(t.prizeSettings).toEqual({ roundPrizes: 2, roundToNearest: 50, automatic: true });
  });

  it('given the table, when read, then seats, locks (null = unlocked) and button are kept', () => {
    expect(t.tables).toEqual([
      {
        id: 'tb-1',
        name: 'Table 1',
        seatCount: 3,
        seats: ['p-a', null, null],
        locks: [false, true, false],
        dealerButtonSeat: 2,
      },
    ]);
  });

  it('given chips with numeric and string ids, when read, then ids are strings', () => {
    expect(t.chips.map((c) => c.id)).toEqual(['1', '2']);
    expect(t.chipSets).toEqual([{ name: 'Default', counts: { 1: 8, 2: 0 } }]);
  });

  it('given entries, when totalled, then paid in, rake and pot add up', () => {
    expect(t.totals).toEqual({
      entrants: 3,
      buyins: 3,
      rebuys: 1,
      addOns: 1,
      buyinsAmount: 33150,
      rebuysAmount: 10000,
      addOnsAmount: 5000,
      paidIn: 48150,
      rake: 3150,
      fixedRake: 0,
      pot: 45000,
      prizesTotal: 33150,
    });
  });

  it('given the history, when read, then every line is kept in order', () => {
    expect(t.history.map((h) => h.text)).toEqual(['Alice bought-in', 'Alice won the tournament']);
  });
});

describe('readTd3: what is not a tournament', () => {
  it.each([
    ['a number', '42'],
    ['no T', '{ V: "3.7" }'],
    ['T of another kind', '{ V: "3.7", T: new Layout({}) }'],
    [
      'players not a map',
      '{ V: "3.7", T: new Tournament({ Financials: new FinancialConfig({}), Players: new GamePlayers({ Players: 5 }) }) }',
    ],
  ])('given %s, when read, then NOT_A_TOURNAMENT with the path', (_what, text) => {
    const r = readTd3(parseTd3(text));
    expect(r).toBeInstanceOf(Td3ParseError);
    expect((r as Td3ParseError).code).toBe('NOT_A_TOURNAMENT');
  });

  it('given an amount of the wrong type, when read, then the error names its path', () => {
    const text = testdata('mini.tdt').replace('Amount: 100, PersonalBounty', 'Amount: "100", PersonalBounty');
    const r = readTd3(parseTd3(text));
    expect((r as Td3ParseError).message).toContain('Players["p-b"].Buyins[1].Amount should be a number');
  });
});

describe('readTd3: players TD3 cannot tell apart', () => {
  it('given players without a UUID (in the record or the map key), when read, then PLAYERS_WITHOUT_IDS naming one', () => {
    const text = testdata('mini.tdt')
      .replaceAll(/UUID: "p-[abc]"/g, 'UUID: ""')
      .replaceAll(/\["p-[abc]", new GamePlayer/g, '["", new GamePlayer');
    const r = readTd3(parseTd3(text));
    expect(r).toBeInstanceOf(Td3ParseError);
    expect((r as Td3ParseError).code).toBe('PLAYERS_WITHOUT_IDS');
    expect((r as Td3ParseError).message).toMatch(/Alice has no UUID/);
  });

  it('given two players sharing a UUID, when read, then PLAYERS_WITHOUT_IDS naming both', () => {
    const text = testdata('mini.tdt').replaceAll('"p-c"', '"p-b"');
    const r = readTd3(parseTd3(text));
    expect((r as Td3ParseError).code).toBe('PLAYERS_WITHOUT_IDS');
    expect((r as Td3ParseError).message).toMatch(/Bob Berg and Cleo share the UUID p-b/);
  });
});

describe.skipIf(!HAVE_FIXTURES)('readTd3: the 30 real TD3 files', () => {
  const names = fixtureNames();
  const all = names.map((n) => [n, read(fixtureBytes(n))] as const);

  it('given every fixture, when read, then a summary is printed for a person to check', () => {
    console.log(all.map(([n, t]) => describeTd3(n, t)).join('\n'));
    expect(all).toHaveLength(30);
  });

  it.each(all)(
    'given %s, when read, then places are 1..entrants, unique except ties, survivors unranked only if several',
    (_n, t) => {
      const ranked = t.players.filter((p) => p.place !== null);
      const stillIn = t.players.filter((p) => p.entries.length > 0 && !p.busted);
      for (const p of ranked) {
        expect(p.place).toBeGreaterThanOrEqual(1);
        expect(p.place).toBeLessThanOrEqual(t.totals.entrants);
      }
      // A place shared by k players leaves the next k-1 places empty.
      const counts = new Map<number, number>();
      for (const p of ranked) counts.set(p.place as number, (counts.get(p.place as number) ?? 0) + 1);
      for (const [place, k] of counts) {
        for (let q = place + 1; q < place + k; q++) expect(counts.has(q)).toBe(false);
      }
      if (stillIn.length > 1) expect(ranked).toHaveLength(t.totals.entrants - stillIn.length);
      else expect(ranked).toHaveLength(t.totals.entrants);
    },
  );

  it.each(all)(
    'given %s, when read, then every prize recipient exists and finished at the prize rank',
    (_n, t) => {
      const byId = new Map(t.players.map((p) => [p.id, p]));
      for (const prize of t.prizes) {
        for (const id of prize.awardedTo) {
          expect(byId.has(id)).toBe(true);
          expect(byId.get(id)?.place).toBe(prize.recipient);
        }
      }
    },
  );

  it.each(all)('given %s, when read, then hitmen, seats and money are consistent', (_n, t) => {
    const ids = new Set(t.players.map((p) => p.id));
    for (const p of t.players) {
      for (const e of p.entries) for (const h of e.bustOut?.hitmanIds ?? []) expect(ids.has(h)).toBe(true);
      expect(p.entries.every((e) => Number.isInteger(e.amount) && e.rake <= e.amount)).toBe(true);
    }
    for (const table of t.tables) for (const s of table.seats) if (s !== null) expect(ids.has(s)).toBe(true);
    const s = t.totals;
    expect(s.paidIn).toBe(s.buyinsAmount + s.rebuysAmount + s.addOnsAmount);
    expect(s.buyins).toBe(s.entrants);
  });

  it.each(all)(
    "given %s, when read, then each percentage prize is TD3's rounding of the derived pot",
    (_n, t) => {
      // TD3 rounds each share to RoundToNearest and gives the remainder to the ShareRemainder prize.
      // Only RoundPrizes 2 (29 files) is understood; the 3.0 sample (mode 3, an unstarted demo)
      // does not fit any rounding of its pot and is left to the import's difference report.
      const step = t.prizeSettings.roundToNearest;
      const percent = t.prizes.filter((p) => p.amountType === 'percent');
      if (percent.length === 0 || t.totals.pot === 0 || t.prizeSettings.roundPrizes !== 2) return;
      for (const p of percent) {
        const share = (t.totals.pot * p.percent) / 100;
        const rounded = Math.round(share / step) * step;
        expect(p.amount - p.sharedRemainder - p.adjustment).toBe(rounded);
      }
    },
  );
});
