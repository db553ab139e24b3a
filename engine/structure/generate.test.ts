import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../core/errors.ts';
import { chipsInPlayAt, STANDARD_CHIP_SET } from './chips.ts';
import { type GeneratedStructure, type GenerateOptions, generateStructure } from './generate.ts';
import { levelIndexOfPlayLevel, playLevelCount } from './levels.ts';
import type { ChipSet, PlayLevel } from './types.ts';
import { validateStructure } from './validate.ts';

const HOUR = 3_600_000;
const daily: GenerateOptions = {
  startingStack: 20_000,
  chipSet: STANDARD_CHIP_SET,
  levelMinutes: 20,
  expectedPlayers: 100,
  targetHours: 6,
};

function ok(o: GenerateOptions): GeneratedStructure {
  const g = generateStructure(o);
  if (isDomainError(g)) throw g;
  return g;
}

const plays = (g: GeneratedStructure): PlayLevel[] =>
  g.structure.levels.filter((l): l is PlayLevel => l.kind === 'level');

describe('generateStructure', () => {
  it('given a 100-player 20-minute daily with a 6-hour target, then it ends within an hour of the target', () => {
    const g = ok(daily);
    expect(validateStructure(g.structure)).toBe(null);
    expect(Math.abs(g.estimatedEndMs - 6 * HOUR)).toBeLessThanOrEqual(HOUR);
  });

  it('given the model, then the estimated level is the first whose big blind reaches total chips / 60', () => {
    const g = ok(daily);
    const endBb = (20_000 * 100) / 60;
    const p = plays(g);
    expect(p[g.estimatedLevels - 1]?.bigBlind).toBeGreaterThanOrEqual(endBb);
    expect(p[g.estimatedLevels - 2]?.bigBlind).toBeLessThan(endBb);
  });

  it('given the estimate, then estimatedEndMs is the time to the end of that level, breaks included', () => {
    const g = ok(daily);
    const idx = levelIndexOfPlayLevel(g.structure, g.estimatedLevels);
    const sum = g.structure.levels.slice(0, idx + 1).reduce((t, l) => t + l.durationMs, 0);
    expect(g.estimatedEndMs).toBe(sum);
  });

  it('given any options, then there are at least 50 % more play levels than the estimate', () => {
    const g = ok(daily);
    expect(playLevelCount(g.structure)).toBeGreaterThanOrEqual(Math.ceil(g.estimatedLevels * 1.5));
  });

  it('given defaults, then breaks come about every 90 minutes, last 10 minutes and colour up the 25s', () => {
    const g = ok(daily);
    const breaks = g.structure.levels.filter((l) => l.kind === 'break');
    expect(breaks.length).toBeGreaterThan(2);
    expect(breaks.every((b) => b.durationMs === 10 * 60_000)).toBe(true);
    expect(breaks.flatMap((b) => b.colorUp ?? [])).toContain(25);
    expect(g.structure.levels[4]?.kind).toBe('level');
    expect(g.structure.levels[5]?.kind).toBe('break'); // round(90 / 20) = 5 play levels
  });

  it('given ante bba, then each big-blind ante equals the big blind; given none, then no antes', () => {
    expect(plays(ok(daily)).every((l) => l.bigBlindAnte === l.bigBlind)).toBe(true);
    expect(plays(ok({ ...daily, ante: 'none' })).every((l) => l.bigBlindAnte === 0 && l.ante === 0)).toBe(
      true,
    );
  });

  it('given a longer target, then the generated tournament is estimated to last longer', () => {
    const short = ok({ ...daily, targetHours: 3 });
    const long = ok({ ...daily, targetHours: 9 });
    expect(long.estimatedEndMs).toBeGreaterThan(short.estimatedEndMs);
  });

  it('given a chip set with an odd smallest chip, then every blind is still a multiple of it', () => {
    const odd: ChipSet = {
      chips: [
        { value: 7, color: 'red' },
        { value: 35, color: 'blue' },
      ],
    };
    const g = ok({ ...daily, chipSet: odd, startingStack: 700 });
    expect(validateStructure(g.structure)).toBe(null);
    expect(plays(g)[0]?.smallBlind).toBe(7); // 700 / 100 big blinds = 7/14
    expect(plays(g).every((l) => l.smallBlind % 7 === 0)).toBe(true);
  });

  it('given no breaks, then there are none and no colour-ups', () => {
    const g = ok({ ...daily, breakEveryLevels: 0 });
    expect(g.structure.levels.every((l) => l.kind === 'level')).toBe(true);
  });

  it('given late registration, then no chip the starting stack needs is coloured up before it closes', () => {
    const g = ok({ ...daily, startingStack: 20_025, lateRegUntilLevel: 12 });
    expect(validateStructure(g.structure)).toBe(null);
    expect(chipsInPlayAt(g.structure, levelIndexOfPlayLevel(g.structure, 12))).toContain(25);
  });

  it.each([
    ['startingStack', { startingStack: 0 }],
    ['startingStack', { startingStack: 20_010 }],
    ['chipSet', { chipSet: { chips: [] } }],
    ['chipSet', { chipSet: { chips: [{ value: 0, color: 'x' }] } }],
    ['levelMinutes', { levelMinutes: 0 }],
    ['levelMinutes', { levelMinutes: 2.5 }],
    ['expectedPlayers', { expectedPlayers: 1 }],
    ['targetHours', { targetHours: 0 }],
    ['targetHours', { targetHours: Number.NaN }],
    ['breakEveryLevels', { breakEveryLevels: -1 }],
    ['breakMinutes', { breakMinutes: 0 }],
    ['ante', { ante: 'classic' as 'none' }],
    ['name', { name: '  ' }],
    ['targetHours', { levelMinutes: 1, targetHours: 72 }],
  ] as const)('given a bad %s, then GENERATOR_BAD_OPTION names the field', (field, patch) => {
    const g = generateStructure({ ...daily, ...patch });
    expect(isDomainError(g) && g.code).toBe('GENERATOR_BAD_OPTION');
    expect(isDomainError(g) && g.details?.field).toBe(field);
  });

  it('property: for random stacks, chip sets and targets, the output validates, blinds rise and are postable', () => {
    const chipSet = fc
      .uniqueArray(fc.integer({ min: 1, max: 5_000 }), { minLength: 1, maxLength: 6 })
      .map((values): ChipSet => ({ chips: values.map((value) => ({ value, color: 'c' })) }));
    const options = chipSet.chain((cs) => {
      const smallest = Math.min(...cs.chips.map((c) => c.value));
      return fc.record({
        chipSet: fc.constant(cs),
        startingStack: fc.integer({ min: 20, max: 2_000 }).map((k) => k * smallest),
        levelMinutes: fc.integer({ min: 3, max: 60 }),
        expectedPlayers: fc.integer({ min: 2, max: 5_000 }),
        targetHours: fc.double({ min: 0.5, max: 24, noNaN: true }),
        breakEveryLevels: fc.integer({ min: 0, max: 8 }),
        breakMinutes: fc.integer({ min: 1, max: 30 }),
        ante: fc.constantFrom('none' as const, 'bba' as const),
        lateRegUntilLevel: fc.option(fc.integer({ min: 1, max: 20 })),
      });
    });
    fc.assert(
      fc.property(options, (o) => {
        const g = generateStructure(o);
        if (isDomainError(g)) {
          // Only an honest refusal is acceptable: "needs too many levels" (targetHours) or
          // "blinds too large to count" (startingStack: huge stacks of odd chips).
          expect(g.code).toBe('GENERATOR_BAD_OPTION');
          expect(['targetHours', 'startingStack']).toContain(g.details?.field);
          return;
        }
        expect(validateStructure(g.structure)).toBe(null);
        let previous = 0;
        g.structure.levels.forEach((l, i) => {
          if (l.kind !== 'level') return;
          const smallest = Math.min(...chipsInPlayAt(g.structure, i));
          for (const amount of [l.smallBlind, l.bigBlind, l.bigBlindAnte]) expect(amount % smallest).toBe(0);
          expect(l.smallBlind).toBeGreaterThan(previous);
          expect(l.bigBlind).toBe(2 * l.smallBlind);
          previous = l.smallBlind;
        });
        expect(playLevelCount(g.structure)).toBeGreaterThanOrEqual(Math.ceil(1.5 * g.estimatedLevels));
        expect(g.structure.levels.at(-1)?.kind).toBe('level');
        expect(g.estimatedEndMs).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('property: with the standard chip set, the estimate lands near the target or the start is already the slowest', () => {
    fc.assert(
      fc.property(
        fc.record({
          startingStack: fc.constantFrom(10_000, 20_000, 30_000, 50_000),
          levelMinutes: fc.constantFrom(15, 20, 30, 40),
          expectedPlayers: fc.integer({ min: 10, max: 1_000 }),
          targetHours: fc.integer({ min: 3, max: 10 }),
        }),
        (o) => {
          // Fewer than 12 levels cannot reach the end without blinds more than doubling per level.
          fc.pre((o.targetHours * 60) / o.levelMinutes >= 12);
          const g = ok({ ...o, chipSet: STANDARD_CHIP_SET });
          const slack = 2 * o.levelMinutes * 60_000 + 10 * 60_000;
          const target = o.targetHours * HOUR;
          expect(g.estimatedEndMs).toBeLessThanOrEqual(target + slack);
          if (g.estimatedEndMs < target - slack) {
            // A small field over many levels ends early only when the blinds already start at
            // the smallest chip and climb one nice step per level: nothing slower exists.
            expect(plays(g)[0]?.smallBlind).toBe(25);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
