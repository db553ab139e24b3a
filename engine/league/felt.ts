/**
 * A finished Felt tournament's results as a league records them, with the variables TD3's
 * points formulas read (the names of engine/td3/points.ts formulaVarsFor), so one formula
 * scores Felt's tournaments and imported TD3 ones alike. The one Felt → TD3 mapping.
 *
 * Felt counts a re-entry as an entry of its own; TD3 (and a league) counts players: a
 * player's entries are folded into one row at their best place, re-entries counted as TD3
 * counts rebuys, and places re-ranked among players (ties keep sharing).
 */
import type { Td3FormulaVars } from '../td3/formula.ts';
import type { EntryStanding, Standings } from '../tournament/standings.ts';
import type { TournamentConfig } from '../tournament/types.ts';
import type { ResultRow, TournamentResult } from './types.ts';

/** What is read from the standings (the staff view's JSON has the same shape). */
export type FeltStandings = Pick<Standings, 'tournamentId' | 'name' | 'status' | 'payouts' | 'prizePool'> & {
  readonly entries: readonly Pick<
    EntryStanding,
    | 'playerId'
    | 'name'
    | 'status'
    | 'place'
    | 'prize'
    | 'bountiesWon'
    | 'knockouts'
    | 'rebuys'
    | 'addOn'
    | 'paid'
  >[];
};

export type FeltConfig = Pick<TournamentConfig, 'buyIn' | 'addOn' | 'rebuy' | 'addedMoney' | 'guarantee'>;

const major = (minor: number): number => minor / 100;
const total = (p: { price: number; fee: number; bounty: number } | null): number =>
  p === null ? 0 : p.price + p.fee + p.bounty;

interface Folded {
  playerKey: string;
  name: string;
  place: number;
  entries: number;
  rebuys: number;
  addOns: number;
  paid: number;
  prize: number;
  bounties: number;
  knockouts: number;
}

/** Players with a finishing place, best first; a Felt place is the best of a player's entries. */
function fold(standings: FeltStandings): Folded[] {
  const byPlayer = new Map<string, Folded>();
  for (const e of standings.entries) {
    if (e.status === 'unregistered') continue;
    const f = byPlayer.get(e.playerId) ?? {
      playerKey: e.playerId,
      name: e.name,
      place: Number.POSITIVE_INFINITY,
      entries: 0,
      rebuys: 0,
      addOns: 0,
      paid: 0,
      prize: 0,
      bounties: 0,
      knockouts: 0,
    };
    f.place = Math.min(f.place, e.place ?? Number.POSITIVE_INFINITY);
    f.entries += 1;
    f.rebuys += e.rebuys;
    f.addOns += e.addOn ? 1 : 0;
    f.paid += e.paid;
    f.prize += e.prize;
    f.bounties += e.bountiesWon;
    f.knockouts += e.knockouts;
    byPlayer.set(e.playerId, f);
  }
  return [...byPlayer.values()]
    .filter((f) => Number.isFinite(f.place))
    .sort((a, b) => a.place - b.place || a.name.localeCompare(b.name));
}

/**
 * The results of a finished tournament (`at`: when it finished). Amounts are in major units,
 * as TD3 shows them to formulas. Felt keeps one total per entry, so a player's cost is split
 * by the tournament's prices: the buy-in price, add-ons at the add-on price, the rest as
 * rebuys and re-entries (the total is exact; the split is TD3's meaning).
 */
export function feltResult(standings: FeltStandings, config: FeltConfig, at: number): TournamentResult {
  const players = fold(standings);
  const n = players.length;
  const buyin = total(config.buyIn);
  const addOn = total(config.addOn);
  const costs = players.map((p) => {
    const buyinCost = Math.min(p.paid, buyin);
    const addOnCost = Math.min(p.paid - buyinCost, p.addOns * addOn);
    return { buyinCost, addOnCost, rebuyCost: p.paid - buyinCost - addOnCost };
  });
  const sum = (k: 'buyinCost' | 'addOnCost' | 'rebuyCost') => costs.reduce((a, c) => a + c[k], 0);
  const inTheMoneyRank = standings.payouts.reduce((m, l) => (l.amount > 0 ? Math.max(m, l.place) : m), 0);
  const totalRebuys = players.reduce((a, p) => a + p.rebuys + p.entries - 1, 0);
  const totalAddOns = players.reduce((a, p) => a + p.addOns, 0);
  const rows: ResultRow[] = [];
  players.forEach((p, i) => {
    // A player's place among players: 1 + players strictly better (ties keep sharing).
    const rank = players.findIndex((q) => q.place === p.place) + 1;
    const c = costs[i] ?? { buyinCost: 0, addOnCost: 0, rebuyCost: 0 };
    const rebuys = p.rebuys + p.entries - 1;
    const vars: Td3FormulaVars = {
      buyins: n,
      totalRebuys,
      totalAddOns,
      totalBuyinsAmount: major(sum('buyinCost')),
      totalRebuysAmount: major(sum('rebuyCost')),
      totalAddOnsAmount: major(sum('addOnCost')),
      totalFixedRake: major(standings.prizePool.fixedRake),
      pot: major(standings.prizePool.total),
      guaranteedPot: major(config.guarantee),
      houseContribution: major(config.addedMoney),
      inTheMoneyRank,
      rank,
      position: n - rank + 1,
      numberOfHits: p.knockouts,
      numberOfRebuys: rebuys,
      numberOfAddOns: p.addOns,
      buyinCost: major(c.buyinCost),
      rebuyCost: major(c.rebuyCost),
      addOnCost: major(c.addOnCost),
      totalCost: major(p.paid),
      buyinRake: major(Math.min(p.paid, config.buyIn.fee)),
      rebuyRake: major(rebuys * (config.rebuy?.fee ?? config.buyIn.fee)),
      addOnRake: major(p.addOns * (config.addOn?.fee ?? 0)),
      totalRake: major(
        Math.min(p.paid, config.buyIn.fee) +
          rebuys * (config.rebuy?.fee ?? config.buyIn.fee) +
          p.addOns * (config.addOn?.fee ?? 0),
      ),
      prizeWinnings: major(p.prize),
      totalWinnings: major(p.prize + p.bounties),
      take: major(p.prize + p.bounties - p.paid),
      inTheMoney: p.prize > 0 ? 1 : 0,
      // Felt's standings keep no level per bust: formulas reading roundOut see 0, as TD3 3.0 files do.
      roundOut: 0,
    };
    rows.push({ playerKey: p.playerKey, name: p.name, place: rank, vars, adjustment: 0 });
  });
  return {
    tournamentId: standings.tournamentId,
    name: standings.name ?? 'Tournament',
    at,
    source: 'felt',
    fileFormula: null,
    rows,
  };
}
