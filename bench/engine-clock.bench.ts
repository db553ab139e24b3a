/**
 * engine.clock_at_ns: one computeClock call on a 60-level running structure at a random
 * `now`. The anchors are left un-normalized since the start, the worst case: every call walks
 * from level 0 to the current level.
 */
import { initialClock } from '../engine/clock/anchors.ts';
import { computeClock } from '../engine/clock/compute.ts';
import { adjustTime, pauseClock, resumeClock, startClock } from '../engine/clock/transitions.ts';
import { isDomainError } from '../engine/core/errors.ts';
import { STANDARD_CHIP_SET } from '../engine/structure/chips.ts';
import { generateStructure } from '../engine/structure/generate.ts';
import type { Figure } from './lib/figure.ts';
import { median, round } from './lib/measure.ts';

export async function run(): Promise<Figure[]> {
  const g = generateStructure({
    startingStack: 20_000,
    chipSet: STANDARD_CHIP_SET,
    levelMinutes: 20,
    expectedPlayers: 2_000,
    targetHours: 14,
  });
  if (isDomainError(g)) throw g;
  const s = { ...g.structure, levels: g.structure.levels.slice(0, 60) };
  const t0 = 1_700_000_000_000;
  const total = s.levels.reduce((t, l) => t + l.durationMs, 0);
  let a = startClock(initialClock(), s, t0);
  if (!isDomainError(a)) a = pauseClock(a, s, t0 + 60_000);
  if (!isDomainError(a)) a = resumeClock(a, s, t0 + 3_600_000);
  if (!isDomainError(a)) a = adjustTime(a, s, t0 + 3_600_000, 120_000);
  if (isDomainError(a)) throw a;
  const anchors = a;

  const nows = Float64Array.from({ length: 4096 }, () => t0 + 3_600_000 + Math.random() * total);
  const batch = 100_000;
  let sink = 0;
  const once = (): number => {
    const start = performance.now();
    for (let i = 0; i < batch; i++) sink += computeClock(anchors, s, nows[i & 4095] as number).remainingMs;
    return ((performance.now() - start) * 1e6) / batch;
  };
  for (let i = 0; i < 5; i++) once(); // warm-up (JIT)
  const samples = Array.from({ length: 31 }, once);
  if (sink === 0) throw new Error('clock bench computed nothing');
  return [
    {
      name: 'engine.clock_at_ns',
      value: round(median(samples), 1),
      unit: 'ns',
      note: `median of ${samples.length} batches × ${batch.toLocaleString('en')} calls, ${s.levels.length} levels incl. breaks, un-normalized anchors`,
    },
  ];
}
