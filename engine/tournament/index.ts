/**
 * The tournament decider: lifecycle, entries, busts and places, bounties, money, undo and
 * replay. Seating plugs in as a sub-decider (engine/seating/).
 */
export { commandSchema, isTournamentCommand, structureSchema } from './commands.schema.ts';
export { buildConfig, DEFAULT_FINAL_TABLE_SIZE, DEFAULT_RULES } from './config.ts';
export type { Decision } from './decide.ts';
export { decide } from './decide.ts';
export { evolve } from './evolve.ts';
export { replay, restore, snapshot } from './replay.ts';
export type { Placing } from './results.ts';
export { finishingPlaces, payouts, prizePool, prizes } from './results.ts';
export type { EntryStanding, PlayerBounty, Standings } from './standings.ts';
export { clockAt, phaseAt, standings } from './standings.ts';
export { activeEntries, getEntry, getPlayer, initialState, listEntries } from './state.ts';
export type * from './types.ts';
export { commandIds } from './undo.ts';
