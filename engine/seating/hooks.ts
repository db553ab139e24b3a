/**
 * What the tournament decider calls from its own decisions: an entry joins late, entries
 * bust, a bust is undone. Each returns the seating events to append to the same decision.
 */
import type { Ctx } from '../core/ctx.ts';
import { DomainError } from '../core/errors.ts';
import { balanceEvents } from './balance.ts';
import { autoBreakCandidate, finalTableCandidate, planBreak, planFinalTable } from './breaking.ts';
import { seatOne } from './draw.ts';
import { evolveSeating } from './evolve.ts';
import { progressEvents, startEvent } from './hand-for-hand.ts';
import { availableSeats, seatOf } from './state.ts';
import type { SeatAssignment, SeatingEvent, SeatingState, SeatRef } from './types.ts';

/** Appends `next` to `events` and returns the state after them. */
export function push(
  state: SeatingState,
  events: SeatingEvent[],
  next: readonly SeatingEvent[],
): SeatingState {
  let s = state;
  for (const e of next) {
    events.push(e);
    s = evolveSeating(s, e);
  }
  return s;
}

export function seatEntry(
  state: SeatingState,
  entryId: string,
  ctx: Ctx,
): readonly SeatingEvent[] | DomainError {
  if (!state.drawn) return [];
  const at = seatOf(state, entryId);
  if (at) {
    return new DomainError('ENTRY_ALREADY_SEATED', `Entry ${entryId} already has a seat`, { entryId, ...at });
  }
  const events: SeatingEvent[] = [];
  const s = push(state, events, [seatOne(state, entryId, ctx, 'late entry', null)]);
  push(s, events, balanceEvents(s, ctx));
  return events;
}

export function restoreSeat(
  state: SeatingState,
  entryId: string,
  seat: SeatRef | null,
  ctx: Ctx,
): readonly SeatingEvent[] {
  if (!state.drawn || seatOf(state, entryId)) return [];
  const events: SeatingEvent[] = [];
  const s = push(state, events, [seatOne(state, entryId, ctx, 'bust undone', seat)]);
  push(s, events, balanceEvents(s, ctx));
  return events;
}

function fitsOnOneTable(state: SeatingState): boolean {
  let inPlay = 0;
  let biggest = 0;
  for (const t of state.tables) {
    if (t.players === 0) continue;
    inPlay++;
    biggest = Math.max(biggest, availableSeats(t));
  }
  return inPlay > 1 && state.seated <= biggest;
}

/**
 * Breaks tables while the players left fit in one fewer (or, with `finalTableRedraw`,
 * consolidates to the final table with a full redraw as soon as everyone fits on one).
 */
export function consolidate(state: SeatingState, events: SeatingEvent[], ctx: Ctx): SeatingState {
  if (state.fixedTables) return state;
  let s = state;
  for (;;) {
    if (s.config.finalTableRedraw && fitsOnOneTable(s)) {
      const finalTable = finalTableCandidate(s);
      if (finalTable) return push(s, events, [planFinalTable(s, finalTable, ctx)]);
    }
    const table = autoBreakCandidate(s);
    if (!table) return s;
    s = push(s, events, [planBreak(s, table, ctx, 'the players left fit in one fewer table')]);
  }
}

export function unseatEntries(
  state: SeatingState,
  entryIds: readonly string[],
  ctx: Ctx,
  playersLeftAfter: number,
  paidPlaces: number,
): readonly SeatingEvent[] {
  const events: SeatingEvent[] = [];
  const seats: SeatAssignment[] = [];
  for (const entryId of entryIds) {
    const at = seatOf(state, entryId);
    if (at) seats.push({ entryId, ...at });
  }
  let s = state;
  if (seats.length > 0) {
    s = push(s, events, [{ type: 'EntriesUnseated', at: ctx.now, actor: ctx.actor.id, seats }]);
    s = consolidate(s, events, ctx);
    s = push(s, events, balanceEvents(s, ctx));
  }
  const hfh = s.handForHand;
  if (hfh) {
    if (playersLeftAfter <= paidPlaces && !hfh.endsAfterHand) {
      s = push(s, events, [
        {
          type: 'HandForHandEnding',
          at: ctx.now,
          actor: ctx.actor.id,
          hand: hfh.hand,
          reason: 'the bubble burst',
        },
      ]);
    }
    push(s, events, progressEvents(s, ctx));
  } else if (
    !s.fixedTables &&
    s.config.autoHandForHandAtBubble &&
    paidPlaces >= 1 &&
    playersLeftAfter === paidPlaces + 1 &&
    entryIds.length > 0
  ) {
    push(s, events, [startEvent(s, ctx, `bubble: ${playersLeftAfter} players left, ${paidPlaces} paid`)]);
  }
  return events;
}
