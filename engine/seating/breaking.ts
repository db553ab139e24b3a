/**
 * Breaking tables and the final-table consolidation.
 *
 * TDA rules on breaking tables: "players from a broken table will be assigned new tables and
 * seats by a 2-step random process" (first a table, then a seat) and "can get any seat
 * including small or big blind or the button". Step one draws among the tables with the
 * fewest players that still have an open seat, so the receiving tables fill evenly and never
 * overfill; step two draws a seat among that table's open seats.
 */
import type { Ctx } from '../core/ctx.ts';
import { availableSeats, isLockedAt, openSeatCount, openSeats, tableDef } from './state.ts';
import { breakOrderCompare, breakSequence } from './tables.ts';
import type {
  FinalTableDrawn,
  Move,
  SeatAssignment,
  SeatingState,
  SeatRef,
  TableBroken,
  TableState,
} from './types.ts';

/**
 * The next table to break when the players left fit in one fewer table, or null. A table can
 * go when the open seats elsewhere take all its players, which works out to: its available
 * seats are no more than all open seats in play. Tables holding a locked player break last.
 */
export function autoBreakCandidate(state: SeatingState): TableState | null {
  let totalOpen = 0;
  let smallestCapacity = Number.POSITIVE_INFINITY;
  let inPlay = 0;
  for (const t of state.tables) {
    if (t.players === 0) continue;
    inPlay++;
    totalOpen += openSeatCount(t);
    smallestCapacity = Math.min(smallestCapacity, availableSeats(t));
  }
  if (inPlay <= 1 || smallestCapacity > totalOpen) return null;
  for (const t of breakSequence(state)) {
    if (availableSeats(t) <= totalOpen) return t;
  }
  return null;
}

/** The next table in the break order (TD's BreakTable without a table id). */
export function nextInBreakOrder(state: SeatingState): TableState | null {
  return breakSequence(state)[0] ?? null;
}

export function roomElsewhere(state: SeatingState, tableId: string): number {
  let open = 0;
  for (const t of state.tables) if (t.players > 0 && t.id !== tableId) open += openSeatCount(t);
  return open;
}

function locksOn(state: SeatingState, tableIds: ReadonlySet<string>): SeatAssignment[] {
  const out: SeatAssignment[] = [];
  for (const [entryId, lock] of Object.entries(state.locks)) {
    if (tableIds.has(lock.tableId)) out.push({ entryId, tableId: lock.tableId, seat: lock.seat });
  }
  return out;
}

/**
 * Breaks `table`: its players, in random order, each draw a table (fewest players first,
 * ties at random) and then a seat. The caller checked there is room.
 */
export function planBreak(state: SeatingState, table: TableState, ctx: Ctx, why: string): TableBroken {
  const receivers = state.tables
    .filter((t) => t.players > 0 && t.id !== table.id && openSeatCount(t) > 0)
    .map((t) => ({ table: t, players: t.players, open: openSeats(t) }));
  const leaving: { entryId: string; seat: number }[] = [];
  table.occupants.forEach((entryId, i) => {
    if (entryId !== null) leaving.push({ entryId, seat: i + 1 });
  });
  let n = state.nextMoveNumber;
  const moves: Move[] = [];
  for (const p of ctx.random.shuffle(leaving)) {
    let fewest = Number.POSITIVE_INFINITY;
    for (const r of receivers) if (r.open.length > 0 && r.players < fewest) fewest = r.players;
    const tied = receivers.filter((r) => r.open.length > 0 && r.players === fewest);
    const chosen = ctx.random.pick(tied);
    if (!chosen) break;
    const seat = chosen.open.splice(ctx.random.int(chosen.open.length), 1)[0] as number;
    chosen.players++;
    moves.push({
      moveId: `m${n++}`,
      entryId: p.entryId,
      from: { tableId: table.id, seat: p.seat },
      to: { tableId: chosen.table.id, seat },
      reason: `${table.name} broken (${why}): drew ${chosen.table.name}, then seat ${seat}`,
      random: true,
    });
  }
  return {
    type: 'TableBroken',
    at: ctx.now,
    actor: ctx.actor.id,
    table: tableDef(table),
    moves,
    locksReleased: locksOn(state, new Set([table.id])),
  };
}

/** The table that stays as the final table: the one that would break last and seats everyone. */
export function finalTableCandidate(state: SeatingState): TableState | null {
  const total = state.seated;
  const seq = breakSequence(state);
  for (let i = seq.length - 1; i >= 0; i--) {
    const t = seq[i] as TableState;
    if (availableSeats(t) >= total) return t;
  }
  return null;
}

/**
 * Consolidates to one table with a full random redraw (TDA rules on the final table; the
 * redraw is the common practice the issue asks for): every remaining player draws a seat at
 * the final table; a player locked to a seat at that table keeps it.
 */
export function planFinalTable(state: SeatingState, finalTable: TableState, ctx: Ctx): FinalTableDrawn {
  const players: { entryId: string; from: SeatRef }[] = [];
  const keep = new Map<string, number>();
  for (const t of state.tables) {
    t.occupants.forEach((entryId, i) => {
      if (entryId === null) return;
      const from = { tableId: t.id, seat: i + 1 };
      if (t.id === finalTable.id && isLockedAt(state, entryId, from)) keep.set(entryId, i + 1);
      else players.push({ entryId, from });
    });
  }
  const keptSeats = new Set(keep.values());
  const seats = ctx.random.shuffle(
    openSeats({ ...finalTable, occupants: finalTable.occupants.map(() => null) }).filter(
      (s) => !keptSeats.has(s),
    ),
  );
  let n = state.nextMoveNumber;
  const moves: Move[] = [];
  for (const [entryId, seat] of keep) {
    const at = { tableId: finalTable.id, seat };
    moves.push({
      moveId: `m${n++}`,
      entryId,
      from: at,
      to: at,
      reason: 'final table: keeps the locked seat',
      random: false,
    });
  }
  ctx.random.shuffle(players).forEach((p, i) => {
    const seat = seats[i] as number;
    moves.push({
      moveId: `m${n++}`,
      entryId: p.entryId,
      from: p.from,
      to: { tableId: finalTable.id, seat },
      reason: `final table redraw: seat ${seat}`,
      random: true,
    });
  });
  const brokenIds = new Set<string>();
  const tablesBroken = state.tables
    .filter((t) => t.id !== finalTable.id && t.players > 0)
    .sort(breakOrderCompare(state))
    .map((t) => {
      brokenIds.add(t.id);
      return tableDef(t);
    });
  return {
    type: 'FinalTableDrawn',
    at: ctx.now,
    actor: ctx.actor.id,
    tableId: finalTable.id,
    moves,
    tablesBroken,
    locksReleased: locksOn(state, brokenIds),
  };
}
