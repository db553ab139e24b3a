import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { osaDistance } from './distance.ts';

/** The textbook full-matrix OSA, to check the banded version against. */
function reference(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

describe('osaDistance', () => {
  it.each([
    ['soren', 'soren', 0],
    ['sroen', 'soren', 1], // adjacent transposition
    ['sren', 'soren', 1], // deletion
    ['sooren', 'soren', 1], // insertion
    ['saren', 'soren', 1], // substitution
    ['sreon', 'soren', 2], // a rotation of three letters: two edits
    ['ca', 'abc', 3], // OSA, unlike unrestricted Damerau (2), edits a substring once
  ])('given %s and %s when measured then the distance is %i', (a, b, expected) => {
    expect(osaDistance(a, b, 5)).toBe(expected);
  });

  it('given a distance above the cut-off when measured then it reports cut-off + 1', () => {
    expect(osaDistance('kjaergaard', 'hansen', 2)).toBe(3);
    expect(osaDistance('ab', 'abcdef', 1)).toBe(2);
  });

  it('given any two short strings when measured with any cut-off then it agrees with the full matrix', () => {
    const s = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 9 });
    fc.assert(
      fc.property(s, s, fc.integer({ min: 0, max: 4 }), (a, b, max) => {
        expect(osaDistance(a, b, max)).toBe(Math.min(reference(a, b), max + 1));
      }),
      { numRuns: 3000 },
    );
  });

  it('given any two strings when swapped then the distance is the same', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b) => {
        expect(osaDistance(a, b, 3)).toBe(osaDistance(b, a, 3));
      }),
    );
  });
});
