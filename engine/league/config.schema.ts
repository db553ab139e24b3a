/**
 * A league's settings as the API takes them (zod), and the check that its formula reads and
 * scores a sample field, so a bad formula is refused when it is saved, not on finals night.
 */
import { z } from 'zod';
import { evaluateFormula, parseFormula } from '../td3/formula.ts';
import { BUILTIN_FORMULAS, type BuiltinFormulaName } from '../td3/points.ts';
import { formulaText } from './standings.ts';
import { type LeagueConfig, type LeagueFormula, TIEBREAKS } from './types.ts';

const day = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a date YYYY-MM-DD')
  .nullable();
const tiebreak = z.enum(TIEBREAKS);
const count = z.number().int().min(1).max(1000);

export const leagueFormulaSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('builtin'),
    name: z.enum(Object.keys(BUILTIN_FORMULAS) as [BuiltinFormulaName, ...BuiltinFormulaName[]]),
  }),
  z.object({ kind: z.literal('td3'), text: z.string().trim().min(1, 'must not be empty').max(20_000) }),
]);

export const leagueConfigSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(80),
    season: z.object({
      name: z.string().trim().min(1, 'must not be empty').max(80),
      startsOn: day.default(null),
      endsOn: day.default(null),
    }),
    formula: leagueFormulaSchema,
    useFileFormulas: z.boolean().default(false),
    applyAdjustments: z.boolean().default(true),
    tiebreaks: z
      .array(tiebreak)
      .max(TIEBREAKS.length)
      .refine((t) => new Set(t).size === t.length, 'must not repeat a tiebreak')
      .default(['bestFinish', 'wins', 'eventsPlayed', 'mostRecent']),
    counting: z
      .discriminatedUnion('mode', [
        z.object({ mode: z.literal('all') }),
        z.object({ mode: z.literal('best'), n: count }),
        z.object({ mode: z.literal('dropWorst'), n: count }),
      ])
      .default({ mode: 'all' }),
    finals: z
      .object({ top: count.nullable().default(null), minEvents: count.nullable().default(null) })
      .default({ top: null, minEvents: null }),
    public: z.boolean().default(true),
  })
  .refine(
    (c) => c.season.startsOn === null || c.season.endsOn === null || c.season.startsOn <= c.season.endsOn,
    { message: 'the season must not end before it starts', path: ['season', 'endsOn'] },
  );

/** A patch: any top-level field, the rest kept. */
export const leaguePatchSchema = z
  .object({
    name: z.string().trim().min(1).max(80),
    season: z.object({
      name: z.string().trim().min(1).max(80),
      startsOn: day,
      endsOn: day,
    }),
    formula: leagueFormulaSchema,
    useFileFormulas: z.boolean(),
    applyAdjustments: z.boolean(),
    tiebreaks: z.array(tiebreak).max(TIEBREAKS.length),
    counting: z.discriminatedUnion('mode', [
      z.object({ mode: z.literal('all') }),
      z.object({ mode: z.literal('best'), n: count }),
      z.object({ mode: z.literal('dropWorst'), n: count }),
    ]),
    finals: z.object({ top: count.nullable(), minEvents: count.nullable() }),
    public: z.boolean(),
  })
  .partial()
  .strict();

/**
 * TD3's variables for a sample field of `n` players, player at place `r`: 100 buy-ins, one
 * knockout each for the top half, the top 15% paid. Enough to catch a formula reading an
 * unknown name or dividing by zero, and to preview its points.
 */
export function sampleVars(n: number, r: number): Readonly<Record<string, number>> {
  const paid = Math.max(1, Math.round(n * 0.15));
  const pot = n * 100;
  return {
    buyins: n,
    totalRebuys: 0,
    totalAddOns: 0,
    totalBuyinsAmount: pot,
    totalRebuysAmount: 0,
    totalAddOnsAmount: 0,
    totalFixedRake: 0,
    pot,
    guaranteedPot: 0,
    houseContribution: 0,
    inTheMoneyRank: paid,
    rank: r,
    position: n - r + 1,
    numberOfHits: r <= n / 2 ? 1 : 0,
    numberOfRebuys: 0,
    numberOfAddOns: 0,
    buyinCost: 100,
    rebuyCost: 0,
    addOnCost: 0,
    totalCost: 100,
    buyinRake: 0,
    rebuyRake: 0,
    addOnRake: 0,
    totalRake: 0,
    prizeWinnings: r <= paid ? pot / paid : 0,
    totalWinnings: r <= paid ? pot / paid : 0,
    take: r <= paid ? pot / paid - 100 : -100,
    inTheMoney: r <= paid ? 1 : 0,
    roundOut: 0,
  };
}

/** Points by place 1..n for the sample field; throws Td3FormulaError for a bad formula. */
export function previewPoints(formula: LeagueFormula, n: number): number[] {
  const parsed = parseFormula(formulaText(formula));
  return Array.from({ length: n }, (_, i) => evaluateFormula(parsed, sampleVars(n, i + 1)));
}

/** Throws Td3FormulaError when the formula does not read or cannot score a field of 2–30. */
export function checkLeagueConfig(config: LeagueConfig): void {
  for (const n of [2, 9, 30]) previewPoints(config.formula, n);
}
