import { describe, expect, it } from 'vitest';
import { satelliteFrom, satelliteHeadline, satelliteText } from './satellite.ts';

const sat = {
  seatValue: 100_000,
  seats: 3,
  remainder: 60_000,
  remainderTo: 'bubble' as const,
  won: false,
  winners: [],
};

describe('satellite words', () => {
  it('given 3 seats and a remainder, then the money line names both', () => {
    expect(satelliteText(sat, 'DKK').replace(/\s/g, ' ')).toBe(
      '3 seats of 1.000 kr. + 600 kr. to the bubble',
    );
    expect(satelliteHeadline(sat)).toBe('3 seats');
    expect(satelliteHeadline({ ...sat, won: true })).toBe('Seats won');
  });
  it('given no seat yet, then it says so', () => {
    expect(satelliteText({ ...sat, seats: 0, remainderTo: 'none' }, 'DKK')).toMatch(/^No seat yet/);
  });
  it('given the form, then off is null, a bad or zero seat value is a message, else the config', () => {
    expect(satelliteFrom({ on: false, seatValue: '', remainder: 'bubble' }, 'DKK')).toBeNull();
    expect(satelliteFrom({ on: true, seatValue: 'abc', remainder: 'bubble' }, 'DKK')).toMatch(/seat value/);
    expect(satelliteFrom({ on: true, seatValue: '0', remainder: 'bubble' }, 'DKK')).toMatch(/more than zero/);
    expect(satelliteFrom({ on: true, seatValue: '1.000', remainder: 'seat-winners' }, 'DKK')).toEqual({
      seatValue: 100_000,
      remainder: 'seat-winners',
    });
  });
});
