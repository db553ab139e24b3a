/** The seating sub-decider: one seating command in, events (or the rule it broke) out. */
import type { Ctx } from '../core/ctx.ts';
import { assertNever, DomainError } from '../core/errors.ts';
import { balanceEvents, planBalance, staleReason } from './balance.ts';
import {
  finalTableCandidate,
  nextInBreakOrder,
  planBreak,
  planFinalTable,
  roomElsewhere,
} from './breaking.ts';
import { drawSeats } from './draw.ts';
import { progressEvents, reportHandFinished, startHandForHand, stopHandForHand } from './hand-for-hand.ts';
import { push } from './hooks.ts';
import {
  MAX_SEATS,
  MIN_SEATS,
  mergeConfig,
  nextTableId,
  numberFromId,
  seatOf,
  tableById,
  tableDef,
  validateConfig,
} from './state.ts';
import type { SeatEntry, SeatingCommand, SeatingEvent, SeatingState, TableState } from './types.ts';

const COMMAND_TYPES: ReadonlySet<string> = new Set<SeatingCommand['type']>([
  'AddTable',
  'RenameTable',
  'RemoveTable',
  'SetSeatAvailable',
  'LockSeat',
  'SeatEntry',
  'UnlockSeat',
  'SetButton',
  'SetBreakOrder',
  'ConfigureSeating',
  'DrawSeats',
  'ApplyMove',
  'ApplyAllMoves',
  'BreakTable',
  'RedrawFinalTable',
  'StartHandForHand',
  'StopHandForHand',
  'ReportHandFinished',
]);

export function isSeatingCommand(command: { type: string }): command is SeatingCommand {
  return COMMAND_TYPES.has(command.type);
}

function notFound(tableId: string): DomainError {
  return new DomainError('TABLE_NOT_FOUND', `There is no table ${tableId}`, { tableId });
}

function fixedTablesError(what: string): DomainError {
  return new DomainError(
    'SHOOTOUT_TABLES_FIXED',
    `A shootout round is being played: every table plays down to its winners, so there is no table to ${what}`,
    {},
  );
}

function seatInRange(table: TableState, seat: number): DomainError | null {
  if (Number.isInteger(seat) && seat >= 1 && seat <= table.seats) return null;
  return new DomainError('SEAT_OUT_OF_RANGE', `${table.name} has seats 1 to ${table.seats}, not ${seat}`, {
    tableId: table.id,
    seat,
  });
}

function lockHolder(state: SeatingState, tableId: string, seat: number): string | null {
  for (const [entryId, lock] of Object.entries(state.locks)) {
    if (lock.tableId === tableId && lock.seat === seat) return entryId;
  }
  return null;
}

function withBalance(state: SeatingState, first: readonly SeatingEvent[], ctx: Ctx): SeatingEvent[] {
  const events: SeatingEvent[] = [];
  const s = push(state, events, first);
  if (s.drawn) push(s, events, balanceEvents(s, ctx));
  return events;
}

export function decideSeating(
  state: SeatingState,
  command: SeatingCommand,
  ctx: Ctx,
): readonly SeatingEvent[] | DomainError {
  const base = { at: ctx.now, actor: ctx.actor.id };
  switch (command.type) {
    case 'AddTable': {
      const id = command.tableId ?? nextTableId(state);
      if (typeof id !== 'string' || id.trim() === '') {
        return new DomainError('INVALID_TABLE_ID', 'A table needs a non-empty id');
      }
      if (tableById(state, id)) {
        return new DomainError('TABLE_EXISTS', `Table ${id} already exists`, { tableId: id });
      }
      const seats = command.seats ?? state.config.defaultSeatsPerTable;
      if (!Number.isInteger(seats) || seats < MIN_SEATS || seats > MAX_SEATS) {
        return new DomainError(
          'INVALID_SEAT_COUNT',
          `Tables seat ${MIN_SEATS} to ${MAX_SEATS} players, not ${seats}`,
          {
            seats,
          },
        );
      }
      const highest = state.tables.reduce((m, t) => Math.max(m, t.number), 0);
      const number = command.number ?? numberFromId(id, highest + 1);
      if (!Number.isFinite(number))
        return new DomainError('INVALID_TABLE_NUMBER', 'Table number must be a number');
      const name = command.name?.trim() || `Table ${number}`;
      return [
        { type: 'TableAdded', ...base, table: { id, name, number, seats, unavailable: [], button: null } },
      ];
    }
    case 'RenameTable': {
      const table = tableById(state, command.tableId);
      if (!table) return notFound(command.tableId);
      const name = command.name.trim();
      if (name === '') return new DomainError('INVALID_TABLE_NAME', 'A table name cannot be empty');
      return [{ type: 'TableRenamed', ...base, tableId: table.id, name, previousName: table.name }];
    }
    case 'RemoveTable': {
      const table = tableById(state, command.tableId);
      if (!table) return notFound(command.tableId);
      if (table.players > 0) {
        return new DomainError(
          'TABLE_NOT_EMPTY',
          `${table.name} still has ${table.players} player(s); break it or move them first`,
          { tableId: table.id, players: table.players },
        );
      }
      const locked = Object.entries(state.locks).filter(([, l]) => l.tableId === table.id);
      if (locked.length > 0) {
        return new DomainError('TABLE_HAS_LOCKS', `${table.name} has locked seats; unlock them first`, {
          tableId: table.id,
          entryIds: locked.map(([id]) => id),
        });
      }
      const events: SeatingEvent[] = [];
      const stale = state.pendingMoves.filter((m) => m.to.tableId === table.id);
      if (stale.length > 0) {
        events.push({ type: 'MovesWithdrawn', ...base, moves: stale, reason: `${table.name} removed` });
      }
      events.push({ type: 'TableRemoved', ...base, table: tableDef(table) });
      if (state.breakOrder?.includes(table.id)) {
        const order = state.breakOrder.filter((id) => id !== table.id);
        events.push({
          type: 'BreakOrderSet',
          ...base,
          tableIds: order.length > 0 ? order : null,
          previous: state.breakOrder,
        });
      }
      return events;
    }
    case 'SetSeatAvailable': {
      const table = tableById(state, command.tableId);
      if (!table) return notFound(command.tableId);
      const range = seatInRange(table, command.seat);
      if (range) return range;
      const now = !table.unavailable.includes(command.seat);
      if (now === command.available) return [];
      if (!command.available) {
        const who = table.occupants[command.seat - 1];
        if (who != null) {
          return new DomainError(
            'SEAT_OCCUPIED',
            `${table.name} seat ${command.seat} is taken by ${who}; move the player first`,
            { tableId: table.id, seat: command.seat, entryId: who },
          );
        }
        const holder = lockHolder(state, table.id, command.seat);
        if (holder) {
          return new DomainError(
            'SEAT_LOCKED',
            `${table.name} seat ${command.seat} is locked for ${holder}`,
            {
              tableId: table.id,
              seat: command.seat,
              entryId: holder,
            },
          );
        }
      }
      return [
        {
          type: 'SeatAvailabilitySet',
          ...base,
          tableId: table.id,
          seat: command.seat,
          available: command.available,
        },
      ];
    }
    case 'LockSeat': {
      const table = tableById(state, command.tableId);
      if (!table) return notFound(command.tableId);
      const range = seatInRange(table, command.seat);
      if (range) return range;
      if (table.unavailable.includes(command.seat)) {
        return new DomainError('SEAT_UNAVAILABLE', `${table.name} seat ${command.seat} is out of use`, {
          tableId: table.id,
          seat: command.seat,
        });
      }
      const holder = lockHolder(state, table.id, command.seat);
      if (holder && holder !== command.entryId) {
        return new DomainError('SEAT_LOCKED', `${table.name} seat ${command.seat} is locked for ${holder}`, {
          tableId: table.id,
          seat: command.seat,
          entryId: holder,
        });
      }
      const who = table.occupants[command.seat - 1];
      if (who != null && who !== command.entryId) {
        return new DomainError(
          'SEAT_OCCUPIED',
          `${table.name} seat ${command.seat} is taken by ${who}; move that player first`,
          { tableId: table.id, seat: command.seat, entryId: who },
        );
      }
      const lock = { tableId: table.id, seat: command.seat };
      const first: SeatingEvent[] = [
        {
          type: 'SeatLocked',
          ...base,
          entryId: command.entryId,
          lock,
          previous: state.locks[command.entryId] ?? null,
        },
      ];
      const at = seatOf(state, command.entryId);
      if (at && (at.tableId !== lock.tableId || at.seat !== lock.seat)) {
        first.push({
          type: 'PlayersMoved',
          ...base,
          moves: [
            {
              moveId: `m${state.nextMoveNumber}`,
              entryId: command.entryId,
              from: at,
              to: lock,
              reason: `locked to ${table.name} seat ${command.seat} by the TD`,
              random: false,
            },
          ],
        });
      }
      return withBalance(state, first, ctx);
    }
    case 'SeatEntry':
      return seatManually(state, command, ctx);
    case 'UnlockSeat': {
      const lock = state.locks[command.entryId];
      if (!lock) {
        return new DomainError('NOT_LOCKED', `Entry ${command.entryId} is not locked to a seat`, {
          entryId: command.entryId,
        });
      }
      return withBalance(
        state,
        [{ type: 'SeatUnlocked', ...base, entryId: command.entryId, previous: lock }],
        ctx,
      );
    }
    case 'SetButton': {
      const table = tableById(state, command.tableId);
      if (!table) return notFound(command.tableId);
      if (command.seat !== null) {
        const range = seatInRange(table, command.seat);
        if (range) return range;
      }
      return [{ type: 'ButtonSet', ...base, tableId: table.id, seat: command.seat, previous: table.button }];
    }
    case 'SetBreakOrder': {
      const ids = command.tableIds;
      const missing = ids.find((id) => !tableById(state, id));
      if (missing !== undefined) return notFound(missing);
      if (new Set(ids).size !== ids.length) {
        return new DomainError('DUPLICATE_TABLE', 'A table appears twice in the break order', {
          tableIds: ids,
        });
      }
      return [
        {
          type: 'BreakOrderSet',
          ...base,
          tableIds: ids.length > 0 ? [...ids] : null,
          previous: state.breakOrder,
        },
      ];
    }
    case 'ConfigureSeating': {
      const config = mergeConfig(state.config, command.config);
      const error = validateConfig(config);
      if (error) return error;
      return withBalance(
        state,
        [{ type: 'SeatingConfigured', ...base, config, previous: state.config }],
        ctx,
      );
    }
    case 'DrawSeats': {
      const drawn = drawSeats(state, command.entryIds, ctx);
      return drawn instanceof DomainError ? drawn : [drawn];
    }
    case 'ApplyMove': {
      const move = state.pendingMoves.find((m) => m.moveId === command.moveId);
      if (!move) {
        return new DomainError('MOVE_NOT_FOUND', `There is no pending move ${command.moveId}`, {
          moveId: command.moveId,
        });
      }
      const why = staleReason(state, move);
      if (why === null) return [{ type: 'PlayersMoved', ...base, moves: [move] }];
      return withBalance(
        state,
        [{ type: 'MovesWithdrawn', ...base, moves: [move], reason: `stale: ${why}` }],
        ctx,
      );
    }
    case 'ApplyAllMoves': {
      if (state.pendingMoves.length === 0) {
        return new DomainError('NO_PENDING_MOVES', 'There are no moves to apply');
      }
      const plan = planBalance(state, ctx);
      const events: SeatingEvent[] = [];
      if (plan.withdrawn.length > 0) {
        events.push({
          type: 'MovesWithdrawn',
          ...base,
          moves: plan.withdrawn,
          reason: `stale: ${plan.withdrawReason}`,
        });
      }
      if (plan.kept.length > 0) events.push({ type: 'PlayersMoved', ...base, moves: plan.kept });
      if (plan.added.length > 0) events.push({ type: 'MovesProposed', ...base, moves: plan.added });
      return events;
    }
    case 'BreakTable': {
      if (state.fixedTables) return fixedTablesError('break a table');
      const table =
        command.tableId === undefined ? nextInBreakOrder(state) : tableById(state, command.tableId);
      if (!table) {
        return command.tableId === undefined
          ? new DomainError('NO_TABLE_TO_BREAK', 'No table is in play')
          : notFound(command.tableId);
      }
      const room = roomElsewhere(state, table.id);
      if (table.players > room) {
        return new DomainError(
          'NO_ROOM_TO_BREAK',
          `Cannot break ${table.name}: ${table.players} players, ${room} open seats at the other tables`,
          { tableId: table.id, players: table.players, openSeats: room },
        );
      }
      return withBalance(state, [planBreak(state, table, ctx, 'TD broke the table')], ctx);
    }
    case 'RedrawFinalTable': {
      if (state.fixedTables) return fixedTablesError('redraw a final table');
      if (state.seated === 0) return new DomainError('NO_PLAYERS_SEATED', 'Nobody is seated');
      const table = finalTableCandidate(state);
      if (!table) {
        return new DomainError('NOT_FINAL_TABLE', `${state.seated} players do not fit on one table`, {
          players: state.seated,
        });
      }
      return [planFinalTable(state, table, ctx)];
    }
    case 'StartHandForHand':
      return startHandForHand(state, ctx);
    case 'StopHandForHand':
      return stopHandForHand(state, ctx, 'stopped by the TD');
    case 'ReportHandFinished': {
      const reported = reportHandFinished(state, command.tableId, ctx);
      if (reported instanceof DomainError) return reported;
      const events: SeatingEvent[] = [];
      const s = push(state, events, reported);
      push(s, events, progressEvents(s, ctx));
      return events;
    }
    default:
      return assertNever(command, 'seating command');
  }
}

function where(state: SeatingState, ref: { tableId: string; seat: number }): string {
  return `${tableById(state, ref.tableId)?.name ?? ref.tableId} seat ${ref.seat}`;
}

/**
 * Manual seating. The seat must exist, be in use, be empty and not be locked for someone else;
 * the entry must not be seated already (moving a seated player is a move, not a seating) nor
 * locked to another seat. Before the draw the seat is simply taken (the draw fills the other
 * seats around it); after the draw balancing runs as after any late seat. Whether the entry is
 * still in the tournament is the tournament decider's check: seating knows seats, not entries.
 */
function seatManually(
  state: SeatingState,
  command: SeatEntry,
  ctx: Ctx,
): readonly SeatingEvent[] | DomainError {
  const table = tableById(state, command.tableId);
  if (!table) return notFound(command.tableId);
  const range = seatInRange(table, command.seat);
  if (range) return range;
  const ref = { tableId: table.id, seat: command.seat };
  const label = `${table.name} seat ${command.seat}`;
  const at = seatOf(state, command.entryId);
  if (at) {
    return new DomainError(
      'ENTRY_ALREADY_SEATED',
      `Entry ${command.entryId} already sits at ${where(state, at)}; move the player instead`,
      { entryId: command.entryId, ...at },
    );
  }
  if (table.unavailable.includes(command.seat)) {
    return new DomainError('SEAT_UNAVAILABLE', `${label} is out of use`, ref);
  }
  const who = table.occupants[command.seat - 1];
  if (who != null) {
    return new DomainError('SEAT_OCCUPIED', `${label} is taken by ${who}`, { ...ref, entryId: who });
  }
  const holder = lockHolder(state, table.id, command.seat);
  if (holder !== null && holder !== command.entryId) {
    return new DomainError('SEAT_LOCKED', `${label} is locked for ${holder}`, { ...ref, entryId: holder });
  }
  const lock = state.locks[command.entryId];
  if (lock && (lock.tableId !== ref.tableId || lock.seat !== ref.seat)) {
    return new DomainError(
      'ENTRY_LOCKED_ELSEWHERE',
      `Entry ${command.entryId} is locked to ${where(state, lock)}; unlock it first or seat it there`,
      { entryId: command.entryId, lock },
    );
  }
  return withBalance(
    state,
    [
      {
        type: 'EntrySeated',
        at: ctx.now,
        actor: ctx.actor.id,
        entryId: command.entryId,
        ...ref,
        reason: `seated by the TD at ${label}`,
        random: false,
        tableAdded: null,
      },
    ],
    ctx,
  );
}
