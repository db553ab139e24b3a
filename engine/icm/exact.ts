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
 * order). From S, player i ∉ S takes place |S|+1 with reach[S] · s_i / (T − chips(S)).
 * Masks are visited in increasing order, and every subset of S is a smaller number than S,
 * so reach[S] is complete when S is visited. Only sets smaller than the number of paid
 * places are expanded: O(Σ_{j<k} C(n, j) · n) work, O(2^n) memory in typed arrays.
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
  const pay = Float64Array.from(payouts.slice(0, depth));
  const eq = new Float64Array(n);
  const size = 1 << n;
  const reach = new Float64Array(size);
  const placed = new Float64Array(size);
  const level = new Uint8Array(size);
  reach[0] = 1;
  for (let mask = 0; mask < size; mask++) {
    if (mask !== 0) {
      const low = mask & -mask;
      const rest = mask ^ low;
      placed[mask] = (placed[rest] as number) + (chips[31 - Math.clz32(low)] as number);
      level[mask] = (level[rest] as number) + 1;
    }
    const p = reach[mask] as number;
    const place = level[mask] as number;
    if (p === 0 || place >= depth) continue;
    const prize = pay[place] as number;
    const factor = p / (total - (placed[mask] as number));
    const expand = place + 1 < depth;
    for (let j = 0; j < n; j++) {
      const bit = 1 << j;
      if ((mask & bit) !== 0) continue;
      const q = factor * (chips[j] as number);
      eq[j] = (eq[j] as number) + q * prize;
      if (expand) reach[mask | bit] = (reach[mask | bit] as number) + q;
    }
  }
  for (let j = 0; j < n; j++) equities[live[j] as number] = eq[j] as number;
  return equities;
}
