/** The empty tournament and small read helpers shared by decide, evolve and the views. */
import { initialClock } from '../clock/anchors.ts';
import { initialSeatingState } from '../seating/state.ts';
import { emptyMap, mapGet, mapValues } from './pmap.ts';
import type { Charge, Entry, MoneyTotals, Player, TournamentState } from './types.ts';

export const STATE_VERSION = 1;

export const NO_CHARGE: Charge = Object.freeze({ price: 0, fee: 0, bounty: 0, chips: 0 });

export const EMPTY_MONEY: MoneyTotals = Object.freeze({
  fromEntries: 0,
  fees: 0,
  bounties: 0,
  chipsIssued: 0,
  buyIns: 0,
  reentries: 0,
  rebuys: 0,
  addOns: 0,
});

export function initialState(tournamentId: string): TournamentState {
  return {
    version: STATE_VERSION,
    tournamentId,
    status: 'announced',
    config: null,
    registrationClosed: false,
    clock: initialClock(),
    startedAt: null,
    finishedAt: null,
    entries: emptyMap<Entry>(),
    players: emptyMap<Player>(),
    entryCount: 0,
    entrants: 0,
    playersLeft: 0,
    waitingList: [],
    money: EMPTY_MONEY,
    bustCount: 0,
    unclaimedBounties: 0,
    payoutEdits: { manual: [], locked: [] },
    deal: null,
    log: emptyMap(),
    eventCount: 0,
    lastCommandId: null,
    seating: initialSeatingState(),
  };
}

export function getEntry(state: TournamentState, entryId: string): Entry | undefined {
  return mapGet(state.entries, entryId);
}

export function getPlayer(state: TournamentState, playerId: string): Player | undefined {
  return mapGet(state.players, playerId);
}

/** Every entry (voided registrations left out), in entry order. */
export function listEntries(state: TournamentState): Entry[] {
  return mapValues(state.entries)
    .filter((e) => e.status !== 'voided')
    .sort((a, b) => a.number - b.number);
}

/** Entries still playing, in entry order. */
export function activeEntries(state: TournamentState): Entry[] {
  return listEntries(state).filter((e) => e.status === 'active');
}

/** "Entry #12 (Anna)" — how a TD names an entry in a message. */
export function entryLabel(entry: Entry): string {
  return `Entry #${entry.number} (${entry.name})`;
}

export function addCharge(a: Charge, b: Charge, sign: 1 | -1 = 1): Charge {
  return {
    price: a.price + sign * b.price,
    fee: a.fee + sign * b.fee,
    bounty: a.bounty + sign * b.bounty,
    chips: a.chips + sign * b.chips,
  };
}
