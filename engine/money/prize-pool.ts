import type { Minor } from './types.ts';

/** One paid entry, rebuy or add-on, as it was charged. */
export interface Contribution {
  /** Part that goes to the prize pool. */
  readonly price: Minor;
  /** House fee / rake, never in the prize pool. */
  readonly fee: Minor;
  /** Bounty on the player's head, paid out on knockouts, not through the prize pool. */
  readonly bounty: Minor;
}

export interface PrizePoolInput {
  readonly contributions: readonly Contribution[];
  /** Money the house adds on top of the entries. */
  readonly addedMoney?: Minor;
  /**
   * A fixed house cut for the whole tournament, taken from what the entries put in (beside
   * each profile's per-entry fee, which is the percentage-style rake).
   */
  readonly fixedRake?: Minor;
  /** Minimum prize pool promised; the house pays the shortfall (overlay). */
  readonly guarantee?: Minor;
}

export interface PrizePool {
  /** All money taken at the desk: price + fee + bounty of every contribution. */
  readonly collected: Minor;
  readonly fees: Minor;
  readonly bounties: Minor;
  /** Sum of prices: what the players themselves put into the prize pool. */
  readonly fromEntries: Minor;
  /** The fixed house cut actually taken: at most what the entries put in. */
  readonly fixedRake: Minor;
  readonly addedMoney: Minor;
  readonly guarantee: Minor;
  /** What the house pays to reach the guarantee: max(0, guarantee − (fromEntries − fixedRake + addedMoney)). */
  readonly overlay: Minor;
  /** The prize pool paid out by the payout table: max(guarantee, fromEntries − fixedRake + addedMoney). */
  readonly total: Minor;
}

/**
 * Added money counts toward the guarantee (the usual casino reading of "X guaranteed":
 * the promise is about the prize pool, whoever funds it), so overlay only appears when
 * entries plus added money fall short.
 */
export function computePrizePool(input: PrizePoolInput): PrizePool {
  let fromEntries = 0;
  let fees = 0;
  let bounties = 0;
  for (const c of input.contributions) {
    fromEntries += c.price;
    fees += c.fee;
    bounties += c.bounty;
  }
  const addedMoney = input.addedMoney ?? 0;
  const guarantee = input.guarantee ?? 0;
  const fixedRake = Math.min(fromEntries, input.fixedRake ?? 0);
  const funded = fromEntries - fixedRake + addedMoney;
  return {
    collected: fromEntries + fees + bounties,
    fees,
    bounties,
    fromEntries,
    fixedRake,
    addedMoney,
    guarantee,
    overlay: Math.max(0, guarantee - funded),
    total: Math.max(guarantee, funded),
  };
}
