import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureBytes, fixtureNames, HAVE_FIXTURES, testdata } from './fixtures.ts';
import { evaluateFormula, evaluatePoints, parseFormula, Td3FormulaError } from './formula.ts';
import { parseTd3 } from './parse.ts';
import { BUILTIN_FORMULAS, pointsForTournament } from './points.ts';
import { readTd3 } from './read.ts';
import type { Td3Tournament } from './types.ts';

function formulaError(text: string, vars: Record<string, number> = {}, limits = {}): Td3FormulaError {
  try {
    evaluatePoints(text, vars, limits);
  } catch (e) {
    if (e instanceof Td3FormulaError) return e;
    throw e;
  }
  throw new Error(`expected a Td3FormulaError for ${text}`);
}

function read(bytes: Uint8Array | string): Td3Tournament {
  const t = readTd3(parseTd3(bytes));
  if (t instanceof Error) throw t;
  return t;
}

describe('evaluatePoints: the language', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 4 - 3', 3],
    ['2 * -3', -6],
    ['7 % 4', 3],
    ['1 / 4', 0.25],
    ['.5 + 1e1', 10.5],
    ['3 > 2', 1],
    ['3 < 2', 0],
    ['2 >= 2 and 2 <= 2', 1],
    ['1 = 1', 1],
    ['1 == 2', 0],
    ['1 is 1', 1],
    ['1 != 2', 1],
    ['1 <> 1', 0],
    ['1 and 0', 0],
    ['0 or 2', 1],
    ['1 && 1 || 0', 1],
    ['!1', 0],
    ['not 0', 1],
    ['true + true', 2],
    ['1 < 2 and 3 > 4 or 5 = 5', 1],
  ])('given %s, when evaluated, then %d', (text, expected) => {
    expect(evaluatePoints(text, {})).toBe(expected);
  });

  it.each([
    ['round(2.5)', 3],
    ['round(1.55, 1)', 1.6],
    ['Round(1.55555, 3)', 1.556],
    ['floor(2.7) + Floor(-2.2)', -1],
    ['ceil(2.2)', 3],
    ['sqrt(16)', 4],
    ['pow(2, 5) + power(5, 2)', 57],
    ['log(exp(2))', 2],
    ['log(8, 2)', 3],
    ['ln(1)', 0],
    ['log10(1000)', 3],
    ['abs(-3)', 3],
    ['max(2, 5, 3) - min(2, 5)', 3],
    ['sum(1, 2, 3) + product(2, 3) + average(2, 4) + count(7, 7)', 17],
    ['triangle(6)', 21],
    ['roundToNearest(371, 50) + roundUpToNearest(371, 25) + roundDownToNearest(371, 100)', 1025],
    ['switch(3, 1, 10, 2, 20, 3, 30)', 30],
    ['switch(6, 1, 10, 2, 20, -1)', -1],
    ['switch(6, 1, 10)', 0],
    ['lswitch(2, 10, 20, 30) + lswitch(9, 10, 20, 30)', 50],
    ['oneof(4, 2, 4, 12)', 1],
    ['IF(1, 10, 20) + if(0, 1, 2)', 12],
    ['if(0, 5)', 0],
  ])('given %s, when evaluated, then %d (TD3 help examples)', (text, expected) => {
    expect(evaluatePoints(text, {})).toBeCloseTo(expected, 12);
  });

  it('given assign and a sequence, when evaluated, then the last value is the result (TD3 help example)', () => {
    expect(evaluatePoints('(assign("a", 6); assign("b", 3); a * b)', {})).toBe(18);
  });

  it('given assign("points", …) and a later statement, when evaluated, then points is the result', () => {
    expect(evaluatePoints('assign("points", 1)\nIF(r < 3, assign("points", 10))', { r: 5 })).toBe(1);
    expect(evaluatePoints('assign("points", 1)\nIF(r < 3, assign("points", 10))', { r: 2 })).toBe(10);
  });

  it('given a new line inside parentheses, when parsed, then it is space, not a statement end', () => {
    expect(evaluatePoints('max(1,\n 2) + (3\n + 4)', {})).toBe(9);
  });

  it('given names in any case and TD3 aliases, when evaluated, then they find the same variable', () => {
    const vars = { buyins: 10, rank: 3, numberOfHits: 2, totalBuyinsAmount: 1000 };
    expect(evaluatePoints('n - r + NumberOfPlayers + nh + numberofHits + totalBuyInsAmount', vars)).toBe(
      1021,
    );
  });

  it('given an assigned variable, when it shadows an input, then the formula sees its own value', () => {
    expect(evaluatePoints('assign("n", 100); n', { n: 3 })).toBe(100);
  });

  it('given "and" whose left side is false, when evaluated, then the right side is not evaluated', () => {
    expect(evaluatePoints('0 and unknownThing', {})).toBe(0);
  });

  it('given random operands, when + and * are evaluated, then they agree with JavaScript', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: -1e6, max: 1e6 }), (a, b) => {
        expect(evaluatePoints('a + b * 2 - (a - b)', { a, b })).toBe(a + b * 2 - (a - b));
      }),
      { seed: 5, numRuns: 200 },
    );
  });
});

describe('evaluatePoints: errors and limits', () => {
  it.each([
    ['an unknown variable', 'n + foo', 'FORMULA_UNKNOWN_VARIABLE', '"foo"'],
    ['an unknown function', 'eval(1)', 'FORMULA_UNKNOWN_FUNCTION', '"eval()"'],
    ['random()', 'random()', 'FORMULA_UNKNOWN_FUNCTION', 'random'],
    ['wrong arity', 'sqrt(1, 2)', 'FORMULA_ARGUMENTS', 'sqrt()'],
    ['assign without a name', 'assign(3, 4)', 'FORMULA_ARGUMENTS', 'assign()'],
    ['text in arithmetic', '"a" + 1', 'FORMULA_TYPE', 'text'],
    ['a missing parenthesis', 'round(2', 'FORMULA_SYNTAX', 'end of the formula'],
    ['two values side by side', '1 2', 'FORMULA_SYNTAX', 'Expected'],
    ['a stray character', '1 # 2', 'FORMULA_SYNTAX', '"#"'],
    ['an unclosed quote', 'assign("a, 1)', 'FORMULA_SYNTAX', 'never closed'],
    ['an empty formula', '  \n ', 'FORMULA_SYNTAX', 'empty'],
    ['division by zero as the result', '1 / 0', 'FORMULA_NOT_A_NUMBER', 'Infinity'],
    ['text as the result', '"abc"', 'FORMULA_NOT_A_NUMBER', 'abc'],
  ])('given %s, when evaluated, then %s naming it', (_what, text, code, mention) => {
    const e = formulaError(text, { n: 1 });
    expect(e.code).toBe(code);
    expect(e.message).toContain(mention);
  });

  it('given nesting deeper than the limit, when parsed, then FORMULA_TOO_DEEP', () => {
    expect(formulaError(`${'('.repeat(150)}1${')'.repeat(150)}`).code).toBe('FORMULA_TOO_DEEP');
    expect(formulaError(`${'-'.repeat(5000)}1`).code).toBe('FORMULA_TOO_DEEP');
  });

  it('given a formula needing more steps than the limit, when evaluated, then FORMULA_TOO_MANY_STEPS', () => {
    const long = Array.from({ length: 2000 }, () => '1').join(' + ');
    expect(formulaError(long, {}, { maxSteps: 1000 }).code).toBe('FORMULA_TOO_MANY_STEPS');
    expect(evaluatePoints(long, {})).toBe(2000);
  });

  it('given a formula longer than the limit, when parsed, then FORMULA_TOO_LONG', () => {
    expect(formulaError('1+'.repeat(20) + '1', {}, { maxLength: 10 }).code).toBe('FORMULA_TOO_LONG');
  });

  it('given any text, when parsed and evaluated, then only Td3FormulaError is ever thrown', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(...'0123456789.+-*/%=<>!(),;"\n nraifsqtlogpw_'.split('')),
          maxLength: 60,
        }),
        (text) => {
          try {
            evaluatePoints(text, { n: 10, r: 3 });
          } catch (e) {
            expect(e).toBeInstanceOf(Td3FormulaError);
          }
        },
      ),
      { seed: 11, numRuns: 2000 },
    );
  });
});

describe('BUILTIN_FORMULAS', () => {
  const vars = (r: number) => ({
    n: 10,
    r,
    numberOfHits: 1,
    totalCost: 100,
    inTheMoney: r <= 3 ? 1 : 0,
    inTheMoneyRank: 3,
  });

  it('given each built-in formula, when evaluated for places 1..10, then points never rise as the place worsens', () => {
    for (const text of Object.values(BUILTIN_FORMULAS)) {
      const pts = Array.from({ length: 10 }, (_, i) => evaluatePoints(text, vars(i + 1)));
      for (let i = 1; i < pts.length; i++) expect(pts[i]).toBeLessThanOrEqual(pts[i - 1] as number);
    }
  });

  it('given the built-ins, when evaluated, then they give their documented figures', () => {
    expect(evaluatePoints(BUILTIN_FORMULAS.linear, vars(1))).toBe(10);
    expect(evaluatePoints(BUILTIN_FORMULAS.linear, vars(10))).toBe(1);
    expect(evaluatePoints(BUILTIN_FORMULAS.sqrtField, vars(4))).toBeCloseTo(15.81, 2);
    expect(evaluatePoints(BUILTIN_FORMULAS.moneyBonus, vars(1))).toBe(31);
    expect(evaluatePoints(BUILTIN_FORMULAS.moneyBonus, vars(4))).toBe(1);
    expect(evaluatePoints(BUILTIN_FORMULAS.sqrtBuyin, vars(1))).toBeCloseTo(
      10 * Math.sqrt(10) * (1 + Math.log(100.25)) + 1,
      2,
    );
  });
});

describe('pointsForTournament', () => {
  it('given the hand-written tournament, when scored with its formula, then n - r + 1 + hits for the top 2 and 1 for the rest', () => {
    expect(pointsForTournament(read(testdata('mini.tdt')))).toEqual([
      { playerId: 'p-a', name: 'Alice', place: 1, points: 6, adjustment: 0 },
      { playerId: 'p-b', name: 'Bob Berg', place: 2, points: 3, adjustment: -1 },
      { playerId: 'p-c', name: 'Cleo', place: 3, points: 1, adjustment: 0 },
    ]);
  });

  it('given a chosen built-in formula, when scored, then it replaces the file formula', () => {
    expect(
      pointsForTournament(read(testdata('mini.tdt')), BUILTIN_FORMULAS.linear).map((p) => p.points),
    ).toEqual([3, 2, 1]);
  });

  it('given a tournament without a formula, when scored, then the list is empty', () => {
    expect(pointsForTournament(read(testdata('mini.tdt')), null)).toEqual([]);
  });
});

describe.skipIf(!HAVE_FIXTURES)('pointsForTournament: the real formulas', () => {
  const all = fixtureNames().map((n) => [n, read(fixtureBytes(n))] as const);
  const scored = new Map(all.map(([n, t]) => [n, pointsForTournament(t)]));

  it('given every fixture with a formula, when scored, then every ranked player gets finite points', () => {
    for (const [n, t] of all) {
      expect(t.financials.pointsFormula, n).not.toBeNull();
      const pts = scored.get(n) ?? [];
      expect(pts).toHaveLength(t.players.filter((p) => p.place !== null).length);
      for (const p of pts) expect(Number.isFinite(p.points)).toBe(true);
    }
  });

  it('given ORF 2025-07-05, when scored, then the winner has round(10·√14·(1+ln(10000/14+0.25))) + 6 KO × 10 = 343', () => {
    const pts = scored.get('ORF_Poker_20250705.tdt') ?? [];
    expect(pts.map((p) => p.points)).toEqual([343, 220, 184, 152, 157, 76, 65, 59, 34, 14, 10, 1, 1, 1]);
  });

  it('given the TD zeroed a player with a points adjustment, when scored, then our points are exactly what was cancelled', () => {
    // TD3 stores no per-player points (CalculatedPoints and Points are 0 in every file), but in
    // eight cases the TD cancelled a player's points with a PointsAdjustment of exactly minus
    // TD3's figure: our evaluation must give that figure.
    const zeroed = [...scored].flatMap(([n, pts]) =>
      pts
        .filter((p) => p.adjustment !== 0 && p.points + p.adjustment === 0)
        .map((p) => `${n} ${p.name} ${p.points}`),
    );
    expect(zeroed).toEqual([
      'saves__ORF_Poker_20230202.tdt Hans KH 48',
      'saves__ORF_Poker_20230202.tdt Peter F 21',
      'saves__ORF_Poker_20231026.tdt Marcus H 13',
      'saves__ORF_Poker_20231026.tdt Lasse F 9',
      'saves__Old__ORF_Poker_20190131.tdt Marcus H 41',
      'saves__Old__ORF_Poker_20190829.tdt John 13',
      'saves__Old__ORF_Poker_20190829.tdt Erik S 8',
      'saves__Old__ORF_Poker_20191205.tdt John 6',
    ]);
    // And no adjustment in any file takes a player below zero.
    for (const pts of scored.values()) {
      for (const p of pts) if (p.adjustment !== 0) expect(p.points + p.adjustment).toBeGreaterThanOrEqual(0);
    }
  });

  it('given one parsed formula, when evaluated for many players, then it is reused without re-parsing', () => {
    const f = parseFormula(all[0]?.[1].financials.pointsFormula ?? '1');
    expect(
      evaluateFormula(f, {
        n: 10,
        r: 1,
        numberOfHits: 0,
        totalBuyinsAmount: 2000,
        totalRebuysAmount: 0,
        totalAddOnsAmount: 0,
      }),
    ).toBeGreaterThan(0);
  });
});
