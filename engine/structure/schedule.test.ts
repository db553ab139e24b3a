import { describe, expect, it } from 'vitest';
import { minutes } from './levels.ts';
import { scheduleFrom } from './schedule.ts';
import type { Structure } from './types.ts';

const level = (bb: number, min: number) =>
  ({
    kind: 'level',
    smallBlind: bb / 2,
    bigBlind: bb,
    ante: 0,
    bigBlindAnte: 0,
    durationMs: minutes(min),
  }) as const;
const structure: Structure = {
  name: 'test',
  game: "No Limit Hold'em",
  levels: [level(100, 20), level(200, 20), { kind: 'break', durationMs: minutes(10) }, level(400, 20)],
  chipSet: { chips: [{ value: 25, color: 'green' }] },
  startingStack: 10_000,
  lateRegUntilLevel: 2,
  rebuyUntilLevel: null,
  addOnAtLevel: 2,
};
const T0 = Date.UTC(2026, 11, 5, 19, 0);

describe('scheduleFrom', () => {
  it('given a clock not started, then every level follows from the planned start and the end is the sum', () => {
    const s = scheduleFrom(structure, { levelIndex: 0, remainingMs: minutes(20) }, T0);
    expect(s.levels.map((l) => [l.playLevel, l.startsAt, l.endsAt])).toEqual([
      [1, T0, T0 + minutes(20)],
      [2, T0 + minutes(20), T0 + minutes(40)],
      [2, T0 + minutes(40), T0 + minutes(50)],
      [3, T0 + minutes(50), T0 + minutes(70)],
    ]);
    expect(s.endsAt).toBe(T0 + minutes(70));
    expect(s.lateRegistrationEndsAt).toBe(T0 + minutes(40));
    expect(s.addOnAt).toBe(T0 + minutes(40));
    expect(s.rebuysEndAt).toBeNull();
  });

  it('given level 2 with 5 minutes left, then level 1 is played and the rest counts from the time left', () => {
    const now = T0 + minutes(35);
    const s = scheduleFrom(structure, { levelIndex: 1, remainingMs: minutes(5) }, now);
    expect(s.levels[0]).toMatchObject({ played: true, startsAt: null });
    expect(s.levels[1]).toMatchObject({ current: true, endsAt: now + minutes(5) });
    expect(s.levels[3]?.startsAt).toBe(now + minutes(15));
    expect(s.endsAt).toBe(now + minutes(35));
    expect(s.lateRegistrationEndsAt).toBe(now + minutes(5));
  });
});
