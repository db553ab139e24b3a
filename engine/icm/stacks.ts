/**
 * The players ICM actually ranks: those with chips. A zero stack is a player already out
 * (Malmuth–Harville gives them probability 0 of any place ahead of a live player), so they
 * are left out and get 0 equity; negative or non-finite stacks are caller bugs.
 */
export function livePlayers(stacks: readonly number[]): number[] {
  const live: number[] = [];
  for (let i = 0; i < stacks.length; i++) {
    const s = stacks[i] as number;
    if (!Number.isFinite(s) || s < 0) throw new RangeError(`Stack ${i + 1} is not a chip count: ${s}`);
    if (s > 0) live.push(i);
  }
  return live;
}
