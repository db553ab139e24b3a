/**
 * The time a TournamentDO decides, shows and schedules by. Real time, except in benchmarks
 * that compress a 6-hour tournament into a minute or two (bench/free-tier.bench.ts): there
 * `FELT_SIMULATED_CLOCK="origin:speed"` makes time run `speed` times faster from `origin`
 * (ms since the epoch), and alarms are set at the real moment a simulated time comes round.
 * The engine never reads a clock (DESIGN.md), so this is the only place time is chosen.
 */
export interface ClockSource {
  now(): number;
  /** The real time (for the runtime's alarm) at which this clock shows `at`. */
  toReal(at: number): number;
}

export const REAL_CLOCK: ClockSource = { now: () => Date.now(), toReal: (at) => at };

export class ClockSettingError extends Error {
  override readonly name = 'ClockSettingError';
}

export function clockSource(setting: string | undefined): ClockSource {
  if (setting === undefined || setting === '') return REAL_CLOCK;
  const [originText, speedText, ...rest] = setting.split(':');
  const origin = Number(originText);
  const speed = Number(speedText);
  if (rest.length > 0 || !Number.isFinite(origin) || !(speed >= 1 && speed <= 100_000)) {
    throw new ClockSettingError(
      `FELT_SIMULATED_CLOCK must be "origin:speed" (ms since the epoch, 1–100000), got "${setting}"`,
    );
  }
  return {
    now: () => origin + (Date.now() - origin) * speed,
    toReal: (at) => origin + (at - origin) / speed,
  };
}
