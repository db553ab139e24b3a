/**
 * Seating: draw, balancing and table breaking per the TDA rules, final-table redraw and
 * hand-for-hand, as a pure sub-decider the tournament decider embeds.
 */
export { isBalanced } from './balance.ts';
export { decideSeating, isSeatingCommand } from './decide.ts';
export { isSeatingEvent } from './event-types.ts';
export { evolveSeating } from './evolve.ts';
export { handForHandKey } from './hand-for-hand.ts';
export { restoreSeat, seatEntry, unseatEntries } from './hooks.ts';
export { bigBlindNextSeat, blindsOf, worstOpenSeat } from './positions.ts';
export { DEFAULT_SEATING_CONFIG, initialSeatingState, seatOf, tableById } from './state.ts';
export type * from './types.ts';
export { undoSeatingEvents } from './undo.ts';
export { seatingView } from './view.ts';
