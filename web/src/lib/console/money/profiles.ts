/**
 * The price profiles a tournament sells, in the order the desk sells them: the default of each
 * kind, then the other prices (a cheaper re-entry, a double rebuy). One place that lists them.
 */
import type { EntryProfile } from '../../../../../engine/money/types.ts';
import {
  allProfiles,
  type PriceConfig as Prices,
  profilesOfKind,
} from '../../../../../engine/tournament/profiles.ts';

/** Every price, the defaults first; none before the tournament is set up. */
export function priceProfiles(config: Prices | null): readonly EntryProfile[] {
  return config === null ? [] : allProfiles(config);
}

/** The prices of one kind, the default first (none when the tournament does not sell that kind). */
export function pricesOf(config: Prices | null, kind: EntryProfile['kind']): readonly EntryProfile[] {
  return config === null ? [] : profilesOfKind(config, kind);
}

/** The command's price field: none for the default (or an unknown choice), else the profile id. */
export function priceArgs(
  config: Prices | null,
  kind: EntryProfile['kind'],
  chosen: string | undefined,
): { profileId?: string } {
  const [first, ...others] = pricesOf(config, kind);
  if (first === undefined || chosen === undefined || chosen === first.id) return {};
  return others.some((p) => p.id === chosen) ? { profileId: chosen } : {};
}
