/**
 * The live sums of the bag-and-tag sheet: each player's bag is what was typed, else their
 * last count; totals against the chips in play say whether the day can be bagged as counted.
 */
export interface BagRow {
  readonly entryId: string;
  /** The last count entered (SetChipCount), or null. */
  readonly last: number | null;
}

export interface BagTotals {
  readonly total: number;
  /** Players with neither a typed bag nor an earlier count. */
  readonly missing: number;
  /** Bags taken from earlier counts (nothing typed for them). */
  readonly fromEarlier: number;
  /** total − chips in play (0: the bags add up). */
  readonly difference: number;
  /** Typed text that is not a chip count, if any. */
  readonly bad: string | null;
  /** What the BagChips command carries: the typed counts only. */
  readonly counts: readonly { readonly entryId: string; readonly chips: number }[];
}

/** "12.500", "12 500" and "12,500" all read 12500 (a TD types what the bag label says). */
export function parseChips(text: string): number | null {
  const t = text.trim().replace(/[.,\s]/g, '');
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : null;
}

export function bagTotals(
  rows: readonly BagRow[],
  typed: Readonly<Record<string, string>>,
  inPlay: number,
): BagTotals {
  let total = 0;
  let missing = 0;
  let fromEarlier = 0;
  let bad: string | null = null;
  const counts: { entryId: string; chips: number }[] = [];
  for (const r of rows) {
    const text = typed[r.entryId]?.trim() ?? '';
    if (text !== '') {
      const n = parseChips(text);
      if (n === null) {
        bad ??= text;
        missing++;
        continue;
      }
      total += n;
      counts.push({ entryId: r.entryId, chips: n });
    } else if (r.last !== null) {
      total += r.last;
      fromEarlier++;
    } else missing++;
  }
  return { total, missing, fromEarlier, difference: total - inPlay, bad, counts };
}
