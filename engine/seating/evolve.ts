import { assertNever } from '../core/errors.ts';
import { SeatDraft } from './state.ts';
import type { Move, SeatChange, SeatingEvent, SeatingState, SeatRef } from './types.ts';

/**
 * Seat changes are applied in two passes (everyone leaves, then everyone sits) so a redraw in
 * which A takes B's seat while B takes C's never collides mid-way.
 */
function applyChanges(draft: SeatDraft, changes: readonly SeatChange[]): void {
  for (const c of changes) if (c.from !== null) draft.unseat(c.entryId);
  for (const c of changes) if (c.to !== null) draft.seat(c.entryId, c.to);
}

function movesAsChanges(moves: readonly Move[]): SeatChange[] {
  return moves.map((m) => ({ entryId: m.entryId, from: m.from, to: m.to }));
}

function moveNumber(moveId: string): number {
  const m = /^m(\d+)$/.exec(moveId);
  return m ? Number(m[1]) : 0;
}

function afterMoves(state: SeatingState, moves: readonly Move[]): Partial<SeatingState> {
  let next = state.nextMoveNumber;
  for (const m of moves) next = Math.max(next, moveNumber(m.moveId) + 1);
  const done = new Set(moves.map((m) => m.moveId));
  const pendingMoves = state.pendingMoves.some((m) => done.has(m.moveId))
    ? state.pendingMoves.filter((m) => !done.has(m.moveId))
    : state.pendingMoves;
  return { nextMoveNumber: next, pendingMoves };
}

function withoutTable(order: readonly string[] | null, tableId: string): readonly string[] | null {
  if (order === null || !order.includes(tableId)) return order;
  return order.filter((id) => id !== tableId);
}

function sameRef(a: SeatRef, b: SeatRef): boolean {
  return a.tableId === b.tableId && a.seat === b.seat;
}

/** Folds one seating event into the state. Pure: every random outcome is already in the event. */
export function evolveSeating(state: SeatingState, event: SeatingEvent): SeatingState {
  switch (event.type) {
    case 'TableAdded': {
      const draft = new SeatDraft(state);
      draft.addTable(event.table);
      return draft.finish();
    }
    case 'TableRenamed': {
      const draft = new SeatDraft(state);
      draft.setDef(event.tableId, { name: event.name });
      return draft.finish();
    }
    case 'TableRemoved': {
      const draft = new SeatDraft(state);
      draft.removeTable(event.table.id);
      return draft.finish();
    }
    case 'SeatAvailabilitySet': {
      const draft = new SeatDraft(state);
      const t = draft.table(event.tableId);
      if (!t) return state;
      const others = t.def.unavailable.filter((s) => s !== event.seat);
      const unavailable = event.available ? others : [...others, event.seat].sort((a, b) => a - b);
      draft.setDef(event.tableId, { unavailable });
      return draft.finish();
    }
    case 'SeatLocked':
      return { ...state, locks: { ...state.locks, [event.entryId]: event.lock } };
    case 'SeatUnlocked': {
      const { [event.entryId]: _gone, ...locks } = state.locks;
      return { ...state, locks };
    }
    case 'ButtonSet': {
      const draft = new SeatDraft(state);
      draft.setDef(event.tableId, { button: event.seat });
      return draft.finish();
    }
    case 'BreakOrderSet':
      return { ...state, breakOrder: event.tableIds };
    case 'SeatingConfigured':
      return { ...state, config: event.config };
    case 'SeatsDrawn': {
      const draft = new SeatDraft(state);
      for (const def of event.tablesAdded) draft.addTable(def);
      for (const s of event.seats) draft.seat(s.entryId, s);
      return draft.finish({ drawn: true });
    }
    case 'EntrySeated': {
      const draft = new SeatDraft(state);
      if (event.tableAdded) draft.addTable(event.tableAdded);
      draft.seat(event.entryId, event);
      return draft.finish();
    }
    case 'EntriesUnseated': {
      const draft = new SeatDraft(state);
      for (const s of event.seats) draft.unseat(s.entryId);
      return draft.finish();
    }
    case 'MovesProposed':
      return {
        ...state,
        pendingMoves: [...state.pendingMoves, ...event.moves],
        nextMoveNumber: afterMoves(state, event.moves).nextMoveNumber as number,
      };
    case 'MovesWithdrawn': {
      const gone = new Set(event.moves.map((m) => m.moveId));
      return { ...state, pendingMoves: state.pendingMoves.filter((m) => !gone.has(m.moveId)) };
    }
    case 'PlayersMoved': {
      const draft = new SeatDraft(state);
      applyChanges(draft, movesAsChanges(event.moves));
      const locks = relockMoved(state, event.moves);
      return draft.finish({ ...afterMoves(state, event.moves), locks });
    }
    case 'TableBroken': {
      const draft = new SeatDraft(state);
      applyChanges(draft, movesAsChanges(event.moves));
      draft.removeTable(event.table.id);
      return draft.finish({
        ...afterMoves(state, event.moves),
        locks: releaseLocks(state.locks, event.locksReleased),
        breakOrder: withoutTable(state.breakOrder, event.table.id),
      });
    }
    case 'FinalTableDrawn': {
      const draft = new SeatDraft(state);
      applyChanges(draft, movesAsChanges(event.moves));
      let breakOrder = state.breakOrder;
      for (const t of event.tablesBroken) {
        draft.removeTable(t.id);
        breakOrder = withoutTable(breakOrder, t.id);
      }
      return draft.finish({
        ...afterMoves(state, event.moves),
        locks: releaseLocks(state.locks, event.locksReleased),
        breakOrder,
      });
    }
    case 'SeatsReverted': {
      const draft = new SeatDraft(state);
      applyChanges(draft, event.changes);
      return draft.finish(event.drawn === null ? {} : { drawn: event.drawn });
    }
    case 'HandForHandStarted':
      return {
        ...state,
        handForHand: { hand: event.hand, reported: [], endsAfterHand: false },
        lastHandForHandHand: Math.max(state.lastHandForHandHand, event.hand),
      };
    case 'TableHandFinished': {
      const hfh = state.handForHand;
      if (!hfh || hfh.reported.includes(event.tableId)) return state;
      return { ...state, handForHand: { ...hfh, reported: [...hfh.reported, event.tableId] } };
    }
    case 'HandForHandNextHand': {
      const hfh = state.handForHand;
      return {
        ...state,
        handForHand: { hand: event.hand, reported: [], endsAfterHand: hfh?.endsAfterHand ?? false },
        lastHandForHandHand: Math.max(state.lastHandForHandHand, event.hand),
      };
    }
    case 'HandForHandEnding': {
      const hfh = state.handForHand;
      return hfh ? { ...state, handForHand: { ...hfh, endsAfterHand: true } } : state;
    }
    case 'HandForHandStopped':
      return { ...state, handForHand: null };
    case 'HandForHandRestored':
      return {
        ...state,
        handForHand: event.status,
        lastHandForHandHand: Math.max(state.lastHandForHandHand, event.status?.hand ?? 0),
      };
    default:
      return assertNever(event, 'seating event');
  }
}

/**
 * A lock pins an entry to a seat. When a locked entry is moved on purpose (the TD's lock
 * command moves it to the locked seat) the lock already names the destination; a move that
 * takes a locked entry elsewhere (only a table break can) releases the lock.
 */
function relockMoved(state: SeatingState, moves: readonly Move[]): SeatingState['locks'] {
  let locks = state.locks;
  for (const m of moves) {
    const lock = locks[m.entryId];
    if (lock && !sameRef(lock, m.to)) {
      const { [m.entryId]: _gone, ...rest } = locks;
      locks = rest;
    }
  }
  return locks;
}

function releaseLocks(
  locks: SeatingState['locks'],
  released: readonly { readonly entryId: string }[],
): SeatingState['locks'] {
  if (released.length === 0) return locks;
  const out = { ...locks };
  for (const r of released) delete out[r.entryId];
  return out;
}
