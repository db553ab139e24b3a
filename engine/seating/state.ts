import { DomainError } from '../core/errors.ts';
import type {
  SeatAssignment,
  SeatIndex,
  SeatingConfig,
  SeatingState,
  SeatRef,
  TableDef,
  TableState,
} from './types.ts';

export const DEFAULT_SEATING_CONFIG: SeatingConfig = Object.freeze({
  balanceTolerance: 1,
  autoApplyMoves: false,
  finalTableRedraw: true,
  handForHandRanking: 'tie' as const,
  autoHandForHandAtBubble: true,
  defaultSeatsPerTable: 10,
});

export const MIN_SEATS = 2;
export const MAX_SEATS = 10;

/**
 * 256 shards keep each shard around 40 entries for a 10,000-entry field, so moving one
 * player copies ~40 keys instead of 10,000.
 */
const SHARDS = 256;

function shardOf(entryId: string): number {
  // FNV-1a: cheap and stable across runtimes.
  let h = 2166136261;
  for (let i = 0; i < entryId.length; i++) {
    h ^= entryId.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) % SHARDS;
}

export function emptySeatIndex(): SeatIndex {
  return Array.from({ length: SHARDS }, () => []);
}

function findIn(shard: readonly SeatAssignment[] | undefined, entryId: string): SeatAssignment | undefined {
  if (!shard) return undefined;
  for (const a of shard) if (a.entryId === entryId) return a;
  return undefined;
}

export function validateConfig(config: SeatingConfig): DomainError | null {
  const bad = (field: string, message: string, value: unknown) =>
    new DomainError('INVALID_SEATING_CONFIG', message, { field, value });
  if (!Number.isInteger(config.balanceTolerance) || config.balanceTolerance < 1) {
    return bad(
      'balanceTolerance',
      'Balance tolerance must be a whole number of players, at least 1',
      config.balanceTolerance,
    );
  }
  const relaxed = config.relaxedTolerance;
  if (relaxed !== undefined) {
    if (!Number.isInteger(relaxed.tolerance) || relaxed.tolerance < config.balanceTolerance) {
      return bad(
        'relaxedTolerance.tolerance',
        'The relaxed tolerance must be a whole number no smaller than the normal tolerance',
        relaxed.tolerance,
      );
    }
    if (!Number.isInteger(relaxed.whileTablesAbove) || relaxed.whileTablesAbove < 1) {
      return bad(
        'relaxedTolerance.whileTablesAbove',
        'The relaxed tolerance needs a table count of at least 1',
        relaxed.whileTablesAbove,
      );
    }
  }
  if (
    !Number.isInteger(config.defaultSeatsPerTable) ||
    config.defaultSeatsPerTable < MIN_SEATS ||
    config.defaultSeatsPerTable > MAX_SEATS
  ) {
    return bad('defaultSeatsPerTable', 'Tables seat 2 to 10 players', config.defaultSeatsPerTable);
  }
  if (config.handForHandRanking !== 'tie' && config.handForHandRanking !== 'starting-stack') {
    return bad(
      'handForHandRanking',
      'Hand-for-hand ranking is "tie" or "starting-stack"',
      config.handForHandRanking,
    );
  }
  return null;
}

export function mergeConfig(base: SeatingConfig, patch: Partial<SeatingConfig> | undefined): SeatingConfig {
  const merged: SeatingConfig = { ...base, ...(patch ?? {}) };
  // An explicit `relaxedTolerance: undefined` removes it; keep the JSON free of undefined keys.
  if (merged.relaxedTolerance === undefined) {
    const { relaxedTolerance: _drop, ...rest } = merged;
    return rest;
  }
  return merged;
}

export function initialSeatingState(config?: Partial<SeatingConfig>): SeatingState {
  const merged = mergeConfig(DEFAULT_SEATING_CONFIG, config);
  const error = validateConfig(merged);
  if (error) throw error;
  return {
    config: merged,
    tables: [],
    tablePos: {},
    seatIndex: emptySeatIndex(),
    seated: 0,
    locks: {},
    breakOrder: null,
    drawn: false,
    pendingMoves: [],
    nextMoveNumber: 1,
    handForHand: null,
    lastHandForHandHand: 0,
  };
}

// ---- lookups --------------------------------------------------------------------------------

export function seatOf(state: SeatingState, entryId: string): SeatRef | null {
  const a = findIn(state.seatIndex[shardOf(entryId)], entryId);
  return a ? { tableId: a.tableId, seat: a.seat } : null;
}

export function tableById(state: SeatingState, tableId: string): TableState | undefined {
  const pos = state.tablePos[tableId];
  return pos === undefined ? undefined : state.tables[pos];
}

export function occupantAt(table: TableState, seat: number): string | null {
  return table.occupants[seat - 1] ?? null;
}

export function isSeatAvailable(table: TableDef, seat: number): boolean {
  return seat >= 1 && seat <= table.seats && !table.unavailable.includes(seat);
}

export function availableSeats(table: TableDef): number {
  return table.seats - table.unavailable.length;
}

/** Open seats: available and empty, ascending. */
export function openSeats(table: TableState): number[] {
  const out: number[] = [];
  for (let s = 1; s <= table.seats; s++) {
    if (table.occupants[s - 1] === null && !table.unavailable.includes(s)) out.push(s);
  }
  return out;
}

export function openSeatCount(table: TableState): number {
  return availableSeats(table) - table.players;
}

export function tableDef(table: TableState): TableDef {
  return {
    id: table.id,
    name: table.name,
    number: table.number,
    seats: table.seats,
    unavailable: table.unavailable,
    button: table.button,
  };
}

export function tableLabel(table: TableDef | undefined, fallbackId = '?'): string {
  return table ? table.name : fallbackId;
}

export function isLockedAt(state: SeatingState, entryId: string, ref: SeatRef): boolean {
  const lock = state.locks[entryId];
  return lock !== undefined && lock.tableId === ref.tableId && lock.seat === ref.seat;
}

/** Lowest unused `t<N>`, with number N. */
export function nextTableId(state: SeatingState, reserved: ReadonlySet<string> = new Set()): TableDef['id'] {
  return tableIdAllocator(state, reserved)();
}

/** Hands out the lowest unused `t<N>` ids one after another (one scan for a whole draw). */
export function tableIdAllocator(
  state: SeatingState,
  reserved: ReadonlySet<string> = new Set(),
): () => string {
  let n = 0;
  return () => {
    for (;;) {
      n++;
      const id = `t${n}`;
      if (state.tablePos[id] === undefined && !reserved.has(id)) return id;
    }
  };
}

export function numberFromId(id: string, fallback: number): number {
  const m = /(\d+)$/.exec(id);
  return m ? Number(m[1]) : fallback;
}

export function newTableDef(id: string, seats: number, number?: number, name?: string): TableDef {
  const n = number ?? numberFromId(id, 0);
  return { id, name: name ?? `Table ${n || id}`, number: n, seats, unavailable: [], button: null };
}

// ---- copy-on-write draft used by evolve ------------------------------------------------------

interface MutableTable {
  def: TableDef;
  occupants: (string | null)[];
  players: number;
}

/**
 * Collects the changes of one event and writes a new state sharing every untouched table and
 * index shard with the old one. Never mutates `base`.
 */
export class SeatDraft {
  readonly base: SeatingState;
  private tables: TableState[] | null = null;
  /** Table id -> position in `tables` once tables were added or removed; null = rebuild. */
  private positions: Map<string, number> | null = null;
  private readonly changed = new Map<string, MutableTable>();
  private readonly shards = new Map<number, SeatAssignment[]>();
  private structureChanged = false;
  seated: number;

  constructor(base: SeatingState) {
    this.base = base;
    this.seated = base.seated;
  }

  private list(): TableState[] {
    if (this.tables === null) this.tables = this.base.tables.slice();
    return this.tables;
  }

  private pos(tableId: string): number | undefined {
    if (!this.structureChanged) return this.base.tablePos[tableId];
    if (this.positions === null) {
      const map = new Map<string, number>();
      this.list().forEach((t, i) => {
        map.set(t.id, i);
      });
      this.positions = map;
    }
    return this.positions.get(tableId);
  }

  table(tableId: string): MutableTable | undefined {
    const existing = this.changed.get(tableId);
    if (existing) return existing;
    const pos = this.pos(tableId);
    if (pos === undefined) return undefined;
    const t = this.list()[pos] as TableState;
    const m: MutableTable = { def: tableDef(t), occupants: t.occupants.slice(), players: t.players };
    this.changed.set(tableId, m);
    return m;
  }

  addTable(def: TableDef): void {
    if (!this.structureChanged) {
      this.positions = new Map(Object.entries(this.base.tablePos));
      this.structureChanged = true;
    } else {
      this.pos(def.id); // rebuilds the position map if a removal cleared it
    }
    const list = this.list();
    list.push({ ...def, occupants: Array.from({ length: def.seats }, () => null), players: 0 });
    this.positions?.set(def.id, list.length - 1);
  }

  removeTable(tableId: string): void {
    const pos = this.pos(tableId);
    if (pos === undefined) return;
    this.list().splice(pos, 1);
    this.changed.delete(tableId);
    this.structureChanged = true;
    this.positions = null;
  }

  setDef(tableId: string, patch: Partial<TableDef>): void {
    const t = this.table(tableId);
    if (t) t.def = { ...t.def, ...patch };
  }

  private shard(entryId: string): SeatAssignment[] {
    const i = shardOf(entryId);
    let s = this.shards.get(i);
    if (!s) {
      s = (this.base.seatIndex[i] ?? []).slice();
      this.shards.set(i, s);
    }
    return s;
  }

  /** Frees the entry's current seat (if any). */
  unseat(entryId: string): void {
    const shard = this.shard(entryId);
    const at = shard.findIndex((a) => a.entryId === entryId);
    if (at < 0) return;
    const ref = shard[at] as SeatAssignment;
    shard.splice(at, 1);
    this.seated--;
    const t = this.table(ref.tableId);
    if (t && t.occupants[ref.seat - 1] === entryId) {
      t.occupants[ref.seat - 1] = null;
      t.players--;
    }
  }

  /** Seats the entry; assumes the seat is free (events were checked when decided). */
  seat(entryId: string, ref: SeatRef): void {
    this.unseat(entryId);
    const t = this.table(ref.tableId);
    if (!t) return;
    if (t.occupants[ref.seat - 1] == null) t.players++;
    t.occupants[ref.seat - 1] = entryId;
    this.shard(entryId).push({ entryId, tableId: ref.tableId, seat: ref.seat });
    this.seated++;
  }

  finish(rest: Partial<SeatingState> = {}): SeatingState {
    let tables: readonly TableState[] = this.base.tables;
    let tablePos = this.base.tablePos;
    if (this.tables !== null) {
      const list = this.tables;
      for (const [id, m] of this.changed) {
        const i = this.pos(id);
        if (i !== undefined) list[i] = { ...m.def, occupants: m.occupants, players: m.players };
      }
      tables = list;
      if (this.structureChanged) {
        const pos: Record<string, number> = {};
        list.forEach((t, i) => {
          pos[t.id] = i;
        });
        tablePos = pos;
      }
    }
    let seatIndex = this.base.seatIndex;
    if (this.shards.size > 0) {
      const copy = seatIndex.slice();
      for (const [i, s] of this.shards) copy[i] = s;
      seatIndex = copy;
    }
    return { ...this.base, tables, tablePos, seatIndex, seated: this.seated, ...rest };
  }
}
