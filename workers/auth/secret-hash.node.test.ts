import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dummyVerify,
  hashSecret,
  type KdfParams,
  needsRehash,
  PASSWORD_KDF,
  PIN_KDF,
  passwordProblem,
  pinProblem,
  verifySecret,
} from './secret-hash.ts';

/** PBKDF2 at 100k iterations takes tens of ms; most tests use the lowest accepted count. */
const FAST: KdfParams = { iterations: 1_000, saltBytes: 16, hashBytes: 32 };

describe('hashSecret / verifySecret', () => {
  it('given the default parameters, when hashing, then the encoding is self-describing and verifies', async () => {
    const encoded = await hashSecret('correct horse battery');
    expect(encoded).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifySecret('correct horse battery', encoded)).toBe(true);
    expect(await verifySecret('correct horse batterY', encoded)).toBe(false);
  });

  it('given PIN_KDF, when hashing a PIN, then it verifies and the parameters are within the workerd cap', async () => {
    expect(PIN_KDF.iterations).toBeLessThanOrEqual(100_000);
    expect(PASSWORD_KDF).toEqual({ iterations: 100_000, saltBytes: 16, hashBytes: 32 });
    const encoded = await hashSecret('4829', PIN_KDF);
    expect(await verifySecret('4829', encoded)).toBe(true);
    expect(await verifySecret('4828', encoded)).toBe(false);
  });

  it('given the same secret twice, when hashing, then the salts (and so the hashes) differ', async () => {
    const a = await hashSecret('same password here', FAST);
    const b = await hashSecret('same password here', FAST);
    expect(a.split('$')[2]).not.toBe(b.split('$')[2]);
    expect(a.split('$')[3]).not.toBe(b.split('$')[3]);
    expect(await verifySecret('same password here', a)).toBe(true);
    expect(await verifySecret('same password here', b)).toBe(true);
  });

  it('given differently composed Unicode, when verifying, then NFKC makes them match', async () => {
    const composed = 'caf\u00e9 au lait!';
    const decomposed = 'cafe\u0301 au lait!';
    const encoded = await hashSecret(composed, FAST);
    expect(await verifySecret(decomposed, encoded)).toBe(true);
  });

  it('given malformed encodings, when verifying, then the answer is false and nothing throws', async () => {
    const good = await hashSecret('a fine password', FAST);
    const [, iter, salt, hash] = good.split('$') as [string, string, string, string];
    const bad: unknown[] = [
      '',
      'garbage',
      good.replace('pbkdf2-sha256', 'pbkdf2-sha1'),
      `pbkdf2-sha256$${iter}$${salt}`,
      `${good}$extra`,
      `pbkdf2-sha256$abc$${salt}$${hash}`,
      `pbkdf2-sha256$0${iter}$${salt}$${hash}`,
      `pbkdf2-sha256$-1000$${salt}$${hash}`,
      `pbkdf2-sha256$1e5$${salt}$${hash}`,
      `pbkdf2-sha256$${iter}$${salt}=$${hash}`,
      `pbkdf2-sha256$${iter}$${salt}$${hash.replace(/^./, '+')}`,
      `pbkdf2-sha256$${iter}$$${hash}`,
      `pbkdf2-sha256$${iter}$${salt}$`,
      `pbkdf2-sha256$${iter}$AAAA$${hash}`, // 3-byte salt: too short
      `pbkdf2-sha256$${iter}$${salt}$AAAA`, // 3-byte hash: too short
      `pbkdf2-sha256$${iter}$${'A'.repeat(600)}$${hash}`,
      null,
      undefined,
      42,
    ];
    for (const encoded of bad) {
      await expect(verifySecret('a fine password', encoded as string)).resolves.toBe(false);
    }
  });

  it('given iteration counts outside 1,000–100,000 in a stored hash, when verifying, then false', async () => {
    const good = await hashSecret('a fine password', FAST);
    const [, , salt, hash] = good.split('$') as [string, string, string, string];
    // Same salt and hash with a changed count would not match anyway; the point is it is refused
    // before any work (a count of 10^9 must not burn the Worker's CPU).
    const started = performance.now();
    expect(await verifySecret('a fine password', `pbkdf2-sha256$999$${salt}$${hash}`)).toBe(false);
    expect(await verifySecret('a fine password', `pbkdf2-sha256$100001$${salt}$${hash}`)).toBe(false);
    expect(await verifySecret('a fine password', `pbkdf2-sha256$999999999$${salt}$${hash}`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await verifySecret('a fine password', `pbkdf2-sha256$1000$${salt}$${hash}`)).toBe(true);
  });

  it('given parameters out of range, when hashing, then it refuses', async () => {
    await expect(hashSecret('x', { iterations: 100_001, saltBytes: 16, hashBytes: 32 })).rejects.toThrow(
      RangeError,
    );
    await expect(hashSecret('x', { iterations: 999, saltBytes: 16, hashBytes: 32 })).rejects.toThrow(
      RangeError,
    );
    await expect(hashSecret('x', { iterations: 1000, saltBytes: 4, hashBytes: 32 })).rejects.toThrow(
      RangeError,
    );
  });

  it('property: a hash of y never verifies a different x', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 24 }), fc.string({ maxLength: 24 }), async (x, y) => {
        fc.pre(x.normalize('NFKC') !== y.normalize('NFKC'));
        const encoded = await hashSecret(y, FAST);
        expect(await verifySecret(x, encoded)).toBe(false);
        expect(await verifySecret(y, encoded)).toBe(true);
      }),
      { numRuns: 25 },
    );
  });
});

describe('needsRehash', () => {
  it('given a hash made with the target parameters, then no rehash', async () => {
    expect(needsRehash(await hashSecret('a fine password', FAST), FAST)).toBe(false);
  });

  it('given a hash made with fewer iterations than the target, then rehash', async () => {
    expect(needsRehash(await hashSecret('a fine password', FAST), PASSWORD_KDF)).toBe(true);
  });

  it('given a different salt or hash length, then rehash', async () => {
    const encoded = await hashSecret('a fine password', FAST);
    expect(needsRehash(encoded, { ...FAST, saltBytes: 32 })).toBe(true);
    expect(needsRehash(encoded, { ...FAST, hashBytes: 64 })).toBe(true);
  });

  it('given an unreadable stored value, then rehash', () => {
    expect(needsRehash('not a hash', PASSWORD_KDF)).toBe(true);
  });
});

describe('dummyVerify', () => {
  it('given an unknown user, when spending dummy work, then it costs about what a real verify costs', async () => {
    const encoded = await hashSecret('a fine password');
    const time = async (f: () => Promise<unknown>): Promise<number> => {
      const t = performance.now();
      await f();
      return performance.now() - t;
    };
    const real: number[] = [];
    const dummy: number[] = [];
    for (let i = 0; i < 3; i++) {
      real.push(await time(() => verifySecret('wrong password!', encoded)));
      dummy.push(await time(() => dummyVerify()));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1] ?? 0;
    // Loose bounds: the point is "same order of work", not a precise timing oracle in CI.
    expect(median(dummy)).toBeGreaterThan(median(real) / 3);
    expect(median(dummy)).toBeLessThan(median(real) * 3);
  });
});

describe('passwordProblem', () => {
  it.each([
    ['short', 'Password must be at least 10 characters'],
    ['123456789', 'Password must be at least 10 characters'],
    ['a'.repeat(201), 'Password must be at most 200 characters'],
    ['aaaaaaaaaaaa', 'Password cannot be one character repeated'],
    ['🂡🂡🂡🂡🂡🂡🂡🂡🂡🂡', 'Password cannot be one character repeated'],
  ])('given %j, then the problem is stated', (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });

  it.each(['abcdefghij', 'correct horse battery staple', 'a'.repeat(199) + 'b', 'ÀÁÂÃÄÅÆÇÈÉ'])(
    'given %j, then it is acceptable (length, not composition)',
    (password) => {
      expect(passwordProblem(password)).toBeNull();
    },
  );

  it('given 9 emoji (18 UTF-16 units), then it counts characters, not code units', () => {
    expect(passwordProblem('🂡🂢🂣🂤🂥🂦🂧🂨🂩')).toBe('Password must be at least 10 characters');
  });
});

describe('pinProblem', () => {
  it.each([
    ['123', 'PIN must be 4 to 8 digits'],
    ['123456789', 'PIN must be 4 to 8 digits'],
    ['12a4', 'PIN must be 4 to 8 digits'],
    ['١٢٣٤', 'PIN must be 4 to 8 digits'], // Arabic-Indic digits are not ASCII
    [' 4829', 'PIN must be 4 to 8 digits'],
    ['0000', 'PIN cannot be one digit repeated (like 1111)'],
    ['77777777', 'PIN cannot be one digit repeated (like 1111)'],
    ['1234', 'PIN cannot be a straight run of digits (like 1234 or 9876)'],
    ['9876', 'PIN cannot be a straight run of digits (like 1234 or 9876)'],
    ['23456789', 'PIN cannot be a straight run of digits (like 1234 or 9876)'],
    ['3210', 'PIN cannot be a straight run of digits (like 1234 or 9876)'],
  ])('given %j, then the problem is stated', (pin, problem) => {
    expect(pinProblem(pin)).toBe(problem);
  });

  it.each(['4829', '1235', '0001', '13579', '90123456'])('given %j, then it is acceptable', (pin) => {
    expect(pinProblem(pin)).toBeNull();
  });
});
