import { DomainError } from '../core/errors.ts';
import { payoutPercentages, payoutWeights } from './payout-table.ts';
import type { Minor } from './types.ts';

export interface PayoutOptions {
  /** Round every computed place DOWN to a multiple of this (5000 = 50 DKK); default 1. */
  readonly roundTo?: Minor;
  /** Override table as basis points per place from 1st (sum 10,000, non-increasing). */
  readonly percentages?: readonly number[];
  /** Fixed amounts per place from 1st, set by the TD; null/undefined = computed. */
  readonly manual?: readonly (Minor | null | undefined)[];
  /**
   * Places already paid out, per place from 1st (index 0 = 1st place); null/undefined = not
   * paid yet. These amounts never change, whatever happens to the pool or the table.
   * A dense array locks places 1..n; pass nulls for the unpaid top places.
   */
  readonly locked?: readonly (Minor | null | undefined)[];
  /**
   * When every place is fixed and they total less than the pool, the rest is kept — by the
   * house, or carried to a later tournament — instead of refused (see `unawardedOf`). Without
   * it the whole pool must be paid out. It is never given to 1st silently.
   */
  readonly unawarded?: Unawarded;
}

/** Where prize money that no place is paid goes (TD3 keeps it, a club may carry it over). */
export type Unawarded = 'house' | 'carried';

export interface PayoutLine {
  readonly place: number;
  readonly amount: Minor;
  /** The table's share for this place (what the percentages said, even if the amount is fixed). */
  readonly basisPoints: number;
  readonly manual: boolean;
  readonly locked: boolean;
  /** A satellite's seat in the target event (the amount is the seat's value); absent otherwise. */
  readonly seat?: boolean;
}

function isAmount(value: unknown): value is Minor {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function validatePercentages(percentages: readonly number[], fieldSize: number): DomainError | undefined {
  if (percentages.length === 0) {
    return new DomainError('PAYOUT_PERCENTAGES_EMPTY', 'The payout table pays no places');
  }
  if (percentages.length > fieldSize) {
    return new DomainError(
      'PAYOUT_TOO_MANY_PLACES',
      `The payout table pays ${percentages.length} places but only ${fieldSize} players entered`,
      { places: percentages.length, fieldSize },
    );
  }
  let sum = 0;
  for (let i = 0; i < percentages.length; i++) {
    const bp = percentages[i] as number;
    if (!Number.isSafeInteger(bp) || bp < 0) {
      return new DomainError(
        'PAYOUT_PERCENTAGES_INVALID',
        `Place ${i + 1} has an invalid share (${bp}); use whole basis points`,
        { place: i + 1, basisPoints: bp },
      );
    }
    if (i > 0 && bp > (percentages[i - 1] as number)) {
      return new DomainError(
        'PAYOUT_PERCENTAGES_ORDER',
        `Place ${i + 1} pays more than place ${i}; use a manual amount for that`,
        { place: i + 1 },
      );
    }
    sum += bp;
  }
  if (sum !== 10000) {
    return new DomainError(
      'PAYOUT_PERCENTAGES_SUM',
      `The payout table adds up to ${sum / 100} % instead of 100 %`,
      { basisPoints: sum },
    );
  }
  return undefined;
}

function fixedAmounts(
  label: 'manual' | 'locked',
  values: readonly (Minor | null | undefined)[] | undefined,
  places: number,
): (Minor | undefined)[] | DomainError {
  const out = new Array<Minor | undefined>(places).fill(undefined);
  if (values === undefined) return out;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    if (i >= places) {
      return new DomainError(
        'PAYOUT_PLACE_OUT_OF_RANGE',
        `Place ${i + 1} has a ${label} amount but only ${places} places are paid`,
        { place: i + 1, places },
      );
    }
    if (!isAmount(v)) {
      return new DomainError(
        label === 'manual' ? 'PAYOUT_MANUAL_INVALID' : 'PAYOUT_LOCKED_INVALID',
        `Place ${i + 1} has an invalid ${label} amount (${v})`,
        { place: i + 1, amount: v },
      );
    }
    out[i] = v;
  }
  return out;
}

/**
 * Turns a prize pool into amounts per place.
 *
 * Rounding rule (TDA-style, as most card rooms post it): every computed place is rounded
 * DOWN to a multiple of `roundTo`, and everything left over goes to the best computed place
 * (1st, unless 1st is fixed). Manual and locked places are taken off the pool first and the
 * rest is shared by the table's percentages among the remaining places. The lines always
 * add up to the pool exactly; computed places never pay more than a better computed place.
 */
export function computePayouts(
  pool: Minor,
  fieldSize: number,
  options: PayoutOptions = {},
): readonly PayoutLine[] | DomainError {
  if (!isAmount(pool)) {
    return new DomainError(
      'PAYOUT_POOL_INVALID',
      `The prize pool must be a whole, non-negative amount (got ${pool})`,
      {
        pool,
      },
    );
  }
  if (!Number.isSafeInteger(fieldSize) || fieldSize < 1) {
    return new DomainError('PAYOUT_FIELD_INVALID', `Cannot pay a field of ${fieldSize} players`, {
      fieldSize,
    });
  }
  const roundTo = options.roundTo ?? 1;
  if (!Number.isSafeInteger(roundTo) || roundTo < 1) {
    return new DomainError(
      'PAYOUT_ROUNDING_INVALID',
      `Rounding unit must be a positive whole amount (got ${roundTo})`,
      {
        roundTo,
      },
    );
  }
  let basisPoints: readonly number[];
  let weights: readonly number[];
  if (options.percentages !== undefined) {
    const invalid = validatePercentages(options.percentages, fieldSize);
    if (invalid) return invalid;
    basisPoints = options.percentages;
    weights = options.percentages;
  } else {
    basisPoints = payoutPercentages(fieldSize);
    weights = payoutWeights(fieldSize);
  }
  const places = weights.length;

  const manual = fixedAmounts('manual', options.manual, places);
  if (manual instanceof DomainError) return manual;
  const locked = fixedAmounts('locked', options.locked, places);
  if (locked instanceof DomainError) return locked;

  const amounts = new Array<Minor>(places).fill(0);
  const free: number[] = [];
  let fixedSum = 0;
  for (let i = 0; i < places; i++) {
    const l = locked[i];
    const m = manual[i];
    if (l !== undefined && m !== undefined && l !== m) {
      return new DomainError(
        'PAYOUT_PLACE_LOCKED',
        `Place ${i + 1} has already been paid (${l}) and cannot be changed`,
        { place: i + 1, locked: l, manual: m },
      );
    }
    const fixed = l ?? m;
    if (fixed === undefined) {
      free.push(i);
    } else {
      amounts[i] = fixed;
      fixedSum += fixed;
    }
  }
  if (fixedSum > pool) {
    return new DomainError(
      'PAYOUT_EXCEEDS_POOL',
      `Fixed payouts total ${fixedSum} but the prize pool is only ${pool}`,
      { pool, fixed: fixedSum },
    );
  }
  const rest = pool - fixedSum;
  const first = free[0];
  if (first === undefined) {
    if (rest !== 0 && options.unawarded === undefined) {
      return new DomainError(
        'PAYOUT_POOL_NOT_DISTRIBUTED',
        `Every place is fixed but they total ${fixedSum} of a ${pool} prize pool; leave a place to be computed`,
        { pool, fixed: fixedSum },
      );
    }
  } else {
    distribute(amounts, free, weights, rest, roundTo);
  }
  return amounts.map((amount, i) => ({
    place: i + 1,
    amount,
    basisPoints: basisPoints[i] ?? 0,
    manual: locked[i] === undefined && manual[i] !== undefined,
    locked: locked[i] !== undefined,
  }));
}

function distribute(
  amounts: Minor[],
  free: readonly number[],
  weights: readonly number[],
  rest: Minor,
  roundTo: Minor,
): void {
  let weightSum = 0;
  for (const i of free) weightSum += weights[i] as number;
  const share = (i: number, slack: number): Minor => {
    if (weightSum <= 0) return 0;
    const exact = (rest * (weights[i] as number)) / weightSum / roundTo;
    return Math.floor(exact + slack) * roundTo;
  };
  // A hair of slack so a share that is exactly a multiple (4999.999… in floats) is not
  // rounded a whole unit down; if that ever overshoots the pool, redo it without slack.
  let given = 0;
  for (const i of free) {
    amounts[i] = share(i, 1e-9);
    given += amounts[i] as number;
  }
  if (given > rest) {
    given = 0;
    for (const i of free) {
      amounts[i] = share(i, 0);
      given += amounts[i] as number;
    }
  }
  const first = free[0] as number;
  amounts[first] = (amounts[first] as number) + (rest - given);
}

/**
 * Players tied for places firstPlace..firstPlace+count−1 (a simultaneous bust with equal
 * starting stacks, TDA "simultaneous eliminations") share the sum of those places' prizes
 * equally. `payouts[0]` is 1st place; places beyond the table pay 0, so a tie across the
 * bubble shares the last paid prize. The odd minor units go one each to the tied players
 * in the order given — the decider lists them as it ranks seats (like the TDA odd-chip
 * rule for split pots), so the result is deterministic. Sum preserved exactly.
 */
export function shareTiedPlaces(payouts: readonly Minor[], firstPlace: number, count: number): Minor[] {
  if (!Number.isSafeInteger(firstPlace) || firstPlace < 1) {
    throw new RangeError(`firstPlace must be a place number from 1, got ${firstPlace}`);
  }
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`count must be a whole number of players, got ${count}`);
  }
  let sum = 0;
  for (let p = firstPlace; p < firstPlace + count; p++) sum += payouts[p - 1] ?? 0;
  if (count === 0) return [];
  const each = Math.floor(sum / count);
  const odd = sum - each * count;
  return Array.from({ length: count }, (_, i) => each + (i < odd ? 1 : 0));
}
