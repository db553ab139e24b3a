/**
 * The tournament decider: lifecycle, entries, busts and places, bounties, money, undo and
 * replay. Seating plugs in as a sub-decider (engine/seating/).
 *
 * Rules chosen where the brief left room (each is explained where it is implemented):
 * - Commands carry their `commandId` in the envelope; every event repeats it (undo finds a
 *   command's events by it). A repeated id is refused (DUPLICATE_COMMAND_ID).
 * - Alternates are promoted by the TD (PromoteAlternate), never automatically; while anyone
 *   waits, newcomers queue behind them (decide.ts).
 * - Late registration and rebuys close at the end of level N; the add-on window includes the
 *   break after level N (windows.ts).
 * - A bust without a hitman leaves the bounty unclaimed (kept by the house, shown in the
 *   ledger); progressive knockouts give the odd unit to the cash half; the winner keeps their
 *   own head (bounties.ts, standings.ts).
 * - Places and prizes are derived, never stored (results.ts); undo is compensation with
 *   blocking errors naming the later command (undo.ts).
 */

export type { CommandSpan } from './command-log.ts';
export { missingForCommand, missingForEvent, missingForEvents, withCommandEvents } from './command-log.ts';
export { commandSchema, isTournamentCommand, structureSchema } from './commands.schema.ts';
export { buildConfig, DEFAULT_FINAL_TABLE_SIZE, DEFAULT_RULES } from './config.ts';
export type { Decision } from './decide.ts';
export { decide } from './decide.ts';
export { evolve } from './evolve.ts';
export { replay, restore, SNAPSHOT_FORMAT, snapshot } from './replay.ts';
export type { Placing } from './results.ts';
export { finishingPlaces, payouts, prizePool, prizes } from './results.ts';
export { seatsOf, seatsWon } from './satellite.ts';
export type { ShootoutStanding } from './shootout.ts';
export { shootoutStanding } from './shootout.ts';
export type * from './shootout-types.ts';
export type { EntryStanding, PlayerBounty, SatelliteStanding, Standings } from './standings.ts';
export { clockAt, phaseAt, standings } from './standings.ts';
export { activeEntries, getEntry, getPlayer, initialState, listEntries } from './state.ts';
export type * from './types.ts';
export { commandIds } from './undo.ts';
