import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, fromMinor, isCurrencyCode, minorDigits, toMinor } from './currency.ts';

// Intl may use a no-break or narrow no-break space between number and symbol.
const plain = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ');

describe('currency helpers', () => {
  it('given DKK by default, when formatting 123450 øre, then it reads as Danish kroner', () => {
    expect(plain(formatMoney(123450))).toBe('1.234,50 kr.');
  });
  it('given EUR in en-IE, when formatting, then cents become a decimal part', () => {
    expect(formatMoney(1999, 'EUR', 'en-IE')).toBe('€19.99');
  });
  it('given JPY, then there are no minor digits and 5000 formats as ¥5,000', () => {
    expect(minorDigits('JPY')).toBe(0);
    expect(formatMoney(5000, 'JPY', 'en-US')).toBe('¥5,000');
  });
  it('given DKK, EUR and KWD, then minor digits are 2, 2 and 3', () => {
    expect([minorDigits('DKK'), minorDigits('EUR'), minorDigits('KWD')]).toEqual([2, 2, 3]);
  });
  it('given float noise, when converting to minor units, then the øre is not lost', () => {
    expect(toMinor(0.1 + 0.2)).toBe(30);
    expect(toMinor(19.99, 'EUR')).toBe(1999);
    expect(toMinor(-2.5)).toBe(-250);
    expect(toMinor(1234, 'JPY')).toBe(1234);
  });
  it('given any whole øre amount, when converting to major and back, then it round-trips', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.constantFrom('DKK', 'JPY', 'KWD'),
        (amount, cur) => {
          expect(toMinor(fromMinor(amount, cur), cur)).toBe(amount);
        },
      ),
    );
  });
  it('given codes, then only upper-case ISO codes Intl knows are accepted', () => {
    expect(isCurrencyCode('DKK')).toBe(true);
    expect(isCurrencyCode('EUR')).toBe(true);
    expect(isCurrencyCode('dkk')).toBe(false);
    expect(isCurrencyCode('DK')).toBe(false);
    expect(isCurrencyCode('XYZ')).toBe(false);
  });
});
