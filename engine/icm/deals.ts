import { assertNever, DomainError } from '../core/errors.ts';
import { allocateLargestRemainder } from '../money/allocate.ts';
import type { Minor } from '../money/types.ts';
import { icmEquities } from './equities.ts';
import { MAX_EXACT_PLAYERS } from './exact.ts';

export type DealKind = 'icm' | 'chip-chop' | 'even-chop' | 'custom';

export interface DealInput {
  readonly kind: DealKind;
  /** Chips of each player in the deal, in the order the amounts come back. */
  readonly stacks: readonly number[];
  /** Prizes not yet paid, from the highest (1st) down; at most one per player. */
  readonly remainingPayouts: readonly Minor[];
  /** Kept back from 1st place before the chop and played for ("leave an amount to play for"). */
  readonly leaveToPlayFor?: Minor;
  /** Amounts per player for a custom deal; must add up to the money being chopped. */
  readonly custom?: readonly Minor[];
  /** Round each share to a multiple of this (not for custom deals). */
  readonly roundTo?: Minor;
}

export interface DealResult {
  /** Per player, input order, whole minor units; adds up exactly to `distributed`. */
  readonly amounts: readonly Minor[];
  /** What is still played for (goes to the winner on top of their share). */
  readonly leftToPlayFor: Minor;
  /** Money chopped now: remaining prizes − leftToPlayFor. */
  readonly distributed: Minor;
  /** Human description of the method, for the TD screen and the audit trail. */
  readonly method: string;
}

function isAmount(value: unknown): value is Minor {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * Works out a final-table deal. Every method first takes `leaveToPlayFor` off 1st place,
 * then splits what is left:
 *
 * - icm: each player's Malmuth–Harville expected prize on the remaining payouts.
 * - chip-chop: the "chip count" formula card rooms post — every player is guaranteed the
 *   lowest remaining prize, and what is left after n of those is shared in proportion to
 *   chips: share_i = low + (R − n·low) · c_i / C  (BetMGM Poker help, "How are the chip
 *   count payout amounts calculated?"; J. Hale, Gaming Today, 22 Sep 2009, "the chip count
 *   method"). With fewer prizes than players the lowest remaining prize is 0: a pure chip split.
 * - even-chop: the same amount for everyone.
 * - custom: the TD's amounts, which must add up exactly to the money on the table.
 *
 * Rounding: exact shares become whole minor units (or multiples of `roundTo`) by largest
 * remainder, so the sum is exact; ties for an odd unit go to the bigger stack, then to the
 * earlier player in the list. What does not fill a whole `roundTo` goes to the largest share.
 */
export function computeDeal(input: DealInput): DealResult | DomainError {
  const { stacks, remainingPayouts } = input;
  const n = stacks.length;
  if (n < 2) {
    return new DomainError('DEAL_TOO_FEW_PLAYERS', 'A deal needs at least two players', { players: n });
  }
  for (let i = 0; i < n; i++) {
    const s = stacks[i] as number;
    if (!Number.isFinite(s) || s <= 0) {
      return new DomainError(
        'DEAL_STACK_INVALID',
        `Player ${i + 1} in the deal has no valid chip count (${s})`,
        {
          player: i + 1,
          stack: s,
        },
      );
    }
  }
  if (remainingPayouts.length > n) {
    return new DomainError(
      'DEAL_PAYOUTS_MISMATCH',
      `${remainingPayouts.length} prizes remain but only ${n} players are in the deal`,
      { prizes: remainingPayouts.length, players: n },
    );
  }
  let onTable = 0;
  for (let r = 0; r < remainingPayouts.length; r++) {
    const p = remainingPayouts[r];
    if (!isAmount(p)) {
      return new DomainError('DEAL_PAYOUT_INVALID', `Prize for place ${r + 1} is not a valid amount (${p})`, {
        place: r + 1,
        amount: p,
      });
    }
    onTable += p;
  }
  const leave = input.leaveToPlayFor ?? 0;
  const first = remainingPayouts[0] ?? 0;
  if (!isAmount(leave)) {
    return new DomainError('DEAL_LEAVE_INVALID', `The amount left to play for is not valid (${leave})`, {
      leave,
    });
  }
  if (leave > first) {
    return new DomainError(
      'DEAL_LEAVE_EXCEEDS_FIRST',
      `Cannot leave ${leave} to play for: first place only pays ${first}`,
      { leave, firstPrize: first },
    );
  }
  const roundTo = input.roundTo ?? 1;
  if (!Number.isSafeInteger(roundTo) || roundTo < 1) {
    return new DomainError(
      'DEAL_ROUNDING_INVALID',
      `Rounding unit must be a positive whole amount (got ${roundTo})`,
      {
        roundTo,
      },
    );
  }
  const money = onTable - leave;
  // Prizes per place after the leave comes off 1st; places beyond the prizes pay 0.
  const prizes = Array.from({ length: n }, (_, r) => (remainingPayouts[r] ?? 0) - (r === 0 ? leave : 0));

  const kind = input.kind;
  switch (kind) {
    case 'custom':
      return customDeal(input.custom, n, money, leave);
    case 'icm': {
      const targets = icmEquities(stacks, prizes);
      const how = n <= MAX_EXACT_PLAYERS ? 'exact' : 'Monte Carlo estimate';
      return rounded(targets, stacks, money, roundTo, leave, `ICM (Malmuth–Harville, ${how})`);
    }
    case 'chip-chop': {
      let low = Number.POSITIVE_INFINITY;
      for (const p of prizes) low = Math.min(low, p);
      let chips = 0;
      for (const s of stacks) chips += s;
      const shared = money - n * low;
      const targets = stacks.map((s) => low + (shared * s) / chips);
      return rounded(targets, stacks, money, roundTo, leave, `Chip chop (${low} each, the rest by chips)`);
    }
    case 'even-chop':
      return rounded(new Array<number>(n).fill(money / n), stacks, money, roundTo, leave, 'Even chop');
    default:
      return assertNever(kind, 'deal kind');
  }
}

function customDeal(
  custom: readonly Minor[] | undefined,
  n: number,
  money: Minor,
  leave: Minor,
): DealResult | DomainError {
  if (custom === undefined) {
    return new DomainError('DEAL_CUSTOM_MISSING', 'A custom deal needs an amount for every player');
  }
  if (custom.length !== n) {
    return new DomainError(
      'DEAL_CUSTOM_LENGTH_MISMATCH',
      `The custom deal lists ${custom.length} amounts for ${n} players`,
      { amounts: custom.length, players: n },
    );
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const a = custom[i];
    if (!isAmount(a)) {
      return new DomainError('DEAL_CUSTOM_INVALID', `Player ${i + 1}'s amount is not valid (${a})`, {
        player: i + 1,
        amount: a,
      });
    }
    sum += a;
  }
  if (sum !== money) {
    return new DomainError(
      'DEAL_CUSTOM_SUM_MISMATCH',
      `The custom deal pays out ${sum} but ${money} is on the table`,
      { custom: sum, onTable: money },
    );
  }
  return { amounts: [...custom], leftToPlayFor: leave, distributed: money, method: 'Custom' };
}

function rounded(
  targets: readonly number[],
  stacks: readonly number[],
  money: Minor,
  roundTo: Minor,
  leave: Minor,
  method: string,
): DealResult {
  // Allocate in "bigger stack first" order so ties for an odd unit favour the chip leader.
  const order = stacks
    .map((_, i) => i)
    .sort((a, b) => (stacks[b] as number) - (stacks[a] as number) || a - b);
  const { amounts: sorted, rest } = allocateLargestRemainder(
    money,
    order.map((i) => Math.max(0, targets[i] as number)),
    roundTo,
  );
  const amounts = new Array<Minor>(stacks.length).fill(0);
  order.forEach((player, k) => {
    amounts[player] = sorted[k] as Minor;
  });
  if (rest > 0) {
    let best = order[0] as number;
    for (const i of order) if ((amounts[i] as number) > (amounts[best] as number)) best = i;
    amounts[best] = (amounts[best] as number) + rest;
  }
  return { amounts, leftToPlayFor: leave, distributed: money, method };
}
