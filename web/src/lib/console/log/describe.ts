/**
 * An event in words for the log: "Busted Bo Jensen (18th)", "Added 2 min". One case per event
 * type (exhaustive: a new event type fails the type check until it has words here).
 */
import type { Move, SeatingEvent } from '../../../../../engine/seating/types.ts';
import type { TournamentEvent, TournamentEventAny } from '../../../../../engine/tournament/types.ts';
import { chips } from '../../format.ts';

export interface Names {
  entry(entryId: string): string;
  table(tableId: string): string;
  money(minor: number): string;
  /** "Level 7", "Break after level 4". */
  level(levelIndex: number): string;
}

const min = (ms: number) => `${Math.round(ms / 60_000)} min`;
const seat = (n: Names, r: { tableId: string; seat: number }) => `${n.table(r.tableId)} · ${r.seat}`;
const moves = (n: Names, ms: readonly Move[]) =>
  ms.map((m) => `${n.entry(m.entryId)} ${seat(n, m.from)} → ${seat(n, m.to)}`).join('; ');
const count = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;

export function describeEvent(e: TournamentEventAny, n: Names): string {
  return isTournamentEvent(e) ? tournamentText(e, n) : seatingText(e as SeatingEvent, n);
}

const TOURNAMENT_TYPES = new Set<string>([
  'TournamentCreated',
  'TournamentConfigured',
  'RegistrationOpened',
  'RegistrationClosed',
  'EntryRegistered',
  'AlternateAdded',
  'AlternatePromoted',
  'EntryUnregistered',
  'RebuyTaken',
  'AddOnTaken',
  'TournamentStarted',
  'ClockChanged',
  'LevelsEdited',
  'ChipCountsSet',
  'PlayersBusted',
  'AddedMoneySet',
  'GuaranteeSet',
  'PayoutsEdited',
  'PayoutsLocked',
  'DealMade',
  'TournamentFinished',
  'SeatsWon',
  'TournamentCancelled',
  'CommandUndone',
  'DayBagged',
  'EntriesCarried',
  'TableWon',
  'ShootoutRoundStarted',
] satisfies TournamentEvent['type'][]);

function isTournamentEvent(e: TournamentEventAny): e is TournamentEvent {
  return TOURNAMENT_TYPES.has(e.type);
}

function tournamentText(e: TournamentEvent, n: Names): string {
  switch (e.type) {
    case 'TournamentCreated':
      return `Created “${e.config.name}”`;
    case 'TournamentConfigured':
      return 'Changed the set-up (structure, buy-in or rules)';
    case 'RegistrationOpened':
      return e.previousStatus === 'running' ? 'Reopened late registration' : 'Opened registration';
    case 'RegistrationClosed':
      return 'Closed registration';
    case 'EntryRegistered':
      return `${e.kind === 'reentry' ? 'Re-entry' : 'Registered'} ${e.name} (#${e.number})`;
    case 'AlternateAdded':
      return `${e.name} joined the waiting list (${e.position})`;
    case 'AlternatePromoted':
      return `${e.name} took a seat from the waiting list`;
    case 'EntryUnregistered':
      return `Unregistered ${n.entry(e.entryId)} (refund ${n.money(e.refund.price + e.refund.fee + e.refund.bounty)})`;
    case 'RebuyTaken':
      return `${n.entry(e.entryId)} rebought`;
    case 'AddOnTaken':
      return `${n.entry(e.entryId)} took the add-on`;
    case 'TournamentStarted':
      return 'Started the tournament';
    case 'ClockChanged':
      switch (e.action) {
        case 'pause':
          return 'Paused the clock';
        case 'resume':
          return 'Resumed the clock';
        case 'add-time':
          return `Added ${min(e.deltaMs ?? 0)}`;
        case 'remove-time':
          return `Took off ${min(Math.abs(e.deltaMs ?? 0))}`;
        case 'go-to-level':
          return `Went to ${n.level(e.levelIndex ?? 0)}`;
        case 'restart-level':
          return 'Restarted the level';
        default:
          return unknownCase(e.action);
      }
    case 'LevelsEdited':
      return `Edited the levels to come (${count(e.levels.length, 'level')})`;
    case 'ChipCountsSet':
      return e.counts.length === 1 && e.counts[0]
        ? `${n.entry(e.counts[0].entryId)}: ${chips(e.counts[0].chips)} chips`
        : `Chip counts for ${count(e.counts.length, 'player')}`;
    case 'PlayersBusted': {
      const who = e.busts.map((b) => n.entry(b.entryId)).join(', ');
      return `Busted ${who}${e.hitmanEntryId ? ` (by ${n.entry(e.hitmanEntryId)})` : ''} · ${e.playersLeftAfter} left`;
    }
    case 'AddedMoneySet':
      return `Added money ${n.money(e.amount)}`;
    case 'GuaranteeSet':
      return `Guarantee ${n.money(e.amount)}`;
    case 'PayoutsEdited':
      return 'Edited the payouts';
    case 'PayoutsLocked':
      return 'Locked paid places';
    case 'DealMade':
      return `Deal (${e.kind}) between ${count(e.shares.length, 'player')}`;
    case 'TournamentFinished':
      return 'Finished the tournament';
    case 'SeatsWon':
      return `Seats won: play stopped with ${count(e.entryIds.length, 'player')} left for ${count(e.seats, 'seat')}`;
    case 'TournamentCancelled':
      return `Cancelled the tournament${e.reason ? `: ${e.reason}` : ''}`;
    case 'CommandUndone':
      return e.effect === 'revert' ? 'Undid an action' : 'Redid an action';
    case 'TableWon':
      return `${e.tableName} won by ${e.winners.map((id) => n.entry(id)).join(', ')} (round ${e.round})`;
    case 'ShootoutRoundStarted':
      return `Round ${e.round} drawn: ${count(e.entryIds.length, 'player')} at ${count(e.tableIds.length, 'table')}${e.fixed ? ' (shootout)' : ''}`;
    case 'DayBagged':
      return `Bagged the day: ${count(e.survivors.length, 'player')}, ${chips(e.total)} chips`;
    case 'EntriesCarried':
      return `Carried in ${count(e.entries.length, 'player')} from the flights`;
    default:
      return unknownCase(e);
  }
}

function seatingText(e: SeatingEvent, n: Names): string {
  switch (e.type) {
    case 'TableAdded':
      return `Added ${e.table.name} (${e.table.seats} seats)`;
    case 'TableRenamed':
      return `Renamed ${e.previousName} to ${e.name}`;
    case 'TableRemoved':
      return `Removed ${e.table.name}`;
    case 'SeatAvailabilitySet':
      return `${n.table(e.tableId)} seat ${e.seat} ${e.available ? 'back in use' : 'out of use'}`;
    case 'SeatLocked':
      return `Locked ${n.entry(e.entryId)} to ${seat(n, e.lock)}`;
    case 'SeatUnlocked':
      return `Unlocked ${n.entry(e.entryId)}`;
    case 'ButtonSet':
      return `${n.table(e.tableId)}: button ${e.seat === null ? 'cleared' : `on seat ${e.seat}`}`;
    case 'BreakOrderSet':
      return 'Set the break order';
    case 'SeatingConfigured':
      return 'Changed the seating settings';
    case 'SeatsDrawn':
      return `Drew seats for ${count(e.seats.length, 'player')}`;
    case 'EntrySeated':
      return `Seated ${n.entry(e.entryId)} at ${seat(n, e)}`;
    case 'EntriesUnseated':
      return `Freed ${count(e.seats.length, 'seat')}`;
    case 'MovesProposed':
      return `Balance: ${moves(n, e.moves)}`;
    case 'MovesWithdrawn':
      return `Moves no longer needed (${e.reason})`;
    case 'PlayersMoved':
      return `Moved ${moves(n, e.moves)}`;
    case 'TableBroken':
      return `Broke ${e.table.name}: ${moves(n, e.moves)}`;
    case 'FinalTableDrawn':
      return `Final table drawn (${count(e.moves.length, 'player')})`;
    case 'SeatsReverted':
      return `Seats put back (${count(e.changes.length, 'player')})`;
    case 'HandForHandStarted':
      return `Hand-for-hand started (hand ${e.hand})`;
    case 'TableHandFinished':
      return `${n.table(e.tableId)} finished hand ${e.hand}`;
    case 'HandForHandNextHand':
      return `Hand-for-hand: hand ${e.hand}`;
    case 'HandForHandEnding':
      return `Hand-for-hand ends after hand ${e.hand}`;
    case 'HandForHandStopped':
      return 'Hand-for-hand stopped';
    case 'HandForHandRestored':
      return 'Hand-for-hand put back';
    default:
      return unknownCase(e);
  }
}

function unknownCase(x: never): string {
  return `(${String((x as { type?: string }).type ?? x)})`;
}
