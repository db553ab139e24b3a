import { describe, expect, it } from 'vitest';
import {
  decimalText,
  exactMoney,
  majorText,
  parseAmount,
  parseOptionalAmount,
  shortMoney,
} from './amount.ts';

const minor = (text: string, currency = 'DKK') => {
  const p = parseAmount(text, currency);
  if (!p.ok) throw new Error(p.message);
  return p.minor;
};
const message = (text: string, currency = 'DKK') => {
  const p = parseAmount(text, currency, 'Added money');
  if (p.ok) throw new Error(`${text} parsed as ${p.minor}`);
  return p.message;
};

describe('parseAmount', () => {
  it('reads whole kroner and both decimal marks into øre', () => {
    expect(minor('1500')).toBe(150_000);
    expect(minor('1500,50')).toBe(150_050);
    expect(minor('1500.5')).toBe(150_050);
    expect(minor('0,07')).toBe(7);
    expect(minor('0')).toBe(0);
    expect(minor('  250 ')).toBe(25_000);
  });

  it('reads thousands separators as Danes and English speakers write them', () => {
    expect(minor('1.500')).toBe(150_000);
    expect(minor('1,500')).toBe(150_000);
    expect(minor('1.500,50')).toBe(150_050);
    expect(minor('1,500.50')).toBe(150_050);
    expect(minor('1.500.000')).toBe(150_000_000);
    expect(minor('10 000')).toBe(1_000_000);
  });

  it('takes the currency word around the number', () => {
    expect(minor('1500 kr.')).toBe(150_000);
    expect(minor('kr. 1500')).toBe(150_000);
    expect(minor('1500,-')).toBe(150_000);
    expect(minor('1500 DKK')).toBe(150_000);
    expect(minor('20 EUR', 'EUR')).toBe(2_000);
  });

  it('follows the currency: no decimals in JPY, three in KWD', () => {
    expect(minor('1500', 'JPY')).toBe(1500);
    expect(minor('1,500', 'JPY')).toBe(1500);
    expect(message('15.5', 'JPY')).toBe('Added money takes no decimals in JPY (15.5)');
    expect(minor('1.500', 'KWD')).toBe(1500);
    expect(minor('2', 'KWD')).toBe(2000);
  });

  it('refuses bad input with a message naming the problem', () => {
    expect(message('')).toBe('Added money is empty: enter an amount like 1500 or 1500,50');
    expect(message('-50')).toBe('Added money cannot be negative (-50)');
    expect(message('abc')).toBe('Added money "abc" is not a number: enter an amount like 1500 or 1500,50');
    expect(message('12e3')).toContain('is not a number');
    expect(message('1,5,0')).toContain('is not a number');
    expect(message(',50')).toContain('is not a number');
    expect(minor('10,505')).toBe(1_050_500);
    expect(message('12345.678')).toBe('Added money has more than 2 decimals (12345.678)');
    expect(message('1.2345')).toBe('Added money has more than 2 decimals (1.2345)');
    expect(message('99999999999')).toBe('Added money is too large (99999999999)');
  });

  it('leaves an empty optional amount as none', () => {
    expect(parseOptionalAmount('  ', 'DKK')).toEqual({ ok: true, minor: null });
    expect(parseOptionalAmount('12', 'DKK')).toEqual({ ok: true, minor: 1200 });
    expect(parseOptionalAmount('x', 'DKK', 'Place 2').ok).toBe(false);
  });
});

describe('majorText and exactMoney', () => {
  it('writes what a form field starts with, and reads back the same amount', () => {
    expect(majorText(150_759, 'DKK')).toBe('1507,59');
    expect(majorText(150_000, 'DKK')).toBe('1500');
    expect(majorText(5, 'DKK')).toBe('0,05');
    expect(majorText(150_759, 'DKK', 'en-GB')).toBe('1507.59');
    expect(majorText(1500, 'JPY')).toBe('1500');
    for (const m of [0, 1, 99, 100, 150_759, 123_456_789]) expect(minor(majorText(m, 'DKK'))).toBe(m);
  });

  it('shows every øre, or none when there are none', () => {
    expect(exactMoney(150_759, 'DKK').replace(/\s/g, ' ')).toBe('1.507,59 kr.');
    expect(shortMoney(20_000, 'DKK').replace(/\s/g, ' ')).toBe('200 kr.');
    expect(shortMoney(1_250, 'DKK').replace(/\s/g, ' ')).toBe('12,50 kr.');
  });

  it('writes amounts for other programs with every decimal and a "." mark', () => {
    expect(decimalText(150_759, 'DKK')).toBe('1507.59');
    expect(decimalText(150_000, 'DKK')).toBe('1500.00');
    expect(decimalText(7, 'DKK')).toBe('0.07');
    expect(decimalText(1500, 'JPY')).toBe('1500');
    expect(decimalText(1500, 'KWD')).toBe('1.500');
  });
});
