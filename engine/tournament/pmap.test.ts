import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyMap, mapGet, mapSet, mapValues, persistentMap, transientMap } from './pmap.ts';

describe('persistent map', () => {
  it('given updates, when reading, then the latest value is returned and older versions are untouched', () => {
    const a = mapSet(emptyMap<number>(), 'x', 1);
    const b = mapSet(a, 'x', 2);
    expect(mapGet(a, 'x')).toBe(1);
    expect(mapGet(b, 'x')).toBe(2);
    expect(mapSet(b, 'x', undefined).size).toBe(0);
    expect(mapSet(b, 'nope', undefined)).toBe(b);
  });
  it('given any sequence of sets and deletes, then it agrees with a Map and its shape depends only on its contents', () => {
    const op = fc.tuple(fc.string({ maxLength: 4 }), fc.option(fc.integer(), { nil: undefined }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        let p = emptyMap<number>();
        const m = new Map<string, number>();
        for (const [k, v] of ops) {
          p = mapSet(p, k, v);
          if (v === undefined) m.delete(k);
          else m.set(k, v);
        }
        expect(p.size).toBe(m.size);
        for (const [k, v] of m) expect(mapGet(p, k)).toBe(v);
        expect(mapValues(p).sort()).toEqual([...m.values()].sort());
        // Same contents, built in another order, in bulk: same JSON.
        let q = emptyMap<number>();
        for (const [k, v] of [...m].reverse()) q = mapSet(q, k, v);
        expect(JSON.stringify(q)).toBe(JSON.stringify(p));
        expect(JSON.stringify(persistentMap(transientMap(p)))).toBe(JSON.stringify(p));
      }),
      { numRuns: 200 },
    );
  });
  it('given a transient map, when updated, then it changes in place and converts back to the persistent shape', () => {
    const t = transientMap(emptyMap<string>());
    expect(mapSet(t, 'a', 'A')).toBe(t);
    expect(mapGet(t, 'a')).toBe('A');
    expect(mapGet(persistentMap(t), 'a')).toBe('A');
  });
});
