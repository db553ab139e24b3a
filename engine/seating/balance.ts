/**
 * Balancing: keeps the largest and smallest tables in play within the tolerance by moving the
 * player who will be big blind next at the largest table to the worst position at the
 * shortest (TDA rules on balancing tables; positions.ts explains both seats).
 */
import type { Ctx } from '../core/ctx.ts';
import { evolveSeating } from './evolve.ts';
import { bigBlindNextSeat, blindsOf, worstOpenSeat } from './positions.ts';
import { isLockedAt, isSeatAvailable, openSeatCount, openSeats, seatOf, tableById } from './state.ts';
import { breakOrderCompare, tablesWithSeatedLocks, toleranceFor } from './tables.ts';
import type { Move, SeatingEvent, SeatingState, TableState } from './types.ts';

interface Sizes {
  readonly inPlay: number;
  readonly largest: number;
  readonly smallest: number;
}

function sizes(state: SeatingState): Sizes {
  let inPlay = 0;
  let largest = 0;
  let smallest = Number.POSITIVE_INFINITY;
  for (const t of state.tables) {
    if (t.players === 0) continue;
    inPlay++;
    if (t.players > largest) largest = t.players;
    if (t.players < smallest) smallest = t.players;
  }
  return { inPlay, largest, smallest: inPlay === 0 ? 0 : smallest };
}

export function isBalanced(state: SeatingState): boolean {
  const s = sizes(state);
  return s.inPlay <= 1 || s.largest - s.smallest <= toleranceFor(state, s.inPlay);
}

function movablePlayers(state: SeatingState, table: TableState): number[] {
  const out: number[] = [];
  table.occupants.forEach((entryId, i) => {
    if (entryId !== null && !isLockedAt(state, entryId, { tableId: table.id, seat: i + 1 })) out.push(i + 1);
  });
  return out;
}

/** Source: a largest table with someone allowed to move; ties go to the table that breaks first. */
function pickSource(state: SeatingState, largest: number): TableState | null {
  const cmp = breakOrderCompare(state);
  // Only a table holding a locked player can lack someone to move.
  const withLocks = Object.keys(state.locks).length > 0 ? tablesWithSeatedLocks(state) : null;
  let best: TableState | null = null;
  for (const t of state.tables) {
    if (t.players !== largest || (best !== null && cmp(t, best) >= 0)) continue;
    if (!withLocks?.has(t.id) || movablePlayers(state, t).length > 0) best = t;
  }
  return best;
}

/**
 * Target: the smallest table with an open seat; ties go to the table that breaks last, so a
 * moved player is the least likely to move again.
 */
function pickTarget(state: SeatingState, sourceId: string): TableState | null {
  const cmp = breakOrderCompare(state);
  let best: TableState | null = null;
  for (const t of state.tables) {
    if (t.players === 0 || t.id === sourceId || openSeatCount(t) === 0) continue;
    if (best === null || t.players < best.players || (t.players === best.players && cmp(t, best) > 0)) {
      best = t;
    }
  }
  return best;
}

/** One balancing move on `state`, or null when balanced or nothing can move. */
function planOneMove(state: SeatingState, ctx: Ctx, moveId: string): Move | null {
  const s = sizes(state);
  if (s.inPlay <= 1 || s.largest - s.smallest <= toleranceFor(state, s.inPlay)) return null;
  const source = pickSource(state, s.largest);
  if (!source) return null;
  const target = pickTarget(state, source.id);
  if (!target || source.players - target.players < 2) return null;

  let random = false;
  const movable = movablePlayers(state, source);
  const sourceBlinds = blindsOf(source);
  let fromSeat: number;
  let who: string;
  if (sourceBlinds) {
    fromSeat = bigBlindNextSeat(source, sourceBlinds, (seat) => movable.includes(seat)) as number;
    who = `big blind next at ${source.name}`;
  } else {
    fromSeat = ctx.random.pick(movable) as number;
    random = true;
    who = `no button recorded at ${source.name}: player drawn at random`;
  }

  const open = openSeats(target);
  const targetBlinds = blindsOf(target);
  let toSeat: number;
  let where: string;
  const worst = targetBlinds ? worstOpenSeat(target, targetBlinds, open) : null;
  if (worst) {
    toSeat = worst.seat;
    where = worst.smallBlindGap
      ? 'the only open seat is between the small blind and the big blind: sits out until the button passes'
      : 'worst position (next to post the big blind)';
  } else {
    toSeat = ctx.random.pick(open) as number;
    random = true;
    where = `no button recorded at ${target.name}: seat drawn at random`;
  }
  const entryId = source.occupants[fromSeat - 1] as string;
  return {
    moveId,
    entryId,
    from: { tableId: source.id, seat: fromSeat },
    to: { tableId: target.id, seat: toSeat },
    reason: `balance: ${source.name} has ${source.players}, ${target.name} has ${target.players}; ${who}; ${where}`,
    random,
  };
}

function applied(state: SeatingState, moves: readonly Move[], ctx: Ctx): SeatingState {
  return evolveSeating(state, { type: 'PlayersMoved', at: ctx.now, actor: ctx.actor.id, moves });
}

/** Why a pending move can no longer be applied as proposed, or null when it still holds. */
export function staleReason(state: SeatingState, move: Move): string | null {
  const at = seatOf(state, move.entryId);
  if (!at || at.tableId !== move.from.tableId || at.seat !== move.from.seat) {
    return `${move.entryId} is no longer in ${move.from.tableId} seat ${move.from.seat}`;
  }
  if (state.locks[move.entryId]) return `${move.entryId} is locked to a seat`;
  const to = tableById(state, move.to.tableId);
  if (!to || !isSeatAvailable(to, move.to.seat) || to.occupants[move.to.seat - 1] != null) {
    return `${move.to.tableId} seat ${move.to.seat} is no longer open`;
  }
  const from = tableById(state, move.from.tableId) as TableState;
  const s = sizes(state);
  if (from.players - to.players < 2 || s.largest - s.smallest <= toleranceFor(state, s.inPlay)) {
    return 'the tables are balanced without it';
  }
  return null;
}

export interface BalancePlan {
  /** Pending moves that no longer hold, with the reason. */
  readonly withdrawn: readonly Move[];
  readonly withdrawReason: string;
  /** Pending moves that still hold, in order. */
  readonly kept: readonly Move[];
  readonly added: readonly Move[];
}

/** Re-checks the pending moves against `state` and plans what else balancing needs. */
export function planBalance(state: SeatingState, ctx: Ctx): BalancePlan {
  let v = state;
  const kept: Move[] = [];
  const withdrawn: Move[] = [];
  const reasons: string[] = [];
  for (const m of state.pendingMoves) {
    const why = staleReason(v, m);
    if (why === null) {
      kept.push(m);
      v = applied(v, [m], ctx);
    } else {
      withdrawn.push(m);
      reasons.push(`${m.moveId}: ${why}`);
    }
  }
  const added: Move[] = [];
  let n = v.nextMoveNumber;
  for (;;) {
    const move = planOneMove(v, ctx, `m${n}`);
    if (!move) break;
    added.push(move);
    n++;
    v = applied(v, [move], ctx);
  }
  return { withdrawn, withdrawReason: reasons.join('; '), kept, added };
}

/**
 * The events for a balancing pass: stale proposals withdrawn, then either new proposals or,
 * with `autoApplyMoves`, every needed move carried out.
 */
export function balanceEvents(state: SeatingState, ctx: Ctx): SeatingEvent[] {
  // A shootout round: every table plays on with whoever is left at it.
  if (state.fixedTables) return [];
  const plan = planBalance(state, ctx);
  const base = { at: ctx.now, actor: ctx.actor.id };
  const out: SeatingEvent[] = [];
  if (plan.withdrawn.length > 0) {
    out.push({ type: 'MovesWithdrawn', ...base, moves: plan.withdrawn, reason: plan.withdrawReason });
  }
  if (state.config.autoApplyMoves) {
    const moves = [...plan.kept, ...plan.added];
    if (moves.length > 0) out.push({ type: 'PlayersMoved', ...base, moves });
  } else if (plan.added.length > 0) {
    out.push({ type: 'MovesProposed', ...base, moves: plan.added });
  }
  return out;
}
