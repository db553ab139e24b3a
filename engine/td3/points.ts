/**
 * League points for a TD3 tournament: the tournament's own formula (or a built-in one)
 * evaluated for every ranked player, with the variables TD3's help page defines.
 */
import { evaluateFormula, parseFormula, type Td3FormulaVars } from './formula.ts';
import type { Td3Player, Td3Tournament } from './types.ts';

export interface Td3PlayerPoints {
  readonly playerId: string;
  readonly name: string;
  readonly place: number;
  /** What the formula gives. */
  readonly points: number;
  /**
   * The TD's manual `PointsAdjustment` for the player, which TD3 adds to the formula's result
   * in its standings; reported apart so a league can decide whether to apply it.
   */
  readonly adjustment: number;
}

/**
 * Formulas a club can pick when it has none of its own. Each is in TD3's language, so a
 * club can read and edit it; `n` is the number of players, `r` the finishing place.
 */
export const BUILTIN_FORMULAS = {
  /** One point per player beaten, plus one for playing (TD3's sample file: "n-r+1"). */
  linear: 'n - r + 1',
  /**
   * The widely used square-root formula: points fall off as 1/√place and grow with the field
   * (the shape of the "10 × √(n/r)" family; e.g. the fixtures' ORF league formula is built on it).
   */
  sqrtField: 'round(10 * sqrt(n / r), 2)',
  /** Square-root formula weighted by the average buy-in, with 1 point per knockout. */
  sqrtBuyin: 'round(10 * sqrt(n / r) * (1 + log(totalCost + 0.25)) + numberOfHits, 2)',
  /** Points only for the money: 10 per place above the last paid, else 1 for playing. */
  moneyBonus: 'if(inTheMoney, 10 * (inTheMoneyRank - r + 1) + 1, 1)',
} as const;

export type BuiltinFormulaName = keyof typeof BUILTIN_FORMULAS;

const major = (minor: number): number => minor / 100;

/**
 * TD3's variables for one player (names from the help page; amounts in major units, as TD3
 * shows them to formulas).
 */
export function formulaVarsFor(td3: Td3Tournament, player: Td3Player): Td3FormulaVars {
  const s = td3.totals;
  const n = s.entrants;
  const rank = player.place ?? 0;
  const entries = player.entries;
  const first = entries[0];
  const rebuys = entries.slice(1);
  const sumOf = (xs: readonly { readonly amount: number; readonly rake: number }[], key: 'amount' | 'rake') =>
    xs.reduce((acc, x) => acc + x[key], 0);
  const prizeWinnings = td3.prizes
    .filter((p) => p.awardedTo.includes(player.id))
    .reduce((acc, p) => acc + p.amount / Math.max(1, p.awardedTo.length), 0);
  const rankPrizes = td3.prizes.filter((p) => p.type === 0 && p.recipient > 0);
  const inTheMoneyRank = rankPrizes.reduce((m, p) => Math.max(m, p.recipient), 0);
  const buyinCost = first?.amount ?? 0;
  const rebuyCost = sumOf(rebuys, 'amount');
  const addOnCost = sumOf(player.addOns, 'amount');
  const totalCost = buyinCost + rebuyCost + addOnCost;
  const buyinRake = first?.rake ?? 0;
  const rebuyRake = sumOf(rebuys, 'rake');
  const addOnRake = sumOf(player.addOns, 'rake');
  const lastBust = entries[entries.length - 1]?.bustOut;
  return {
    // Tournament.
    buyins: n,
    totalRebuys: s.rebuys,
    totalAddOns: s.addOns,
    totalBuyinsAmount: major(s.buyinsAmount),
    totalRebuysAmount: major(s.rebuysAmount),
    totalAddOnsAmount: major(s.addOnsAmount),
    totalFixedRake: major(s.fixedRake),
    pot: major(s.pot),
    guaranteedPot: major(td3.financials.guaranteedPot),
    houseContribution: major(td3.financials.houseContribution),
    inTheMoneyRank,
    // Player.
    rank,
    position: rank > 0 ? n - rank + 1 : 0,
    numberOfHits: player.hits,
    numberOfRebuys: rebuys.length,
    numberOfAddOns: player.addOns.length,
    buyinCost: major(buyinCost),
    rebuyCost: major(rebuyCost),
    addOnCost: major(addOnCost),
    totalCost: major(totalCost),
    buyinRake: major(buyinRake),
    rebuyRake: major(rebuyRake),
    addOnRake: major(addOnRake),
    totalRake: major(buyinRake + rebuyRake + addOnRake),
    prizeWinnings: major(prizeWinnings),
    totalWinnings: major(prizeWinnings),
    take: major(prizeWinnings - totalCost),
    inTheMoney: rankPrizes.some((p) => p.awardedTo.includes(player.id)) ? 1 : 0,
    roundOut: lastBust?.round ?? 0,
  };
}

/**
 * Points for every player with a finishing place, best place first, using `formula` (default:
 * the tournament's own formula; no formula → an empty list). Throws `Td3FormulaError` if the
 * formula is bad or fails for a player.
 */
export function pointsForTournament(
  td3: Td3Tournament,
  formula: string | null = td3.financials.pointsFormula,
): Td3PlayerPoints[] {
  if (formula === null) return [];
  const parsed = parseFormula(formula);
  return td3.players
    .filter((p): p is Td3Player & { place: number } => p.place !== null)
    .sort((a, b) => a.place - b.place || a.name.localeCompare(b.name))
    .map((p) => ({
      playerId: p.id,
      name: p.name,
      place: p.place,
      points: evaluateFormula(parsed, formulaVarsFor(td3, p)),
      adjustment: p.pointsAdjustment,
    }));
}
