import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../storage/port.ts';
import { filteredPage, MAX_SCANNED, matches, NO_FILTER } from './event-filter.ts';

const log: StoredEvent[] = Array.from({ length: 50_000 }, (_, i) => ({
  tournamentId: 't',
  seq: i + 1,
  eventId: `e${i + 1}`,
  epoch: 0,
  type: i === 45_000 ? 'PlayersBusted' : 'ClockPaused',
  at: 1000 + i,
  body: JSON.stringify({ actor: i % 2 === 0 ? 'td' : 'floor' }),
}));
const read = async (after: number, limit: number) => log.slice(after, after + limit);

describe('the filtered event log', () => {
  it('given a filter matching nothing near the start, when searching, then it stops after MAX_SCANNED and says where', async () => {
    const page = await filteredPage(read, 0, 10, { ...NO_FILTER, types: ['PlayersBusted'] });
    expect(page).toEqual({ events: [], scannedTo: MAX_SCANNED, more: true });
    const next = await filteredPage(read, 40_000, 10, { ...NO_FILTER, types: ['PlayersBusted'] });
    expect(next.events.map((e) => e.seq)).toEqual([45_001]);
    expect(next).toMatchObject({ scannedTo: 50_000, more: false });
  });

  it('keeps events by actor and inclusive time bounds', () => {
    const e = log[2]!;
    expect(matches(e, { ...NO_FILTER, actor: 'td' })).toBe(true);
    expect(matches(e, { ...NO_FILTER, actor: 'floor' })).toBe(false);
    expect(matches(e, { ...NO_FILTER, from: e.at, to: e.at })).toBe(true);
    expect(matches(e, { ...NO_FILTER, from: e.at + 1 })).toBe(false);
    expect(matches(e, { ...NO_FILTER, to: e.at - 1 })).toBe(false);
  });

  it('stops at the limit with more to read', async () => {
    const page = await filteredPage(read, 0, 3, { ...NO_FILTER, actor: 'floor' });
    expect(page.events.map((e) => e.seq)).toEqual([2, 4, 6]);
    expect(page).toMatchObject({ scannedTo: 6, more: true });
  });
});
