/**
 * The import report: TD3's figures beside Felt's after replay, and every difference with its
 * cause. A cause is only given when the difference is reproduced from the rule named (TD3's
 * rounding recomputed, price differences summed); anything else is 'unexplained'.
 */
import { isDomainError } from '../core/errors.ts';
import type { EntryProfile, Minor } from '../money/types.ts';
import { finishingPlaces, payouts, prizePool } from '../tournament/results.ts';
import { listEntries } from '../tournament/state.ts';
import type { TournamentState } from '../tournament/types.ts';
import type { Td3Paid } from './prices.ts';
import type { Td3Prize, Td3Tournament } from './types.ts';

export const UNEXPLAINED = 'unexplained';

export interface Td3PrizeFigure {
  readonly place: number;
  readonly amount: Minor;
  /** Player names, sorted; empty while unawarded. */
  readonly recipients: readonly string[];
}

export interface Td3Figures {
  /** Players with at least one entry. */
  readonly entrants: number;
  readonly buyins: number;
  /** TD3's rebuys; on Felt's side re-entries plus rebuys. */
  readonly rebuys: number;
  readonly addOns: number;
  readonly paidIn: Minor;
  readonly pot: Minor;
  readonly prizes: readonly Td3PrizeFigure[];
  /** Finishing place per player name (null: still in, or not placed). */
  readonly places: Readonly<Record<string, number | null>>;
}

export interface Td3Difference {
  readonly field: string;
  readonly td3: string | number | null;
  readonly felt: string | number | null;
  readonly cause: string;
}

export interface Td3ImportReport {
  readonly file: Td3Figures;
  readonly felt: Td3Figures;
  readonly differences: readonly Td3Difference[];
  readonly notImported: readonly string[];
  /**
   * The Felt player id used for each TD3 player: `matched` ones are the venue's existing
   * players, `created` ones are new ids the venue has to create players for.
   */
  readonly players: Td3PlayerIds;
  /** TD3's seating at save time as imported (absent in a structure-only import). */
  readonly seating?: Td3SeatingSummary;
}

export interface Td3PlayerId {
  readonly name: string;
  readonly playerId: string;
}

export interface Td3PlayerIds {
  readonly matched: readonly Td3PlayerId[];
  readonly created: readonly Td3PlayerId[];
  /**
   * New players whose names are close to some of the venue's (a typo, a missing middle name):
   * the TD may confirm one, and the import then uses the venue's id (`confirmedMatches`).
   */
  readonly suggested: readonly Td3Suggestion[];
}

export interface Td3Suggestion {
  readonly name: string;
  /** The new id the player gets unless the TD confirms a candidate. */
  readonly playerId: string;
  readonly candidates: readonly Td3PlayerId[];
}

export interface Td3SeatingSummary {
  /** 'finished': nobody left to seat; 'none': TD3 had no tables; else 'imported'. */
  readonly status: 'imported' | 'finished' | 'none';
  /** TD3 table name -> the Felt table id it became. */
  readonly tables: readonly { readonly td3Name: string; readonly tableId: string }[];
  /** Players still in, seated where TD3 had them. */
  readonly seated: number;
  /** Names of players still in whom TD3 had not seated. */
  readonly unseated: readonly string[];
}

export function td3Figures(t: Td3Tournament): Td3Figures {
  const names = new Map(t.players.map((p) => [p.id, p.name]));
  const places: Record<string, number | null> = {};
  for (const p of t.players) if (p.entries.length > 0) places[p.name] = p.place;
  return {
    entrants: t.totals.entrants,
    buyins: t.totals.buyins,
    rebuys: t.totals.rebuys,
    addOns: t.totals.addOns,
    paidIn: t.totals.paidIn,
    pot: t.totals.pot,
    prizes: t.prizes
      .filter((p) => p.nonMonetary === null && p.type === 0)
      .sort((a, b) => a.recipient - b.recipient)
      .map((p) => ({
        place: p.recipient,
        amount: p.amount,
        recipients: p.awardedTo.map((id) => names.get(id) ?? id).sort(),
      })),
    places,
  };
}

/** Felt's figures; `names` maps Felt player ids to display names (defaults to the entry names). */
export function feltFigures(state: TournamentState, names: ReadonlyMap<string, string>): Td3Figures {
  const entries = listEntries(state).filter((e) => e.status === 'active' || e.status === 'busted');
  const nameOf = (playerId: string, fallback: string) => names.get(playerId) ?? fallback;
  const placings = finishingPlaces(state);
  const lines = payouts(state);
  const paid = isDomainError(lines) ? [] : lines.filter((l) => l.amount > 0);
  // A player's place is where their last entry finished, among players (TD3 places players).
  const last = new Map<string, { name: string; place: number | null }>();
  for (const e of entries) {
    last.set(e.playerId, { name: nameOf(e.playerId, e.name), place: placings[e.entryId]?.place ?? null });
  }
  const finals = [...last.values()];
  const places: Record<string, number | null> = {};
  // Players still in (no place yet) finish ahead of every player already out.
  const stillIn = finals.filter((q) => q.place === null).length;
  for (const p of finals) {
    places[p.name] =
      p.place === null
        ? null
        : 1 + stillIn + finals.filter((q) => q.place !== null && q.place < (p.place as number)).length;
  }
  const prizes = paid.map((l) => ({
    place: l.place,
    amount: l.amount,
    recipients: entries
      .filter((e) => {
        const pl = placings[e.entryId];
        return pl !== undefined && pl.place <= l.place && l.place <= pl.placeTo;
      })
      .map((e) => nameOf(e.playerId, e.name))
      .sort(),
  }));
  const m = state.money;
  return {
    entrants: last.size,
    buyins: m.buyIns,
    rebuys: m.reentries + m.rebuys,
    addOns: m.addOns,
    paidIn: m.fromEntries + m.fees + m.bounties,
    pot: state.config === null ? 0 : prizePool(state).total,
    prizes,
    places,
  };
}

export interface CompareInput {
  /** Money the importer added to Felt's pot, with why. */
  readonly adjustments: readonly { field: string; amount: number; cause: string }[];
  readonly rejected: readonly { type: string; code: string; message: string }[];
  readonly notImported: readonly string[];
  readonly players: Td3PlayerIds;
  readonly seating?: Td3SeatingSummary;
  /** Felt's own payout amounts before TD3's were set (TD3's percentages, Felt's rounding). */
  readonly computed?: readonly Minor[];
  /** The price Felt charged for a TD3 record (the importer's choice); the default of its kind when absent. */
  readonly priceOf?: (kind: EntryProfile['kind'], paid: Td3Paid) => EntryProfile | null;
}

function money(m: Minor): string {
  return (m / 100).toFixed(2);
}

function nearest(value: number, unit: Minor): Minor {
  return unit >= 1 ? Math.round(value / unit) * unit : Math.round(value);
}

/** Why TD3 paid `p.amount`, if its own rule reproduces it; null otherwise. */
export function td3PrizeRule(t: Td3Tournament, p: Td3Prize): string | null {
  const adj = p.adjustment === 0 ? '' : `, with a manual adjustment of ${money(p.adjustment)} by the TD`;
  const rem = p.sharedRemainder === 0 ? '' : ` plus the rounding remainder ${money(p.sharedRemainder)}`;
  if (p.amountType === 'fixed') {
    return p.amount === p.fixedAmount + p.adjustment + p.sharedRemainder
      ? `TD3 fixed prize set by the TD (${money(p.fixedAmount)})${rem}${adj}`
      : null;
  }
  const unit = t.prizeSettings.roundToNearest;
  const mode = t.prizeSettings.roundPrizes;
  if (mode !== 2) {
    // Only mode 2 (nearest) is reproduced; other modes are named, and only when TD3's prizes
    // still add up to its own pot (the sample's mode 3 pays 910/515/290/220/180/135 of 2250).
    const total = t.prizes.reduce((a, q) => a + (q.nonMonetary === null ? q.amount : 0), 0);
    return total === t.totals.pot
      ? `TD3 rounding mode ${mode} (automatic ${t.prizeSettings.automatic ? 'on' : 'off'}) to ${money(unit)}: its prizes add up to its pot but Felt does not reproduce mode ${mode}'s per-prize rounding`
      : null;
  }
  const base = nearest((p.percent * t.totals.pot) / 100, unit);
  if (p.amount === base + p.sharedRemainder + p.adjustment) {
    return `TD3 rounding mode ${t.prizeSettings.roundPrizes}: ${p.percent}% of its pot ${money(t.totals.pot)} rounded to the nearest ${money(unit)}${rem}${adj} (Felt rounds down and gives the remainder to 1st)`;
  }
  return null;
}

export function compareFigures(
  t: Td3Tournament,
  state: TournamentState,
  names: ReadonlyMap<string, string>,
  input: CompareInput,
): Td3ImportReport {
  const file = td3Figures(t);
  const felt = feltFigures(state, names);
  const diffs: Td3Difference[] = [];
  const add = (field: string, td3: Td3Difference['td3'], f: Td3Difference['felt'], cause: string) =>
    diffs.push({ field, td3, felt: f, cause });

  for (const r of input.rejected) add(`command ${r.type}`, null, `${r.code}: ${r.message}`, UNEXPLAINED);
  for (const k of ['entrants', 'buyins', 'rebuys', 'addOns'] as const) {
    if (file[k] !== felt[k]) add(k, file[k], felt[k], UNEXPLAINED);
  }

  // Money: each charge Felt made against what TD3 recorded for it.
  const config = state.config;
  const paidCauses = new Map<string, number>();
  const potCauses = new Map<string, number>();
  const bump = (m: Map<string, number>, cause: string, d: number) => {
    if (d !== 0) m.set(cause, (m.get(cause) ?? 0) + d);
  };
  if (config !== null) {
    const total = (p: { price: Minor; fee: Minor; bounty: Minor }) => p.price + p.fee + p.bounty;
    for (const p of t.players) {
      p.entries.forEach((e, i) => {
        const prev = p.entries[i - 1];
        const feltRebuy = prev !== undefined && prev.bustOut === null;
        const fallback = feltRebuy && config.rebuy !== null ? config.rebuy : config.buyIn;
        const profile = input.priceOf?.(feltRebuy ? 'rebuy' : 'buyin', e) ?? fallback;
        const what = i === 0 ? 'buy-in' : feltRebuy ? 'rebuy' : 're-entry (a TD3 rebuy after a bust-out)';
        const cause = `TD3 charged a ${what} ${money(e.amount)} (${e.profileName ?? 'its profile'}); Felt charges its ${profile.kind === 'rebuy' ? 'rebuy' : 'buy-in'} profile ${money(total(profile))}`;
        bump(paidCauses, cause, total(profile) - e.amount);
        bump(
          potCauses,
          `TD3 put ${money(e.amount - e.rake)} of a ${what} into the pot; Felt puts ${money(profile.price)} (its ${profile.kind === 'rebuy' ? 'rebuy' : 'buy-in'} profile less fee${profile.bounty > 0 ? ' and bounty' : ''})`,
          profile.price - (e.amount - e.rake),
        );
      });
      for (const a of p.addOns.slice(0, 1)) {
        const addOn = input.priceOf?.('addon', a) ?? config.addOn;
        if (addOn === null) continue;
        const cause = `TD3 charged an add-on ${money(a.amount)}; Felt charges its add-on profile ${money(total(addOn))}`;
        bump(paidCauses, cause, total(addOn) - a.amount);
        bump(
          potCauses,
          `TD3 put ${money(a.amount - a.rake)} of an add-on into the pot; Felt puts ${money(addOn.price)}`,
          addOn.price - (a.amount - a.rake),
        );
      }
      for (const a of p.addOns.slice(1)) {
        bump(
          paidCauses,
          `TD3 charged a second add-on ${money(a.amount)}; Felt allows one add-on per entry`,
          -a.amount,
        );
        bump(
          potCauses,
          `TD3 put ${money(a.amount - a.rake)} of a second add-on into the pot; Felt has none`,
          -(a.amount - a.rake),
        );
      }
    }
  }
  const feltFixed = config === null ? 0 : prizePool(state).fixedRake;
  if (t.totals.fixedRake !== feltFixed) {
    bump(
      potCauses,
      `TD3 fixed rake ${money(t.totals.fixedRake)} taken from the pot; Felt takes ${money(feltFixed)}`,
      t.totals.fixedRake - feltFixed,
    );
  }
  for (const a of input.adjustments) bump(potCauses, a.cause, a.amount);
  explainSum(add, 'paidIn', file.paidIn, felt.paidIn, paidCauses);
  const guaranteeBinds = config !== null && config.guarantee > 0 && felt.pot === config.guarantee;
  if (guaranteeBinds && file.pot === felt.pot) {
    // both at the guarantee: nothing to explain
  } else {
    explainSum(add, 'pot', file.pot, felt.pot, potCauses);
  }

  // Prizes: Felt's own computation, then what the imported tournament pays.
  const td3Prizes = t.prizes
    .filter((p) => p.nonMonetary === null && p.type === 0)
    .sort((a, b) => a.recipient - b.recipient);
  const td3Total = td3Prizes.reduce((s, p) => s + p.amount, 0);
  td3Prizes.forEach((p, k) => {
    const computed = input.computed?.[k];
    if (computed !== undefined && computed !== p.amount) {
      add(`prize ${p.recipient} computed`, p.amount, computed, td3PrizeRule(t, p) ?? UNEXPLAINED);
    }
    const line = felt.prizes.find((l) => l.place === p.recipient);
    const amount = line?.amount ?? 0;
    if (amount !== p.amount) {
      const short = felt.pot - td3Total;
      const cause =
        k === 0 && short > 0 && amount - p.amount === short
          ? `TD3 paid ${money(td3Total)} of its prizes from a ${money(felt.pot)} pool; Felt pays out the whole pool, so the ${money(short)} left goes to 1st`
          : UNEXPLAINED;
      add(`prize ${p.recipient} amount`, p.amount, amount, cause);
    }
    const mine = file.prizes[k]?.recipients ?? [];
    const theirs = line?.recipients ?? [];
    if (mine.join('|') !== theirs.join('|')) {
      add(`prize ${p.recipient} recipient`, mine.join(', ') || null, theirs.join(', ') || null, UNEXPLAINED);
    }
  });
  for (const l of felt.prizes) {
    if (!td3Prizes.some((p) => p.recipient === l.place)) {
      add(`prize ${l.place} amount`, null, l.amount, UNEXPLAINED);
    }
  }

  for (const [name, place] of Object.entries(file.places)) {
    const mine = felt.places[name] ?? null;
    if (mine !== place) add(`place of ${name}`, place, mine, UNEXPLAINED);
  }
  return {
    file,
    felt,
    differences: diffs,
    notImported: input.notImported,
    players: input.players,
    ...(input.seating === undefined ? {} : { seating: input.seating }),
  };
}

function explainSum(
  add: (field: string, td3: number, felt: number, cause: string) => void,
  field: string,
  td3: number,
  felt: number,
  causes: ReadonlyMap<string, number>,
): void {
  if (td3 === felt) return;
  const sum = [...causes.values()].reduce((a, b) => a + b, 0);
  const cause = sum === felt - td3 && causes.size > 0 ? [...causes.keys()].join('; ') : UNEXPLAINED;
  add(field, td3, felt, cause);
}
