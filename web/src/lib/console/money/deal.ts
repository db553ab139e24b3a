/**
 * A final-table deal as the money tab works it out before the TD confirms: the same inputs the
 * decider builds (the prizes still to be paid, the players' chips) go through the engine's own
 * `computeDeal`, so every figure on screen is what `MakeDeal` will record.
 */
import { DomainError } from '../../../../../engine/core/errors.ts';
import { computeDeal, type DealKind, type DealResult } from '../../../../../engine/icm/deals.ts';
import type { PayoutLine } from '../../../../../engine/money/payouts.ts';
import { exactMoney, parseAmount } from '../../amount.ts';
import type { CommandBody } from '../../commands.ts';

export const DEAL_KINDS: readonly {
  readonly kind: DealKind;
  readonly label: string;
  readonly how: string;
}[] = [
  { kind: 'icm', label: 'ICM', how: 'each player’s expected prize from their chips (Malmuth–Harville)' },
  { kind: 'chip-chop', label: 'Chip chop', how: 'everyone gets the lowest prize left, the rest by chips' },
  { kind: 'even-chop', label: 'Even chop', how: 'the same for everyone' },
  { kind: 'custom', label: 'Custom', how: 'the amounts the players agreed' },
];

export function dealLabel(kind: DealKind): string {
  return DEAL_KINDS.find((k) => k.kind === kind)?.label ?? kind;
}

/** The prizes not yet paid, from 1st down, as the decider takes them: one per player still in. */
export function remainingPrizes(payouts: readonly PayoutLine[], playersLeft: number): number[] {
  return payouts.slice(0, playersLeft).map((l) => l.amount);
}

export type ParsedList =
  | { readonly ok: true; readonly values: number[] }
  | { readonly ok: false; readonly message: string };

/** Chip counts as typed ("125000", "125.000", "125 000"), each a whole number above 0. */
export function parseStacks(names: readonly string[], texts: readonly string[]): ParsedList {
  const values: number[] = [];
  for (let i = 0; i < names.length; i++) {
    const raw = (texts[i] ?? '').trim();
    const name = names[i] as string;
    if (raw === '') return { ok: false, message: `Enter ${name}’s chips` };
    const plain = raw.replace(/[\s.,]/g, '');
    const chips = /^[0-9]+$/.test(plain) ? Number(plain) : Number.NaN;
    if (!Number.isSafeInteger(chips) || chips <= 0) {
      return { ok: false, message: `${name}’s chips must be a whole number above 0 (got "${raw}")` };
    }
    values.push(chips);
  }
  return { ok: true, values };
}

/** The custom amounts (major units, as typed) in minor units; every player needs one. */
export function parseCustom(
  names: readonly string[],
  texts: readonly string[],
  currency: string,
): ParsedList {
  const values: number[] = [];
  for (let i = 0; i < names.length; i++) {
    const p = parseAmount(texts[i] ?? '', currency, `${names[i]}’s amount`);
    if (!p.ok) return { ok: false, message: p.message };
    values.push(p.minor);
  }
  return { ok: true, values };
}

export interface DealTerms {
  readonly stacks: readonly number[];
  readonly remaining: readonly number[];
  /** Minor units kept back from 1st place and played for. */
  readonly leaveToPlayFor: number;
  /** Round each share to a multiple of this (minor units); undefined = to the minor unit. */
  readonly roundTo?: number;
  /** Minor units per player, or the reason there are none yet. */
  readonly custom: readonly number[] | string;
}

export type Preview =
  | { readonly ok: true; readonly deal: DealResult }
  | { readonly ok: false; readonly message: string };

/** Every kind of deal on the same terms, side by side, in the engine's own arithmetic. */
export function previewDeals(terms: DealTerms, currency: string): Record<DealKind, Preview> {
  const one = (kind: DealKind): Preview => {
    if (kind === 'custom' && typeof terms.custom === 'string') return { ok: false, message: terms.custom };
    const out = computeDeal({
      kind,
      stacks: terms.stacks,
      remainingPayouts: terms.remaining,
      leaveToPlayFor: terms.leaveToPlayFor,
      ...(kind === 'custom' ? { custom: terms.custom as readonly number[] } : {}),
      ...(kind !== 'custom' && terms.roundTo !== undefined ? { roundTo: terms.roundTo } : {}),
    });
    return out instanceof DomainError
      ? { ok: false, message: dealErrorText(out, currency) }
      : { ok: true, deal: out };
  };
  return {
    icm: one('icm'),
    'chip-chop': one('chip-chop'),
    'even-chop': one('even-chop'),
    custom: one('custom'),
  };
}

/** The engine's refusal with its amounts as money ("1.507,59 kr." rather than 150759). */
export function dealErrorText(e: DomainError, currency: string): string {
  const d = e.details ?? {};
  const m = (v: unknown) => exactMoney(Number(v), currency);
  switch (e.code) {
    case 'DEAL_LEAVE_EXCEEDS_FIRST':
      return `Cannot leave ${m(d.leave)} to play for: first place only pays ${m(d.firstPrize)}`;
    case 'DEAL_CUSTOM_SUM_MISMATCH': {
      const gap = Number(d.onTable) - Number(d.custom);
      return `The custom amounts add up to ${m(d.custom)} but ${m(d.onTable)} is on the table (${gap > 0 ? `${m(gap)} still to share` : `${m(-gap)} too much`})`;
    }
    default:
      return e.message;
  }
}

/** The MakeDeal command for what the screen shows: same players, chips and terms. */
export function dealCommand(
  kind: DealKind,
  entryIds: readonly string[],
  terms: DealTerms,
): CommandBody<'MakeDeal'> {
  return {
    kind,
    stacks: entryIds.map((entryId, i) => ({ entryId, chips: terms.stacks[i] as number })),
    ...(terms.leaveToPlayFor > 0 ? { leaveToPlayFor: terms.leaveToPlayFor } : {}),
    ...(kind === 'custom' && typeof terms.custom !== 'string' ? { custom: [...terms.custom] } : {}),
    ...(kind !== 'custom' && terms.roundTo !== undefined ? { roundTo: terms.roundTo } : {}),
  };
}
