/**
 * The opening draw and seating of late entries (TDA rules on random correct seating, and on
 * alternates, late registrants and re-entries: they "draw a seat and table by the same process
 * and from the same seat pool then in place for new players").
 */
import type { Ctx } from '../core/ctx.ts';
import { DomainError } from '../core/errors.ts';
import {
  isSeatAvailable,
  newTableDef,
  nextTableId,
  openSeatCount,
  openSeats,
  seatOf,
  tableById,
  tableIdAllocator,
} from './state.ts';
import { breakOrderCompare } from './tables.ts';
import type { EntrySeated, SeatAssignment, SeatingState, SeatRef, SeatsDrawn, TableDef } from './types.ts';

interface Slot {
  readonly def: TableDef;
  /** Open seats for the draw, not counting the locked entries' seats. */
  readonly free: number[];
  readonly locked: SeatAssignment[];
  /** Players the TD seated by hand before the draw: they stay and count toward the table. */
  readonly fixed: number;
  count: number;
}

/**
 * Spreads `total` players over the slots as evenly as capacities allow (water filling: every
 * table gets `level` players or its capacity, the remainder one extra each at random).
 */
function spread(slots: Slot[], total: number, ctx: Ctx): void {
  const held = (s: Slot) => s.locked.length + s.fixed;
  const cap = (s: Slot) => s.free.length + held(s);
  const at = (s: Slot, level: number) => Math.min(cap(s), Math.max(level, held(s)));
  const sum = (level: number) => slots.reduce((acc, s) => acc + at(s, level), 0);
  let level = 0;
  while (level < 10 && sum(level + 1) <= total) level++;
  for (const s of slots) s.count = at(s, level);
  let rest = total - sum(level);
  for (const s of ctx.random.shuffle(slots.filter((x) => at(x, level + 1) > at(x, level)))) {
    if (rest <= 0) break;
    s.count++;
    rest--;
  }
}

/**
 * Draws every entry a seat: the fewest tables that hold the field (the tables that break last
 * are used first; tables holding a locked entry, or a player the TD seated by hand, always),
 * sizes differing by at most one where capacities allow. Entries the TD already seated keep
 * their seats and are not drawn; when that is everyone, the draw only marks seating as done
 * (late entries are seated from then on). When the room's tables are too few the engine opens
 * `t<N>` tables with the default seat count and records them in the event — a TD would do the
 * same, and it keeps the draw one command.
 */
export function drawSeats(
  state: SeatingState,
  entryIds: readonly string[],
  ctx: Ctx,
): SeatsDrawn | DomainError {
  if (state.drawn && state.seated > 0) {
    return new DomainError('SEATS_ALREADY_DRAWN', 'Seats are already drawn; undo the draw to draw again', {
      seated: state.seated,
    });
  }
  if (entryIds.length === 0) return new DomainError('NO_ENTRIES_TO_SEAT', 'There are no entries to seat');
  const unique = new Set(entryIds);
  if (unique.size !== entryIds.length) {
    const dup = entryIds.find((id, i) => entryIds.indexOf(id) !== i);
    return new DomainError('DUPLICATE_ENTRY', `Entry ${dup} is listed twice in the draw`, { entryId: dup });
  }
  const toDraw = entryIds.filter((id) => seatOf(state, id) === null);
  const done = { type: 'SeatsDrawn' as const, at: ctx.now, actor: ctx.actor.id };
  if (toDraw.length === 0) return { ...done, tablesAdded: [], seats: [] };

  const lockedByTable = new Map<string, SeatAssignment[]>();
  for (const entryId of toDraw) {
    const lock = state.locks[entryId];
    if (!lock) continue;
    const list = lockedByTable.get(lock.tableId) ?? [];
    list.push({ entryId, ...lock });
    lockedByTable.set(lock.tableId, list);
  }
  const capacityOf = (t: (typeof state.tables)[number]) => openSeatCount(t);
  const mustUse = (t: (typeof state.tables)[number]) => lockedByTable.has(t.id) || t.players > 0;

  const keepOrder = [...state.tables].sort(breakOrderCompare(state)).reverse();
  const mandatory = keepOrder.filter(mustUse);
  const optional = keepOrder.filter((t) => !mustUse(t));
  const chosen = [...mandatory];
  let capacity = chosen.reduce((acc, t) => acc + capacityOf(t), 0);
  for (const t of optional) {
    if (capacity >= toDraw.length) break;
    const c = capacityOf(t);
    if (c === 0) continue;
    chosen.push(t);
    capacity += c;
  }
  const tablesAdded: TableDef[] = [];
  const nextId = tableIdAllocator(state);
  const seatsEach = state.config.defaultSeatsPerTable;
  while (capacity < toDraw.length) {
    const id = nextId();
    tablesAdded.push(newTableDef(id, seatsEach));
    capacity += seatsEach;
  }

  const slots: Slot[] = [
    ...chosen.map((t) => {
      const locked = lockedByTable.get(t.id) ?? [];
      const lockedSeats = new Set(locked.map((l) => l.seat));
      return {
        def: t as TableDef,
        free: openSeats(t).filter((s) => !lockedSeats.has(s)),
        locked,
        fixed: t.players,
        count: 0,
      };
    }),
    ...tablesAdded.map((def) => ({
      def,
      free: Array.from({ length: def.seats }, (_, i) => i + 1),
      locked: [],
      fixed: 0,
      count: 0,
    })),
  ];
  spread(slots, toDraw.length + slots.reduce((acc, s) => acc + s.fixed, 0), ctx);

  const lockedIds = new Set([...lockedByTable.values()].flat().map((l) => l.entryId));
  const players = ctx.random.shuffle(toDraw.filter((id) => !lockedIds.has(id)));
  const seats: SeatAssignment[] = [];
  let next = 0;
  for (const slot of slots) {
    seats.push(...slot.locked);
    const picked = ctx.random.shuffle(slot.free).slice(0, slot.count - slot.locked.length - slot.fixed);
    for (const seat of picked.sort((a, b) => a - b)) {
      seats.push({ entryId: players[next++] as string, tableId: slot.def.id, seat });
    }
  }
  return { ...done, tablesAdded, seats };
}

/**
 * Seats one entry after the draw: its locked seat if free, else `preferred` if free, else a
 * random open seat at a random table among those in play with the fewest players; an empty
 * table when every table in play is full, a new `t<N>` table when the room has none.
 */
export function seatOne(
  state: SeatingState,
  entryId: string,
  ctx: Ctx,
  reason: string,
  preferred: SeatRef | null,
): EntrySeated {
  const base = { type: 'EntrySeated' as const, at: ctx.now, actor: ctx.actor.id, entryId, tableAdded: null };
  const isOpen = (ref: SeatRef | undefined | null) => {
    if (!ref) return false;
    const t = tableById(state, ref.tableId);
    return t !== undefined && isSeatAvailable(t, ref.seat) && t.occupants[ref.seat - 1] == null;
  };
  const lock = state.locks[entryId];
  if (lock && isOpen(lock)) return { ...base, ...lock, reason: `${reason}: locked seat`, random: false };
  if (preferred && isOpen(preferred)) return { ...base, ...preferred, reason, random: false };

  let fewest = Number.POSITIVE_INFINITY;
  for (const t of state.tables) {
    if (t.players > 0 && t.players < fewest && openSeatCount(t) > 0) {
      fewest = t.players;
    }
  }
  const candidates = state.tables.filter(
    (t) => t.players > 0 && t.players === fewest && openSeatCount(t) > 0,
  );
  const table = ctx.random.pick(candidates);
  if (table) {
    const seat = ctx.random.pick(openSeats(table)) as number;
    return { ...base, tableId: table.id, seat, reason, random: true };
  }
  const idle = [...state.tables]
    .sort(breakOrderCompare(state))
    .reverse()
    .find((t) => t.players === 0 && openSeatCount(t) > 0);
  if (idle) {
    const seat = ctx.random.pick(openSeats(idle)) as number;
    return { ...base, tableId: idle.id, seat, reason: `${reason}: opens ${idle.name}`, random: true };
  }
  const def = newTableDef(nextTableId(state), state.config.defaultSeatsPerTable);
  const seat = 1 + ctx.random.int(def.seats);
  return {
    ...base,
    tableId: def.id,
    seat,
    tableAdded: def,
    reason: `${reason}: opens ${def.name}`,
    random: true,
  };
}
