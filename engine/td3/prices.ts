/**
 * TD3 lets each entry, rebuy and add-on be bought at its own profile (a "Double" re-entry, a
 * late buy-in without the fee). Felt keeps one default price per kind and other prices beside
 * it (`config.profiles`): each TD3 record charges the default when it paid the same, else the
 * other price that matches what it paid, made once per distinct price.
 */
import type { EntryProfile, Minor } from '../money/types.ts';
import { defaultProfile } from '../tournament/profiles.ts';

/** What one TD3 record paid: the amount with its rake, the chips, and the profile's name. */
export interface Td3Paid {
  readonly amount: Minor;
  readonly rake: Minor;
  readonly chips: number;
  readonly profileName: string | null;
}

export interface Td3Defaults {
  readonly buyIn: EntryProfile;
  readonly rebuy: EntryProfile | null;
  readonly addOn: EntryProfile | null;
}

const KIND_NAME: Readonly<Record<EntryProfile['kind'], string>> = {
  buyin: 'Buy-in',
  rebuy: 'Rebuy',
  addon: 'Add-on',
};

const sameCharge = (a: EntryProfile, b: EntryProfile) =>
  a.price === b.price && a.fee === b.fee && a.bounty === b.bounty && a.chips === b.chips;

export class Td3Prices {
  readonly #others: EntryProfile[] = [];
  readonly defaults: Td3Defaults;
  constructor(defaults: Td3Defaults) {
    this.defaults = defaults;
  }

  /** The default of `kind` (null when the tournament has none of that kind). */
  defaultOf(kind: EntryProfile['kind']): EntryProfile | null {
    return defaultProfile(this.defaults, kind);
  }

  /**
   * The price a record was bought at: the default when it paid the same (or the kind has no
   * default, which the caller reports), else another price, created on first sight.
   */
  priceOf(kind: EntryProfile['kind'], paid: Td3Paid): EntryProfile | null {
    const base = this.defaultOf(kind);
    if (base === null) return null;
    const fee = Math.min(paid.amount, paid.rake);
    const bounty = Math.min(paid.amount - fee, base.bounty);
    const wanted: EntryProfile = {
      id: '',
      name: paid.profileName || `${KIND_NAME[kind]} ${(paid.amount / 100).toFixed(2)}`,
      kind,
      price: paid.amount - fee - bounty,
      fee,
      bounty,
      chips: paid.chips > 0 ? Math.round(paid.chips) : base.chips,
    };
    if (sameCharge(wanted, base)) return base;
    const known = this.#others.find((p) => p.kind === kind && sameCharge(p, wanted));
    if (known !== undefined) return known;
    const made = { ...wanted, id: `td3-${kind}-${this.#others.length + 1}` };
    this.#others.push(made);
    return made;
  }

  /** The profile id a command names for this record: none for the default. */
  idFor(kind: EntryProfile['kind'], paid: Td3Paid): { profileId?: string } {
    const p = this.priceOf(kind, paid);
    return p === null || p === this.defaultOf(kind) ? {} : { profileId: p.id };
  }

  /** Every other price seen so far (the config's `profiles`). */
  others(): readonly EntryProfile[] {
    return [...this.#others];
  }
}
