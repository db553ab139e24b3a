import { describe, expect, it } from 'vitest';
import { seededRandom } from './random.ts';

describe('seededRandom', () => {
  it('given the same seed, when drawing, then the sequence repeats', () => {
    const a = seededRandom('cmd-1');
    const b = seededRandom('cmd-1');
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
  });
  it('given different seeds, then the sequences differ', () => {
    expect(seededRandom('x').next()).not.toEqual(seededRandom('y').next());
  });
  it('shuffle keeps every item exactly once', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const out = seededRandom(42).shuffle(items);
    expect([...out].sort((x, y) => x - y)).toEqual(items);
    expect(out).not.toEqual(items);
  });
  it('int rejects a non-positive bound', () => {
    expect(() => seededRandom(1).int(0)).toThrow(RangeError);
  });
});
