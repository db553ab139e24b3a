/**
 * Places, prize pool, payouts and prizes, all derived from the state on demand, so undoing
 * an old bust or changing the pool re-derives everything that depends on it.
 *
 * Places: an entry busting when R players are left finishes R-th. Busts in one hand (one
 * BustPlayers command, or several reports sharing a hand-for-hand hand key) go out together:
 * with k busted and R left, they take places R-k+1..R, ranked by chips at the start of the
 * hand (more chips = better place, TDA Rule "Simultaneous eliminations"); equal stacks, or
 * a hand-for-hand hand configured to 'tie', share those places and their prizes. R counts
 * every entrant, late registrations included, so places are final once registration closes.
 */

import { DomainError } from '../core/errors.ts';
import { computePayouts, type PayoutLine, shareTiedPlaces } from '../money/payouts.ts';
import { computePrizePool, type PrizePool } from '../money/prize-pool.ts';
import { satelliteSeats } from '../money/satellite.ts';
import type { Minor } from '../money/types.ts';
import { listEntries } from './state.ts';
import type { Entry, TournamentState } from './types.ts';

export interface Placing {
  /** Best place of the tie (the place itself when not tied). */
  readonly place: number;
  /** Worst place of the tie; equals `place` when not tied. */
  readonly placeTo: number;
}

export function prizePool(state: TournamentState): PrizePool {
  const m = state.money;
  return computePrizePool({
    contributions: [
      { price: m.fromEntries, fee: m.fees, bounty: m.bounties },
      // A Day 2's field brought the flights' prize money with it (days.ts).
      ...(state.carried ? [{ price: state.carried.pool, fee: 0, bounty: 0 }] : []),
    ],
    addedMoney: state.config?.addedMoney ?? 0,
    fixedRake: state.config?.fixedRake ?? 0,
    guarantee: state.config?.guarantee ?? 0,
  });
}

/** Field size for the payout table: a Day 2 pays by its flights' entries (plus its own). */
export function payoutField(state: TournamentState): number {
  const c = state.carried;
  return c ? state.entrants - c.entries.length + c.flightEntries : state.entrants;
}

/** Payout lines for the current pool and field (entrants, re-entries counted), with manual edits and locks. */
export function payouts(state: TournamentState): readonly PayoutLine[] | DomainError {
  if (state.config === null || state.entrants === 0) return [];
  // A satellite pays seats at the seat value (no table, no manual edits: see satellite.ts).
  const satellite = state.config.satellite;
  if (satellite !== undefined) return satelliteSeats(prizePool(state).total, state.entrants, satellite).lines;
  const p = state.config.payout;
  return computePayouts(prizePool(state).total, payoutField(state), {
    roundTo: p.roundTo,
    ...(p.percentages === null ? {} : { percentages: p.percentages }),
    ...(p.unawarded === undefined ? {} : { unawarded: p.unawarded }),
    manual: state.payoutEdits.manual,
    locked: state.payoutEdits.locked,
  });
}

/** Payout lines, falling back to the computed table when manual edits no longer fit the pool. */
export function payoutsOrComputed(state: TournamentState): {
  readonly lines: readonly PayoutLine[];
  readonly problem: DomainError | null;
} {
  const lines = payouts(state);
  if (!(lines instanceof DomainError)) return { lines, problem: null };
  const fallback = payouts({ ...state, payoutEdits: { manual: [], locked: [] } });
  return { lines: fallback instanceof DomainError ? [] : fallback, problem: lines };
}

/** Ranks `items` best first by `chips` (null = unknown, ranked as equal); returns tie blocks. */
function tieBlocks<T>(items: readonly T[], chips: (t: T) => number | null, tie: boolean): T[][] {
  if (tie) return items.length === 0 ? [] : [[...items]];
  const sorted = [...items].sort((a, b) => (chips(b) ?? -1) - (chips(a) ?? -1));
  const blocks: T[][] = [];
  for (const item of sorted) {
    const last = blocks[blocks.length - 1];
    if (last !== undefined && chips(last[0] as T) === chips(item)) last.push(item);
    else blocks.push([item]);
  }
  return blocks;
}

/**
 * The places of the players busted in one hand when `playersLeft` were in before it: with k
 * busted they take playersLeft-k+1..playersLeft, more chips at the start of the hand placing
 * better, equal stacks (or `tie`) sharing. The console previews a bust with it.
 */
export function placesInHand<T>(
  playersLeft: number,
  busted: readonly T[],
  chips: (t: T) => number | null,
  tie: boolean,
): Map<T, Placing> {
  const out = new Map<T, Placing>();
  let next = playersLeft - busted.length + 1;
  for (const block of tieBlocks(busted, chips, tie)) {
    const placing = { place: next, placeTo: next + block.length - 1 };
    for (const item of block) out.set(item, placing);
    next += block.length;
  }
  return out;
}

/**
 * Finishing place of every entry that has one: busted entries, and the winner. `entries` is
 * `listEntries(state)` when the caller has it already (standings of 20,000 entries list them once).
 */
export function finishingPlaces(
  state: TournamentState,
  entries: readonly Entry[] = listEntries(state),
): Readonly<Record<string, Placing>> {
  const out: Record<string, Placing> = {};
  const busted = entries
    .filter((e) => e.status === 'busted' && e.bust !== null)
    .sort((a, b) => (a.bust?.ordinal ?? 0) - (b.bust?.ordinal ?? 0));
  const groups = new Map<string, Entry[]>();
  for (const e of busted) {
    const key = e.bust?.group ?? e.entryId;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [e]);
    else g.push(e);
  }
  let bustedBefore = 0;
  for (const group of groups.values()) {
    const tie = group[0]?.bust?.ranking === 'tie';
    const placed = placesInHand(
      state.entrants - bustedBefore,
      group,
      (e) => e.bust?.chipsAtStartOfHand ?? null,
      tie,
    );
    for (const [e, placing] of placed) out[e.entryId] = placing;
    bustedBefore += group.length;
  }
  const alive = entries.filter((e) => e.status === 'active');
  if (alive.length === 1) {
    out[(alive[0] as Entry).entryId] = { place: 1, placeTo: 1 };
  } else if (alive.length > 1 && state.status === 'finished' && state.config?.satellite !== undefined) {
    // A satellite stopped at its bubble: the players still in all won a seat, unranked.
    const placing = { place: 1, placeTo: alive.length };
    for (const e of alive) out[e.entryId] = placing;
  } else if (alive.length > 1 && state.status === 'finished' && state.deal !== null) {
    // Finished on a deal: the players in it are placed by their chips in the deal.
    const chipsOf = new Map(state.deal.shares.map((s) => [s.entryId, s.chips]));
    let next = 1;
    for (const block of tieBlocks(alive, (e) => chipsOf.get(e.entryId) ?? null, false)) {
      const placing = { place: next, placeTo: next + block.length - 1 };
      for (const e of block) out[e.entryId] = placing;
      next += block.length;
    }
  }
  return out;
}

/**
 * Prize of every placed entry. Tied entries share the prizes of their places
 * (`shareTiedPlaces`; odd units to the earlier entry). After a deal, its players get their
 * deal amounts, the winner also what was left to play for.
 */
export function prizes(
  state: TournamentState,
  places: Readonly<Record<string, Placing>>,
  lines: readonly PayoutLine[],
  entries: readonly Entry[] = listEntries(state),
): Readonly<Record<string, Minor>> {
  const amounts = lines.map((l) => l.amount);
  const out: Record<string, Minor> = {};
  const dealt = new Map((state.deal?.shares ?? []).map((s) => [s.entryId, s.amount]));
  const blocks = new Map<string, string[]>();
  for (const e of entries) {
    const p = places[e.entryId];
    if (p === undefined) continue;
    const share = dealt.get(e.entryId);
    if (share !== undefined) {
      out[e.entryId] = share + (p.place === 1 && p.placeTo === 1 ? (state.deal?.leftToPlayFor ?? 0) : 0);
      continue;
    }
    const key = `${p.place}-${p.placeTo}`;
    const block = blocks.get(key);
    if (block === undefined) blocks.set(key, [e.entryId]);
    else block.push(e.entryId);
  }
  for (const [key, ids] of blocks) {
    const first = Number(key.split('-')[0]);
    const shares = shareTiedPlaces(amounts, first, ids.length);
    ids.forEach((id, i) => {
      out[id] = shares[i] ?? 0;
    });
  }
  return out;
}
