/**
 * The tournament decider: a command and the state in, events or a DomainError out. Pure:
 * time is `ctx.now`, randomness `ctx.random` (only seating uses it; its outcomes go into
 * the seating events), and every event carries the command's id, time and actor.
 */

import type { ClockAnchors } from '../clock/anchors.ts';
import { computeClock } from '../clock/compute.ts';
import {
  adjustTime,
  finishClock,
  goToLevel,
  pauseClock,
  restartLevel,
  resumeClock,
  startClock,
} from '../clock/transitions.ts';
import type { Ctx } from '../core/ctx.ts';
import { assertNever, DomainError, isDomainError } from '../core/errors.ts';
import { computeDeal } from '../icm/deals.ts';
import { computePayouts } from '../money/payouts.ts';
import type { EntryProfile } from '../money/types.ts';
import { decideSeating, isSeatingCommand } from '../seating/decide.ts';
import { handForHandKey } from '../seating/hand-for-hand.ts';
import { seatEntry, unseatEntries } from '../seating/hooks.ts';
import { seatOf } from '../seating/state.ts';
import type { SeatingCommand, SeatingEvent } from '../seating/types.ts';
import { editFutureLevels } from '../structure/edit.ts';
import { validateStructure } from '../structure/validate.ts';
import { buildConfig } from './config.ts';
import { dayEndedProblem, decideBag, decideCarry } from './days.ts';
import { mapHas } from './pmap.ts';
import { chargedProfile } from './profiles.ts';
import { payoutField, payouts, payoutsOrComputed, prizePool } from './results.ts';
import {
  satelliteRefusal,
  satelliteStartProblem,
  seatsOf,
  seatsWon,
  seatsWonEvent,
  stillInAfter,
} from './satellite.ts';
import {
  decideNextRound,
  inShootoutRound,
  shootoutBust,
  shootoutDealRefusal,
  shootoutEntryRefusal,
  shootoutSeatsProblem,
  shootoutStartProblem,
} from './shootout.ts';
import { activeEntries, entryLabel, getEntry, getPlayer } from './state.ts';
import type {
  Charge,
  ClockAction,
  Entry,
  PlayersBusted,
  TaggedSeatingEvent,
  TournamentCommand,
  TournamentConfig,
  TournamentEvent,
  TournamentEventAny,
  TournamentState,
} from './types.ts';
import { decideUndo } from './undo.ts';
import { windowProblem } from './windows.ts';

export type Decision = readonly TournamentEventAny[] | DomainError;

export interface Stamp {
  readonly at: number;
  readonly actor: string;
  readonly commandId: string;
}

export function tag(events: readonly SeatingEvent[], commandId: string): TaggedSeatingEvent[] {
  return events.map((e) => ({ ...e, commandId }));
}

function chargeOf(p: EntryProfile): Charge {
  return { price: p.price, fee: p.fee, bounty: p.bounty, chips: p.chips };
}

function entryNotFound(entryId: string): DomainError {
  return new DomainError('ENTRY_NOT_FOUND', `There is no entry ${entryId}`, { entryId });
}

/** The entry, if it exists and is still playing. */
function activeEntry(state: TournamentState, entryId: string): Entry | DomainError {
  const e = getEntry(state, entryId);
  if (e === undefined || e.status === 'voided') return entryNotFound(entryId);
  if (e.status !== 'active') {
    return new DomainError(
      'ENTRY_NOT_ACTIVE',
      `${entryLabel(e)} is ${e.status === 'busted' ? 'already out' : 'unregistered'}`,
      { entryId, status: e.status },
    );
  }
  return e;
}

function isWhole(v: unknown, min = 0): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= min;
}

function requireRunning(state: TournamentState): DomainError | null {
  if (state.status === 'running') return null;
  return new DomainError('TOURNAMENT_NOT_RUNNING', 'The tournament has not started yet', {
    status: state.status,
  });
}

function noDeal(state: TournamentState): DomainError | null {
  if (state.deal === null) return null;
  return new DomainError(
    'DEAL_MADE',
    'A deal has been made; undo the deal first to change entries or money',
    {
      dealCommandId: state.deal.commandId,
    },
  );
}

/** Registration open now? Before the start: opened and not closed; after: late registration. */
function registrationProblem(state: TournamentState, now: number): DomainError | null {
  switch (state.status) {
    case 'announced':
      return new DomainError('REGISTRATION_NOT_OPEN', 'Registration has not opened yet', {});
    case 'registration':
      return state.registrationClosed
        ? new DomainError('REGISTRATION_CLOSED', 'Registration is closed', {})
        : null;
    case 'running':
      return noDeal(state) ?? windowProblem(state, now, 'late-registration');
    case 'finished':
    case 'cancelled':
      return new DomainError('REGISTRATION_CLOSED', 'Registration is closed', {});
    default:
      return assertNever(state.status, 'status');
  }
}

function capacityFull(state: TournamentState, config: TournamentConfig): boolean {
  const cap = config.rules.capacity;
  return cap !== null && state.playersLeft >= cap;
}

function fullError(state: TournamentState, config: TournamentConfig, suffix = ''): DomainError {
  const cap = config.rules.capacity ?? 0;
  return new DomainError(
    'TOURNAMENT_FULL',
    `Tournament full: ${state.playersLeft} of ${cap} seats taken${suffix}`,
    {
      capacity: cap,
      taken: state.playersLeft,
    },
  );
}

function paidPlaces(state: TournamentState): number {
  // A satellite's bubble is the last seat: the bubble's cash is not what hand-for-hand guards.
  // A shootout round has a bubble at every table, not one for the room.
  if (inShootoutRound(state)) return 0;
  const seats = seatsOf(state);
  if (seats !== null) return seats.seats;
  return payoutsOrComputed(state).lines.filter((l) => l.amount > 0).length;
}

/** The events of a new entry joining: registration, then a seat if seats were drawn. */
function joinEvents(
  state: TournamentState,
  stamp: Stamp,
  ctx: Ctx,
  player: { playerId: string; name: string },
  kind: 'buyin' | 'reentry',
  previousEntryId: string | null,
  profileId: string | undefined,
): Decision {
  const config = state.config as TournamentConfig;
  const lateInShootout = shootoutEntryRefusal(state);
  if (lateInShootout) return lateInShootout;
  const profile = chargedProfile(config, 'buyin', profileId);
  if (isDomainError(profile)) return profile;
  const number = state.entryCount + 1;
  const entryId = `e${number}`;
  const registered: TournamentEvent = {
    type: 'EntryRegistered',
    ...stamp,
    entryId,
    number,
    playerId: player.playerId,
    name: player.name,
    kind,
    previousEntryId,
    charge: chargeOf(profile),
  };
  const seat = seatEntry(state.seating, entryId, ctx);
  if (isDomainError(seat)) return seat;
  return [registered, ...tag(seat, stamp.commandId)];
}

function clockChange(
  state: TournamentState,
  stamp: Stamp,
  action: ClockAction,
  result: ClockAnchors | DomainError,
  extra: { deltaMs?: number; levelIndex?: number } = {},
): Decision {
  if (isDomainError(result)) return result;
  return [
    {
      type: 'ClockChanged',
      ...stamp,
      action,
      deltaMs: extra.deltaMs ?? null,
      levelIndex: extra.levelIndex ?? null,
      before: state.clock,
      clock: result,
    },
  ];
}

export function decide(state: TournamentState, command: TournamentCommand, ctx: Ctx): Decision {
  if (typeof command.commandId !== 'string' || command.commandId === '') {
    return new DomainError('COMMAND_ID_REQUIRED', 'Every command needs a commandId', {});
  }
  if (mapHas(state.log, command.commandId)) {
    return new DomainError('DUPLICATE_COMMAND_ID', `Command ${command.commandId} has already been applied`, {
      commandId: command.commandId,
    });
  }
  const stamp: Stamp = { at: ctx.now, actor: ctx.actor.id, commandId: command.commandId };

  if (command.type === 'CreateTournament') {
    if (state.config !== null) {
      return new DomainError(
        'TOURNAMENT_EXISTS',
        `Tournament ${state.tournamentId} has already been created`,
        {},
      );
    }
    const config = buildConfig(command, null);
    if (isDomainError(config)) return config;
    const seats = shootoutSeatsProblem(config, state.seating);
    if (seats) return seats;
    return [{ type: 'TournamentCreated', ...stamp, config }];
  }
  const config = state.config;
  if (config === null) {
    return new DomainError(
      'TOURNAMENT_NOT_CREATED',
      `Tournament ${state.tournamentId} has not been created`,
      {},
    );
  }
  if (command.type === 'Undo') return decideUndo(state, command.targetCommandId, stamp, ctx);
  if (state.status === 'finished') {
    // A satellite finishes by itself at the seat bubble: there is no finish to undo, only that bust.
    return new DomainError(
      'TOURNAMENT_FINISHED',
      seatsWon(state)
        ? 'The seats are won and play has stopped: undo the last bust to play on'
        : 'The tournament has finished; undo the finish to change it',
      {},
    );
  }
  if (state.status === 'cancelled') {
    return new DomainError('TOURNAMENT_CANCELLED', 'The tournament was cancelled', {});
  }

  const dayEnded = dayEndedProblem(state, command.type);
  if (dayEnded) return dayEnded;

  if (isSeatingCommand(command)) return decideSeatingCommand(state, command, stamp, ctx);

  switch (command.type) {
    case 'Configure': {
      if (state.status === 'running') {
        return new DomainError(
          'CONFIG_LOCKED',
          'The tournament is running: change levels, added money, guarantee or payouts with their own commands',
          {},
        );
      }
      const next = buildConfig(command, config);
      if (isDomainError(next)) return next;
      const seats = shootoutSeatsProblem(next, state.seating);
      if (seats) return seats;
      return [{ type: 'TournamentConfigured', ...stamp, config: next, previous: config }];
    }
    case 'OpenRegistration': {
      if (state.status === 'running' && config.structure.lateRegUntilLevel === null) {
        return new DomainError('LATE_REGISTRATION_CLOSED', 'This tournament has no late registration', {});
      }
      if (state.status !== 'announced' && !state.registrationClosed) {
        return new DomainError('REGISTRATION_ALREADY_OPEN', 'Registration is already open', {});
      }
      return [
        {
          type: 'RegistrationOpened',
          ...stamp,
          previousStatus: state.status,
          previousClosed: state.registrationClosed,
        },
      ];
    }
    case 'CloseRegistration': {
      if (state.status === 'announced') {
        return new DomainError('REGISTRATION_NOT_OPEN', 'Registration has not opened yet', {});
      }
      if (state.registrationClosed) {
        return new DomainError('REGISTRATION_CLOSED', 'Registration is already closed', {});
      }
      return [{ type: 'RegistrationClosed', ...stamp }];
    }
    case 'Register': {
      const playerId = typeof command.playerId === 'string' ? command.playerId.trim() : '';
      const name = typeof command.name === 'string' ? command.name.trim() : '';
      if (playerId === '' || name === '') {
        return new DomainError('INVALID_PLAYER', 'A registration needs a player id and a name', {});
      }
      const closed = registrationProblem(state, ctx.now);
      if (closed) return closed;
      const player = getPlayer(state, playerId);
      if (player !== undefined) {
        const entries = player.entryIds.map((id) => getEntry(state, id)).filter((e) => e !== undefined);
        const active = entries.find((e) => e.status === 'active');
        if (active) {
          return new DomainError(
            'PLAYER_ALREADY_REGISTERED',
            `${name} is already registered (${entryLabel(active)})`,
            {
              playerId,
              entryId: active.entryId,
            },
          );
        }
        if (entries.some((e) => e.status === 'busted')) {
          return new DomainError('REENTRY_REQUIRED', `${name} has busted; buy a re-entry instead`, {
            playerId,
          });
        }
      }
      if (state.waitingList.some((a) => a.playerId === playerId)) {
        return new DomainError('ALREADY_ON_WAITING_LIST', `${name} is already on the waiting list`, {
          playerId,
        });
      }
      // Alternates keep their turn: while anyone waits, newcomers queue behind them.
      if (capacityFull(state, config) || (config.rules.capacity !== null && state.waitingList.length > 0)) {
        if (!config.rules.waitingList) return fullError(state, config);
        const position = state.waitingList.length + 1;
        const full = capacityFull(state, config);
        return [
          {
            type: 'AlternateAdded',
            ...stamp,
            playerId,
            name,
            position,
            message: full
              ? `Tournament full: ${state.playersLeft} of ${config.rules.capacity} seats taken (added to the waiting list as number ${position})`
              : `Alternates are waiting: added to the waiting list as number ${position}`,
          },
        ];
      }
      return joinEvents(state, stamp, ctx, { playerId, name }, 'buyin', null, command.profileId);
    }
    case 'PromoteAlternate': {
      // Promotion is the TD's call, never automatic when a seat frees: the alternate has to be
      // at the desk to pay and sit down, and the TD may skip someone who has left.
      const index =
        command.playerId === undefined
          ? 0
          : state.waitingList.findIndex((a) => a.playerId === command.playerId);
      const alternate = state.waitingList[index];
      if (alternate === undefined) {
        return command.playerId === undefined
          ? new DomainError('NO_ALTERNATES', 'Nobody is on the waiting list', {})
          : new DomainError('ALTERNATE_NOT_FOUND', `${command.playerId} is not on the waiting list`, {
              playerId: command.playerId,
            });
      }
      const closed = registrationProblem(state, ctx.now);
      if (closed) return closed;
      if (capacityFull(state, config)) return fullError(state, config, '; no seat for an alternate yet');
      const join = joinEvents(state, stamp, ctx, alternate, 'buyin', null, command.profileId);
      if (isDomainError(join)) return join;
      return [
        {
          type: 'AlternatePromoted',
          ...stamp,
          playerId: alternate.playerId,
          name: alternate.name,
          index,
          waitingSince: alternate.at,
          waitingCommandId: alternate.commandId,
        },
        ...join,
      ];
    }
    case 'Unregister': {
      const e = activeEntry(state, command.entryId);
      if (isDomainError(e)) return e;
      if (state.status === 'running') {
        return new DomainError(
          'UNREGISTER_AFTER_START',
          `The tournament has started: ${entryLabel(e)} can no longer unregister for a refund`,
          { entryId: e.entryId },
        );
      }
      const seating = unseatEntries(state.seating, [e.entryId], ctx, state.playersLeft - 1, 0);
      return [
        { type: 'EntryUnregistered', ...stamp, entryId: e.entryId, refund: e.paid },
        ...tag(seating, stamp.commandId),
      ];
    }
    case 'Reenter': {
      const player = getPlayer(state, command.playerId);
      if (player === undefined) {
        return new DomainError(
          'PLAYER_NOT_FOUND',
          `Player ${command.playerId} has no entry to re-enter from`,
          {
            playerId: command.playerId,
          },
        );
      }
      if (!config.rules.reentry) {
        return new DomainError('REENTRY_NOT_ALLOWED', 'This tournament does not allow re-entries', {});
      }
      const entries = player.entryIds
        .map((id) => getEntry(state, id))
        .filter((e): e is Entry => e !== undefined && e.status !== 'voided' && e.status !== 'unregistered');
      const active = entries.find((e) => e.status === 'active');
      if (active) {
        return new DomainError(
          'PLAYER_STILL_IN',
          `${player.name} is still in (${entryLabel(active)}); only a busted player can re-enter`,
          {
            playerId: player.playerId,
            entryId: active.entryId,
          },
        );
      }
      const last = entries[entries.length - 1];
      if (last === undefined) {
        return new DomainError('PLAYER_NOT_FOUND', `${player.name} has no busted entry to re-enter from`, {
          playerId: player.playerId,
        });
      }
      const max = config.rules.maxEntriesPerPlayer;
      if (entries.length >= max) {
        return new DomainError(
          'MAX_ENTRIES_REACHED',
          `${player.name} has used ${entries.length} of ${max} entries allowed per player`,
          { playerId: player.playerId, entries: entries.length, max },
        );
      }
      const closed = registrationProblem(state, ctx.now);
      if (closed) return closed;
      if (capacityFull(state, config)) return fullError(state, config);
      return joinEvents(state, stamp, ctx, player, 'reentry', last.entryId, command.profileId);
    }
    case 'Rebuy': {
      const problem = requireRunning(state) ?? noDeal(state);
      if (problem) return problem;
      const e = activeEntry(state, command.entryId);
      if (isDomainError(e)) return e;
      const closed = windowProblem(state, ctx.now, 'rebuy');
      if (closed) return closed;
      const limit = config.rules.maxRebuysPerEntry;
      if (limit !== null && e.rebuys.length >= limit) {
        return new DomainError(
          'REBUY_LIMIT_REACHED',
          `${entryLabel(e)} has used ${e.rebuys.length} of ${limit} rebuys`,
          {
            entryId: e.entryId,
            rebuys: e.rebuys.length,
            limit,
          },
        );
      }
      const threshold = config.rules.rebuyMaxChips;
      const chips = command.chips;
      if (chips !== undefined && !isWhole(chips)) {
        return new DomainError('INVALID_CHIP_COUNT', `A chip count must be a whole number (got ${chips})`, {
          chips,
        });
      }
      if (threshold !== null) {
        if (chips === undefined) {
          return new DomainError(
            'REBUY_CHIPS_REQUIRED',
            `Rebuys are allowed at ${threshold} chips or fewer: enter ${e.name}'s chip count`,
            { threshold },
          );
        }
        if (chips > threshold) {
          return new DomainError(
            'REBUY_STACK_TOO_HIGH',
            `Rebuys are allowed at ${threshold} chips or fewer; ${e.name} has ${chips}`,
            { threshold, chips },
          );
        }
      }
      const profile = chargedProfile(config, 'rebuy', command.profileId);
      if (isDomainError(profile)) return profile;
      return [
        {
          type: 'RebuyTaken',
          ...stamp,
          entryId: e.entryId,
          charge: chargeOf(profile),
          declaredChips: chips ?? null,
        },
      ];
    }
    case 'AddOn': {
      const problem = requireRunning(state) ?? noDeal(state);
      if (problem) return problem;
      const e = activeEntry(state, command.entryId);
      if (isDomainError(e)) return e;
      const closed = windowProblem(state, ctx.now, 'add-on');
      if (closed) return closed;
      if (e.addOn !== null) {
        return new DomainError('ADDON_ALREADY_TAKEN', `${entryLabel(e)} has already taken the add-on`, {
          entryId: e.entryId,
          commandId: e.addOn,
        });
      }
      const profile = chargedProfile(config, 'addon', command.profileId);
      if (isDomainError(profile)) return profile;
      return [
        {
          type: 'AddOnTaken',
          ...stamp,
          entryId: e.entryId,
          charge: chargeOf(profile),
        },
      ];
    }
    case 'StartTournament': {
      if (state.status === 'running') {
        return new DomainError('TOURNAMENT_ALREADY_STARTED', 'The tournament has already started', {});
      }
      const noSeats = satelliteStartProblem(state) ?? shootoutStartProblem(state);
      if (noSeats) return noSeats;
      const clock = startClock(state.clock, config.structure, ctx.now);
      if (isDomainError(clock)) return clock;
      return [
        {
          type: 'TournamentStarted',
          ...stamp,
          previousStatus: state.status,
          clockBefore: state.clock,
          clock,
        },
      ];
    }
    case 'PauseClock':
      return (
        requireRunning(state) ??
        clockChange(state, stamp, 'pause', pauseClock(state.clock, config.structure, ctx.now))
      );
    case 'ResumeClock':
      return (
        requireRunning(state) ??
        clockChange(state, stamp, 'resume', resumeClock(state.clock, config.structure, ctx.now))
      );
    case 'AddTime':
    case 'RemoveTime': {
      const problem = requireRunning(state);
      if (problem) return problem;
      if (!isWhole(command.ms, 1)) {
        return new DomainError(
          'INVALID_TIME',
          `Time must be a positive whole number of milliseconds (got ${command.ms})`,
          {
            ms: command.ms,
          },
        );
      }
      const delta = command.type === 'AddTime' ? command.ms : -command.ms;
      const action = command.type === 'AddTime' ? 'add-time' : 'remove-time';
      return clockChange(state, stamp, action, adjustTime(state.clock, config.structure, ctx.now, delta), {
        deltaMs: delta,
      });
    }
    case 'GoToLevel':
      return (
        requireRunning(state) ??
        clockChange(
          state,
          stamp,
          'go-to-level',
          goToLevel(state.clock, config.structure, ctx.now, command.levelIndex),
          {
            levelIndex: command.levelIndex,
          },
        )
      );
    case 'RestartLevel':
      return (
        requireRunning(state) ??
        clockChange(state, stamp, 'restart-level', restartLevel(state.clock, config.structure, ctx.now))
      );
    case 'EditFutureLevels': {
      const s = config.structure;
      if (state.status === 'running') {
        const current = computeClock(state.clock, s, ctx.now).levelIndex;
        const edited = editFutureLevels(s, current, command.levels);
        if (isDomainError(edited)) return edited;
      } else {
        const problem = validateStructure({ ...s, levels: command.levels });
        if (problem) return problem;
      }
      return [{ type: 'LevelsEdited', ...stamp, levels: command.levels, previous: s.levels }];
    }
    case 'SetChipCount': {
      if (command.counts.length === 0) {
        return new DomainError('NO_CHIP_COUNTS', 'Enter at least one chip count', {});
      }
      const seen = new Set<string>();
      const counts = [];
      for (const c of command.counts) {
        const e = activeEntry(state, c.entryId);
        if (isDomainError(e)) return e;
        if (!isWhole(c.chips)) {
          return new DomainError(
            'INVALID_CHIP_COUNT',
            `A chip count must be a whole number (got ${c.chips})`,
            {
              entryId: c.entryId,
              chips: c.chips,
            },
          );
        }
        if (seen.has(c.entryId)) {
          return new DomainError('DUPLICATE_ENTRY', `${entryLabel(e)} is listed twice`, {
            entryId: c.entryId,
          });
        }
        seen.add(c.entryId);
        counts.push({ entryId: c.entryId, chips: c.chips, previous: e.chips, previousAt: e.chipsAt });
      }
      return [{ type: 'ChipCountsSet', ...stamp, counts }];
    }
    case 'BustPlayers':
      return decideBust(state, command, stamp, ctx);
    case 'SetAddedMoney':
    case 'SetGuarantee': {
      const problem = noDeal(state);
      if (problem) return problem;
      if (!isWhole(command.amount)) {
        return new DomainError(
          'INVALID_AMOUNT',
          `Amounts must be whole, non-negative minor units (got ${command.amount})`,
          {
            amount: command.amount,
          },
        );
      }
      return command.type === 'SetAddedMoney'
        ? [{ type: 'AddedMoneySet', ...stamp, amount: command.amount, previous: config.addedMoney }]
        : [{ type: 'GuaranteeSet', ...stamp, amount: command.amount, previous: config.guarantee }];
    }
    case 'EditPayouts': {
      const problem = noDeal(state) ?? satelliteRefusal(state, 'payouts');
      if (problem) return problem;
      const manual = command.manual.map((m) => (m === undefined ? null : m));
      const check = computePayouts(prizePool(state).total, Math.max(1, payoutField(state)), {
        roundTo: config.payout.roundTo,
        ...(config.payout.percentages === null ? {} : { percentages: config.payout.percentages }),
        ...(config.payout.unawarded === undefined ? {} : { unawarded: config.payout.unawarded }),
        manual,
        locked: state.payoutEdits.locked,
      });
      if (isDomainError(check)) return check;
      return [{ type: 'PayoutsEdited', ...stamp, manual, previous: state.payoutEdits.manual }];
    }
    case 'LockPayouts': {
      const refused = satelliteRefusal(state, 'payouts');
      if (refused) return refused;
      const lines = payouts(state);
      if (isDomainError(lines)) return lines;
      if (command.places.length === 0) {
        return new DomainError('NO_PLACES', 'Name at least one place to lock', {});
      }
      const locked: (number | null)[] = [...state.payoutEdits.locked];
      for (const place of command.places) {
        const line = lines[place - 1];
        if (!isWhole(place, 1) || line === undefined) {
          return new DomainError(
            'PLACE_NOT_PAID',
            `Place ${place} is not a paid place (${lines.length} are paid)`,
            {
              place,
              paid: lines.length,
            },
          );
        }
        while (locked.length < place) locked.push(null);
        locked[place - 1] = line.amount;
      }
      return [{ type: 'PayoutsLocked', ...stamp, locked, previous: state.payoutEdits.locked }];
    }
    case 'MakeDeal':
      return decideDeal(state, command, stamp);
    case 'FinishTournament': {
      const problem = requireRunning(state);
      if (problem) return problem;
      const left = state.playersLeft;
      const dealCoversAll =
        state.deal !== null && state.deal.leftToPlayFor === 0 && state.deal.shares.length === left;
      if (left !== 1 && !dealCoversAll) {
        return new DomainError(
          'PLAYERS_STILL_IN',
          `${left} players are still in: bust them or make a deal with nothing left to play for`,
          { playersLeft: left },
        );
      }
      const clock = finishClock(state.clock, config.structure, ctx.now);
      if (isDomainError(clock)) return clock;
      return [{ type: 'TournamentFinished', ...stamp, clockBefore: state.clock, clock }];
    }
    case 'DrawSeats':
      return decideSeatingCommand(state, command, stamp, ctx);
    case 'BagChips':
      return decideBag(state, command, stamp, ctx);
    case 'CarryEntries':
      return decideCarry(state, command, stamp);
    case 'StartNextRound': {
      const round = decideNextRound(state, stamp, ctx);
      if (isDomainError(round)) return round;
      return round.map((e) => ('commandId' in e ? e : { ...e, commandId: stamp.commandId }));
    }
    case 'CancelTournament':
      return [
        {
          type: 'TournamentCancelled',
          ...stamp,
          previousStatus: state.status,
          reason: command.reason?.trim() || null,
        },
      ];
    default:
      return assertNever(command, 'tournament command');
  }
}

function decideSeatingCommand(
  state: TournamentState,
  command: Extract<TournamentCommand, SeatingCommand | { type: 'DrawSeats' }>,
  stamp: Stamp,
  ctx: Ctx,
): Decision {
  const { commandId: _id, ...body } = command;
  // Seats belong to entries still in: the seating sub-decider knows seats, not entries.
  if (body.type === 'SeatEntry' || body.type === 'LockSeat') {
    const e = activeEntry(state, body.entryId);
    if (isDomainError(e)) return e;
  }
  let seatingCommand: SeatingCommand;
  if (body.type === 'DrawSeats') {
    const ids = body.entryIds ?? activeEntries(state).map((e) => e.entryId);
    for (const id of ids) {
      const e = activeEntry(state, id);
      if (isDomainError(e)) return e;
    }
    seatingCommand = { type: 'DrawSeats', entryIds: ids };
  } else {
    seatingCommand = body as SeatingCommand;
  }
  const events = decideSeating(state.seating, seatingCommand, ctx);
  return isDomainError(events) ? events : tag(events, stamp.commandId);
}

function decideBust(
  state: TournamentState,
  command: Extract<TournamentCommand, { type: 'BustPlayers' }>,
  stamp: Stamp,
  ctx: Ctx,
): Decision {
  const problem = requireRunning(state);
  if (problem) return problem;
  if (command.busts.length === 0)
    return new DomainError('NO_BUSTS', 'Name at least one player who went out', {});
  const seen = new Set<string>();
  for (const b of command.busts) {
    const e = activeEntry(state, b.entryId);
    if (isDomainError(e)) return e;
    if (seen.has(b.entryId)) {
      return new DomainError('DUPLICATE_ENTRY', `${entryLabel(e)} is listed twice`, { entryId: b.entryId });
    }
    seen.add(b.entryId);
    if (b.chipsAtStartOfHand !== undefined && !isWhole(b.chipsAtStartOfHand, 1)) {
      return new DomainError(
        'INVALID_CHIP_COUNT',
        `Chips at the start of the hand must be a positive whole number (got ${b.chipsAtStartOfHand})`,
        { entryId: b.entryId, chips: b.chipsAtStartOfHand },
      );
    }
  }
  const hitmanId = command.hitmanEntryId ?? null;
  if (hitmanId !== null) {
    if (seen.has(hitmanId)) {
      return new DomainError(
        'HITMAN_BUSTED',
        'The player who won the pot cannot be one of the players busted',
        {
          hitmanEntryId: hitmanId,
        },
      );
    }
    const hitman = activeEntry(state, hitmanId);
    if (isDomainError(hitman)) return hitman;
  }
  const left = state.playersLeft - command.busts.length;
  if (left < 1) {
    return new DomainError('CANNOT_BUST_EVERYONE', 'At least one player must remain to win the tournament', {
      playersLeft: state.playersLeft,
      busts: command.busts.length,
    });
  }
  const handKey = command.handKey ?? handForHandKey(state.seating);
  const ranking: 'chips' | 'tie' =
    handKey !== null && state.seating.config.handForHandRanking === 'tie' ? 'tie' : 'chips';
  const needChips = ranking === 'chips' && (command.busts.length > 1 || handKey !== null);
  if (needChips && command.busts.some((b) => b.chipsAtStartOfHand === undefined)) {
    return new DomainError(
      'BUST_CHIPS_REQUIRED',
      `Enter the chips each player had at the start of the hand: ${command.busts.length > 1 ? 'busts in one hand' : 'hand-for-hand busts'} are ranked by them`,
      { busts: command.busts.length },
    );
  }
  // A shootout table stops at its winners (shootout.ts).
  const won = shootoutBust(state, [...seen], stamp);
  if (isDomainError(won)) return won;
  const busts = command.busts.map((b, i) => ({
    entryId: b.entryId,
    ordinal: state.bustCount + i + 1,
    chipsAtStartOfHand: b.chipsAtStartOfHand ?? null,
    seat: seatOf(state.seating, b.entryId),
  }));
  const event: PlayersBusted = {
    type: 'PlayersBusted',
    ...stamp,
    busts,
    hitmanEntryId: hitmanId,
    group: handKey === null ? `cmd:${stamp.commandId}` : `hand:${handKey}`,
    ranking,
    playersLeftAfter: left,
  };
  // Before the draw there are no tables: nothing to free, balance or play hand-for-hand on.
  const seating = state.seating.drawn
    ? unseatEntries(
        state.seating,
        busts.map((b) => b.entryId),
        ctx,
        left,
        paidPlaces(state),
      )
    : [];
  // A satellite stops when the players left all fit in the seats (satellite.ts).
  const stop = seatsWonEvent(state, event, stillInAfter(state, seen), stamp);
  if (isDomainError(stop)) return stop;
  return [event, ...tag(seating, stamp.commandId), ...won, ...(stop === null ? [] : [stop])];
}

function decideDeal(
  state: TournamentState,
  command: Extract<TournamentCommand, { type: 'MakeDeal' }>,
  stamp: Stamp,
): Decision {
  const problem = requireRunning(state) ?? satelliteRefusal(state, 'deal') ?? shootoutDealRefusal(state);
  if (problem) return problem;
  if (state.deal !== null) {
    return new DomainError('DEAL_ALREADY_MADE', 'A deal has already been made; undo it to make another', {
      dealCommandId: state.deal.commandId,
    });
  }
  const alive = new Set(activeEntries(state).map((e) => e.entryId));
  const named = new Set(command.stacks.map((s) => s.entryId));
  if (
    named.size !== command.stacks.length ||
    named.size !== alive.size ||
    [...named].some((id) => !alive.has(id))
  ) {
    return new DomainError(
      'DEAL_PLAYERS_MISMATCH',
      `A deal must include every player still in (${alive.size}), each once`,
      { playersLeft: alive.size, named: command.stacks.length },
    );
  }
  const lines = payouts(state);
  if (isDomainError(lines)) return lines;
  const remaining = lines.slice(0, alive.size).map((l) => l.amount);
  const deal = computeDeal({
    kind: command.kind,
    stacks: command.stacks.map((s) => s.chips),
    remainingPayouts: remaining,
    ...(command.leaveToPlayFor === undefined ? {} : { leaveToPlayFor: command.leaveToPlayFor }),
    ...(command.custom === undefined ? {} : { custom: command.custom }),
    ...(command.roundTo === undefined ? {} : { roundTo: command.roundTo }),
  });
  if (isDomainError(deal)) return deal;
  return [
    {
      type: 'DealMade',
      ...stamp,
      kind: command.kind,
      method: deal.method,
      shares: command.stacks.map((s, i) => ({
        entryId: s.entryId,
        chips: s.chips,
        amount: deal.amounts[i] ?? 0,
      })),
      leftToPlayFor: deal.leftToPlayFor,
      remainingPayouts: remaining,
    },
  ];
}
