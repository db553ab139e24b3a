/**
 * Multi-day play: bagging a flight's day and carrying flights' bags into a Day 2 (the
 * vocabulary is in day-types.ts; combining several flights is engine/flights/). decide,
 * evolve and undo call in here so the rules of days stay in one file.
 *
 * Rules chosen where the brief left room:
 * - A bag needs every player still in to have a positive count (a player with no chips is a
 *   bust, not a bag); the bags must add up to the chips in play (issued: buy-ins, rebuys,
 *   add-ons and carried stacks) unless the TD confirms the difference (colour-up races).
 * - Bagging stops the clock and freezes the flight: anything but Undo of the bag (or a
 *   cancellation) is refused with DAY_ENDED, undos of earlier commands included, since they
 *   would change the survivors after they were counted.
 * - The flight's pool (entries less rake, plus added money; never the overlay: a guarantee
 *   belongs to the event's final day) is recorded with the bag for Day 2 to carry.
 * - Day 2 takes its field once, before its start and before a seat draw (the draw seats the
 *   carried field); its payout table is sized by the flights' entries, not by Day 2's field.
 */
import { pauseClock } from '../clock/transitions.ts';
import type { Ctx } from '../core/ctx.ts';
import { DomainError, isDomainError } from '../core/errors.ts';
import { seatOf } from '../seating/state.ts';
import type { BaggedStack, CarriedEntry, DayEvent } from './day-types.ts';
import { deepEqual } from './equal.ts';
import { mapGet, mapSet } from './pmap.ts';
import { prizePool } from './results.ts';
import { activeEntries, entryLabel, getEntry, getPlayer } from './state.ts';
import type { Entry, TournamentCommand, TournamentState } from './types.ts';

type BagCommand = Extract<TournamentCommand, { type: 'BagChips' }>;
type CarryCommand = Extract<TournamentCommand, { type: 'CarryEntries' }>;
interface Stamp {
  readonly at: number;
  readonly actor: string;
  readonly commandId: string;
}

const chipsText = (n: number) => n.toLocaleString('en-US');

function isWhole(v: unknown, min = 0): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= min;
}

/** Chips the tournament has put on the tables: what the bags must add up to. */
export function chipsInPlay(state: TournamentState): number {
  return state.money.chipsIssued;
}

/** Refuses what a bagged day no longer allows (Undo is decided before this is asked). */
export function dayEndedProblem(state: TournamentState, type: TournamentCommand['type']): DomainError | null {
  if (!state.bag || type === 'CancelTournament') return null;
  return new DomainError(
    'DAY_ENDED',
    `The day was bagged (${state.bag.survivors.length} players): undo the bag to change anything`,
    { bagCommandId: state.bag.commandId },
  );
}

export function decideBag(
  state: TournamentState,
  command: BagCommand,
  stamp: Stamp,
  ctx: Ctx,
): DayEvent[] | DomainError {
  if (state.status !== 'running') {
    return new DomainError('TOURNAMENT_NOT_RUNNING', 'Only a day being played can be bagged', {
      status: state.status,
    });
  }
  const given = new Map<string, number>();
  for (const c of command.counts ?? []) {
    const e = getEntry(state, c.entryId);
    if (e === undefined || e.status !== 'active') {
      return new DomainError(
        'ENTRY_NOT_ACTIVE',
        `Entry ${c.entryId} is not in play: only players still in are bagged`,
        {
          entryId: c.entryId,
        },
      );
    }
    if (given.has(c.entryId)) {
      return new DomainError('DUPLICATE_ENTRY', `${entryLabel(e)} is listed twice`, { entryId: c.entryId });
    }
    if (!isWhole(c.chips)) {
      return new DomainError('INVALID_CHIP_COUNT', `A chip count must be a whole number (got ${c.chips})`, {
        entryId: c.entryId,
        chips: c.chips,
      });
    }
    given.set(c.entryId, c.chips);
  }
  const alive = activeEntries(state);
  const missing: Entry[] = [];
  const empty: Entry[] = [];
  const survivors: BaggedStack[] = [];
  for (const e of alive) {
    const chips = given.get(e.entryId) ?? e.chips;
    if (chips === null) missing.push(e);
    else if (chips === 0) empty.push(e);
    else
      survivors.push({
        entryId: e.entryId,
        playerId: e.playerId,
        name: e.name,
        chips,
        seat: seatOf(state.seating, e.entryId),
        previous: e.chips,
        previousAt: e.chipsAt,
      });
  }
  if (missing.length > 0) {
    return new DomainError(
      'BAG_COUNT_MISSING',
      `Enter a bag count for ${missing.length === 1 ? '' : `${missing.length} players: `}${missing.map(entryLabel).join(', ')}`,
      { entryIds: missing.map((e) => e.entryId) },
    );
  }
  if (empty.length > 0) {
    return new DomainError(
      'BAG_COUNT_ZERO',
      `A bag needs chips: bust ${empty.map(entryLabel).join(', ')} instead of bagging nothing`,
      { entryIds: empty.map((e) => e.entryId) },
    );
  }
  const total = survivors.reduce((sum, s) => sum + s.chips, 0);
  const inPlay = chipsInPlay(state);
  const mismatch = total !== inPlay;
  if (mismatch && command.confirmMismatch !== true) {
    const diff = total - inPlay;
    return new DomainError(
      'BAG_TOTAL_MISMATCH',
      `The bags add up to ${chipsText(total)} chips but ${chipsText(inPlay)} are in play (${chipsText(Math.abs(diff))} ${diff < 0 ? 'short' : 'over'}): recount, or confirm the difference`,
      { total, chipsInPlay: inPlay, difference: diff },
    );
  }
  const config = state.config;
  if (config === null)
    return new DomainError('TOURNAMENT_NOT_CREATED', 'The tournament has not been created', {});
  // A clock already stopped (paused, or run past its last level) stays as it is.
  const paused =
    state.clock.status === 'running' ? pauseClock(state.clock, config.structure, ctx.now) : state.clock;
  const clock = isDomainError(paused) ? state.clock : paused;
  const pool = prizePool(state);
  return [
    {
      type: 'DayBagged',
      ...stamp,
      survivors,
      total,
      chipsInPlay: inPlay,
      confirmedMismatch: mismatch,
      pool: pool.total - pool.overlay,
      entrants: state.entrants,
      clockBefore: state.clock,
      clock,
    },
  ];
}

export function decideCarry(
  state: TournamentState,
  command: CarryCommand,
  stamp: Stamp,
): DayEvent[] | DomainError {
  if (state.carried) {
    return new DomainError(
      'ALREADY_CARRIED',
      `Day 2 already has its field (${state.carried.entries.length} players)`,
      {
        carryCommandId: state.carried.commandId,
      },
    );
  }
  if (state.status === 'running') {
    return new DomainError(
      'DAY_ALREADY_STARTED',
      'This day has started: carry the field in before the start',
      {},
    );
  }
  if (state.seating.drawn) {
    return new DomainError('SEATS_ALREADY_DRAWN', 'Seats are drawn: carry the field in first, then draw', {});
  }
  if (command.entries.length === 0) {
    return new DomainError('NO_CARRIED_ENTRIES', 'Name at least one player to carry in', {});
  }
  if (!isWhole(command.pool)) {
    return new DomainError(
      'INVALID_AMOUNT',
      `The carried pool must be whole minor units (got ${command.pool})`,
      {
        pool: command.pool,
      },
    );
  }
  const flightEntries = command.flightEntries ?? command.entries.length;
  if (!isWhole(flightEntries, command.entries.length)) {
    return new DomainError(
      'INVALID_FIELD_SIZE',
      `The flights had at least as many entries as players carried (${command.entries.length}), got ${flightEntries}`,
      { flightEntries },
    );
  }
  const seen = new Set<string>();
  const entries: CarriedEntry[] = [];
  for (const c of command.entries) {
    const name = c.name.trim();
    if (c.playerId.trim() === '' || name === '') {
      return new DomainError('INVALID_PLAYER', 'A carried stack needs a player id and a name', {});
    }
    if (seen.has(c.playerId)) {
      return new DomainError('DUPLICATE_PLAYER', `${name} is carried twice: one seat per player`, {
        playerId: c.playerId,
      });
    }
    seen.add(c.playerId);
    if (!isWhole(c.chips, 1)) {
      return new DomainError(
        'INVALID_CHIP_COUNT',
        `${name}'s stack must be a positive whole number (got ${c.chips})`,
        {
          playerId: c.playerId,
          chips: c.chips,
        },
      );
    }
    const active = getPlayer(state, c.playerId)
      ?.entryIds.map((id) => getEntry(state, id))
      .find((e) => e?.status === 'active');
    if (active) {
      return new DomainError(
        'PLAYER_ALREADY_REGISTERED',
        `${name} is already in this day (${entryLabel(active)})`,
        {
          playerId: c.playerId,
          entryId: active.entryId,
        },
      );
    }
    const number = state.entryCount + entries.length + 1;
    entries.push({
      entryId: `e${number}`,
      number,
      playerId: c.playerId,
      name,
      chips: c.chips,
      fromFlight: c.fromFlight,
    });
  }
  return [{ type: 'EntriesCarried', ...stamp, entries, pool: command.pool, flightEntries }];
}

// ---- evolve ---------------------------------------------------------------------------------

function withChips(
  state: TournamentState,
  entryId: string,
  chips: number | null,
  at: number | null,
): TournamentState {
  const e = mapGet(state.entries, entryId);
  if (e === undefined) throw new Error(`event names unknown entry ${entryId}`);
  return { ...state, entries: mapSet(state.entries, entryId, { ...e, chips, chipsAt: at }) };
}

function carriedEntry(c: CarriedEntry, at: number, commandId: string): Entry {
  return {
    entryId: c.entryId,
    number: c.number,
    playerId: c.playerId,
    name: c.name,
    kind: 'buyin',
    previousEntryId: null,
    reenteredAs: null,
    status: 'active',
    registeredAt: at,
    commandId,
    rebuys: [],
    addOn: null,
    // Nothing paid here (the buy-in was paid in the flight); the stack counts as chips issued.
    paid: { price: 0, fee: 0, bounty: 0, chips: c.chips },
    chips: c.chips,
    chipsAt: at,
    bust: null,
    bountyOnHead: 0,
    bountiesWon: 0,
    knockouts: 0,
  };
}

function withoutKey<K extends 'bag' | 'carried'>(state: TournamentState, key: K): TournamentState {
  const { [key]: _gone, ...rest } = state;
  return rest as TournamentState;
}

/** The forward effect of a day event (also a redo). */
export function applyDay(state: TournamentState, event: DayEvent): TournamentState {
  switch (event.type) {
    case 'DayBagged': {
      let s = state;
      for (const b of event.survivors) s = withChips(s, b.entryId, b.chips, event.at);
      return {
        ...s,
        clock: event.clock,
        bag: {
          commandId: event.commandId,
          at: event.at,
          survivors: event.survivors.map(({ previous: _p, previousAt: _a, ...rest }) => rest),
          total: event.total,
          chipsInPlay: event.chipsInPlay,
          confirmedMismatch: event.confirmedMismatch,
          pool: event.pool,
          entrants: event.entrants,
        },
      };
    }
    case 'EntriesCarried': {
      let entries = state.entries;
      let players = state.players;
      let chips = 0;
      for (const c of event.entries) {
        const voided = mapGet(entries, c.entryId);
        entries = mapSet(
          entries,
          c.entryId,
          voided ? { ...voided, status: 'active' } : carriedEntry(c, event.at, event.commandId),
        );
        const p = mapGet(players, c.playerId);
        if (!p?.entryIds.includes(c.entryId)) {
          players = mapSet(
            players,
            c.playerId,
            p === undefined
              ? { playerId: c.playerId, name: c.name, entryIds: [c.entryId] }
              : { ...p, entryIds: [...p.entryIds, c.entryId] },
          );
        }
        chips += c.chips;
      }
      const last = event.entries.reduce((n, c) => Math.max(n, c.number), state.entryCount);
      return {
        ...state,
        entries,
        players,
        entryCount: last,
        entrants: state.entrants + event.entries.length,
        playersLeft: state.playersLeft + event.entries.length,
        money: { ...state.money, chipsIssued: state.money.chipsIssued + chips },
        carried: {
          commandId: event.commandId,
          at: event.at,
          entries: event.entries,
          pool: event.pool,
          flightEntries: event.flightEntries,
          chips,
        },
      };
    }
  }
}

/** The inverse of `applyDay`, for an undo. */
export function revertDay(state: TournamentState, event: DayEvent): TournamentState {
  switch (event.type) {
    case 'DayBagged': {
      let s = state;
      for (const b of event.survivors) s = withChips(s, b.entryId, b.previous, b.previousAt);
      return { ...withoutKey(s, 'bag'), clock: event.clockBefore };
    }
    case 'EntriesCarried': {
      let entries = state.entries;
      let chips = 0;
      for (const c of event.entries) {
        const e = mapGet(entries, c.entryId);
        if (e === undefined) throw new Error(`event names unknown entry ${c.entryId}`);
        entries = mapSet(entries, c.entryId, { ...e, status: 'voided' });
        chips += c.chips;
      }
      return {
        ...withoutKey(state, 'carried'),
        entries,
        entrants: state.entrants - event.entries.length,
        playersLeft: state.playersLeft - event.entries.length,
        money: { ...state.money, chipsIssued: state.money.chipsIssued - chips },
      };
    }
  }
}

// ---- undo -----------------------------------------------------------------------------------

function blockedUndo(code: 'UNDO_BLOCKED' | 'REDO_BLOCKED', commandId: string, why: string): DomainError {
  return new DomainError(
    code,
    `Cannot ${code === 'UNDO_BLOCKED' ? 'undo' : 'redo'} (command ${commandId}): ${why}`,
    {
      commandId,
      blockingCommandId: null,
    },
  );
}

export function canRevertDay(state: TournamentState, event: DayEvent): DomainError | null {
  switch (event.type) {
    case 'DayBagged':
      return state.bag?.commandId === event.commandId
        ? null
        : blockedUndo('UNDO_BLOCKED', event.commandId, 'the bag has changed since');
    case 'EntriesCarried': {
      if (state.status === 'running') {
        return blockedUndo('UNDO_BLOCKED', event.commandId, 'the day has started since');
      }
      if (state.seating.drawn) {
        return blockedUndo('UNDO_BLOCKED', event.commandId, 'seats were drawn since: undo the draw first');
      }
      const changed = event.entries.find((c) => {
        const e = getEntry(state, c.entryId);
        return e?.status !== 'active' || e.rebuys.length > 0 || e.addOn !== null;
      });
      return changed
        ? blockedUndo('UNDO_BLOCKED', event.commandId, `${changed.name}'s entry has changed since`)
        : null;
    }
  }
}

export function canReapplyDay(state: TournamentState, event: DayEvent): DomainError | null {
  switch (event.type) {
    case 'DayBagged': {
      if (state.bag) return blockedUndo('REDO_BLOCKED', event.commandId, 'the day is bagged already');
      if (state.status !== 'running' || !deepEqual(state.clock, event.clockBefore)) {
        return blockedUndo('REDO_BLOCKED', event.commandId, 'the day or its clock has changed since');
      }
      const alive = activeEntries(state);
      const same =
        alive.length === event.survivors.length &&
        event.survivors.every((b) => {
          const e = getEntry(state, b.entryId);
          return e?.status === 'active' && e.chips === b.previous && e.chipsAt === b.previousAt;
        });
      return same
        ? null
        : blockedUndo('REDO_BLOCKED', event.commandId, 'the players or their counts have changed since');
    }
    case 'EntriesCarried': {
      if (state.carried) return blockedUndo('REDO_BLOCKED', event.commandId, 'a field was carried in since');
      if (state.status === 'running' || state.seating.drawn) {
        return blockedUndo('REDO_BLOCKED', event.commandId, 'the day has started or seats were drawn since');
      }
      const back = event.entries.find((c) => {
        const p = getPlayer(state, c.playerId);
        return p?.entryIds.some((id) => getEntry(state, id)?.status === 'active');
      });
      return back ? blockedUndo('REDO_BLOCKED', event.commandId, `${back.name} has registered since`) : null;
    }
  }
}
