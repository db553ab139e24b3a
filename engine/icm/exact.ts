import { livePlayers } from './stacks.ts';

/** Above this many live players the subset table (2^n doubles ×2) stops fitting comfortably in memory. */
export const MAX_EXACT_PLAYERS = 20;

/**
 * Exact Malmuth–Harville ICM (Harville 1973, "Assigning probabilities to the outcomes of
 * multi-entry competitions", JASA 68:342; applied to poker by Malmuth, "Gambling Theory and
 * Other Topics", 1987): the chance a player finishes next among those still in is their share
 * of the chips still in play.
 *
 * The probability of a finishing order's prefix depends only on WHICH players are placed,
 * so we run a DP over subsets: reach[S] = P(the players in S take the top |S| places, in some
 * order). From S, player i ∉ S takes place |S|+1 with reach[S] · s_i / (chips not in S).
 * Sets are visited level by level (|S| = 0, 1, …) with Gosper's hack, so every reach[S] is
 * complete before it is used and only sets smaller than the number of paid places are
 * touched: O(Σ_{j<k} C(n, j) · n) work, two 2^n typed arrays of memory.
 *
 * Returns each player's expected prize, in the units of `payouts`, in input order.
 */
export function icmExact(stacks: readonly number[], payouts: readonly number[]): number[] {
  const equities = new Array<number>(stacks.length).fill(0);
  const live = livePlayers(stacks);
  const n = live.length;
  if (n > MAX_EXACT_PLAYERS) {
    throw new RangeError(`Exact ICM handles at most ${MAX_EXACT_PLAYERS} players with chips, got ${n}`);
  }
  const depth = Math.min(payouts.length, n);
  if (depth === 0) return equities;

  const chips = new Float64Array(n);
  let total = 0;
  for (let j = 0; j < n; j++) {
    chips[j] = stacks[live[j] as number] as number;
    total += chips[j] as number;
  }
  const eq = new Float64Array(n);
  const size = 1 << n;
  const everyone = size - 1;
  const reach = new Float64Array(size);
  const chipsLeft = new Float64Array(size);
  reach[0] = 1;
  chipsLeft[0] = total;
  for (let place = 0; place < depth; place++) {
    const prize = payouts[place] as number;
    const expand = place + 1 < depth;
    let mask = (1 << place) - 1;
    while (mask < size) {
      if (mask !== 0) {
        const low = mask & -mask;
        chipsLeft[mask] = (chipsLeft[mask ^ low] as number) - (chips[31 - Math.clz32(low)] as number);
      }
      const p = reach[mask] as number;
      if (p !== 0) {
        const factor = p / (chipsLeft[mask] as number);
        const weighted = factor * prize;
        // Walk only the players not yet placed (the clear bits).
        let free = ~mask & everyone;
        while (free !== 0) {
          const bit = free & -free;
          free ^= bit;
          const j = 31 - Math.clz32(bit);
          const c = chips[j] as number;
          eq[j] = (eq[j] as number) + weighted * c;
          if (expand) reach[mask | bit] = (reach[mask | bit] as number) + factor * c;
        }
      }
      if (mask === 0) break;
      // Gosper's hack: the next larger mask with the same number of set bits.
      const lowest = mask & -mask;
      const ripple = mask + lowest;
      mask = (((ripple ^ mask) >>> 2) / lowest) | ripple;
    }
  }
  for (let j = 0; j < n; j++) equities[live[j] as number] = eq[j] as number;
  return equities;
}
