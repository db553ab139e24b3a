import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertNever } from '../core/errors.ts';
import { fixtureBytes, fixtureNames, HAVE_FIXTURES, testdata } from './fixtures.ts';
import { parseTd3, Td3ParseError } from './parse.ts';
import { readTd3 } from './read.ts';

/** Generous: a 220 kB fixture parses in ~5 ms; a bound 100× that still proves linear time. */
const MAX_MS_PER_PARSE = 500;

/** Parses (and reads) `bytes`: returns normally or throws Td3ParseError, within the time bound. */
function parseWithinBound(bytes: Uint8Array): void {
  const start = performance.now();
  try {
    const tree = parseTd3(bytes);
    const read = readTd3(tree);
    if (!(read instanceof Td3ParseError)) expect(read.players).toBeDefined();
  } catch (e) {
    if (!(e instanceof Td3ParseError)) throw e;
  } finally {
    expect(performance.now() - start).toBeLessThan(MAX_MS_PER_PARSE);
  }
}

const sources: Uint8Array[] = HAVE_FIXTURES
  ? fixtureNames().map(fixtureBytes)
  : [new TextEncoder().encode(testdata('mini.tdt'))];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }),
    byte: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.integer({ min: 1, max: 64 }),
  }),
);

function mutate(src: Uint8Array, m: typeof mutation extends fc.Arbitrary<infer T> ? T : never): Uint8Array {
  const pos = (f: number) => Math.min(src.length - 1, Math.floor(f * src.length));
  switch (m.kind) {
    case 'truncate':
      return src.subarray(0, pos(m.at));
    case 'flip': {
      const out = src.slice();
      for (const f of m.at) out[pos(f)] = m.byte;
      return out;
    }
    case 'insert': {
      const p = pos(m.at);
      const out = new Uint8Array(src.length + m.bytes.length);
      out.set(src.subarray(0, p));
      out.set(m.bytes, p);
      out.set(src.subarray(p), p + m.bytes.length);
      return out;
    }
    case 'delete': {
      const p = pos(m.at);
      const out = new Uint8Array(src.length - Math.min(m.length, src.length - p));
      out.set(src.subarray(0, p));
      out.set(src.subarray(p + m.length), p);
      return out;
    }
    default:
      return assertNever(m, 'mutation');
  }
}

describe('fuzz: parseTd3 on damaged TD3 files', () => {
  it('given a fixture mutated (truncated, bytes flipped, inserted or deleted), when parsed, then it returns or throws only Td3ParseError, quickly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: sources.length - 1 }), mutation, (i, m) => {
        parseWithinBound(mutate(sources[i] as Uint8Array, m));
      }),
      { seed: 20251123, numRuns: 1500 },
    );
  }, 60_000);

  it('given random bytes, when parsed, then it throws only Td3ParseError, quickly', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        parseWithinBound(bytes);
      }),
      { seed: 7, numRuns: 1000 },
    );
  });

  it("given random strings of the syntax's own characters, when parsed, then it throws only Td3ParseError", () => {
    const alphabet = '{}[](),:.;"\'\\-+0123456789eExnewMapfromtruenulT /*\n'.split('');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 300 }), (text) => {
        parseWithinBound(new TextEncoder().encode(text));
      }),
      { seed: 99, numRuns: 3000 },
    );
  });
});
