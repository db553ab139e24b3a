/** Lets the tournament decider route its mixed event union. */
import type { SeatingEvent } from './types.ts';

const EVENT_TYPES: ReadonlySet<string> = new Set<SeatingEvent['type']>([
  'TableAdded',
  'TableRenamed',
  'TableRemoved',
  'SeatAvailabilitySet',
  'SeatLocked',
  'SeatUnlocked',
  'ButtonSet',
  'BreakOrderSet',
  'SeatingConfigured',
  'SeatsDrawn',
  'EntrySeated',
  'EntriesUnseated',
  'MovesProposed',
  'MovesWithdrawn',
  'PlayersMoved',
  'TableBroken',
  'FinalTableDrawn',
  'SeatsReverted',
  'HandForHandStarted',
  'TableHandFinished',
  'HandForHandNextHand',
  'HandForHandEnding',
  'HandForHandStopped',
  'HandForHandRestored',
]);

export function isSeatingEvent(event: { type: string }): event is SeatingEvent {
  return EVENT_TYPES.has(event.type);
}
