import { describe, expect, it } from 'vitest';
import { STANDARD_CHIP_SET } from './chips.ts';
import { minutes } from './levels.ts';
import type { BreakLevel, PlayLevel, Structure, StructureLevel } from './types.ts';
import { structureProblems, validateStructure } from './validate.ts';

const play = (sb: number, bb: number, extra: Partial<PlayLevel> = {}): PlayLevel => ({
  kind: 'level',
  smallBlind: sb,
  bigBlind: bb,
  ante: 0,
  bigBlindAnte: 0,
  durationMs: minutes(20),
  ...extra,
});
const pause = (colorUp?: number[], extra: Partial<BreakLevel> = {}): BreakLevel => ({
  kind: 'break',
  durationMs: minutes(10),
  ...(colorUp ? { colorUp } : {}),
  ...extra,
});

function structure(levels: StructureLevel[], extra: Partial<Structure> = {}): Structure {
  return {
    name: 'Test',
    game: "No Limit Hold'em",
    levels,
    chipSet: STANDARD_CHIP_SET,
    startingStack: 10_000,
    lateRegUntilLevel: null,
    rebuyUntilLevel: null,
    addOnAtLevel: null,
    ...extra,
  };
}

const good = (): StructureLevel[] => [
  play(25, 50),
  play(50, 100),
  play(100, 200, { bigBlindAnte: 200 }),
  pause([25]),
  play(200, 400, { ante: 100 }),
  play(300, 600, { bigBlindAnte: 600 }),
];

describe('validateStructure', () => {
  it('given a playable structure, then it returns null', () => {
    expect(
      validateStructure(structure(good(), { lateRegUntilLevel: 3, rebuyUntilLevel: 2, addOnAtLevel: 3 })),
    ).toBe(null);
  });

  it('given no levels, then STRUCTURE_NO_LEVELS', () => {
    expect(validateStructure(structure([]))?.code).toBe('STRUCTURE_NO_LEVELS');
  });

  it('given only breaks, then STRUCTURE_NO_PLAY_LEVELS', () => {
    expect(validateStructure(structure([pause()]))?.code).toBe('STRUCTURE_NO_PLAY_LEVELS');
  });

  it('given a level of 0 minutes, then STRUCTURE_BAD_DURATION names the level', () => {
    const levels = good();
    levels[1] = play(50, 100, { durationMs: 0 });
    const err = validateStructure(structure(levels));
    expect(err?.code).toBe('STRUCTURE_BAD_DURATION');
    expect(err?.message).toBe('Level 2: the duration must be more than 0 minutes');
  });

  it('given a break of negative length, then STRUCTURE_BAD_DURATION names the break', () => {
    const levels = good();
    levels[3] = pause([25], { durationMs: -5 });
    const err = validateStructure(structure(levels));
    expect(err?.code).toBe('STRUCTURE_BAD_DURATION');
    expect(err?.message).toContain('Break after level 3');
  });

  it('given a big blind lower than the previous level, then STRUCTURE_BLINDS_DECREASE in TD words', () => {
    const levels = [play(100, 200), play(200, 400), play(200, 500), play(200, 400)];
    const err = validateStructure(structure(levels));
    expect(err?.code).toBe('STRUCTURE_BLINDS_DECREASE');
    expect(err?.message).toBe("Level 4: big blind 400 is lower than level 3's 500");
    expect(err?.details).toMatchObject({ levelIndex: 3, level: 4, bigBlind: 400, previous: 500 });
  });

  it('given a small blind that drops across a break, then the previous play level is named', () => {
    const levels = [play(100, 200), play(200, 400), pause(), play(150, 400)];
    expect(validateStructure(structure(levels))?.message).toBe(
      "Level 3: small blind 150 is lower than level 2's 200",
    );
  });

  it('given equal blinds on consecutive levels, then it is allowed (blinds must not decrease)', () => {
    expect(validateStructure(structure([play(100, 200), play(100, 200)]))).toBe(null);
  });

  it('given a big blind below the small blind, then STRUCTURE_BB_BELOW_SB', () => {
    const err = validateStructure(structure([play(200, 100)]));
    expect(err?.code).toBe('STRUCTURE_BB_BELOW_SB');
    expect(err?.message).toBe('Level 1: big blind 100 is lower than the small blind 200');
  });

  it('given a negative ante, then STRUCTURE_NEGATIVE_ANTE', () => {
    expect(validateStructure(structure([play(100, 200, { ante: -25 })]))?.code).toBe(
      'STRUCTURE_NEGATIVE_ANTE',
    );
    expect(validateStructure(structure([play(100, 200, { bigBlindAnte: -200 })]))?.code).toBe(
      'STRUCTURE_NEGATIVE_ANTE',
    );
  });

  it('given zero or fractional blinds, then STRUCTURE_BAD_BLIND', () => {
    expect(validateStructure(structure([play(0, 0)]))?.code).toBe('STRUCTURE_BAD_BLIND');
    expect(validateStructure(structure([play(12.5, 25)]))?.code).toBe('STRUCTURE_BAD_BLIND');
  });

  it('given both an ante and a big-blind ante, then STRUCTURE_TWO_ANTES', () => {
    expect(validateStructure(structure([play(100, 200, { ante: 25, bigBlindAnte: 200 })]))?.code).toBe(
      'STRUCTURE_TWO_ANTES',
    );
  });

  it('given a blind that is not a multiple of the smallest chip, then STRUCTURE_NOT_POSTABLE', () => {
    const err = validateStructure(structure([play(10, 20)]));
    expect(err?.code).toBe('STRUCTURE_NOT_POSTABLE');
    expect(err?.message).toBe(
      'Level 1: small blind 10 cannot be posted with the chips in play (smallest chip 25)',
    );
  });

  it('given 25s coloured up at a break, when a later level uses 50, then STRUCTURE_NOT_POSTABLE', () => {
    const levels = [play(25, 50), pause([25]), play(50, 100)];
    const err = validateStructure(structure(levels));
    expect(err?.code).toBe('STRUCTURE_NOT_POSTABLE');
    expect(err?.message).toContain('Level 2: small blind 50');
    expect(err?.details).toMatchObject({ smallestChip: 100 });
  });

  it('given 25s coloured up, when an earlier level used 25s, then that level is still fine', () => {
    expect(validateStructure(structure([play(25, 50), pause([25]), play(100, 200)]))).toBe(null);
  });

  it('given an ante not postable after a colour-up, then STRUCTURE_NOT_POSTABLE names the ante', () => {
    const err = validateStructure(structure([play(25, 50), pause([25]), play(200, 400, { ante: 50 })]));
    expect(err?.message).toContain('ante 50');
  });

  it('given a colour-up of a chip not in play, then STRUCTURE_BAD_COLOR_UP', () => {
    expect(validateStructure(structure([play(100, 200), pause([10]), play(200, 400)]))?.code).toBe(
      'STRUCTURE_BAD_COLOR_UP',
    );
    expect(
      validateStructure(structure([play(100, 200), pause([25]), pause([25]), play(200, 400)]))?.code,
    ).toBe('STRUCTURE_BAD_COLOR_UP');
  });

  it('given a colour-up of every chip, then STRUCTURE_BAD_COLOR_UP', () => {
    const all = STANDARD_CHIP_SET.chips.map((c) => c.value);
    const err = validateStructure(structure([play(100, 200), pause(all), play(200, 400)]));
    expect(err?.code).toBe('STRUCTURE_BAD_COLOR_UP');
    expect(err?.message).toContain('leaves no chips');
  });

  it('given a starting stack that is not a multiple of the smallest chip, then STRUCTURE_STACK_NOT_POSTABLE', () => {
    const err = validateStructure(structure(good(), { startingStack: 10_010 }));
    expect(err?.code).toBe('STRUCTURE_STACK_NOT_POSTABLE');
  });

  it('given late registration past a colour-up that the stack needs, then STRUCTURE_STACK_NOT_POSTABLE', () => {
    const s = structure(good(), { startingStack: 10_025, lateRegUntilLevel: 4 });
    const err = validateStructure(s);
    expect(err?.code).toBe('STRUCTURE_STACK_NOT_POSTABLE');
    expect(err?.message).toContain('until late registration ends (level 4)');
    expect(validateStructure({ ...s, lateRegUntilLevel: 3 })).toBe(null);
  });

  it('given a zero starting stack, then STRUCTURE_BAD_STACK', () => {
    expect(validateStructure(structure(good(), { startingStack: 0 }))?.code).toBe('STRUCTURE_BAD_STACK');
  });

  it.each([
    ['lateRegUntilLevel', 6],
    ['rebuyUntilLevel', 0],
    ['addOnAtLevel', 99],
  ] as const)(
    'given %s = %i outside the 5 play levels, then STRUCTURE_LEVEL_OUT_OF_RANGE',
    (field, value) => {
      const err = validateStructure(structure(good(), { [field]: value }));
      expect(err?.code).toBe('STRUCTURE_LEVEL_OUT_OF_RANGE');
      expect(err?.details).toMatchObject({ field, level: value, playLevels: 5 });
    },
  );

  it('given an empty or duplicated chip set, then STRUCTURE_NO_CHIPS / STRUCTURE_BAD_CHIP', () => {
    expect(validateStructure(structure(good(), { chipSet: { chips: [] } }))?.code).toBe('STRUCTURE_NO_CHIPS');
    const dup = { chips: [...STANDARD_CHIP_SET.chips, { value: 25, color: 'red' }] };
    expect(validateStructure(structure(good(), { chipSet: dup }))?.code).toBe('STRUCTURE_BAD_CHIP');
  });

  it('given several problems, then structureProblems lists them all in level order', () => {
    const levels = [play(10, 20), play(200, 100), play(100, 200, { durationMs: 0 })];
    const codes = structureProblems(structure(levels)).map((e) => e.code);
    expect(codes).toEqual([
      'STRUCTURE_NOT_POSTABLE',
      'STRUCTURE_NOT_POSTABLE',
      'STRUCTURE_BB_BELOW_SB',
      'STRUCTURE_BAD_DURATION',
      'STRUCTURE_BLINDS_DECREASE',
    ]);
  });
});
