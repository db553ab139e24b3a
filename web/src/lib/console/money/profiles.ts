/**
 * The price profiles a tournament sells, in the order the desk sells them. One place that
 * lists them, so more entry profiles per tournament (issue #14) show up here alone.
 */
import type { EntryProfile } from '../../../../../engine/money/types.ts';
import type { TournamentConfig } from '../../../../../engine/tournament/types.ts';

export function priceProfiles(
  config: Pick<TournamentConfig, 'buyIn' | 'rebuy' | 'addOn'> | null,
): EntryProfile[] {
  if (config === null) return [];
  return [config.buyIn, config.rebuy, config.addOn].filter((p): p is EntryProfile => p !== null);
}
