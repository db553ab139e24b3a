/**
 * Money is always an integer number of minor units (øre for DKK, cents for EUR) of one ISO
 * 4217 currency per tournament. Never floats for amounts.
 */
export type Minor = number;

/** ISO 4217 code, upper case ("DKK", "EUR"). DKK is the default. */
export type CurrencyCode = string;

export const DEFAULT_CURRENCY: CurrencyCode = 'DKK';

/** What an entry, rebuy or add-on costs and gives. */
export interface EntryProfile {
  readonly id: string;
  readonly name: string;
  readonly kind: 'buyin' | 'rebuy' | 'addon';
  /** Part of the price that goes to the prize pool. */
  readonly price: Minor;
  /** Part of the price kept by the house (fee or rake), not in the prize pool. */
  readonly fee: Minor;
  /** Chips given. */
  readonly chips: number;
  /** Part of the price that goes on the player's head as a bounty (not in the prize pool). */
  readonly bounty: Minor;
}
