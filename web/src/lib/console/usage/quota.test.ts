import { describe, expect, it } from 'vitest';
import { quotaLines } from './quota.ts';

const limits = {
  workerRequests: 100_000,
  doRequests: 100_000,
  websocketMessages: 2_000_000,
  alarms: 100_000,
  rowsWritten: 100_000,
};

describe('the day against the free tier', () => {
  it('gives each quota its share, warning from 80 % and over past 100 %', () => {
    const day = {
      day: '2026-12-07',
      workerRequests: 1234,
      doRequests: 85_000.5,
      websocketMessages: 10,
      alarms: 3,
      rowsWritten: 120_000,
    };
    const lines = quotaLines(day, limits);
    expect(lines.map((l) => [l.key, l.used, l.percent, l.level])).toEqual([
      ['workerRequests', 1234, 1.2, 'ok'],
      ['doRequests', 85_001, 85, 'warn'],
      ['rowsWritten', 120_000, 120, 'over'],
    ]);
  });
  it('reads a day with nothing counted as none used', () => {
    expect(quotaLines(undefined, limits).every((l) => l.used === 0 && l.level === 'ok')).toBe(true);
  });
});
