/**
 * Blind positions at one table, worked out from the recorded dealer button, for balancing.
 *
 * Conventions (the button is recorded for the hand being played or just played, seats are
 * numbered clockwise, the big blind moves forward one player every hand — the TDA's
 * "moving button" rule):
 *
 *   small blind (SB) = first occupied seat clockwise after the button seat
 *                      (heads-up: the button itself posts the small blind)
 *   big blind  (BB)  = first occupied seat clockwise after the SB
 *   big blind next   = first occupied seat clockwise after the BB
 *
 * Worst position at a short table (TDA rules on balancing tables — Rule 10 in the 2019
 * edition, Rule 11 since 2022 per Card Player, "TDA Rule Changes: Less Than Meets the Eye",
 * Dec 2022; the moved player goes to the
 * "worst position", the seat that pays the big blind soonest, "including single big blind
 * ... even if that means the seat is the big blind twice"; "worst position is never the small
 * blind"):
 *
 *   clockwise →  BTN · [e] · SB · [x] · BB · [1] · P · [2] · P · … · P · [3] · BTN
 *
 *   [1] an open seat right after the BB: next hand the big blind moves forward into it, so the
 *       moved player posts the big blind at once — the worst position.
 *   [2], [3] … each further open seat posts one hand later.
 *   [e] between the button and the SB: the button passes it next hand, it posts last.
 *   [x] between the SB and the BB: next hand it sits between the new button and the new small
 *       blind, where a new player cannot be dealt in (TDA rules on breaking tables: dealt in
 *       "except between the small blind and the button") — this is the small-blind position
 *       a moved player never takes while another open seat exists.
 *
 * So the worst position is the open seat with the smallest clockwise distance from the BB,
 * skipping [x] seats.
 */
import type { TableState } from './types.ts';

/** First occupied seat clockwise strictly after `seat` (may come back round to `seat`). */
export function nextOccupied(table: TableState, seat: number): number | null {
  const n = table.seats;
  for (let step = 1; step <= n; step++) {
    const s = ((seat - 1 + step) % n) + 1;
    if (table.occupants[s - 1] != null) return s;
  }
  return null;
}

export interface Blinds {
  readonly button: number;
  readonly smallBlind: number;
  readonly bigBlind: number;
}

/** SB and BB for the recorded button, or null without a button or with fewer than two players. */
export function blindsOf(table: TableState): Blinds | null {
  const button = table.button;
  if (button === null || table.players < 2) return null;
  if (table.players === 2 && table.occupants[button - 1] != null) {
    const bigBlind = nextOccupied(table, button) as number;
    return { button, smallBlind: button, bigBlind };
  }
  const smallBlind = nextOccupied(table, button) as number;
  const bigBlind = nextOccupied(table, smallBlind) as number;
  return { button, smallBlind, bigBlind };
}

/**
 * The player who will be big blind next, skipping players who may not move (locked): the
 * next occupied seat after the BB, then onwards clockwise. Null when nobody can move.
 */
export function bigBlindNextSeat(table: TableState, blinds: Blinds, canMove: (seat: number) => boolean) {
  let seat = blinds.bigBlind;
  for (let i = 0; i < table.players; i++) {
    const next = nextOccupied(table, seat);
    if (next === null) return null;
    if (canMove(next)) return next;
    seat = next;
  }
  return null;
}

function clockwiseDistance(from: number, to: number, seats: number): number {
  return (((to - from) % seats) + seats) % seats;
}

export interface WorstSeat {
  readonly seat: number;
  /** True when the only open seats sit between the SB and the BB (the player waits for the button). */
  readonly smallBlindGap: boolean;
}

/** The worst position among `open` seats (see the diagram above). */
export function worstOpenSeat(table: TableState, blinds: Blinds, open: readonly number[]): WorstSeat | null {
  if (open.length === 0) return null;
  const n = table.seats;
  const gapEnd = clockwiseDistance(blinds.smallBlind, blinds.bigBlind, n);
  const inSmallBlindGap = (seat: number) => {
    const d = clockwiseDistance(blinds.smallBlind, seat, n);
    return d > 0 && d < gapEnd;
  };
  const byDistance = [...open].sort(
    (a, b) => clockwiseDistance(blinds.bigBlind, a, n) - clockwiseDistance(blinds.bigBlind, b, n),
  );
  const best = byDistance.find((s) => !inSmallBlindGap(s));
  if (best !== undefined) return { seat: best, smallBlindGap: false };
  return { seat: byDistance[0] as number, smallBlindGap: true };
}
