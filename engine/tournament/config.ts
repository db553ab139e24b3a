/** Building and checking a tournament's configuration from CreateTournament / Configure. */
import { DomainError } from '../core/errors.ts';
import { isCurrencyCode } from '../money/currency.ts';
import { DEFAULT_CURRENCY, type EntryProfile } from '../money/types.ts';
import { validateStructure } from '../structure/validate.ts';
import { checkSatellite } from './satellite.ts';
import { checkShootout } from './shootout.ts';
import type { ConfigInput, TournamentConfig, TournamentRules } from './types.ts';

/** The usual final table: nine handed (TDA tables are 9 or 10 handed; most rooms run 9). */
export const DEFAULT_FINAL_TABLE_SIZE = 9;

export const DEFAULT_RULES: TournamentRules = Object.freeze({
  reentry: false,
  maxEntriesPerPlayer: 1,
  maxRebuysPerEntry: null,
  rebuyMaxChips: null,
  capacity: null,
  waitingList: true,
  bountyMode: 'none',
  finalTableSize: DEFAULT_FINAL_TABLE_SIZE,
});

function isAmount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function isCount(v: unknown, min: number): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= min;
}

function invalid(message: string, details: Record<string, unknown>): DomainError {
  return new DomainError('INVALID_CONFIGURATION', message, details);
}

function checkProfile(p: EntryProfile, kind: EntryProfile['kind'], label: string): DomainError | null {
  if (p.kind !== kind)
    return invalid(`The ${label} profile must be of kind "${kind}", not "${p.kind}"`, { kind: p.kind });
  for (const field of ['price', 'fee', 'bounty'] as const) {
    if (!isAmount(p[field])) {
      return invalid(`The ${label} ${field} must be a whole, non-negative amount (got ${p[field]})`, {
        field,
        value: p[field],
      });
    }
  }
  if (!isCount(p.chips, kind === 'buyin' ? 1 : 0)) {
    return invalid(`The ${label} must give a whole number of chips (got ${p.chips})`, { chips: p.chips });
  }
  return null;
}

const OTHER_LABEL: Readonly<Record<EntryProfile['kind'], string>> = {
  buyin: 'buy-in',
  rebuy: 'rebuy',
  addon: 'add-on',
};

/** Other prices: each valid for its kind, offered only beside a default of that kind, ids unique. */
function checkOtherPrices(c: TournamentConfig): DomainError | null {
  const seen = new Set<string>();
  for (const p of [c.buyIn, c.rebuy, c.addOn, ...(c.profiles ?? [])]) {
    if (p === null) continue;
    if (typeof p.id !== 'string' || p.id.trim() === '') return invalid('Every price needs an id', {});
    if (seen.has(p.id)) return invalid(`Two prices have the id "${p.id}"`, { profileId: p.id });
    seen.add(p.id);
  }
  for (const p of c.profiles ?? []) {
    const label = `"${p.name}" ${OTHER_LABEL[p.kind] ?? 'price'}`;
    if (!(p.kind in OTHER_LABEL))
      return invalid(`The price "${p.name}" has an unknown kind`, { kind: p.kind });
    const problem = checkProfile(p, p.kind, label);
    if (problem) return problem;
    if ((p.kind === 'rebuy' && c.rebuy === null) || (p.kind === 'addon' && c.addOn === null)) {
      return invalid(
        `${label}: the tournament offers no ${OTHER_LABEL[p.kind]}s, so it cannot have another price for one`,
        {
          profileId: p.id,
        },
      );
    }
  }
  return null;
}

/** Merges `input` over `base` (or the defaults) and validates the whole result. */
export function buildConfig(
  input: ConfigInput,
  base: TournamentConfig | null,
): TournamentConfig | DomainError {
  const name = (input.name ?? base?.name ?? '').trim();
  const structure = input.structure ?? base?.structure;
  const buyIn = input.buyIn ?? base?.buyIn;
  if (name === '') return invalid('The tournament needs a name', {});
  if (structure === undefined) return invalid('The tournament needs a blind structure', {});
  if (buyIn === undefined) return invalid('The tournament needs a buy-in', {});
  const fixedRake = input.fixedRake ?? base?.fixedRake ?? 0;
  const unawarded = input.payout?.unawarded ?? base?.payout.unawarded;
  const profiles = input.profiles ?? base?.profiles ?? [];
  const satellite = input.satellite !== undefined ? input.satellite : (base?.satellite ?? null);
  const shootout = input.shootout !== undefined ? input.shootout : (base?.shootout ?? null);
  const config: TournamentConfig = {
    name,
    structure,
    currency: input.currency ?? base?.currency ?? DEFAULT_CURRENCY,
    buyIn,
    rebuy: input.rebuy !== undefined ? input.rebuy : (base?.rebuy ?? null),
    addOn: input.addOn !== undefined ? input.addOn : (base?.addOn ?? null),
    // Only when there are some, so configs without other prices stay as they were.
    ...(profiles.length === 0 ? {} : { profiles }),
    rules: { ...(base?.rules ?? DEFAULT_RULES), ...stripUndefined(input.rules ?? {}) },
    addedMoney: input.addedMoney ?? base?.addedMoney ?? 0,
    // Only when set, so configs without one stay as they were.
    ...(fixedRake === 0 ? {} : { fixedRake }),
    guarantee: input.guarantee ?? base?.guarantee ?? 0,
    payout: {
      roundTo: input.payout?.roundTo ?? base?.payout.roundTo ?? 1,
      ...(unawarded === undefined ? {} : { unawarded }),
      percentages:
        input.payout?.percentages !== undefined
          ? input.payout.percentages
          : (base?.payout.percentages ?? null),
    },
    // Only when set, so configs of regular tournaments stay as they were.
    ...(satellite === null ? {} : { satellite }),
    ...(shootout === null ? {} : { shootout }),
  };
  const problem = checkConfig(config);
  return problem ?? config;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function checkConfig(c: TournamentConfig): DomainError | null {
  const structureProblem = validateStructure(c.structure);
  if (structureProblem !== null) return structureProblem;
  if (!isCurrencyCode(c.currency)) {
    return invalid(`"${c.currency}" is not an ISO 4217 currency code (e.g. DKK, EUR)`, {
      currency: c.currency,
    });
  }
  const profiles: [EntryProfile | null, EntryProfile['kind'], string][] = [
    [c.buyIn, 'buyin', 'buy-in'],
    [c.rebuy, 'rebuy', 'rebuy'],
    [c.addOn, 'addon', 'add-on'],
  ];
  for (const [p, kind, label] of profiles) {
    if (p === null) continue;
    const problem = checkProfile(p, kind, label);
    if (problem) return problem;
  }
  const otherProblem = checkOtherPrices(c);
  if (otherProblem) return otherProblem;
  const r = c.rules;
  if (!isCount(r.maxEntriesPerPlayer, 1)) {
    return invalid(`Max entries per player must be at least 1 (got ${r.maxEntriesPerPlayer})`, {
      value: r.maxEntriesPerPlayer,
    });
  }
  if (!r.reentry && r.maxEntriesPerPlayer > 1) {
    return invalid('More than one entry per player needs re-entry to be allowed', {
      value: r.maxEntriesPerPlayer,
    });
  }
  if (r.maxRebuysPerEntry !== null && !isCount(r.maxRebuysPerEntry, 0)) {
    return invalid(`The rebuy limit must be a whole number (got ${r.maxRebuysPerEntry})`, {
      value: r.maxRebuysPerEntry,
    });
  }
  if (r.rebuyMaxChips !== null && !isCount(r.rebuyMaxChips, 0)) {
    return invalid(`The rebuy stack threshold must be a whole number of chips (got ${r.rebuyMaxChips})`, {
      value: r.rebuyMaxChips,
    });
  }
  if (r.capacity !== null && !isCount(r.capacity, 2)) {
    return invalid(`Capacity must be at least 2 seats (got ${r.capacity})`, { value: r.capacity });
  }
  if (!isCount(r.finalTableSize, 2)) {
    return invalid(`The final table must seat at least 2 (got ${r.finalTableSize})`, {
      value: r.finalTableSize,
    });
  }
  if (!['none', 'fixed', 'progressive'].includes(r.bountyMode)) {
    return invalid(`Unknown bounty mode "${r.bountyMode}"`, { value: r.bountyMode });
  }
  if (r.bountyMode === 'none' && c.buyIn.bounty > 0) {
    return invalid('The buy-in has a bounty part but the bounty mode is "none"', { bounty: c.buyIn.bounty });
  }
  if (r.bountyMode !== 'none' && c.buyIn.bounty === 0) {
    return invalid(`A ${r.bountyMode} bounty tournament needs a bounty part in the buy-in`, {});
  }
  if (c.rebuy !== null && c.structure.rebuyUntilLevel === null) {
    return invalid('A rebuy profile is set but the structure has no rebuy period', {});
  }
  if (c.addOn !== null && c.structure.addOnAtLevel === null) {
    return invalid('An add-on profile is set but the structure has no add-on level', {});
  }
  if (!isAmount(c.addedMoney) || !isAmount(c.guarantee) || !isAmount(c.fixedRake ?? 0)) {
    return invalid('Added money, fixed rake and guarantee must be whole, non-negative amounts', {
      addedMoney: c.addedMoney,
      fixedRake: c.fixedRake ?? 0,
      guarantee: c.guarantee,
    });
  }
  const satelliteProblem = checkSatellite(c);
  if (satelliteProblem) return satelliteProblem;
  const shootoutProblem = checkShootout(c);
  if (shootoutProblem) return shootoutProblem;
  if (!isCount(c.payout.roundTo, 1)) {
    return invalid(`Payouts must round to a positive whole amount (got ${c.payout.roundTo})`, {
      roundTo: c.payout.roundTo,
    });
  }
  return null;
}
