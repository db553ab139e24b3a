import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compoundTokens, looseKey, nameTokens, normalizeName } from './normalize.ts';

describe('normalizeName', () => {
  describe('given Danish and Nordic names', () => {
    it.each([
      ['Søren Kjærgaard', 'soren kjaergaard'],
      ['SØREN KJÆRGAARD', 'soren kjaergaard'],
      ['Ågård', 'aagaard'],
      ['Aagaard', 'aagaard'],
      ['Jørgen Ærø', 'jorgen aero'],
      ['Þórdís Guðmundsdóttir', 'thordis gudmundsdottir'],
      ['Åsa Öberg', 'aasa oberg'],
    ])('when %s is normalized then it is %s', (input, key) => {
      expect(normalizeName(input)).toBe(key);
    });

    it('when Å is written as A plus a combining ring then it folds like the precomposed letter', () => {
      expect(normalizeName('A\u030Agård')).toBe(normalizeName('Ågård'));
    });
  });

  describe('given German and other accented names', () => {
    it.each([
      ['Straße', 'strasse'],
      ['STRAẞE', 'strasse'],
      ['Müller', 'muller'],
      ['José Ñúñez', 'jose nunez'],
      ['Łukasz Wałęsa', 'lukasz walesa'],
      ['Françoise', 'francoise'],
    ])('when %s is normalized then it is %s', (input, key) => {
      expect(normalizeName(input)).toBe(key);
    });
  });

  describe('given whitespace and punctuation', () => {
    it('when there are runs of spaces, tabs and line breaks then one space separates words', () => {
      expect(normalizeName('  Søren \t\n Kjærgaard  ')).toBe('soren kjaergaard');
    });
    it('when the name has an inner hyphen or apostrophe then they separate words', () => {
      expect(normalizeName('Anne-Marie O’Brien')).toBe('anne marie o brien');
      expect(normalizeName("D'Angelo")).toBe('d angelo');
    });
    it('when the name has initials with dots then the dots disappear', () => {
      expect(normalizeName('J.R. Hansen')).toBe('jr hansen');
    });
    it('when the name has other punctuation then it does not survive', () => {
      expect(normalizeName('Hansen, Søren (Big)!')).toBe('hansen soren big');
    });
  });

  describe('given invisible characters', () => {
    it('when zero-width joiners, soft hyphens or direction marks are inside a word then the word stays whole', () => {
      expect(normalizeName('Sø\u200Bren Kjær\u00ADgaard\u200D\u202E')).toBe('soren kjaergaard');
    });
    it('when the name is only invisible characters then the key is empty', () => {
      expect(normalizeName('\u200B\u200D \uFEFF')).toBe('');
    });
  });

  describe('given compatibility characters', () => {
    it('when letters are full-width or ligatures then they become plain letters', () => {
      expect(normalizeName('Ｓøren ﬀ')).toBe('soren ff');
    });
  });

  it('given any text when normalized twice then the key does not change (idempotent)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const once = normalizeName(s);
        expect(normalizeName(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('given any full-Unicode text when normalized twice then the key does not change', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (s) => {
        const once = normalizeName(s);
        expect(normalizeName(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('given ASCII and Danish letters when normalized by the short path then the key equals the full Unicode path', () => {
    const danish = fc.string({ unit: fc.constantFrom(...'aåbeæoøzAÅEÆOØZ0 '.split('')), maxLength: 30 });
    fc.assert(
      fc.property(danish, (s) => {
        // A leading soft hyphen (removed as a format character) forces the full path.
        expect(normalizeName(s)).toBe(normalizeName(`\u00AD${s}`));
      }),
    );
  });

  it('given any text when normalized then there are no leading, trailing or double spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const key = normalizeName(s);
        expect(key).toBe(key.trim());
        expect(key).not.toContain('  ');
      }),
    );
  });

  it('given Latin text when its case is changed then the key is the same', () => {
    const latin = fc.string({
      unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzæøåäöüßéèêñçþðABCÆØÅÄÖÜÉÑÞÐ -'".split('')),
      maxLength: 30,
    });
    fc.assert(
      fc.property(latin, (s) => {
        expect(normalizeName(s.toUpperCase())).toBe(normalizeName(s));
        expect(normalizeName(s.toLowerCase())).toBe(normalizeName(s));
      }),
    );
  });
});

describe('nameTokens', () => {
  it('given a name when tokenized then the words of the key come back', () => {
    expect(nameTokens('Anne-Marie  Kjær')).toEqual(['anne', 'marie', 'kjaer']);
  });
  it('given a blank name when tokenized then there are no words', () => {
    expect(nameTokens('  \u200B ')).toEqual([]);
  });
});

describe('compoundTokens', () => {
  it('given hyphenated or apostrophe words when compounded then they are written together', () => {
    expect(compoundTokens("Anne-Marie O'Brien Hansen")).toEqual(['annemarie', 'obrien']);
  });
});

describe('looseKey', () => {
  it.each([
    ['Ågård', 'Agard'],
    ['Aagaard', 'Agard'],
    ['Søren', 'Soeren'],
    ['Kjærgaard', 'Kjargard'],
    ['Müller', 'Mueller'],
    ['Bäcker', 'Baecker'],
  ])('given %s and %s typed another way when loosened then they meet', (a, b) => {
    expect(looseKey(normalizeName(a))).toBe(looseKey(normalizeName(b)));
  });
});
