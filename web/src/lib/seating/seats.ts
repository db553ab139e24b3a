/**
 * Seating in words and rows for the Seating tab and its printed sheet: who sits where in name
 * order, and the moves players were sent on (from the event log, so broken tables keep their
 * names). Pure functions of the view and the log, tested in ./seats.test.ts.
 */
import type { Move, SeatingView } from '../../../../engine/seating/types.ts';

export interface SeatRow {
  readonly entryId: string;
  readonly name: string;
  readonly tableId: string;
  readonly tableName: string;
  readonly table: number;
  readonly seat: number;
}

/** Everyone seated, by name (the list a player looks themselves up in), ties by table and seat. */
export function alphabetical(seating: SeatingView, nameOf: (entryId: string) => string): SeatRow[] {
  const rows: SeatRow[] = [];
  for (const t of seating.tables) {
    for (const s of t.seatMap) {
      if (!s.entryId) continue;
      rows.push({
        entryId: s.entryId,
        name: nameOf(s.entryId),
        tableId: t.id,
        tableName: t.name,
        table: t.number,
        seat: s.seat,
      });
    }
  }
  return rows.sort(
    (a, b) =>
      a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) ||
      a.table - b.table ||
      a.seat - b.seat,
  );
}

export interface MoveRow {
  readonly key: string;
  readonly seq: number;
  readonly at: number;
  readonly commandId: string;
  /** Why: "balance", "Table 4 broken", "final table". */
  readonly why: string;
  readonly move: Move;
}

interface LoggedEvent {
  readonly seq: number;
  readonly at: number;
  readonly type: string;
  readonly event: Record<string, unknown>;
}

/**
 * Every player move the log holds, newest first: balancing and TD moves (PlayersMoved), table
 * breaks (TableBroken) and the final-table draw (FinalTableDrawn). Moves of commands undone
 * now are left out: the players are back where they were.
 */
export function moveHistory(events: readonly LoggedEvent[], undone: ReadonlySet<string>): MoveRow[] {
  const rows: MoveRow[] = [];
  for (const e of events) {
    const commandId = String(e.event.commandId ?? '');
    if (undone.has(commandId)) continue;
    const why =
      e.type === 'PlayersMoved'
        ? null
        : e.type === 'TableBroken'
          ? `${String((e.event.table as { name?: unknown } | undefined)?.name ?? 'table')} broken`
          : e.type === 'FinalTableDrawn'
            ? 'final table draw'
            : undefined;
    if (why === undefined) continue;
    const moves = (e.event.moves ?? []) as readonly Move[];
    moves.forEach((move, i) => {
      // The final-table draw lists everyone, also those who stayed put.
      if (move.from.tableId === move.to.tableId && move.from.seat === move.to.seat) return;
      rows.push({ key: `${e.seq}-${i}`, seq: e.seq, at: e.at, commandId, why: why ?? move.reason, move });
    });
  }
  return rows.sort((a, b) => b.seq - a.seq || a.key.localeCompare(b.key));
}

/** Table names by id, from the view and then from the log (a broken table is gone from the view). */
export function tableNames(seating: SeatingView | null, events: readonly LoggedEvent[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const e of events) {
    const table = (e.event.table ?? null) as { id?: unknown; name?: unknown } | null;
    if (table && typeof table.id === 'string' && typeof table.name === 'string')
      names.set(table.id, table.name);
    const listed = [
      ...((e.event.tablesAdded ?? []) as readonly { id: string; name: string }[]),
      ...((e.event.tablesBroken ?? []) as readonly { id: string; name: string }[]),
    ];
    for (const t of listed) names.set(t.id, t.name);
  }
  for (const t of seating?.tables ?? []) names.set(t.id, t.name);
  return names;
}

/** Seats still open at tables in play (where a late or moved player could go). */
export function openSeats(seating: SeatingView): number {
  let open = 0;
  for (const t of seating.tables) {
    if (!t.inPlay) continue;
    for (const s of t.seatMap) if (!s.entryId && !s.unavailable && !s.locked) open++;
  }
  return open;
}
