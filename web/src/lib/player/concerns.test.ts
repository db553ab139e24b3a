import { describe, expect, it } from 'vitest';
import type { WireEvent } from '../api.ts';
import { lastConcerning } from './concerns.ts';

const ev = (seq: number, type: string, event: Record<string, unknown> = {}): WireEvent => ({
  seq,
  eventId: `e${seq}`,
  type,
  at: seq,
  event: { type, ...event },
});

describe('which events make a phone re-read its entry', () => {
  const move = (entryId: string) => ({
    moves: [{ entryId, from: { tableId: 't1', seat: 1 }, to: { tableId: 't2', seat: 3 } }],
  });
  it('a move of this entry, not of another', () => {
    const events = [ev(1, 'PlayersMoved', move('e-9')), ev(2, 'ChipCountsSet', { counts: [] })];
    expect(lastConcerning(events, 'e-9')).toBe(1);
    expect(lastConcerning(events, 'e-1')).toBe(0);
    // An id that merely starts the same is not this entry.
    expect(lastConcerning([ev(3, 'PlayersMoved', move('e-91'))], 'e-9')).toBe(0);
  });
  it('a broken table or a redraw, whoever it names', () => {
    expect(
      lastConcerning([ev(4, 'PlayersMoved', move('e-2')), ev(5, 'TableBroken', move('e-3'))], 'e-9'),
    ).toBe(5);
    expect(lastConcerning([ev(6, 'FinalTableDrawn')], 'e-9')).toBe(6);
  });
  it('its bust; not clock or chip events', () => {
    expect(lastConcerning([ev(7, 'PlayersBusted', { busts: [{ entryId: 'e-9' }] })], 'e-9')).toBe(7);
    expect(lastConcerning([ev(8, 'ClockChanged'), ev(9, 'ChipCountsSet')], 'e-9')).toBe(0);
  });
});
