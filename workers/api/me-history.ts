/**
 * A player's own history across the venues their Felt account is linked at: each venue's
 * object answers only the records linked to the account (player-links.ts), and this joins
 * them into one list, newest first. A venue's record may not carry a finishing place (the
 * tournament is running, or results were not noted on the record): the place and prize are
 * then read from that tournament's standings — only this player's own entries.
 */
import type { VenueRecords } from '../../durable-objects/venue/player-links.ts';
import type { Env } from '../env.ts';
import { unwrap } from '../http/answers.ts';
import { tournamentStub, venueStub } from './stubs.ts';

export interface MyHistoryRow {
  readonly venueId: string;
  readonly venueName: string;
  readonly currency: string;
  readonly tournamentId: string;
  readonly tournamentName: string;
  readonly status: string | null;
  readonly at: number;
  readonly entries: number;
  readonly place: number | null;
  readonly prize: number;
}

export interface MyVenue extends VenueRecords {}

/** Tournaments whose standings one history read may open (the rest show what the record says). */
export const MAX_STANDINGS_READS = 50;

/** The linked records at each venue the account's index names (venues that unlinked answer none). */
export async function myVenues(env: Env, identityId: string, venues: readonly string[]): Promise<MyVenue[]> {
  const all = await Promise.all(
    venues.map(async (v) => {
      const answer = await venueStub(env, v).identityRecords(v, identityId);
      // A venue that no longer exists has nothing of the account's to show.
      return !answer.ok && answer.error.code === 'VENUE_NOT_FOUND' ? null : unwrap(answer);
    }),
  );
  return all.filter((v): v is MyVenue => v !== null && v.records.length > 0);
}

interface EntryResult {
  readonly entryId: string;
  readonly status: string;
  readonly place: number | null;
  readonly prize: number;
}

/**
 * The entries that have a final result: busted, or any once the tournament is finished (the
 * standings give a player still in a provisional place, which is not a result yet).
 */
async function resultsOf(env: Env, venueId: string, tournamentId: string): Promise<readonly EntryResult[]> {
  const view = JSON.parse(await tournamentStub(env, venueId, tournamentId).view(tournamentId)) as {
    standings?: { status?: string; entries?: EntryResult[] };
  };
  const finished = view.standings?.status === 'finished';
  return (view.standings?.entries ?? []).filter((e) => finished || e.status === 'busted');
}

export async function myHistory(env: Env, venues: readonly MyVenue[]): Promise<MyHistoryRow[]> {
  const rows: (MyHistoryRow & { entryIds: readonly string[] })[] = [];
  for (const v of venues) {
    for (const r of v.records) {
      for (const h of r.history) {
        rows.push({
          venueId: v.venue.id,
          venueName: v.venue.name,
          currency: v.venue.currency,
          tournamentId: h.tournamentId,
          tournamentName: h.tournamentName,
          status: h.status,
          at: h.at,
          entries: h.entryIds.length,
          entryIds: h.entryIds,
          place: h.place,
          prize: h.prize,
        });
      }
    }
  }
  rows.sort((a, b) => b.at - a.at);
  const open = rows.filter((r) => r.place === null).slice(0, MAX_STANDINGS_READS);
  const filled = new Map<(typeof rows)[number], { place: number | null; prize: number }>();
  await Promise.all(
    open.map(async (row) => {
      const mine = (await resultsOf(env, row.venueId, row.tournamentId)).filter((e) =>
        row.entryIds.includes(e.entryId),
      );
      if (mine.length === 0) return;
      const places = mine.map((e) => e.place).filter((p): p is number => p !== null);
      filled.set(row, {
        place: places.length > 0 ? Math.min(...places) : null,
        prize: mine.reduce((sum, e) => sum + e.prize, 0),
      });
    }),
  );
  return rows.map((full) => {
    const { entryIds: _ids, ...row } = full;
    const f = filled.get(full);
    return f ? { ...row, ...f } : row;
  });
}
