/**
 * Editing the payout table: one field per place (empty = computed by the table, an amount =
 * fixed by the TD; places already paid are locked and keep their amount). The engine's own
 * `computePayouts` previews what the computed places become, with the same rounding, before
 * `EditPayouts` is sent.
 */
import { DomainError } from '../../../../../engine/core/errors.ts';
import { computePayouts, type PayoutLine } from '../../../../../engine/money/payouts.ts';
import { exactMoney, majorText, parseOptionalAmount } from '../../amount.ts';

export interface PayoutContext {
  readonly pool: number;
  readonly entrants: number;
  readonly roundTo: number;
  readonly percentages: readonly number[] | null;
  readonly currency: string;
}

/** What the fields start with: manual places show their amount, the rest are empty (computed). */
export function draftsFrom(lines: readonly PayoutLine[], currency: string): string[] {
  return lines.map((l) => (l.manual && !l.locked ? majorText(l.amount, currency) : ''));
}

export type Edited =
  | { readonly ok: true; readonly manual: (number | null)[]; readonly preview: readonly PayoutLine[] }
  | { readonly ok: false; readonly message: string };

/** The manual amounts to send (trailing computed places left off) and the table they make. */
export function editedPayouts(
  lines: readonly PayoutLine[],
  drafts: readonly string[],
  ctx: PayoutContext,
): Edited {
  const manual: (number | null)[] = [];
  const locked: (number | null)[] = [];
  for (const line of lines) {
    locked.push(line.locked ? line.amount : null);
    if (line.locked) {
      manual.push(null);
      continue;
    }
    const p = parseOptionalAmount(drafts[line.place - 1] ?? '', ctx.currency, `Place ${line.place}`);
    if (!p.ok) return p;
    manual.push(p.minor);
  }
  while (manual.length > 0 && manual[manual.length - 1] === null) manual.pop();
  const preview = computePayouts(ctx.pool, Math.max(1, ctx.entrants), {
    roundTo: ctx.roundTo,
    ...(ctx.percentages === null ? {} : { percentages: ctx.percentages }),
    manual,
    locked,
  });
  if (preview instanceof DomainError) return { ok: false, message: payoutErrorText(preview, ctx.currency) };
  return { ok: true, manual, preview };
}

/** The engine's payout refusals with amounts as money. */
export function payoutErrorText(
  e: {
    readonly code: string;
    readonly message: string;
    readonly details?: Readonly<Record<string, unknown>>;
  },
  currency: string,
): string {
  const d = e.details;
  if (d === undefined) return e.message;
  const m = (v: unknown) => exactMoney(Number(v), currency);
  switch (e.code) {
    case 'PAYOUT_EXCEEDS_POOL':
      return `The fixed places add up to ${m(d.fixed)} but the prize pool is only ${m(d.pool)}`;
    case 'PAYOUT_POOL_NOT_DISTRIBUTED':
      return `Every place is fixed but they add up to ${m(d.fixed)} of a ${m(d.pool)} prize pool: leave a place empty to be computed`;
    case 'PAYOUT_PLACE_LOCKED':
      return `Place ${d.place} has already been paid (${m(d.locked)}) and cannot be changed`;
    default:
      return e.message;
  }
}

/** "2.5 %" from basis points. */
export function shareText(basisPoints: number): string {
  return `${(basisPoints / 100).toLocaleString('da-DK', { maximumFractionDigits: 2 })} %`;
}
