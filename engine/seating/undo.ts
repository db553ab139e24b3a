/**
 * Undo is compensation, never deletion (DESIGN.md): given the events one command produced,
 * write the events that take the seating back, checking each against the seats as they are
 * now. A player who has to go back to a seat someone else took since is a conflict for the TD
 * to resolve, not something to guess.
 */
import type { Ctx } from '../core/ctx.ts';
import { assertNever, DomainError } from '../core/errors.ts';
import { evolveSeating } from './evolve.ts';
import { isSeatAvailable, seatOf, tableById, tableDef } from './state.ts';
import type {
  Move,
  SeatAssignment,
  SeatChange,
  SeatingEvent,
  SeatingState,
  SeatRef,
  TableDef,
} from './types.ts';

function conflict(message: string, details: Record<string, unknown>): DomainError {
  return new DomainError('SEATING_UNDO_CONFLICT', `Cannot undo: ${message}`, details);
}

function where(state: SeatingState, ref: SeatRef): string {
  return `${tableById(state, ref.tableId)?.name ?? ref.tableId} seat ${ref.seat}`;
}

/**
 * Checks that `changes` can be applied to `state` (everyone leaves, then everyone sits) and
 * that each leaving entry is where the change says it is.
 */
function checkChanges(
  state: SeatingState,
  changes: readonly SeatChange[],
  extraTables: readonly TableDef[] = [],
): DomainError | null {
  const leaving = new Set<string>();
  for (const c of changes) {
    const at = seatOf(state, c.entryId);
    if (c.from === null) {
      if (at) {
        return conflict(`${c.entryId} is seated again at ${where(state, at)}`, { entryId: c.entryId, ...at });
      }
      continue;
    }
    if (!at || at.tableId !== c.from.tableId || at.seat !== c.from.seat) {
      return conflict(
        `${c.entryId} is no longer at ${where(state, c.from)}${at ? ` (now ${where(state, at)})` : ''}`,
        { entryId: c.entryId, expected: c.from, actual: at },
      );
    }
    leaving.add(`${c.from.tableId}#${c.from.seat}`);
  }
  const taken = new Set<string>();
  for (const c of changes) {
    if (c.to === null) continue;
    const key = `${c.to.tableId}#${c.to.seat}`;
    const extra = extraTables.find((t) => t.id === c.to?.tableId);
    const table = tableById(state, c.to.tableId);
    if (extra) {
      if (!isSeatAvailable(extra, c.to.seat) || taken.has(key)) {
        return conflict(`${extra.name} seat ${c.to.seat} is not free`, { entryId: c.entryId, seat: c.to });
      }
    } else {
      if (!table) {
        return conflict(`table ${c.to.tableId} is gone, so ${c.entryId} cannot go back to it`, {
          entryId: c.entryId,
          tableId: c.to.tableId,
        });
      }
      const holder = table.occupants[c.to.seat - 1];
      const occupied = holder != null && !leaving.has(key);
      if (!isSeatAvailable(table, c.to.seat) || occupied || taken.has(key)) {
        return conflict(
          `${where(state, c.to)} is ${occupied ? `taken by ${holder}` : 'not free'}, so ${c.entryId} cannot go back to it`,
          { entryId: c.entryId, seat: c.to, takenBy: holder ?? null },
        );
      }
    }
    taken.add(key);
  }
  return null;
}

function backwards(moves: readonly Move[]): SeatChange[] {
  return moves
    .filter((m) => m.from.tableId !== m.to.tableId || m.from.seat !== m.to.seat)
    .map((m) => ({
      entryId: m.entryId,
      from: m.to,
      to: m.from,
    }));
}

function removeIfEmpty(state: SeatingState, defs: readonly TableDef[], base: { at: number; actor: string }) {
  const out: SeatingEvent[] = [];
  for (const def of defs) {
    const t = tableById(state, def.id);
    const locked = Object.values(state.locks).some((l) => l.tableId === def.id);
    if (t && t.players === 0 && !locked) out.push({ type: 'TableRemoved', ...base, table: tableDef(t) });
  }
  return out;
}

/** The compensating events for one event, given the state after it (and everything since). */
/** Locks a break released, put back (undo of a break or a final-table draw). */
function relock(released: readonly SeatAssignment[], base: { at: number; actor: string }): SeatingEvent[] {
  return released.map((l) => ({
    type: 'SeatLocked',
    ...base,
    entryId: l.entryId,
    lock: { tableId: l.tableId, seat: l.seat },
    previous: null,
  }));
}

function inverse(state: SeatingState, event: SeatingEvent, ctx: Ctx): SeatingEvent[] | DomainError {
  const base = { at: ctx.now, actor: ctx.actor.id };
  const reverted = (changes: SeatChange[], drawn: boolean | null = null): SeatingEvent => ({
    type: 'SeatsReverted',
    ...base,
    changes,
    drawn,
  });
  switch (event.type) {
    case 'TableAdded': {
      const t = tableById(state, event.table.id);
      if (!t) return [];
      if (t.players > 0) return conflict(`${t.name} has players now`, { tableId: t.id, players: t.players });
      if (Object.values(state.locks).some((l) => l.tableId === t.id)) {
        return conflict(`${t.name} has locked seats now`, { tableId: t.id });
      }
      return [{ type: 'TableRemoved', ...base, table: tableDef(t) }];
    }
    case 'TableRenamed':
      return [
        {
          type: 'TableRenamed',
          ...base,
          tableId: event.tableId,
          name: event.previousName,
          previousName: event.name,
        },
      ];
    case 'TableRemoved':
      if (tableById(state, event.table.id)) {
        return conflict(`a table ${event.table.id} exists again`, { tableId: event.table.id });
      }
      return [{ type: 'TableAdded', ...base, table: event.table }];
    case 'SeatAvailabilitySet': {
      const t = tableById(state, event.tableId);
      if (!t) return [];
      if (event.available && t.occupants[event.seat - 1] != null) {
        return conflict(`${t.name} seat ${event.seat} is taken now`, { tableId: t.id, seat: event.seat });
      }
      return [
        {
          type: 'SeatAvailabilitySet',
          ...base,
          tableId: t.id,
          seat: event.seat,
          available: !event.available,
        },
      ];
    }
    case 'SeatLocked':
      return event.previous === null
        ? [{ type: 'SeatUnlocked', ...base, entryId: event.entryId, previous: event.lock }]
        : [
            {
              type: 'SeatLocked',
              ...base,
              entryId: event.entryId,
              lock: event.previous,
              previous: event.lock,
            },
          ];
    case 'SeatUnlocked':
      return [{ type: 'SeatLocked', ...base, entryId: event.entryId, lock: event.previous, previous: null }];
    case 'ButtonSet':
      return [
        { type: 'ButtonSet', ...base, tableId: event.tableId, seat: event.previous, previous: event.seat },
      ];
    case 'BreakOrderSet': {
      const previous = event.previous?.filter((id) => tableById(state, id)) ?? null;
      return [
        {
          type: 'BreakOrderSet',
          ...base,
          tableIds: previous && previous.length > 0 ? previous : null,
          previous: state.breakOrder,
        },
      ];
    }
    case 'SeatingConfigured':
      return [{ type: 'SeatingConfigured', ...base, config: event.previous, previous: state.config }];
    case 'SeatsDrawn': {
      // Undoing the draw clears those entries' seats wherever they sit now.
      const changes: SeatChange[] = [];
      for (const s of event.seats) {
        const at = seatOf(state, s.entryId);
        if (at) changes.push({ entryId: s.entryId, from: at, to: null });
      }
      const first = reverted(changes, false);
      return [first, ...removeIfEmpty(evolveSeating(state, first), event.tablesAdded, base)];
    }
    case 'EntrySeated': {
      const at = seatOf(state, event.entryId);
      if (!at) return [];
      const first = reverted([{ entryId: event.entryId, from: at, to: null }]);
      return [
        first,
        ...(event.tableAdded ? removeIfEmpty(evolveSeating(state, first), [event.tableAdded], base) : []),
      ];
    }
    case 'EntriesUnseated': {
      const changes = event.seats.map((s) => ({
        entryId: s.entryId,
        from: null,
        to: { tableId: s.tableId, seat: s.seat },
      }));
      const error = checkChanges(state, changes);
      return error ?? [reverted(changes)];
    }
    case 'MovesProposed': {
      const ids = new Set(event.moves.map((m) => m.moveId));
      const still = state.pendingMoves.filter((m) => ids.has(m.moveId));
      return still.length === 0 ? [] : [{ type: 'MovesWithdrawn', ...base, moves: still, reason: 'undone' }];
    }
    case 'MovesWithdrawn':
      return [{ type: 'MovesProposed', ...base, moves: event.moves }];
    case 'PlayersMoved': {
      const changes = backwards(event.moves);
      const error = checkChanges(state, changes);
      return error ?? [reverted(changes)];
    }
    case 'TableBroken': {
      if (tableById(state, event.table.id)) {
        return conflict(`a table ${event.table.id} exists again`, { tableId: event.table.id });
      }
      const changes = backwards(event.moves);
      const error = checkChanges(state, changes, [event.table]);
      if (error) return error;
      return [
        { type: 'TableAdded', ...base, table: event.table },
        reverted(changes),
        ...relock(event.locksReleased, base),
      ];
    }
    case 'FinalTableDrawn': {
      const back = event.tablesBroken.find((t) => tableById(state, t.id));
      if (back) return conflict(`a table ${back.id} exists again`, { tableId: back.id });
      const changes = backwards(event.moves);
      const error = checkChanges(state, changes, event.tablesBroken);
      if (error) return error;
      return [
        ...event.tablesBroken.map((table): SeatingEvent => ({ type: 'TableAdded', ...base, table })),
        reverted(changes),
        ...relock(event.locksReleased, base),
      ];
    }
    case 'SeatsReverted': {
      const changes = event.changes.map((c) => ({ entryId: c.entryId, from: c.to, to: c.from }));
      const error = checkChanges(state, changes);
      return error ?? [reverted(changes, event.drawn === null ? null : !event.drawn)];
    }
    case 'HandForHandStarted':
      return [{ type: 'HandForHandRestored', ...base, status: null }];
    case 'TableHandFinished': {
      const hfh = state.handForHand;
      if (!hfh || hfh.hand !== event.hand) return [];
      const reported = hfh.reported.filter((id) => id !== event.tableId);
      return [{ type: 'HandForHandRestored', ...base, status: { ...hfh, reported } }];
    }
    case 'HandForHandNextHand':
    case 'HandForHandStopped':
      return [{ type: 'HandForHandRestored', ...base, status: event.previous }];
    case 'HandForHandEnding': {
      const hfh = state.handForHand;
      return hfh ? [{ type: 'HandForHandRestored', ...base, status: { ...hfh, endsAfterHand: false } }] : [];
    }
    case 'HandForHandRestored':
      return [{ type: 'HandForHandRestored', ...base, status: state.handForHand }];
    default:
      return assertNever(event, 'seating event');
  }
}

/**
 * Compensating events that revert what one command produced (`events`, as it produced them),
 * last event first, each checked against the seats as they are by then.
 */
export function undoSeatingEvents(
  state: SeatingState,
  events: readonly SeatingEvent[],
  ctx: Ctx,
): readonly SeatingEvent[] | DomainError {
  const out: SeatingEvent[] = [];
  let s = state;
  for (let i = events.length - 1; i >= 0; i--) {
    const inv = inverse(s, events[i] as SeatingEvent, ctx);
    if (inv instanceof DomainError) return inv;
    for (const e of inv) {
      out.push(e);
      s = evolveSeating(s, e);
    }
  }
  return out;
}
