import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergePlayers } from './players.ts';
import { findByName, fuzzyBudget, SEARCH_DEFAULT_LIMIT, SEARCH_MAX_LIMIT, searchPlayers } from './search.ts';
import { player, venuePlayers } from './test-fixtures.ts';

const soren = player({ name: 'Søren Kjærgaard', nickname: 'Big Søren' });
const sorenSen = player({ name: 'Søren Sørensen' });
const mette = player({ name: 'Mette Ågård' });
const anneMarie = player({ name: "Anne-Marie O'Brien" });
const bo = player({ name: 'Bo Holm' });
const ib = player({ name: 'Ib Lund' });
const muller = player({ name: 'Jürgen Müller' });
const all = [soren, sorenSen, mette, anneMarie, bo, ib, muller];

const names = (query: string) => searchPlayers(all, query).map((h) => h.player.name);
const first = (query: string) => searchPlayers(all, query)[0];

describe('searchPlayers', () => {
  describe('given an exact name', () => {
    it('when searched in another case and without Danish letters then it is an exact match, first', () => {
      const hit = first('SOREN KJAERGAARD');
      expect(hit?.player).toBe(soren);
      expect(hit?.match).toBe('exact');
    });
    it('when the nickname is searched then it is an exact match too', () => {
      expect(first('big søren')).toMatchObject({ player: soren, match: 'exact' });
    });
    it('when Å is typed as Aa then it is still exact', () => {
      expect(first('Mette Aagaard')).toMatchObject({ player: mette, match: 'exact' });
    });
  });

  describe('given the beginnings of words', () => {
    it('when "sø kj" is searched then Søren Kjærgaard is found by prefix', () => {
      expect(first('sø kj')).toMatchObject({ player: soren, match: 'prefix' });
    });
    it('when "kjae" is searched then Søren Kjærgaard is found', () => {
      expect(names('kjae')).toEqual(['Søren Kjærgaard']);
    });
    it('when the words are typed in the other order then the player is still found', () => {
      expect(first('kjær søren')).toMatchObject({ player: soren, match: 'prefix' });
    });
    it('when Danish letters are typed as digraphs or plain letters then the player is found', () => {
      expect(first('soeren kjaer')?.player).toBe(soren);
      expect(first('Agard')?.player).toBe(mette);
      expect(first('mueller')?.player).toBe(muller);
    });
    it('when a hyphenated name is typed together then it is found', () => {
      expect(first('annemarie')?.player).toBe(anneMarie);
      expect(first('obrien')?.player).toBe(anneMarie);
    });
    it('when a nickname word is searched then the player is found', () => {
      expect(names('big')).toEqual(['Søren Kjærgaard']);
    });
    it('when one query word would need the same name word twice then it does not match', () => {
      expect(names('søren søren')).toEqual(['Søren Sørensen']);
    });
    it('when the query spells out more of a name then that name ranks higher', () => {
      expect(names('søren')).toEqual(['Søren Kjærgaard', 'Søren Sørensen']);
      const sen = searchPlayers(all, 'sørensen');
      expect(sen[0]?.player).toBe(sorenSen);
    });
  });

  describe('given typing mistakes', () => {
    it('when two adjacent letters are swapped ("Sroen") then Søren is found by fuzzy match', () => {
      const hits = searchPlayers(all, 'Sroen');
      expect(hits.map((h) => h.player)).toContain(soren);
      expect(hits.every((h) => h.match === 'fuzzy')).toBe(true);
    });
    it('when three letters are rotated ("Sreon", two edits) in a five-letter word then it is beyond the budget', () => {
      // OSA("sreon", "soren") = 2, and a 5-letter word is allowed 1 edit (see fuzzyBudget).
      expect(searchPlayers(all, 'Sreon')).toEqual([]);
    });
    it('when a 7+ letter word has two mistakes then it is found', () => {
      expect(first('Kjargarrd')?.player).toBe(soren);
      expect(first('Kjargarrd')?.match).toBe('fuzzy');
    });
    it('when a long name is half typed with a swap then its start is matched', () => {
      expect(first('kjearg')?.player).toBe(soren);
    });
    it('when a short name is searched then no other short name matches by one edit ("Ib" is not "Bo")', () => {
      expect(names('Ib')).toEqual(['Ib Lund']);
      expect(names('Bo')).toEqual(['Bo Holm']);
    });
    it('when exact, prefix and fuzzy hits exist then they come in that order', () => {
      const a = player({ name: 'Hans Holm' });
      const b = player({ name: 'Hansen Holm' });
      const c = player({ name: 'Hanz Holm' });
      const hits = searchPlayers([c, b, a], 'hans holm');
      expect(hits.map((h) => [h.player, h.match])).toEqual([
        [a, 'exact'],
        [b, 'prefix'],
        [c, 'fuzzy'],
      ]);
      expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
      expect(hits[1]!.score).toBeGreaterThan(hits[2]!.score);
    });
  });

  describe('given merged players', () => {
    it('when a player was merged into another then only the kept one is found', () => {
      const keep = player({ name: 'Søren Kjærgaard' });
      const drop = player({ name: 'Soren Kjaergaard' });
      const { kept, dropped } = mergePlayers(keep, drop, 100);
      const hits = searchPlayers([kept, dropped], 'soren');
      expect(hits.map((h) => h.player.id)).toEqual([keep.id]);
    });
  });

  describe('given limits and empty queries', () => {
    const many = venuePlayers(500);
    it('when no limit is given then at most the default comes back', () => {
      expect(searchPlayers(many, 'jensen')).toHaveLength(SEARCH_DEFAULT_LIMIT);
    });
    it('when a limit above the maximum is asked then the maximum comes back', () => {
      expect(searchPlayers(many, 's', { limit: 10_000 })).toHaveLength(SEARCH_MAX_LIMIT);
    });
    it('when a limit of 0 or a negative or fractional one is asked then it is clamped to 1 and floored', () => {
      expect(searchPlayers(many, 'jensen', { limit: 0 })).toHaveLength(1);
      expect(searchPlayers(many, 'jensen', { limit: -5 })).toHaveLength(1);
      expect(searchPlayers(many, 'jensen', { limit: 3.9 })).toHaveLength(3);
    });
    it.each(['', '   ', '\u200B', '.,!'])('when the query is %j then nothing comes back', (q) => {
      expect(searchPlayers(many, q)).toEqual([]);
    });
  });

  describe('given the same players in any order', () => {
    it('when searched then the result order is the same (ranked by score, then name, then id)', () => {
      const many = venuePlayers(300);
      fc.assert(
        fc.property(
          fc.shuffledSubarray(many, { minLength: many.length }),
          fc.constantFrom('sø', 'jensen', 'ha', 'mete'),
          (shuffled, q) => {
            const ids = (ps: typeof many) => searchPlayers(ps, q, { limit: 100 }).map((h) => h.player.id);
            expect(ids(shuffled)).toEqual(ids(many));
          },
        ),
        { numRuns: 30 },
      );
    });
    it('when hits are returned then scores never increase down the list', () => {
      const hits = searchPlayers(venuePlayers(1000), 'søren jens', { limit: 100 });
      for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
    });
  });

  describe('given a player with a unique name among many', () => {
    it('when the exact name is searched then that player is first', () => {
      const many = venuePlayers(2000);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: many.length - 1 }), (i) => {
          const target = many[i]!;
          const hit = searchPlayers(many, target.name, { limit: 1 })[0];
          expect(hit?.player.id).toBe(target.id);
          expect(hit?.match).toBe('exact');
        }),
        { numRuns: 50 },
      );
    });
  });

  describe('given 10,000 players', () => {
    it('when searched (fresh records and again) then each search takes well under 500 ms', () => {
      // The bound is 10× the goal (≤ 50 ms) to catch a quadratic blow-up, not to time a busy CI box.
      const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
      const queries = ['sø kj', 'jensen', 'Sroen Kjargaard', 'mette aagaard', 'xyzzy', 'h'];
      for (const q of queries) searchPlayers(venuePlayers(1000), q); // let the JIT compile first
      const many = venuePlayers(10_000);
      const t0 = performance.now();
      searchPlayers(many, 'søren'); // fresh records: every record's keys are computed
      const cold = performance.now() - t0;
      const warm = queries.map((q) =>
        median(
          Array.from({ length: 5 }, () => {
            const t = performance.now();
            searchPlayers(many, q);
            return performance.now() - t;
          }),
        ),
      );
      console.info(
        `search 10k players: fresh ${cold.toFixed(1)} ms; again (median of 5) ${warm.map((x) => x.toFixed(1)).join(' / ')} ms`,
      );
      expect(cold).toBeLessThan(500);
      expect(Math.max(...warm)).toBeLessThan(500);
    });
  });
});

describe('fuzzyBudget', () => {
  it.each([
    [2, 0],
    [3, 0],
    [4, 1],
    [6, 1],
    [7, 2],
    [12, 2],
  ])('given a %i-letter word then %i edits are allowed', (len, edits) => {
    expect(fuzzyBudget(len)).toBe(edits);
  });
});

describe('findByName', () => {
  it('given the same name typed another way when looked up then the player is found', () => {
    expect(findByName(all, 'soren  KJÆRGAARD')).toBe(soren);
  });
  it('given a nickname or a prefix when looked up then nothing is found (names only, whole names)', () => {
    expect(findByName(all, 'Big Søren')).toBeUndefined();
    expect(findByName(all, 'Søren')).toBeUndefined();
  });
  it('given two records with the same name when looked up then the oldest wins, whatever the order', () => {
    const older = player({ name: 'Lars Holm' }, 10);
    const newer = player({ name: 'Lars Holm' }, 20);
    expect(findByName([newer, older], 'lars holm')).toBe(older);
    expect(findByName([older, newer], 'lars holm')).toBe(older);
  });
  it('given the only match was merged when looked up then nothing is found', () => {
    const keep = player({ name: 'Ole Dahl' });
    const drop = player({ name: 'Ole Dahl Junior' });
    const { dropped } = mergePlayers(keep, drop, 5);
    expect(findByName([dropped], 'Ole Dahl Junior')).toBeUndefined();
  });
  it('given a blank name when looked up then nothing is found', () => {
    expect(findByName(all, ' \u200B ')).toBeUndefined();
  });
});
