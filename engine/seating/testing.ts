/** Helpers for the seating tests (not part of the public API). */
import type { Ctx } from '../core/ctx.ts';
import { DomainError } from '../core/errors.ts';
import { seededRandom } from '../core/random.ts';
import { evolveSeating } from './evolve.ts';
import { initialSeatingState } from './state.ts';
import type { SeatAssignment, SeatingConfig, SeatingEvent, SeatingState, TableDef } from './types.ts';

export function ctxOf(seed: string | number = 1, now = 1_000): Ctx {
  return { now, actor: { id: 'td-1', role: 'td' }, random: seededRandom(seed) };
}

export function fold(state: SeatingState, events: readonly SeatingEvent[]): SeatingState {
  return events.reduce(evolveSeating, state);
}

/** Unwraps a decision, failing the test on a DomainError. */
export function ok<T>(result: T | DomainError): T {
  if (result instanceof DomainError) throw new Error(`unexpected ${result.code}: ${result.message}`);
  return result;
}

export function table(id: string, seats = 10, button: number | null = null): TableDef {
  return {
    id,
    name: `Table ${id.replace(/^t/, '')}`,
    number: Number(id.replace(/^t/, '')),
    seats,
    unavailable: [],
    button,
  };
}

/**
 * A state with the given tables and players already seated: `layout` maps a table id to the
 * seats taken; entries are named `<tableId>s<seat>` (t1s4 sits at table t1, seat 4).
 */
export function seated(
  tables: readonly TableDef[],
  layout: Readonly<Record<string, readonly number[]>>,
  config?: Partial<SeatingConfig>,
): SeatingState {
  const events: SeatingEvent[] = tables.map((t) => ({ type: 'TableAdded', at: 0, actor: 'td-1', table: t }));
  const seats: SeatAssignment[] = [];
  for (const [tableId, list] of Object.entries(layout)) {
    for (const seat of list) seats.push({ entryId: `${tableId}s${seat}`, tableId, seat });
  }
  events.push({ type: 'SeatsDrawn', at: 0, actor: 'td-1', tablesAdded: [], seats });
  return fold(initialSeatingState(config), events);
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Every seated entry -> "table#seat", from the tables themselves. */
export function seatMap(state: SeatingState): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of state.tables) {
    t.occupants.forEach((entryId, i) => {
      if (entryId !== null) out[entryId] = `${t.id}#${i + 1}`;
    });
  }
  return out;
}
