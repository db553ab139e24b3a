/**
 * The prize pool as the money tab lists it, top to bottom: what the desk took, what comes off
 * it (the house's fee or rake, the bounties), what the players put in, what the house adds
 * (added money, overlay), and the prize pool. One list of lines, so a new kind of money (a
 * fixed rake per entry, say) is one more line here and nothing else changes.
 */
import type { PrizePool } from '../../../../../engine/money/prize-pool.ts';

export interface PoolLine {
  readonly key: string;
  readonly label: string;
  readonly amount: number;
  /** How the line enters the sum: taken off, added, a subtotal, or shown for information. */
  readonly role: 'minus' | 'plus' | 'subtotal' | 'info' | 'total';
  /** A short why, for a TD who asks ("kept by the house"). */
  readonly note?: string;
}

export function poolLines(
  pool: PrizePool,
  options: {
    bounties: boolean;
    /** What the fixed prizes leave of the pool, kept by the house or carried over (`payout.unawarded`). */
    unawarded?: { readonly amount: number; readonly keptAs: 'house' | 'carried' } | null;
  },
): PoolLine[] {
  const lines: PoolLine[] = [
    { key: 'collected', label: 'Collected', amount: pool.collected, role: 'info', note: 'taken at the desk' },
    { key: 'fees', label: 'Fee / rake', amount: pool.fees, role: 'minus', note: 'kept by the house' },
  ];
  if (options.bounties || pool.bounties > 0) {
    lines.push({
      key: 'bounties',
      label: 'Bounties',
      amount: pool.bounties,
      role: 'minus',
      note: 'paid on knockouts',
    });
  }
  lines.push({ key: 'fromEntries', label: 'From entries', amount: pool.fromEntries, role: 'subtotal' });
  if (pool.fixedRake > 0) {
    lines.push({
      key: 'fixedRake',
      label: 'Fixed rake',
      amount: pool.fixedRake,
      role: 'minus',
      note: 'a set sum kept by the house',
    });
  }
  lines.push({
    key: 'addedMoney',
    label: 'Added money',
    amount: pool.addedMoney,
    role: 'plus',
    note: 'from the house',
  });
  if (pool.guarantee > 0) {
    lines.push({ key: 'guarantee', label: 'Guarantee', amount: pool.guarantee, role: 'info' });
    lines.push({
      key: 'overlay',
      label: 'Overlay',
      amount: pool.overlay,
      role: 'plus',
      note: pool.overlay > 0 ? 'the house pays the shortfall' : 'guarantee reached',
    });
  }
  lines.push({ key: 'total', label: 'Prize pool', amount: pool.total, role: 'total' });
  const u = options.unawarded;
  if (u && u.amount > 0) {
    lines.push({
      key: 'unawarded',
      label: 'Not paid out',
      amount: u.amount,
      role: 'info',
      note:
        u.keptAs === 'house' ? 'the prizes leave it; kept by the house' : 'the prizes leave it; carried over',
    });
  }
  return lines;
}
