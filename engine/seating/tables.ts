/** Table-level queries shared by the draw, balancing and breaking: order, sizes, tolerance. */
import { seatOf } from './state.ts';
import type { SeatingState, TableDef, TableState } from './types.ts';

/**
 * Break order comparator: tables in the posted order first (TDA rules on balancing: "the
 * table from which a player is moved will be specified by a predetermined procedure"; a
 * posted break order is that procedure for breaks), then highest table number first, the
 * usual room default.
 */
export function breakOrderCompare(state: SeatingState): (a: TableDef, b: TableDef) => number {
  const posted = new Map<string, number>();
  state.breakOrder?.forEach((id, i) => {
    posted.set(id, i);
  });
  return (a, b) => {
    const pa = posted.get(a.id) ?? Number.POSITIVE_INFINITY;
    const pb = posted.get(b.id) ?? Number.POSITIVE_INFINITY;
    if (pa !== pb) return pa < pb ? -1 : 1;
    if (a.number !== b.number) return b.number - a.number;
    return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
  };
}

/** Tables in play: those with at least one player. Empty tables wait unused. */
export function tablesInPlay(state: SeatingState): TableState[] {
  return state.tables.filter((t) => t.players > 0);
}

export function inPlayCount(state: SeatingState): number {
  let n = 0;
  for (const t of state.tables) if (t.players > 0) n++;
  return n;
}

/** The tolerance in force: relaxed while more than N tables are in play. */
export function toleranceFor(state: SeatingState, tablesInPlayNow: number): number {
  const relaxed = state.config.relaxedTolerance;
  if (relaxed && tablesInPlayNow > relaxed.whileTablesAbove) return relaxed.tolerance;
  return state.config.balanceTolerance;
}

/** Tables holding a seated player who is locked to that seat. */
export function tablesWithSeatedLocks(state: SeatingState): Set<string> {
  const out = new Set<string>();
  for (const [entryId, lock] of Object.entries(state.locks)) {
    const at = seatOf(state, entryId);
    if (at && at.tableId === lock.tableId && at.seat === lock.seat) out.add(lock.tableId);
  }
  return out;
}

/** Every table in the order it would break, tables in play only, locked tables last. */
export function breakSequence(state: SeatingState): TableState[] {
  const locked = tablesWithSeatedLocks(state);
  const cmp = breakOrderCompare(state);
  return tablesInPlay(state).sort((a, b) => {
    const la = locked.has(a.id) ? 1 : 0;
    const lb = locked.has(b.id) ? 1 : 0;
    return la !== lb ? la - lb : cmp(a, b);
  });
}
