/**
 * Player records: create, edit, merge duplicates, and keep the per-tournament history.
 * Every function returns a new record; ids and times come in as arguments.
 */
import { DomainError } from '../core/errors.ts';
import type { Player, PlayerHistoryRow, PlayerPatch } from './types.ts';
import type { NewPlayer } from './validate.ts';

/** Longest mergedInto chain `resolvePlayer` follows; real chains are a handful of links. */
export const MAX_MERGE_CHAIN = 64;

export function createPlayer(id: string, input: NewPlayer, now: number): Player {
  return {
    id,
    name: input.name,
    nickname: input.nickname ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    notes: input.notes ?? null,
    display: input.display ?? null,
    createdAt: now,
    updatedAt: now,
    mergedFrom: [],
    mergedInto: null,
    history: [],
  };
}

function refuseMerged(p: Player, action: string): void {
  if (p.mergedInto !== null) {
    throw new DomainError(
      'PLAYER_MERGED',
      `${p.name} was merged into another player; ${action} that player instead`,
      { playerId: p.id, mergedInto: p.mergedInto },
    );
  }
}

const PATCH_KEYS = ['name', 'nickname', 'email', 'phone', 'notes', 'display'] as const;

/**
 * Applies the fields present in the patch. A patch that changes nothing returns `p` itself,
 * so saving an unchanged form does not move `updatedAt`.
 */
export function editPlayer(p: Player, patch: PlayerPatch, now: number): Player {
  refuseMerged(p, 'edit');
  let next: Player = p;
  for (const key of PATCH_KEYS) {
    const value = patch[key];
    if (value === undefined || value === p[key]) continue;
    if (key === 'name' && value === null) continue; // a name cannot be cleared
    next = { ...next, [key]: value };
  }
  return next === p ? p : { ...next, updatedAt: now };
}

/** Two rows of the same tournament (one person registered under two records). */
function combineRows(a: PlayerHistoryRow, b: PlayerHistoryRow): PlayerHistoryRow {
  const places = [a.place, b.place].filter((x): x is number => x !== null);
  return {
    tournamentId: a.tournamentId,
    entryIds: [...new Set([...a.entryIds, ...b.entryIds])],
    place: places.length === 0 ? null : Math.min(...places),
    prize: a.prize + b.prize,
    at: Math.min(a.at, b.at),
  };
}

/** Oldest first; same time by tournament id so the order never depends on input order. */
function byTime(a: PlayerHistoryRow, b: PlayerHistoryRow): number {
  return a.at - b.at || (a.tournamentId < b.tournamentId ? -1 : a.tournamentId > b.tournamentId ? 1 : 0);
}

function joinNotes(keep: Player, drop: Player): string | null {
  if (drop.notes === null || drop.notes === keep.notes) return keep.notes;
  if (keep.notes === null) return drop.notes;
  // Staff notes are never silently lost; the TD can tidy them afterwards.
  return `${keep.notes}\n\n[merged from ${drop.name}] ${drop.notes}`;
}

/**
 * Merges a duplicate record into the one the TD keeps. `keep`'s own fields win; its empty
 * nickname, email, phone and display are filled from `drop`, and staff notes of both are
 * kept. `createdAt` becomes the earlier of the two: the venue has known the person since
 * then (and findByName prefers the oldest record). `drop` stays stored, marked mergedInto,
 * so old references resolve and the merge can be audited.
 */
export function mergePlayers(keep: Player, drop: Player, now: number): { kept: Player; dropped: Player } {
  if (keep.id === drop.id) {
    throw new DomainError('PLAYER_MERGE_SELF', `Cannot merge ${keep.name} into itself`, {
      playerId: keep.id,
    });
  }
  refuseMerged(keep, 'merge into');
  refuseMerged(drop, 'merge');
  const rows = new Map<string, PlayerHistoryRow>();
  for (const row of [...keep.history, ...drop.history]) {
    const seen = rows.get(row.tournamentId);
    rows.set(row.tournamentId, seen === undefined ? row : combineRows(seen, row));
  }
  const kept: Player = {
    ...keep,
    nickname: keep.nickname ?? drop.nickname,
    email: keep.email ?? drop.email,
    phone: keep.phone ?? drop.phone,
    notes: joinNotes(keep, drop),
    display: keep.display ?? drop.display,
    createdAt: Math.min(keep.createdAt, drop.createdAt),
    updatedAt: now,
    mergedFrom: [...new Set([...keep.mergedFrom, drop.id, ...drop.mergedFrom])],
    history: [...rows.values()].sort(byTime),
  };
  const dropped: Player = { ...drop, mergedInto: keep.id, updatedAt: now };
  return { kept, dropped };
}

/**
 * The live record for an id, following mergedInto links. Undefined when the id is unknown or
 * the links loop or run longer than MAX_MERGE_CHAIN (corrupt data: better no answer than a
 * hang). A link to a missing record stops at the last record found.
 */
export function resolvePlayer(players: ReadonlyMap<string, Player>, id: string): Player | undefined {
  let current = players.get(id);
  const seen = new Set<string>();
  while (current !== undefined && current.mergedInto !== null) {
    if (seen.has(current.id) || seen.size >= MAX_MERGE_CHAIN) return undefined;
    seen.add(current.id);
    const next = players.get(current.mergedInto);
    if (next === undefined) return current;
    current = next;
  }
  return current;
}

/**
 * Notes that the player entered a tournament. A re-entry adds its entry id to the same row;
 * recording the same entry twice changes nothing (replays are safe). `updatedAt` is for
 * profile edits and does not move.
 */
export function recordEntry(p: Player, row: { tournamentId: string; entryId: string; at: number }): Player {
  refuseMerged(p, 'record entries on');
  const i = p.history.findIndex((r) => r.tournamentId === row.tournamentId);
  const existing = p.history[i];
  if (existing !== undefined) {
    if (existing.entryIds.includes(row.entryId)) return p;
    const history = p.history.slice();
    history[i] = { ...existing, entryIds: [...existing.entryIds, row.entryId] };
    return { ...p, history };
  }
  const added: PlayerHistoryRow = {
    tournamentId: row.tournamentId,
    entryIds: [row.entryId],
    place: null,
    prize: 0,
    at: row.at,
  };
  return { ...p, history: [...p.history, added].sort(byTime) };
}

/**
 * Sets the player's result in a tournament: their best place over all their entries (null
 * clears it, e.g. after an undone bust) and their total prize in minor units. It overwrites
 * rather than adds, so recording again after a correction or a replay cannot double a prize.
 */
export function recordResult(p: Player, tournamentId: string, place: number | null, prize: number): Player {
  refuseMerged(p, 'record results on');
  if (place !== null && !(Number.isInteger(place) && place >= 1)) {
    throw new DomainError('PLAYER_RESULT_INVALID', `Place must be 1 or more, not ${place}`, { place });
  }
  if (!(Number.isSafeInteger(prize) && prize >= 0)) {
    throw new DomainError(
      'PLAYER_RESULT_INVALID',
      `Prize must be a whole amount of 0 or more, not ${prize}`,
      {
        prize,
      },
    );
  }
  const i = p.history.findIndex((r) => r.tournamentId === tournamentId);
  const existing = p.history[i];
  if (existing === undefined) {
    throw new DomainError(
      'PLAYER_NOT_IN_TOURNAMENT',
      `${p.name} has no entry in this tournament; record the entry before the result`,
      { playerId: p.id, tournamentId },
    );
  }
  if (existing.place === place && existing.prize === prize) return p;
  const history = p.history.slice();
  history[i] = { ...existing, place, prize };
  return { ...p, history };
}
