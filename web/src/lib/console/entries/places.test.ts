import { describe, expect, it } from 'vitest';
import { ordinal, placeText } from './places.ts';

describe('places as the desk says them', () => {
  it('given numbers, then the English ordinal (11th–13th are th)', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '101st',
      '111th',
    ]);
  });
  it('given a tie, then the range', () => {
    expect(placeText(10, 11)).toBe('10th–11th');
    expect(placeText(5, 5)).toBe('5th');
  });
});
