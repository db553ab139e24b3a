/**
 * Hand-for-hand: near the money every table plays one hand and waits until every other table
 * has finished it, so players busting "in the same hand" on different tables can be ranked
 * together (TDA rules on hand-for-hand play and simultaneous busts: ties share, or — a common
 * house rule the config allows — rank by stack at the start of the hand).
 *
 * The bubble: hand-for-hand starts automatically when one more bust would put every remaining
 * player in the money (players left = paid places + 1). When that bust happens the current
 * hand-for-hand hand still finishes (other tables may bust players in the same hand, and they
 * share the bubble) and then hand-for-hand stops.
 */
import type { Ctx } from '../core/ctx.ts';
import { DomainError } from '../core/errors.ts';
import { tableById } from './state.ts';
import type { SeatingEvent, SeatingState } from './types.ts';

export function handForHandKey(state: SeatingState): string | null {
  return state.handForHand ? `hfh-${state.handForHand.hand}` : null;
}

/** Tables with players that have not reported the current hand-for-hand hand. */
export function tablesStillPlaying(state: SeatingState): string[] {
  const hfh = state.handForHand;
  if (!hfh) return [];
  return state.tables.filter((t) => t.players > 0 && !hfh.reported.includes(t.id)).map((t) => t.id);
}

export function startEvent(state: SeatingState, ctx: Ctx, reason: string): SeatingEvent {
  return {
    type: 'HandForHandStarted',
    at: ctx.now,
    actor: ctx.actor.id,
    hand: state.lastHandForHandHand + 1,
    reason,
  };
}

export function startHandForHand(state: SeatingState, ctx: Ctx): SeatingEvent[] | DomainError {
  if (state.handForHand) {
    return new DomainError('HAND_FOR_HAND_ALREADY_ON', 'Hand-for-hand is already on', {
      hand: state.handForHand.hand,
    });
  }
  return [startEvent(state, ctx, 'started by the TD')];
}

export function stopHandForHand(state: SeatingState, ctx: Ctx, reason: string): SeatingEvent[] | DomainError {
  if (!state.handForHand) return new DomainError('HAND_FOR_HAND_OFF', 'Hand-for-hand is not on');
  return [
    {
      type: 'HandForHandStopped',
      at: ctx.now,
      actor: ctx.actor.id,
      hand: state.handForHand.hand,
      reason,
      previous: state.handForHand,
    },
  ];
}

/** Once every table with players has reported: the next hand begins, or hand-for-hand ends. */
export function progressEvents(state: SeatingState, ctx: Ctx): SeatingEvent[] {
  const hfh = state.handForHand;
  if (!hfh || tablesStillPlaying(state).length > 0) return [];
  const base = { at: ctx.now, actor: ctx.actor.id };
  if (hfh.endsAfterHand) {
    return [
      { type: 'HandForHandStopped', ...base, hand: hfh.hand, reason: 'the bubble burst', previous: hfh },
    ];
  }
  const hand = Math.max(hfh.hand, state.lastHandForHandHand) + 1;
  return [{ type: 'HandForHandNextHand', ...base, hand, previous: hfh }];
}

export function reportHandFinished(
  state: SeatingState,
  tableId: string,
  ctx: Ctx,
): SeatingEvent[] | DomainError {
  const hfh = state.handForHand;
  if (!hfh) return new DomainError('HAND_FOR_HAND_OFF', 'Hand-for-hand is not on');
  const table = tableById(state, tableId);
  if (!table) return new DomainError('TABLE_NOT_FOUND', `There is no table ${tableId}`, { tableId });
  if (table.players === 0) {
    return new DomainError('TABLE_NOT_IN_PLAY', `${table.name} has no players`, { tableId });
  }
  if (hfh.reported.includes(tableId)) {
    return new DomainError(
      'HAND_ALREADY_REPORTED',
      `${table.name} already reported hand-for-hand hand ${hfh.hand}`,
      { tableId, hand: hfh.hand },
    );
  }
  return [{ type: 'TableHandFinished', at: ctx.now, actor: ctx.actor.id, tableId, hand: hfh.hand }];
}
