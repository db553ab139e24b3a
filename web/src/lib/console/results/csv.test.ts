import { describe, expect, it } from 'vitest';
import { standings } from '../../../../../engine/tournament/standings.ts';
import { Harness, T0 } from '../../../../../engine/tournament/testing.ts';
import { csvField, parseCsv, toCsv } from './csv.ts';
import { fileStem, resultsCsv, resultsJson } from './export.ts';
import { placeText, resultRows } from './rows.ts';

describe('CSV', () => {
  it('quotes commas, quotes and line breaks, and doubles the quotes', () => {
    expect(csvField('Holm, Anna')).toBe('"Holm, Anna"');
    expect(csvField('Bo "The Rock" Jensen')).toBe('"Bo ""The Rock"" Jensen"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded ')).toBe('" padded "');
    expect(csvField('Søren Ahlgren')).toBe('Søren Ahlgren');
    expect(csvField(1507.5)).toBe('1507.5');
    expect(csvField(null)).toBe('');
    expect(csvField(true)).toBe('true');
  });

  it('keeps a name a spreadsheet would run as a formula a name', () => {
    expect(csvField('=HYPERLINK("http://x","click")')).toBe(`"'=HYPERLINK(""http://x"",""click"")"`);
    expect(csvField('+45 1234')).toBe("'+45 1234");
    expect(csvField('@me')).toBe("'@me");
    expect(csvField('-Bo')).toBe("'-Bo");
  });

  it('writes CRLF records that read back to the same cells', () => {
    const rows = [
      ['Place', 'Name'],
      ['1', 'Holm, "Anna"'],
      ['3–4', 'Line\r\nbreak'],
      ['', ''],
    ];
    const text = toCsv(rows);
    expect(text).toBe('Place,Name\r\n1,"Holm, ""Anna"""\r\n3–4,"Line\r\nbreak"\r\n,\r\n');
    expect(parseCsv(text)).toEqual(rows);
  });
});

describe('results rows and files', () => {
  function finished() {
    const h = new Harness();
    h.started(5);
    h.run({ type: 'Register', playerId: 'px', name: 'Holm, "Anna"' });
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e5' }] }, T0 + 60_000);
    h.run(
      {
        type: 'BustPlayers',
        busts: [
          { entryId: 'e4', chipsAtStartOfHand: 5_000 },
          { entryId: 'e3', chipsAtStartOfHand: 5_000 },
        ],
      },
      T0 + 120_000,
    );
    return h;
  }

  it('list players still in first, then by place, ties as "3–4"', () => {
    const h = finished();
    const rows = resultRows(standings(h.state).entries);
    expect(rows.map((r) => [r.placeText, r.name])).toEqual([
      ['', 'Player 1'],
      ['', 'Player 2'],
      ['', 'Holm, "Anna"'],
      ['4–5', 'Player 3'],
      ['4–5', 'Player 4'],
      ['6', 'Player 5'],
    ]);
    expect(placeText(3, 3)).toBe('3');
    expect(placeText(null, null)).toBe('');
  });

  it('make a CSV with a header row and a JSON file from the same rows', () => {
    const h = finished();
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e6' }] });
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e2' }] });
    h.run({ type: 'FinishTournament' });
    const s = standings(h.state);
    const rows = resultRows(s.entries);
    const csv = parseCsv(resultsCsv(rows, 'DKK'));
    expect(csv[0]).toEqual([
      'Place',
      'Name',
      'Entry',
      'Prize (DKK)',
      'Bounties (DKK)',
      'Knockouts',
      'Rebuys',
      'Add-on',
      'Still in',
    ]);
    expect(csv.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual([
      ['1', 'Player 1', '702.00'],
      ['2', 'Player 2', '378.00'],
      ['3', 'Holm, "Anna"', '0.00'],
      ['4–5', 'Player 3', '0.00'],
      ['4–5', 'Player 4', '0.00'],
      ['6', 'Player 5', '0.00'],
    ]);
    const json = resultsJson({
      venue: { id: 'demo', name: 'Demo' },
      tournamentId: 't-1',
      standings: { ...s, payoutProblem: null },
      rows,
      times: { startedAt: T0, finishedAt: null },
      now: T0 + 1,
    });
    expect(json.tournament).toEqual({
      id: 't-1',
      name: 'Friday 200',
      status: 'finished',
      startedAt: new Date(T0).toISOString(),
      finishedAt: null,
    });
    expect(json.results[0]).toMatchObject({ place: 1, name: 'Player 1', prize: 70_200 });
    expect(json.results.reduce((a, r) => a + r.prize, 0)).toBe(s.prizePool.total);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('mark a satellite’s seats: "Seat" beside the winners, the cash apart (the bubble’s remainder, a winner’s share)', () => {
    // 20 buy-ins of 180 to the pool buy 3 seats of 1.000 and leave 600.
    const play = (remainder: 'bubble' | 'seat-winners') => {
      const h = new Harness();
      h.started(20, { satellite: { seatValue: 100_000, remainder } });
      for (let n = 20; n > 3; n--) h.run({ type: 'BustPlayers', busts: [{ entryId: `e${n}` }] });
      const s = standings(h.state);
      expect(s.satellite?.won).toBe(true);
      const rows = resultRows(s.entries, s.satellite?.winners);
      // The JSON file marks the same winners.
      const json = resultsJson({
        venue: { id: 'demo', name: 'Demo' },
        tournamentId: 't-sat',
        standings: { ...s, payoutProblem: null },
        rows,
        times: { startedAt: T0, finishedAt: null },
        now: T0 + 1,
      });
      expect(json.results.filter((r) => r.seat).map((r) => r.name)).toEqual([
        'Player 1',
        'Player 2',
        'Player 3',
      ]);
      return parseCsv(resultsCsv(rows, 'DKK', s.satellite));
    };
    const bubble = play('bubble');
    expect(bubble[0]?.slice(3, 6)).toEqual(['Prize (DKK)', 'Seat', 'Cash (DKK)']);
    expect(bubble.slice(1, 6).map((r) => [r[0], r[1], r[3], r[4], r[5]])).toEqual([
      ['1–3', 'Player 1', '1000.00', 'Seat', '0.00'],
      ['1–3', 'Player 2', '1000.00', 'Seat', '0.00'],
      ['1–3', 'Player 3', '1000.00', 'Seat', '0.00'],
      ['4', 'Player 4', '600.00', '', '600.00'],
      ['5', 'Player 5', '0.00', '', '0.00'],
    ]);
    const shared = play('seat-winners');
    expect(shared.slice(1, 5).map((r) => [r[1], r[3], r[4], r[5]])).toEqual([
      ['Player 1', '1200.00', 'Seat', '200.00'],
      ['Player 2', '1200.00', 'Seat', '200.00'],
      ['Player 3', '1200.00', 'Seat', '200.00'],
      ['Player 4', '0.00', '', '0.00'],
    ]);
    // Not a satellite: no seat columns.
    expect(parseCsv(resultsCsv([], 'DKK'))[0]).not.toContain('Seat');
  });

  it('name files after the tournament', () => {
    expect(fileStem('Friday Night Deepstack', 'x')).toBe('friday-night-deepstack');
    expect(fileStem('Søndag: 200 kr.', 'x')).toBe('søndag-200-kr');
    expect(fileStem(null, 'abc')).toBe('tournament-abc');
  });
});
