import { describe, expect, it } from 'vitest';
import { FLUSH_EVERY_MS, NO_USAGE, UsageTally, usageDay, venueOfObject } from './venue-usage.ts';

const DAY = Date.UTC(2026, 11, 7, 12);

describe('the usage tally', () => {
  it('given counts in the cloud, then they are taken per venue and day, at most once a minute', () => {
    const t = new UsageTally();
    t.enableFrom({ FELT_RUNTIME: 'cloud' });
    t.add('v1', { workerRequests: 1, doRequests: 2 }, DAY);
    t.add('v1', { rowsWritten: 3 }, DAY);
    t.add('v2', { alarms: 1 }, DAY);
    const first = t.take(DAY);
    expect(first).toEqual([
      ['v1', '2026-12-07', { ...NO_USAGE, workerRequests: 1, doRequests: 2, rowsWritten: 3 }],
      ['v2', '2026-12-07', { ...NO_USAGE, alarms: 1 }],
    ]);
    t.add('v1', { doRequests: 1 }, DAY + 1000);
    expect(t.take(DAY + 1000)).toEqual([]);
    expect(t.take(DAY + FLUSH_EVERY_MS)).toEqual([['v1', '2026-12-07', { ...NO_USAGE, doRequests: 1 }]]);
  });

  it('given an owner reading the page, then that venue is taken at once and the others wait', () => {
    const t = new UsageTally();
    t.enableFrom({ FELT_RUNTIME: 'cloud' });
    t.take(DAY);
    t.add('v1', { workerRequests: 1 }, DAY);
    t.add('v2', { workerRequests: 1 }, DAY);
    expect(t.take(DAY + 1, { venueId: 'v1' }).map(([v]) => v)).toEqual(['v1']);
    expect(t.take(DAY + 2)).toEqual([]);
    expect(t.take(DAY + FLUSH_EVERY_MS).map(([v]) => v)).toEqual(['v2']);
  });

  it('counts across midnight UTC into two days', () => {
    const t = new UsageTally();
    t.enableFrom({ FELT_RUNTIME: 'cloud' });
    const midnight = Date.UTC(2026, 11, 8);
    t.add('v', { doRequests: 1 }, midnight - 1);
    t.add('v', { doRequests: 1 }, midnight);
    expect(t.take(midnight).map(([, day]) => day)).toEqual(['2026-12-07', '2026-12-08']);
  });

  it('counts nothing on a box', () => {
    const t = new UsageTally();
    t.enableFrom({ FELT_RUNTIME: 'box' });
    t.add('v', { doRequests: 1 }, DAY);
    expect(t.take(DAY, { venueId: 'v' })).toEqual([]);
  });

  it('names days in UTC and venues from object names', () => {
    expect(usageDay(Date.UTC(2026, 0, 2, 23, 59))).toBe('2026-01-02');
    expect(venueOfObject('riverside/ab12')).toBe('riverside');
    expect(venueOfObject('riverside')).toBe('riverside');
  });
});
