import { describe, expect, it } from 'vitest';
import { ClockSettingError, clockSource, REAL_CLOCK } from './clock-source.ts';

describe('clockSource', () => {
  it('is real time when not set', () => {
    expect(clockSource(undefined)).toBe(REAL_CLOCK);
    expect(clockSource('')).toBe(REAL_CLOCK);
  });

  it('runs `speed` times faster from the origin, and maps simulated times back for alarms', () => {
    const origin = Date.now() - 1000;
    const clock = clockSource(`${origin}:360`);
    const now = clock.now();
    // A real second since the origin is six simulated minutes.
    expect(now - origin).toBeGreaterThanOrEqual(360_000);
    expect(now - origin).toBeLessThan(360_000 + 360 * 1000);
    const levelEnd = origin + 20 * 60_000;
    expect(clock.toReal(levelEnd)).toBeCloseTo(origin + (20 * 60_000) / 360, 6);
  });

  it.each(['abc', '1:0', '1:0.5', '1:2:3', 'x:10', '1:1e9'])('refuses %j with a clear error', (bad) => {
    expect(() => clockSource(bad)).toThrow(ClockSettingError);
    expect(() => clockSource(bad)).toThrow(/FELT_SIMULATED_CLOCK/);
  });
});
