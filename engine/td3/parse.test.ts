import { describe, expect, it } from 'vitest';
import { fixtureBytes, fixtureNames, HAVE_FIXTURES, testdata } from './fixtures.ts';
import { decodeTd3Bytes, isTd3Call, parseTd3, type Td3Call, Td3ParseError, type Td3Value } from './parse.ts';

function parseError(input: string, limits = {}): Td3ParseError {
  try {
    parseTd3(input, limits);
  } catch (e) {
    if (e instanceof Td3ParseError) return e;
    throw e;
  }
  throw new Error(`expected a Td3ParseError for ${JSON.stringify(input.slice(0, 60))}`);
}

const obj = (v: Td3Value): Record<string, Td3Value> => v as Record<string, Td3Value>;

describe('parseTd3: the literal syntax', () => {
  const tree = obj(parseTd3(testdata('constructs.tdt')));

  it('given every string escape, when parsed, then each becomes its character', () => {
    expect(tree.single).toBe("it's");
    expect(tree.esc).toBe('tab\t nl\n quote" back\\ slash/ hexA unié astral😀 nul\0');
  });

  it('given numbers in every notation, when parsed, then their values are exact', () => {
    expect(tree.nums).toEqual([
      0,
      -1,
      2,
      3.5,
      -0.25,
      0.5,
      5,
      1000,
      0.02,
      31,
      Number.NEGATIVE_INFINITY,
      Number.NaN,
    ]);
  });

  it('given literals and a trailing comma, when parsed, then true/false/null/undefined survive', () => {
    expect(tree.lits).toEqual([true, false, null, undefined]);
    expect(tree['quoted key']).toBe(1);
    expect(tree['42']).toBe('numeric key');
  });

  it('given constructor calls of every shape, when parsed, then each is kept as a tagged call', () => {
    const calls = tree.calls as Td3Value[];
    expect(calls.map((c) => (isTd3Call(c) ? c.$ctor : '?'))).toEqual([
      'Tournament',
      'LO.PropSet',
      'Map.from',
      'Map.from',
      'Date',
      'Foo',
      'DXImageTransform.Microsoft.DropShadow',
    ]);
    expect((calls[0] as Td3Call).args).toEqual([{ A: 1 }]);
    expect((calls[2] as Td3Call).args).toEqual([[['k', 1]]]);
    expect((calls[4] as Td3Call).args).toEqual([1700000000000]);
    expect((calls[5] as Td3Call).args).toEqual([]);
    expect((calls[6] as Td3Call).args).toEqual([1, 2]);
  });

  it('given parentheses around a value, when parsed, then they only group', () => {
    expect(tree.nested).toEqual({ a: [[[]]] });
  });

  it('given a byte-order mark and a trailing semicolon, when parsed, then both are accepted', () => {
    expect(parseTd3('\uFEFF{ a: 1 };')).toEqual({ a: 1 });
  });
});

describe('parseTd3: prototype keys are plain data', () => {
  it('given __proto__, constructor and prototype keys, when parsed, then they are own data and nothing is polluted', () => {
    const v = obj(
      parseTd3(
        '{ __proto__: { polluted: true }, "constructor": { prototype: { polluted: 1 } }, prototype: 3 }',
      ),
    );
    expect(Object.getPrototypeOf(v)).toBeNull();
    expect(Object.keys(v)).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(Object.hasOwn(v, '__proto__')).toBe(true);
    expect(obj(Object.getOwnPropertyDescriptor(v, '__proto__')?.value as Td3Value).polluted).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('given a "$ctor" key in an object literal, when parsed, then it is data, not a call', () => {
    const v = parseTd3('{ $ctor: "Evil", args: [] }');
    expect(isTd3Call(v)).toBe(false);
    expect(v).toEqual({ $ctor: 'Evil', args: [] });
  });
});

describe('parseTd3: errors name the problem and the position', () => {
  const cases: [string, string, string][] = [
    ['empty file', '   ', 'UNEXPECTED_END'],
    ['truncated object', '{ a: 1, b: [1, 2', 'UNEXPECTED_END'],
    ['truncated string', '{ a: "abc', 'UNTERMINATED_STRING'],
    ['string over a line break', '{ a: "ab\ncd" }', 'UNTERMINATED_STRING'],
    ['unclosed comment', '{ a: 1 /* x', 'UNTERMINATED_COMMENT'],
    ['stray character', '{ a: # }', 'UNEXPECTED_CHARACTER'],
    ['missing colon', '{ a 1 }', 'UNEXPECTED_TOKEN'],
    ['missing comma', '[1 2]', 'UNEXPECTED_TOKEN'],
    ['array hole', '[1,,2]', 'UNEXPECTED_TOKEN'],
    ['bare identifier', '{ a: window }', 'UNKNOWN_IDENTIFIER'],
    ['bad hex escape', '"\\xZZ"', 'BAD_ESCAPE'],
    ['bad unicode escape', '"\\u12"', 'BAD_ESCAPE'],
    ['octal escape', '"\\12"', 'BAD_ESCAPE'],
    ['exponent without digits', '1e+', 'BAD_NUMBER'],
    ['number running into a name', '12abc', 'BAD_NUMBER'],
    ['hex without digits', '0x', 'BAD_NUMBER'],
    ['two values', '{} {}', 'TRAILING_CONTENT'],
    ['sign without number', '-"a"', 'UNEXPECTED_TOKEN'],
    ['new without a name', 'new 5', 'UNEXPECTED_TOKEN'],
  ];
  it.each(cases)('given a %s, when parsed, then it fails with its code', (_what, input, code) => {
    const e = parseError(input);
    expect(e.code).toBe(code);
    expect(e.name).toBe('Td3ParseError');
  });

  it('given an error on line 3, when parsed, then the message gives line, column and offset', () => {
    const e = parseError('{\n  a: 1,\n  b: @\n}');
    expect(e.code).toBe('UNEXPECTED_CHARACTER');
    expect([e.line, e.column, e.offset]).toEqual([3, 6, 15]);
    expect(e.message).toContain('line 3, column 6 (offset 15)');
    expect(e.toJSON().details).toMatchObject({ line: 3, column: 6, offset: 15 });
  });
});

describe('parseTd3: limits bound hostile input', () => {
  it('given nesting deeper than the limit, when parsed, then TOO_DEEP and no stack overflow', () => {
    expect(parseError('['.repeat(201) + ']'.repeat(201)).code).toBe('TOO_DEEP');
    expect(parseError('['.repeat(100_000)).code).toBe('TOO_DEEP');
    expect(parseTd3('['.repeat(200) + ']'.repeat(200))).toBeDefined();
  });

  it('given a string longer than the limit, when parsed, then STRING_TOO_LONG (with or without escapes)', () => {
    expect(parseError(`"${'a'.repeat(101)}"`, { maxStringLength: 100 }).code).toBe('STRING_TOO_LONG');
    expect(parseError(`"${'\\n'.repeat(101)}"`, { maxStringLength: 100 }).code).toBe('STRING_TOO_LONG');
    expect(parseTd3(`"${'a'.repeat(100)}"`, { maxStringLength: 100 })).toHaveLength(100);
  });

  it('given more values than the limit, when parsed, then TOO_MANY_NODES', () => {
    expect(parseError(`[${'1,'.repeat(1000)}]`, { maxNodes: 1000 }).code).toBe('TOO_MANY_NODES');
  });

  it('given input over the size limit, when parsed, then INPUT_TOO_LARGE before any work', () => {
    expect(parseError('x'.repeat(11), { maxInputSize: 10 }).code).toBe('INPUT_TOO_LARGE');
    expect(() => parseTd3(new Uint8Array(11), { maxInputSize: 10 })).toThrow(Td3ParseError);
  });
});

describe('decodeTd3Bytes', () => {
  it('given UTF-8 bytes, when decoded, then text is UTF-8', () => {
    expect(decodeTd3Bytes(new TextEncoder().encode('"Jörgen"'))).toBe('"Jörgen"');
  });

  it('given Latin-1 bytes (TD3 3.4), when decoded, then ö survives', () => {
    expect(parseTd3(new Uint8Array([0x22, 0x4a, 0xf6, 0x72, 0x22]))).toBe('Jör');
  });
});

describe.skipIf(!HAVE_FIXTURES)('parseTd3: the 30 real TD3 files', () => {
  const names = fixtureNames();
  it('given the fixtures folder, when listed, then it holds 30 files', () => {
    expect(names).toHaveLength(30);
  });

  it.each(names)('given %s, when parsed, then it is { V, T: new Tournament(...) }', (name) => {
    const tree = obj(parseTd3(fixtureBytes(name)));
    expect(typeof tree.V).toBe('string');
    expect(isTd3Call(tree.T as Td3Value) && (tree.T as Td3Call).$ctor).toBe('Tournament');
  });
});
