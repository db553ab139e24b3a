import { describe, expect, it } from 'vitest';
import { amountInput, parseAmount } from './amount.ts';

describe('amounts typed in a form', () => {
  it('given major units in Danish or English style, then minor units', () => {
    expect(parseAmount('200', 'DKK')).toEqual({ ok: true, minor: 20_000 });
    expect(parseAmount('1.250,50', 'DKK')).toEqual({ ok: true, minor: 125_050 });
    expect(parseAmount('1,250.5', 'EUR')).toEqual({ ok: true, minor: 125_050 });
    expect(parseAmount(' 12 500 ', 'DKK')).toEqual({ ok: true, minor: 1_250_000 });
    expect(parseAmount('5000', 'JPY')).toEqual({ ok: true, minor: 5000 });
  });
  it('given something that is not an amount, then a message and no number', () => {
    expect(parseAmount('', 'DKK')).toMatchObject({ ok: false, message: 'Enter an amount' });
    expect(parseAmount('12x', 'DKK')).toMatchObject({ ok: false });
    expect(parseAmount('-5', 'DKK')).toMatchObject({ ok: false });
    expect(parseAmount('5,5', 'JPY')).toMatchObject({ ok: false, message: 'JPY has 0 decimals at most' });
  });
  it('given minor units, then a form value that parses back', () => {
    for (const minor of [0, 20_000, 125_050, 5]) {
      expect(parseAmount(amountInput(minor, 'DKK'), 'DKK')).toEqual({ ok: true, minor });
    }
  });
});
