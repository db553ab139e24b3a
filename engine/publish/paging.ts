/**
 * The public view of a large field, in parts (issue 15 item 4, issue 16 item 2): every phone
 * and TV of a 5,000-entry event reading the whole field and every seat was 2.4 MB each. Above
 * LARGE_FIELD entries the view followers get (hello, patches, GET) is a summary: the clock and
 * figures whole, the top of the rankings, the first payout places, the seating as per-table
 * counts; the rest is read in pages (standings, tables) or by entry (find my entry, my entry).
 * Everything here works on the already-published view (publish.ts): names are as published
 * and nothing hidden is left to search or page through.
 */

type Json = Record<string, unknown>;

/** Fields up to this many entries keep the whole view (a club night sees no change). */
export const LARGE_FIELD = 200;
/** Rankings rows in the summary: a phone's first screen and a TV's two columns. */
export const TOP_ENTRIES = 30;
/** Payout places in the summary (the rest: `partial.payouts` says how many there are). */
export const TOP_PAYOUTS = 30;
/** Waiting-list rows, bounty rows and pending moves in the summary. */
export const TOP_OTHERS = 20;
/** Most rows one page of standings (or tables) carries. */
export const MAX_STANDINGS_PAGE = 100;
export const MAX_TABLES_PAGE = 50;
/** Most entries a name search answers: enough to pick oneself, too few to list the field. */
export const MAX_SEARCH_RESULTS = 8;

/** Present on a summarised view: how much of each list the whole view has. */
export interface PartialMarker {
  readonly entries: number;
  readonly payouts: number;
  readonly tables: number;
  readonly waitingList: number;
  readonly bountyRows: number;
}

const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

export function isLargeField(view: Json): boolean {
  return list((view.standings as Json | undefined)?.entries).length > LARGE_FIELD;
}

/**
 * The summary of a published view when the field is large, else the view unchanged. Bounded
 * whatever the field: top entries, payout places and bounty rows are cut; seats are left out
 * (tableSizes keeps each table's count, tables their count), with the names of the players
 * and tables the pending moves name (`moveNames`); the clock, figures, structure and config
 * stay whole. Same shape as the whole view, so screens need no second code path
 * for what the summary has.
 */
export function summarisedView<V extends Json>(view: V): V {
  const standings = view.standings as Json | undefined;
  if (!standings || !isLargeField(view)) return view;
  const entries = list(standings.entries);
  const payouts = list(standings.payouts);
  const waitingList = list(standings.waitingList);
  const bounties = (standings.bounties ?? {}) as Json;
  const byPlayer = list(bounties.byPlayer);
  const seating = view.seating as Json | null | undefined;
  const tables = list(seating?.tables);
  const pendingMoves = list(seating?.pendingMoves).slice(0, TOP_OTHERS);
  const partial: PartialMarker = {
    entries: entries.length,
    payouts: payouts.length,
    tables: tables.length,
    waitingList: waitingList.length,
    bountyRows: byPlayer.length,
  };
  return {
    ...view,
    partial,
    moveNames: moveNames(pendingMoves, entries, tables),
    standings: {
      ...standings,
      entries: entries.slice(0, TOP_ENTRIES),
      payouts: payouts.slice(0, TOP_PAYOUTS),
      waitingList: waitingList.slice(0, TOP_OTHERS),
      bounties: {
        ...bounties,
        byPlayer: [...byPlayer]
          .sort((a, b) => Number(b.bountiesWon ?? 0) - Number(a.bountiesWon ?? 0))
          .slice(0, TOP_OTHERS),
      },
    },
    seating: seating
      ? {
          ...seating,
          tables: [],
          pendingMoves,
          // The break order names every table: the next few are what the floor posts.
          breakOrder: list(seating.breakOrder).slice(0, 5),
        }
      : (seating ?? null),
  };
}

/** Published names of the players and tables the pending moves name (the summary has no seats). */
export interface MoveNames {
  readonly entries: Readonly<Record<string, string>>;
  readonly tables: Readonly<Record<string, string>>;
}

function moveNames(moves: readonly Json[], entries: readonly Json[], tables: readonly Json[]): MoveNames {
  const entryIds = new Set(moves.map((m) => m.entryId));
  const tableIds = new Set(moves.flatMap((m) => [(m.from as Json).tableId, (m.to as Json).tableId]));
  return {
    entries: Object.fromEntries(
      entries.filter((e) => entryIds.has(e.entryId)).map((e) => [String(e.entryId), String(e.name)]),
    ),
    tables: Object.fromEntries(
      tables.filter((t) => tableIds.has(t.id)).map((t) => [String(t.id), String(t.name)]),
    ),
  };
}

export interface Page<T> {
  readonly total: number;
  readonly offset: number;
  readonly items: readonly T[];
}

function page<T>(all: readonly T[], offset: number, limit: number, max: number): Page<T> {
  const n = Math.max(1, Math.min(max, Math.floor(limit)));
  const from = Math.max(0, Math.floor(offset));
  return { total: all.length, offset: from, items: all.slice(from, from + n) };
}

/** A page of the standings, in the view's order (still in by chips, then the finished by place). */
export function standingsPage(view: Json, offset: number, limit: number): Page<Json> {
  return page(list((view.standings as Json | undefined)?.entries), offset, limit, MAX_STANDINGS_PAGE);
}

export interface EntryMatch {
  readonly entryId: string;
  readonly number: number;
  readonly name: string;
  readonly status: string;
}

/**
 * Entries whose published name contains `query` (case-insensitive, at least 2 letters), still
 * in first. Only published names are searched: a hidden player is found as "Entry 12" or not
 * at all, never by the name the venue hides.
 */
export function searchEntries(view: Json, query: string): EntryMatch[] {
  const q = query.trim().toLocaleLowerCase();
  if (q.length < 2) return [];
  const hits = list((view.standings as Json | undefined)?.entries)
    .filter((e) => e.status !== 'unregistered' && String(e.name).toLocaleLowerCase().includes(q))
    .map((e) => ({
      entryId: String(e.entryId),
      number: Number(e.number),
      name: String(e.name),
      status: String(e.status),
    }));
  hits.sort((a, b) => Number(b.status === 'active') - Number(a.status === 'active') || a.number - b.number);
  return hits.slice(0, MAX_SEARCH_RESULTS);
}

export interface MyEntryView {
  /** The entry's standing row as published. */
  readonly entry: Json;
  /** 1-based position in the standings (chips among those still in; place once out). */
  readonly position: number;
  /** Where the entry sits, when seated and the seating is published. */
  readonly table: { readonly id: string; readonly name: string; readonly number: number } | null;
  readonly seat: number | null;
}

/** One entry as a phone shows "my entry"; null when the view has no such entry. */
export function myEntry(view: Json, entryId: string): MyEntryView | null {
  const entries = list((view.standings as Json | undefined)?.entries);
  const i = entries.findIndex((e) => e.entryId === entryId);
  if (i < 0) return null;
  for (const t of list((view.seating as Json | null | undefined)?.tables)) {
    const s = list(t.seatMap).find((x) => x.entryId === entryId);
    if (s)
      return {
        entry: entries[i]!,
        position: i + 1,
        table: { id: String(t.id), name: String(t.name), number: Number(t.number) },
        seat: Number(s.seat),
      };
  }
  return { entry: entries[i]!, position: i + 1, table: null, seat: null };
}

export interface PublicTable {
  readonly id: string;
  readonly name: string;
  readonly number: number;
  readonly seats: number;
  readonly players: number;
  /** Occupied seats with the published name: what a TV's seating page shows. */
  readonly seated: readonly { readonly seat: number; readonly entryId: string; readonly name: string }[];
}

/**
 * A page of tables by number with who sits where (names as published), or the one table
 * numbered `number`. Null when the venue does not publish the seating.
 */
export function tablesPage(
  view: Json,
  query: { readonly offset: number; readonly limit: number; readonly number?: number | undefined },
): Page<PublicTable> | null {
  const seating = view.seating as Json | null | undefined;
  if (!seating) return null;
  const names = new Map(
    list((view.standings as Json | undefined)?.entries).map((e) => [e.entryId, String(e.name)]),
  );
  const tables = list(seating.tables).filter((t) => query.number === undefined || t.number === query.number);
  const shown = page(tables, query.offset, query.limit, MAX_TABLES_PAGE);
  return {
    ...shown,
    items: shown.items.map((t) => ({
      id: String(t.id),
      name: String(t.name),
      number: Number(t.number),
      seats: Number(t.seats),
      players: Number(t.players),
      seated: list(t.seatMap)
        .filter((s) => typeof s.entryId === 'string')
        .map((s) => ({
          seat: Number(s.seat),
          entryId: String(s.entryId),
          name: names.get(s.entryId) ?? 'Hidden player',
        })),
    })),
  };
}
