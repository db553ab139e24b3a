/**
 * Bounties. Each entry carries money on its head (the bounty part of every buy-in, rebuy and
 * add-on it paid). When it busts:
 *
 * - fixed: the hitman collects the whole head as cash.
 * - progressive knockout: half goes to the hitman as cash and half onto the hitman's own
 *   head (the PKO format as PokerStars and most rooms run it: "half of the bounty is awarded
 *   immediately, the other half is added to your own bounty"). An odd minor unit goes to the
 *   cash half, so nothing is lost.
 * - a bust with no hitman named (e.g. two players busted by a third who also went out, or
 *   the TD does not know): the head goes to the house as "unclaimed", shown in the ledger,
 *   never silently to anyone. The TD can undo and re-enter the bust with a hitman.
 *
 * A multi-bust with one hitman collects every busted head. The winner keeps their own head
 * (paid out to themselves at the finish, see standings.ts), so all bounty money is accounted.
 *
 * Bust order matters for progressive bounties, so undoing an older bust recomputes the
 * whole ledger from the bust record (`recomputeBounties`), while a new bust is applied
 * incrementally (`applyBustBounties`).
 */
import type { Minor } from '../money/types.ts';
import { mapGet, mapSet, mapValues, type PMap } from './pmap.ts';
import type { BountyMode, Entry } from './types.ts';

export interface BountyResult {
  readonly entries: PMap<Entry>;
  readonly unclaimed: Minor;
}

/** Applies the knockouts of one bust (busted entries already marked busted or not: only heads move). */
export function applyBustBounties(
  entries: PMap<Entry>,
  bustedIds: readonly string[],
  hitmanEntryId: string | null,
  mode: BountyMode,
  unclaimed: Minor,
): BountyResult {
  let map = entries;
  let lost = unclaimed;
  for (const id of bustedIds) {
    const busted = mapGet(map, id);
    if (busted === undefined) continue;
    const head = busted.bountyOnHead;
    map = mapSet(map, id, { ...busted, bountyOnHead: 0 });
    const hitman = hitmanEntryId === null ? undefined : mapGet(map, hitmanEntryId);
    if (hitman === undefined) {
      lost += head;
      continue;
    }
    // Knockouts are counted in every mode (stats, and undo checks who was a hitman).
    const cash = mode === 'progressive' ? Math.ceil(head / 2) : head;
    map = mapSet(map, hitman.entryId, {
      ...hitman,
      bountiesWon: hitman.bountiesWon + cash,
      bountyOnHead: hitman.bountyOnHead + (head - cash),
      knockouts: hitman.knockouts + 1,
    });
  }
  return { entries: map, unclaimed: lost };
}

/** The whole ledger again from the bust record, in bust order. */
export function recomputeBounties(entries: PMap<Entry>, mode: BountyMode): BountyResult {
  let map = entries;
  const all = mapValues(entries);
  for (const e of all) {
    const head = mode === 'none' ? 0 : e.paid.bounty;
    if (e.bountyOnHead !== head || e.bountiesWon !== 0 || e.knockouts !== 0) {
      map = mapSet(map, e.entryId, { ...e, bountyOnHead: head, bountiesWon: 0, knockouts: 0 });
    }
  }
  const busts = all
    .filter((e) => e.status === 'busted' && e.bust !== null)
    .sort((a, b) => (a.bust?.ordinal ?? 0) - (b.bust?.ordinal ?? 0));
  let unclaimed = 0;
  for (const e of busts) {
    // The head it busted with may differ now that earlier knockouts changed: keep the record true.
    const now = mapGet(map, e.entryId);
    if (now?.bust && now.bust.bountyAtBust !== now.bountyOnHead) {
      map = mapSet(map, e.entryId, { ...now, bust: { ...now.bust, bountyAtBust: now.bountyOnHead } });
    }
    const r = applyBustBounties(map, [e.entryId], e.bust?.hitmanEntryId ?? null, mode, unclaimed);
    map = r.entries;
    unclaimed = r.unclaimed;
  }
  return { entries: map, unclaimed };
}
