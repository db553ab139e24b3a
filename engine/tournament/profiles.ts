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

/** Every profile of the tournament: the defaults first, then the other prices. */
export function allProfiles(config: TournamentConfig): readonly EntryProfile[] {
  const defaults = [config.buyIn, config.rebuy, config.addOn].filter((p): p is EntryProfile => p !== null);
  return [...defaults, ...(config.profiles ?? [])];
}

/** The profiles a desk may charge for `kind`, the default first. */
export function profilesOfKind(
  config: TournamentConfig,
  kind: EntryProfile['kind'],
): readonly EntryProfile[] {
  return allProfiles(config).filter((p) => p.kind === kind);
}

/**
 * The profile to charge: the one named (which must be of `kind`), else the default of `kind`
 * (null when the tournament has none: the caller says why that kind is not on offer).
 */
export function chargedProfile(
  config: TournamentConfig,
  kind: EntryProfile['kind'],
  profileId: string | undefined,
): EntryProfile | null | DomainError {
  if (profileId === undefined) {
    return kind === 'buyin' ? config.buyIn : kind === 'rebuy' ? config.rebuy : config.addOn;
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
