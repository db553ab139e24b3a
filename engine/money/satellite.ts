/**
 * Satellite prizes: the pool buys seats in a target event at a fixed seat value, and what is
 * left over — less than one seat — is paid as cash. The seats go to places 1..N; the cash
 * remainder goes, by the usual practice, to the bubble (place N+1, the first player to miss
 * a seat), or — when the room prefers — is shared among the seat winners.
 *
 * Money is exact: seats × seat value + remainder == pool, always; no rounding (a remainder
 * rounded to the room's roundTo would leave units nobody is paid).
 */
import { allocateLargestRemainder } from './allocate.ts';
import type { PayoutLine } from './payouts.ts';
import type { Minor } from './types.ts';

/** Who is paid the cash left after the seats. */
export type SatelliteRemainder = 'bubble' | 'seat-winners';

export interface SatelliteConfig {
  /** Price of one seat in the target event (minor units). */
  readonly seatValue: Minor;
  readonly remainder: SatelliteRemainder;
}

export interface SatelliteSeats {
  readonly seatValue: Minor;
  /** floor(pool / seat value). */
  readonly seats: number;
  /** pool − seats × seat value: cash, less than one seat. */
  readonly remainder: Minor;
  /**
   * Where the remainder goes in fact: the bubble, the seat winners (chosen, or because the
   * field has no bubble place), or nobody yet ('none': no seat yet, or nothing left over).
   */
  readonly remainderTo: SatelliteRemainder | 'none';
  /** Payout lines from 1st: the seat places (`seat: true`), then the bubble's cash if any. */
  readonly lines: readonly PayoutLine[];
}

function line(place: number, amount: Minor, pool: Minor, seat: boolean): PayoutLine {
  const basisPoints = pool === 0 ? 0 : Math.round((amount * 10_000) / pool);
  return { place, amount, basisPoints, manual: false, locked: false, ...(seat ? { seat: true } : {}) };
}

/** The seats `pool` buys for a field of `entrants` (re-entries counted). */
export function satelliteSeats(pool: Minor, entrants: number, config: SatelliteConfig): SatelliteSeats {
  const { seatValue } = config;
  const seats = seatValue > 0 ? Math.floor(pool / seatValue) : 0;
  const remainder = pool - seats * seatValue;
  if (seats === 0) return { seatValue, seats, remainder, remainderTo: 'none', lines: [] };
  const hasBubble = entrants > seats;
  const remainderTo: SatelliteSeats['remainderTo'] =
    remainder === 0 ? 'none' : config.remainder === 'bubble' && hasBubble ? 'bubble' : 'seat-winners';
  // Shared among the seat winners: equal shares, odd units to the better places.
  const shares =
    remainderTo === 'seat-winners'
      ? allocateLargestRemainder(remainder, new Array<number>(seats).fill(1)).amounts
      : new Array<number>(seats).fill(0);
  const lines: PayoutLine[] = shares.map((s, i) => line(i + 1, seatValue + s, pool, true));
  if (remainderTo === 'bubble') lines.push(line(seats + 1, remainder, pool, false));
  return { seatValue, seats, remainder, remainderTo, lines };
}
