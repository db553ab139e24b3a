import { describe, expect, it } from 'vitest';
import { tournamentView } from '../../durable-objects/tournament/view.ts';
import { Harness, T0 } from '../tournament/testing.ts';
import {
  LARGE_FIELD,
  MAX_SEARCH_RESULTS,
  MAX_STANDINGS_PAGE,
  MAX_TABLES_PAGE,
  myEntry,
  type PartialMarker,
  searchEntries,
  standingsPage,
  summarisedView,
  TOP_ENTRIES,
  tablesPage,
} from './paging.ts';
import { PUBLISH_ALL, type Publication, publicView } from './publish.ts';

type Json = Record<string, unknown>;

/** A started tournament of n entries, seated; its published view. */
function field(n: number, pub: Publication = PUBLISH_ALL): { view: Json; ids: string[] } {
  const h = new Harness();
  h.create();
  h.run({ type: 'OpenRegistration' });
  const ids = h.register(n);
  h.run({ type: 'DrawSeats' } as never);
  h.run({ type: 'StartTournament' }, T0);
  const view = publicView(tournamentView(h.state, h.events.length, T0 + 1000) as unknown as Json, pub);
  return { view, ids };
}

const bytes = (v: unknown) => JSON.stringify(v).length;

const hidden: Publication = {
  publish: { ...PUBLISH_ALL.publish, names: 'hidden' },
  players: { p7: 'full' },
};

describe('the public view of a large field', () => {
  it('is the whole view up to LARGE_FIELD entries (a club night sees no change)', () => {
    const { view } = field(LARGE_FIELD);
    expect(summarisedView(view)).toBe(view);
    expect((view.standings as { entries: unknown[] }).entries).toHaveLength(LARGE_FIELD);
  });

  it('is a bounded summary above it: the same size at 300 and 1,500 entries, marked partial', () => {
    const sizes = [300, 1500].map((n) => {
      const { view } = field(n);
      const summary = summarisedView(view) as Json & { partial: PartialMarker };
      const standings = summary.standings as { entries: Json[]; playersLeft: number; entrants: number };
      expect(summary.partial.entries).toBe(n);
      expect(summary.partial.tables).toBe(Math.ceil(n / 10));
      expect(standings.entries).toHaveLength(TOP_ENTRIES);
      expect(standings.playersLeft).toBe(n);
      expect(standings.entrants).toBe(n);
      const seating = summary.seating as { tables: unknown[]; tableSizes: Record<string, number> };
      expect(seating.tables).toEqual([]);
      // Per-table counts stay: every table and how many sit at it.
      expect(Object.values(seating.tableSizes).reduce((a, b) => a + b, 0)).toBe(n);
      expect(bytes(summary)).toBeLessThan(bytes(view) / 4);
      return bytes(summary) - bytes(seating.tableSizes);
    });
    // Apart from the per-table counts (a few bytes a table) it does not grow with the field.
    expect(Math.abs(sizes[1]! - sizes[0]!)).toBeLessThan(2000);
  });

  it('names the players and tables of the pending moves (a TV shows them)', () => {
    const h = new Harness();
    h.create();
    h.run({ type: 'OpenRegistration' });
    h.register(260);
    h.run({ type: 'DrawSeats' } as never);
    h.run({ type: 'StartTournament' }, T0);
    const table = h.state.seating.tables[0]!;
    for (const entryId of table.occupants.filter((o) => o !== null).slice(0, 2))
      h.run({ type: 'BustPlayers', busts: [{ entryId }] } as never);
    const summary = summarisedView(
      publicView(tournamentView(h.state, h.events.length, T0) as unknown as Json, PUBLISH_ALL),
    ) as Json & { moveNames: { entries: Record<string, string>; tables: Record<string, string> } };
    const moves = (summary.seating as { pendingMoves: { entryId: string; to: { tableId: string } }[] })
      .pendingMoves;
    expect(moves.length).toBeGreaterThan(0);
    for (const m of moves) {
      expect(summary.moveNames.entries[m.entryId]).toMatch(/^Player \d+$/);
      expect(summary.moveNames.tables[m.to.tableId]).toBe(table.name);
    }
  });

  it('holds nothing private: no player ids, hidden names stay hidden in the summary, pages and search', () => {
    const { view, ids } = field(250, hidden);
    const summary = summarisedView(view);
    const text = JSON.stringify(summary);
    expect(text).not.toMatch(/"playerId":"p\d/);
    expect(text).not.toContain('Player 1"');
    const page = standingsPage(view, 0, MAX_STANDINGS_PAGE);
    expect(page.items.every((e) => e.playerId === '')).toBe(true);
    expect(JSON.stringify(page)).not.toMatch(/Player (?!7")\d+"/);
    // The hidden name is not searchable; the published "Entry 12" and a player's own full name are.
    expect(searchEntries(view, 'Player 12')).toEqual([]);
    expect(searchEntries(view, 'Entry 12')[0]?.name).toBe('Entry 12');
    expect(searchEntries(view, 'Player 7').map((m) => m.entryId)).toEqual([ids[6]]);
    const tables = tablesPage(view, { offset: 0, limit: MAX_TABLES_PAGE });
    expect(JSON.stringify(tables)).not.toMatch(/Player (?!7")\d+"/);
  });

  it('answers a name search with a few matches, still in first', () => {
    const { view } = field(300);
    const hits = searchEntries(view, 'player 1');
    expect(hits).toHaveLength(MAX_SEARCH_RESULTS);
    expect(hits.every((h) => h.name.toLowerCase().includes('player 1'))).toBe(true);
    expect(searchEntries(view, 'p')).toEqual([]);
    expect(searchEntries(view, 'nobody')).toEqual([]);
  });

  it("reads one entry with its table and seat, and the same seat the table's page shows", () => {
    const { view, ids } = field(300);
    const mine = myEntry(view, ids[41]!);
    expect(mine).not.toBeNull();
    expect(mine!.entry.name).toBe('Player 42');
    expect(mine!.table).not.toBeNull();
    const table = tablesPage(view, { offset: 0, limit: 10, number: mine!.table!.number });
    expect(table!.items).toHaveLength(1);
    expect(table!.items[0]!.seated).toContainEqual({ seat: mine!.seat, entryId: ids[41], name: 'Player 42' });
    expect(myEntry(view, 'e-nope')).toBeNull();
  });

  it('pages the standings and the tables within their bounds', () => {
    const { view } = field(300);
    const first = standingsPage(view, 0, 1000);
    expect(first.items).toHaveLength(MAX_STANDINGS_PAGE);
    const last = standingsPage(view, 250, 100);
    expect(last).toMatchObject({ total: 300, offset: 250 });
    expect(last.items).toHaveLength(50);
    const all = [0, 100, 200].flatMap((o) => standingsPage(view, o, 100).items.map((e) => e.entryId));
    expect(new Set(all).size).toBe(300);
    const tables = tablesPage(view, { offset: 20, limit: 1000 })!;
    expect(tables.total).toBe(30);
    expect(tables.items).toHaveLength(10);
    expect(tables.items.reduce((a, t) => a + t.seated.length, 0)).toBe(100);
  });

  it('has no tables to page when the venue does not publish the seating', () => {
    const { view } = field(250, { publish: { ...PUBLISH_ALL.publish, seating: false }, players: {} });
    expect(tablesPage(view, { offset: 0, limit: 10 })).toBeNull();
    expect(myEntry(view, String((view.standings as { entries: Json[] }).entries[0]!.entryId))).toMatchObject({
      table: null,
      seat: null,
    });
  });
});
