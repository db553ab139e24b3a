/**
 * Which price the desk charges. A tournament has one default profile per kind (buy-in, rebuy,
 * add-on) and may have other prices beside them (`profiles`): a cheaper re-entry, a re-entry
 * without the fee, a "double rebuy", a ladies' buy-in. A command names one by id; without an id
 * it charges the default of its kind.
 */
import { DomainError } from '../core/errors.ts';
import type { EntryProfile } from '../money/types.ts';
import type { TournamentConfig } from './types.ts';

const KIND_LABEL: Readonly<Record<EntryProfile['kind'], string>> = {
  buyin: 'a buy-in or re-entry',
  rebuy: 'a rebuy',
  addon: 'an add-on',
};

/** The parts of a config that name prices. */
export type PriceConfig = Pick<TournamentConfig, 'buyIn' | 'rebuy' | 'addOn' | 'profiles'>;

/** The default price of `kind`: null when the tournament sells none (no rebuys, no add-on). */
export function defaultProfile(
  config: Pick<TournamentConfig, 'buyIn' | 'rebuy' | 'addOn'>,
  kind: EntryProfile['kind'],
): EntryProfile | null {
  switch (kind) {
    case 'buyin':
      return config.buyIn;
    case 'rebuy':
      return config.rebuy;
    case 'addon':
      return config.addOn;
  }
}

/** Every profile of the tournament: the defaults first, then the other prices. */
export function allProfiles(config: PriceConfig): readonly EntryProfile[] {
  const defaults = [config.buyIn, config.rebuy, config.addOn].filter((p): p is EntryProfile => p !== null);
  return [...defaults, ...(config.profiles ?? [])];
}

/** The profiles a desk may charge for `kind`, the default first. */
export function profilesOfKind(config: PriceConfig, kind: EntryProfile['kind']): readonly EntryProfile[] {
  return allProfiles(config).filter((p) => p.kind === kind);
}

/**
 * The profile to charge: the one named (which must be of `kind`), else the default of `kind`.
 * A kind the tournament does not sell is refused (the windows usually say so first).
 */
export function chargedProfile(
  config: PriceConfig,
  kind: EntryProfile['kind'],
  profileId: string | undefined,
): EntryProfile | DomainError {
  if (profileId === undefined) {
    return (
      defaultProfile(config, kind) ??
      new DomainError('PROFILE_NOT_OFFERED', `This tournament does not sell ${KIND_LABEL[kind]}`, { kind })
    );
  }
  const found = allProfiles(config).find((p) => p.id === profileId);
  if (found === undefined) {
    return new DomainError('PROFILE_NOT_FOUND', `This tournament has no price "${profileId}"`, {
      profileId,
      offered: profilesOfKind(config, kind).map((p) => p.id),
    });
  }
  if (found.kind !== kind) {
    return new DomainError(
      'PROFILE_WRONG_KIND',
      `"${found.name}" is not a price for ${KIND_LABEL[kind]} (it is for ${KIND_LABEL[found.kind]})`,
      { profileId, kind: found.kind, expected: kind },
    );
  }
  return found;
}
