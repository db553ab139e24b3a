import { describe, expect, it } from 'vitest';
import { decodeBase64url, encodeBase64url } from './base64url.ts';
import { AuthError } from './errors.ts';
import { generateKeyEntry, parseKeyRing } from './keys.ts';

const secret = (fill: number, bytes = 32): string => encodeBase64url(new Uint8Array(bytes).fill(fill));
const S1 = secret(1);
const S2 = secret(2);

function refusal(text: string | undefined): AuthError {
  try {
    parseKeyRing(text);
  } catch (err) {
    if (err instanceof AuthError) return err;
    throw err;
  }
  throw new Error('expected parseKeyRing to throw');
}

describe('parseKeyRing', () => {
  it('given one entry, when parsed, then it is the current key and the only verifier', () => {
    const ring = parseKeyRing(`k1:${S1}`);
    expect(ring.current.kid).toBe('k1');
    expect(ring.current.key).toEqual(new Uint8Array(32).fill(1));
    expect([...ring.byKid.keys()]).toEqual(['k1']);
  });

  it('given a rotation (new key first), when parsed, then the first signs and all verify', () => {
    const ring = parseKeyRing(`2026-11:${S2}, 2026-05:${S1}`);
    expect(ring.current.kid).toBe('2026-11');
    expect(ring.current.key).toEqual(new Uint8Array(32).fill(2));
    expect(ring.byKid.get('2026-05')).toEqual(new Uint8Array(32).fill(1));
    expect(ring.byKid.size).toBe(2);
  });

  it('given entries separated by newlines, tabs and commas, when parsed, then all are read', () => {
    const ring = parseKeyRing(`\n  a:${S1}\n\tb:${S2} ,, c:${secret(3, 64)}\n`);
    expect([...ring.byKid.keys()]).toEqual(['a', 'b', 'c']);
    expect(ring.byKid.get('c')?.length).toBe(64);
  });

  it.each([undefined, '', '   \n ', ', ,'])(
    'given %j, when parsed, then AUTH_NOT_CONFIGURED says keys are missing',
    (text) => {
      const err = refusal(text);
      expect(err.code).toBe('AUTH_NOT_CONFIGURED');
      expect(err.status).toBe(503);
      expect(err.message).toMatch(/no signing keys/);
      expect(err.message).toMatch(/FELT_JWT_KEYS/);
    },
  );

  const cases: [string, string, RegExp][] = [
    ['no colon', `k1:${S1} ${S2}`, /entry 2 is not of the form kid:secret/],
    ['empty kid', `:${S1}`, /entry 1 has an invalid key id/],
    ['kid too long', `${'k'.repeat(33)}:${S1}`, /entry 1 has an invalid key id/],
    ['kid with odd characters', `k.1:${S1}`, /entry 1 has an invalid key id/],
    [
      'secret not base64url',
      `k1:${S1} k2:${S2.slice(0, 40)}+/+/`,
      /entry 2 \(key id "k2"\) is not valid base64url/,
    ],
    ['padded secret', `k1:${S1}=`, /entry 1 \(key id "k1"\) is not valid base64url/],
    [
      'secret too short',
      `k1:${S1} k2:${secret(9, 31)}`,
      /entry 2 \(key id "k2"\) is too short: 31 bytes, needs at least 32/,
    ],
    ['duplicate kid', `k1:${S1} k2:${S2} k1:${secret(7)}`, /entry 3 repeats key id "k1"/],
  ];

  it.each(cases)(
    'given %s, when parsed, then the problem is named and no secret is echoed',
    (_what, text, problem) => {
      const err = refusal(text);
      expect(err.code).toBe('AUTH_NOT_CONFIGURED');
      expect(err.message).toMatch(problem);
      const shown = err.message + JSON.stringify(err.details ?? {});
      // No secret, nor any 8-character piece of one, appears in what would be logged.
      for (const part of text.split(/[\s,:]+/).filter((p) => p.length >= 16)) {
        for (let i = 0; i + 8 <= part.length; i += 4) expect(shown).not.toContain(part.slice(i, i + 8));
      }
    },
  );
});

describe('generateKeyEntry', () => {
  it('given a kid, when generating, then the entry parses back to a 32-byte key under that kid', () => {
    const entry = generateKeyEntry('box-1');
    const ring = parseKeyRing(entry);
    expect(ring.current.kid).toBe('box-1');
    expect(ring.current.key.length).toBe(32);
  });

  it('given two generations, then the secrets differ', () => {
    const a = generateKeyEntry('k').split(':')[1] ?? '';
    const b = generateKeyEntry('k').split(':')[1] ?? '';
    expect(decodeBase64url(a)).not.toEqual(decodeBase64url(b));
  });

  it('given a bad kid, when generating, then it refuses', () => {
    expect(() => generateKeyEntry('has space')).toThrow(RangeError);
    expect(() => generateKeyEntry('')).toThrow(RangeError);
  });
});

describe('decodeBase64url', () => {
  it('given non-canonical or foreign characters, then null', () => {
    expect(decodeBase64url('AB')).toBeNull(); // trailing bits set: "AB" is not how any byte encodes
    expect(decodeBase64url('A')).toBeNull();
    expect(decodeBase64url('AA==')).toBeNull();
    expect(decodeBase64url('A+A/')).toBeNull();
    expect(decodeBase64url('AQ')).toEqual(new Uint8Array([1]));
  });
});
