/**
 * Undo and redo. `Undo { targetCommandId }` never deletes: it writes `CommandUndone`, whose
 * evolve reverts the target's events (or re-applies them when the target was itself an Undo:
 * a redo). Before that, each event of the command is checked against what happened since:
 * anything that can be re-derived is (places, bounties, prize pool, payouts are all derived),
 * anything that cannot blocks the undo with an error naming the later command to undo first.
 *
 * Seating follows through the hooks: an undone registration frees its seat, an undone bust
 * puts the player back in their seat (`restoreSeat`), a redone bust unseats again; seating
 * commands themselves are compensated by `undoSeatingEvents`.
 */

import { computeClock } from '../clock/compute.ts';
import type { Ctx } from '../core/ctx.ts';
import { DomainError, isDomainError } from '../core/errors.ts';
import { isSeatingEvent } from '../seating/event-types.ts';
import { evolveSeating } from '../seating/evolve.ts';
import { restoreSeat, seatEntry, unseatEntries } from '../seating/hooks.ts';
import type { SeatingEvent, SeatingState } from '../seating/types.ts';
import { undoSeatingEvents } from '../seating/undo.ts';
import { editFutureLevels } from '../structure/edit.ts';
import { eventsOf } from './command-log.ts';
import { canReapplyDay, canRevertDay } from './days.ts';
import type { Decision, Stamp } from './decide.ts';
import { deepEqual } from './equal.ts';
import { evolve, tournamentEventsOf } from './evolve.ts';
import { mapGet, mapValues } from './pmap.ts';
import { payoutsOrComputed } from './results.ts';
import {
  bustRedoProblem,
  canReapplyShootout,
  canRevertShootout,
  drewRound,
  roundStartedSince,
} from './shootout.ts';
import { entryLabel, getEntry, listEntries } from './state.ts';
import type { CommandRecord, CommandUndone, Entry, TournamentEvent, TournamentState } from './types.ts';

function blocked(base: CommandRecord, why: string, blocking: string | null): DomainError {
  return new DomainError(
    'UNDO_BLOCKED',
    `Cannot undo ${describe(base)}: ${why}${blocking === null ? '' : ` (undo command ${blocking} first)`}`,
    { commandId: base.commandId, blockingCommandId: blocking },
  );
}

/** "the registration of Anna (command c-12)" — what a TD sees in an undo message. */
function describe(r: CommandRecord): string {
  const first = r.events?.[0];
  const label = first === undefined ? 'command' : first.type;
  return `${label} (command ${r.commandId})`;
}

function latestCommandOf(state: TournamentState, ids: readonly string[]): string | null {
  let best: string | null = null;
  let bestSeq = -1;
  for (const id of ids) {
    const seq = mapGet(state.log, id)?.seq ?? -1;
    if (seq > bestSeq) {
      best = id;
      bestSeq = seq;
    }
  }
  return best;
}

/** A bust in effect naming `entryId` as hitman, if any. */
function bustByHitman(state: TournamentState, entryId: string): Entry | undefined {
  return listEntries(state).find((e) => e.status === 'busted' && e.bust?.hitmanEntryId === entryId);
}

function currentLevelIndex(state: TournamentState, now: number): number {
  const c = state.config;
  return c === null ? 0 : computeClock(state.clock, c.structure, now).levelIndex;
}

function entryOrBlock(state: TournamentState, base: CommandRecord, entryId: string): Entry | DomainError {
  const e = getEntry(state, entryId);
  return e ?? blocked(base, `entry ${entryId} no longer exists`, null);
}

/** Can this event of `base` be reverted in `state`? */
function canRevert(
  state: TournamentState,
  base: CommandRecord,
  e: TournamentEvent,
  now: number,
): DomainError | null {
  switch (e.type) {
    case 'TournamentCreated':
      return new DomainError(
        'UNDO_NOT_SUPPORTED',
        'Creating the tournament cannot be undone; cancel it instead',
        {
          commandId: base.commandId,
        },
      );
    case 'TournamentConfigured':
      if (state.status === 'running') return blocked(base, 'the tournament has started since', null);
      return deepEqual(state.config, e.config)
        ? null
        : blocked(base, 'the settings were changed again since', null);
    case 'RegistrationOpened':
      if (state.status !== 'registration' && e.previousStatus === 'announced') {
        return blocked(base, 'the tournament has started since', null);
      }
      if (e.previousStatus === 'announced' && (state.entrants > 0 || state.waitingList.length > 0)) {
        return blocked(base, 'players have registered since', null);
      }
      return null;
    case 'RegistrationClosed':
      return null;
    case 'EntryRegistered': {
      const entry = entryOrBlock(state, base, e.entryId);
      if (isDomainError(entry)) return entry;
      const who = entryLabel(entry);
      if (entry.status === 'busted')
        return blocked(base, `${who} has busted since`, entry.bust?.commandId ?? null);
      if (entry.status === 'unregistered') return blocked(base, `${who} has unregistered since`, null);
      if (entry.rebuys.length > 0) {
        return blocked(base, `${who} has rebought since`, latestCommandOf(state, entry.rebuys));
      }
      if (entry.addOn !== null) return blocked(base, `${who} has taken the add-on since`, entry.addOn);
      const victim = entry.knockouts > 0 ? bustByHitman(state, entry.entryId) : undefined;
      if (victim)
        return blocked(
          base,
          `${who} has knocked out ${entryLabel(victim)} since`,
          victim.bust?.commandId ?? null,
        );
      if (state.deal?.shares.some((s) => s.entryId === entry.entryId)) {
        return blocked(base, `${who} is part of a deal`, state.deal.commandId);
      }
      if (state.status === 'running' && state.playersLeft <= 1) {
        return blocked(base, `${who} is the last player in; undo a later bust first`, null);
      }
      return null;
    }
    case 'AlternateAdded':
      return state.waitingList.some((a) => a.playerId === e.playerId)
        ? null
        : blocked(base, `${e.name} has left the waiting list since`, null);
    case 'AlternatePromoted':
      return null;
    case 'EntryUnregistered': {
      const entry = entryOrBlock(state, base, e.entryId);
      if (isDomainError(entry)) return entry;
      const other = activeEntryOfPlayer(state, entry.playerId);
      return other ? blocked(base, `${entry.name} has registered again since`, other.commandId) : null;
    }
    case 'RebuyTaken':
    case 'AddOnTaken':
      return null;
    case 'TournamentStarted': {
      if (!deepEqual(state.clock, e.clock)) return blocked(base, 'the clock has been changed since', null);
      const played = listEntries(state).find(
        (x) => x.bust !== null || x.rebuys.length > 0 || x.addOn !== null,
      );
      return played ? blocked(base, `${entryLabel(played)} has played since`, null) : null;
    }
    case 'ClockChanged':
    case 'TournamentFinished':
    case 'SeatsWon':
      return deepEqual(state.clock, e.clock)
        ? null
        : blocked(base, 'the clock has been changed again since', null);
    case 'LevelsEdited': {
      const c = state.config;
      if (c === null || !deepEqual(c.structure.levels, e.levels)) {
        return blocked(base, 'the levels were edited again since', null);
      }
      if (state.status !== 'running') return null;
      const back = editFutureLevels(c.structure, currentLevelIndex(state, now), e.previous);
      return isDomainError(back) ? blocked(base, back.message, null) : null;
    }
    case 'ChipCountsSet':
      for (const c of e.counts) {
        const entry = getEntry(state, c.entryId);
        if (entry === undefined || entry.chipsAt !== e.at || entry.chips !== c.chips) {
          return blocked(base, `a later chip count was entered for entry ${c.entryId}`, null);
        }
      }
      return null;
    case 'PlayersBusted':
      for (const b of e.busts) {
        const entry = entryOrBlock(state, base, b.entryId);
        if (isDomainError(entry)) return entry;
        if (entry.status !== 'busted' || entry.bust?.commandId !== base.commandId) {
          return blocked(base, `${entryLabel(entry)} is no longer out from this bust`, null);
        }
        if (entry.reenteredAs !== null) {
          const again = getEntry(state, entry.reenteredAs);
          return blocked(base, `${entry.name} has re-entered since`, again?.commandId ?? null);
        }
      }
      if (state.deal !== null && (mapGet(state.log, state.deal.commandId)?.seq ?? 0) > base.seq) {
        return blocked(base, 'a deal was made since', state.deal.commandId);
      }
      return roundStartedSince(state, base, 'UNDO_BLOCKED');
    case 'AddedMoneySet':
      return state.config?.addedMoney === e.amount
        ? null
        : blocked(base, 'added money was changed again since', null);
    case 'GuaranteeSet':
      return state.config?.guarantee === e.amount
        ? null
        : blocked(base, 'the guarantee was changed again since', null);
    case 'PayoutsEdited':
      return deepEqual(state.payoutEdits.manual, e.manual)
        ? null
        : blocked(base, 'payouts were edited again since', null);
    case 'PayoutsLocked':
      return deepEqual(state.payoutEdits.locked, e.locked)
        ? null
        : blocked(base, 'more places were locked since', null);
    case 'DealMade':
      return state.deal?.commandId === base.commandId
        ? null
        : blocked(base, 'the deal has changed since', null);
    case 'TournamentCancelled':
      return null;
    case 'CommandUndone':
      return null;
    case 'DayBagged':
    case 'EntriesCarried':
      return canRevertDay(state, e);
    case 'TableWon':
    case 'ShootoutRoundStarted':
      return canRevertShootout(state, base, e);
    default:
      return null;
  }
}

function activeEntryOfPlayer(state: TournamentState, playerId: string): Entry | undefined {
  const p = mapGet(state.players, playerId);
  return p?.entryIds.map((id) => getEntry(state, id)).find((x) => x?.status === 'active');
}

/** Can this event of `base` be applied again (a redo) in `state`? */
function canReapply(state: TournamentState, base: CommandRecord, e: TournamentEvent): DomainError | null {
  const redo = (why: string, blocking: string | null = null): DomainError =>
    new DomainError(
      'REDO_BLOCKED',
      `Cannot redo ${describe(base)}: ${why}${blocking === null ? '' : ` (undo command ${blocking} first)`}`,
      {
        commandId: base.commandId,
        blockingCommandId: blocking,
      },
    );
  switch (e.type) {
    case 'TournamentCreated':
      return redo('creating the tournament is never undone');
    case 'TournamentConfigured':
      return deepEqual(state.config, e.previous) ? null : redo('the settings were changed since');
    case 'RegistrationOpened':
      return state.status === e.previousStatus && state.registrationClosed === e.previousClosed
        ? null
        : redo('registration has changed since');
    case 'RegistrationClosed':
      return state.registrationClosed ? redo('registration is already closed') : null;
    case 'EntryRegistered': {
      const entry = getEntry(state, e.entryId);
      if (entry === undefined || entry.status !== 'voided') return redo(`entry ${e.entryId} is not voided`);
      const other = activeEntryOfPlayer(state, e.playerId);
      if (other) return redo(`${e.name} has registered again since`, other.commandId);
      const cap = state.config?.rules.capacity ?? null;
      if (cap !== null && state.playersLeft >= cap)
        return redo(`the tournament is full (${state.playersLeft} of ${cap})`);
      if (e.previousEntryId !== null) {
        const prev = getEntry(state, e.previousEntryId);
        if (prev === undefined || prev.status !== 'busted' || prev.reenteredAs !== null) {
          return redo(`the entry it re-entered from is not out any more`);
        }
      }
      return state.deal === null ? null : redo('a deal has been made since', state.deal.commandId);
    }
    case 'AlternateAdded': {
      if (state.waitingList.some((a) => a.playerId === e.playerId))
        return redo(`${e.name} is on the waiting list`);
      const other = activeEntryOfPlayer(state, e.playerId);
      return other ? redo(`${e.name} has registered since`, other.commandId) : null;
    }
    case 'AlternatePromoted':
      return state.waitingList.some((a) => a.playerId === e.playerId)
        ? null
        : redo(`${e.name} is no longer on the waiting list`);
    case 'EntryUnregistered': {
      const entry = getEntry(state, e.entryId);
      return entry?.status === 'active' && state.status !== 'running'
        ? null
        : redo(`entry ${e.entryId} can no longer be unregistered`);
    }
    case 'RebuyTaken':
    case 'AddOnTaken': {
      const entry = getEntry(state, e.entryId);
      if (entry === undefined || entry.status === 'voided' || entry.status === 'unregistered') {
        return redo(`entry ${e.entryId} is no longer in the tournament`);
      }
      if (e.type === 'AddOnTaken' && entry.addOn !== null)
        return redo(`${entryLabel(entry)} has taken an add-on since`, entry.addOn);
      return state.deal === null ? null : redo('a deal has been made since', state.deal.commandId);
    }
    case 'TournamentStarted':
      return state.status === e.previousStatus && deepEqual(state.clock, e.clockBefore)
        ? null
        : redo('the tournament or its clock has changed since');
    case 'ClockChanged':
      return deepEqual(state.clock, e.before) ? null : redo('the clock has been changed since');
    case 'TournamentFinished':
    case 'SeatsWon':
      return state.status === 'running' && deepEqual(state.clock, e.clockBefore)
        ? null
        : redo('the clock has been changed since');
    case 'LevelsEdited':
      return deepEqual(state.config?.structure.levels, e.previous)
        ? null
        : redo('the levels were edited since');
    case 'ChipCountsSet':
      for (const c of e.counts) {
        const entry = getEntry(state, c.entryId);
        if (entry === undefined || entry.chips !== c.previous || entry.chipsAt !== c.previousAt) {
          return redo(`a later chip count was entered for entry ${c.entryId}`);
        }
      }
      return null;
    case 'PlayersBusted': {
      const first = Math.min(...e.busts.map((b) => b.ordinal));
      for (const b of e.busts) {
        const entry = getEntry(state, b.entryId);
        if (entry?.status !== 'active') return redo(`entry ${b.entryId} is not in play`);
        // Knockouts made after this hand would happen after the player was out.
        if (entry.knockouts > 0) {
          const victim = listEntries(state).find(
            (x) => x.bust?.hitmanEntryId === entry.entryId && x.bust.ordinal > first,
          );
          if (victim)
            return redo(
              `${entryLabel(entry)} has knocked out ${entryLabel(victim)} since`,
              victim.bust?.commandId ?? null,
            );
        }
      }
      if (e.hitmanEntryId !== null) {
        // The hitman may have busted since, but only after this hand.
        const hitman = getEntry(state, e.hitmanEntryId);
        const ok =
          hitman?.status === 'active' || (hitman?.status === 'busted' && (hitman.bust?.ordinal ?? 0) > first);
        if (!ok) return redo(`the hitman ${e.hitmanEntryId} is no longer in play`);
      }
      if (state.playersLeft - e.busts.length < 1) return redo('nobody would be left to win');
      const shootout = bustRedoProblem(
        state,
        base,
        e.busts.map((b) => b.entryId),
      );
      if (shootout) return shootout;
      return state.deal === null ? null : redo('a deal has been made since', state.deal.commandId);
    }
    case 'AddedMoneySet':
      return state.config?.addedMoney === e.previous ? null : redo('added money was changed since');
    case 'GuaranteeSet':
      return state.config?.guarantee === e.previous ? null : redo('the guarantee was changed since');
    case 'PayoutsEdited':
      return deepEqual(state.payoutEdits.manual, e.previous) ? null : redo('payouts were edited since');
    case 'PayoutsLocked':
      return deepEqual(state.payoutEdits.locked, e.previous) ? null : redo('places were locked since');
    case 'DealMade': {
      if (state.deal !== null) return redo('another deal has been made', state.deal.commandId);
      const alive = listEntries(state).filter((x) => x.status === 'active');
      const same =
        alive.length === e.shares.length &&
        e.shares.every((s) => getEntry(state, s.entryId)?.status === 'active');
      return same ? null : redo('the players still in have changed since');
    }
    case 'TournamentCancelled':
      return state.status === e.previousStatus ? null : redo('the tournament status has changed since');
    case 'CommandUndone':
      return null;
    case 'DayBagged':
    case 'EntriesCarried':
      return canReapplyDay(state, e);
    case 'TableWon':
    case 'ShootoutRoundStarted':
      return canReapplyShootout(state, base, e);
    default:
      return null;
  }
}

function seatingOnly(r: CommandRecord): SeatingEvent[] {
  return eventsOf(r).filter((e): e is SeatingEvent & { commandId: string } => isSeatingEvent(e));
}

/** Seating events that follow the undo: hooks for tournament commands, compensation for seating ones. */
function seatingFor(
  before: TournamentState,
  after: TournamentState,
  base: CommandRecord,
  target: CommandRecord,
  effect: 'revert' | 'reapply',
  ctx: Ctx,
): readonly SeatingEvent[] | DomainError {
  const own = tournamentEventsOf(base);
  // A round's redraw is undone (and redone) as the seating events it wrote, like a seating command.
  if (own.length === 0 || drewRound(own)) {
    const events = seatingOnly(target);
    return events.length === 0 ? [] : undoSeatingEvents(before.seating, events, ctx);
  }
  if (!before.seating.drawn) return [];
  const paid = payoutsOrComputed(after).lines.filter((l) => l.amount > 0).length;
  let seating: SeatingState = before.seating;
  const out: SeatingEvent[] = [];
  const push = (events: readonly SeatingEvent[] | DomainError): DomainError | null => {
    if (isDomainError(events)) return events;
    for (const ev of events) {
      out.push(ev);
      seating = evolveSeating(seating, ev);
    }
    return null;
  };
  for (const e of own) {
    let problem: DomainError | null = null;
    if (e.type === 'EntryRegistered') {
      problem =
        effect === 'revert'
          ? push(unseatEntries(seating, [e.entryId], ctx, after.playersLeft, paid))
          : push(seatEntry(seating, e.entryId, ctx));
    } else if (e.type === 'EntryUnregistered') {
      problem =
        effect === 'revert'
          ? push(seatEntry(seating, e.entryId, ctx))
          : push(unseatEntries(seating, [e.entryId], ctx, after.playersLeft, 0));
    } else if (e.type === 'PlayersBusted') {
      if (effect === 'revert') {
        for (const b of e.busts) {
          problem = push(restoreSeat(seating, b.entryId, b.seat, ctx));
          if (problem) break;
        }
      } else {
        problem = push(
          unseatEntries(
            seating,
            e.busts.map((b) => b.entryId),
            ctx,
            after.playersLeft,
            paid,
          ),
        );
      }
    }
    if (problem) return problem;
  }
  return out;
}

/**
 * A host that restored a snapshot must load the command's events first (missingForCommand):
 * reaching this is a bug in the host, not something the TD did.
 */
function notLoaded(r: CommandRecord): DomainError {
  return new DomainError(
    'UNDO_HISTORY_NOT_LOADED',
    `The history of command ${r.commandId} is not loaded yet; try the undo again`,
    { commandId: r.commandId },
  );
}

export function decideUndo(state: TournamentState, targetId: string, stamp: Stamp, ctx: Ctx): Decision {
  const target = mapGet(state.log, targetId);
  if (target === undefined) {
    return new DomainError('UNDO_NOT_FOUND', `There is no command ${targetId} to undo`, {
      commandId: targetId,
    });
  }
  if (target.undone) {
    return new DomainError('ALREADY_UNDONE', `${describe(target)} is already undone`, {
      commandId: targetId,
    });
  }
  if (target.events === null) return notLoaded(target);
  const first = target.events[0];
  const isUndo = first?.type === 'CommandUndone';
  const baseId = isUndo ? first.base : target.commandId;
  const effect: 'revert' | 'reapply' = isUndo && first.effect === 'revert' ? 'reapply' : 'revert';
  const base = mapGet(state.log, baseId);
  if (base === undefined)
    return new DomainError('UNDO_NOT_FOUND', `There is no command ${baseId}`, { commandId: baseId });
  if (base.events === null) return notLoaded(base);

  const own = tournamentEventsOf(base);
  // A bagged day is frozen: only the bag itself may be taken back (days.ts).
  if (state.bag && baseId !== state.bag.commandId) {
    return new DomainError('DAY_ENDED', 'The day was bagged: undo the bag first', {
      commandId: targetId,
      blockingCommandId: state.bag.commandId,
    });
  }
  // A satellite's stop (SeatsWon) is part of the bust that reached the bubble: undoing that bust resumes play.
  if (
    state.status === 'finished' &&
    !own.some((e) => e.type === 'TournamentFinished' || e.type === 'SeatsWon')
  ) {
    return new DomainError('TOURNAMENT_FINISHED', 'The tournament has finished; undo the finish first', {
      commandId: targetId,
    });
  }
  if (state.status === 'cancelled' && !own.some((e) => e.type === 'TournamentCancelled')) {
    return new DomainError(
      'TOURNAMENT_CANCELLED',
      'The tournament was cancelled; undo the cancellation first',
      {
        commandId: targetId,
      },
    );
  }
  // Check the events in the order they will be applied, each against the state as it will be.
  if (effect === 'revert') {
    for (let i = own.length - 1; i >= 0; i--) {
      const problem = canRevert(state, base, own[i] as TournamentEvent, ctx.now);
      if (problem) return problem;
    }
  } else {
    for (const e of own) {
      const problem = canReapply(state, base, e);
      if (problem) return problem;
    }
  }
  const undone: CommandUndone = { type: 'CommandUndone', ...stamp, target: targetId, base: baseId, effect };
  const after = evolve(state, undone);
  const seating = seatingFor(state, after, base, target, effect, ctx);
  if (isDomainError(seating)) return seating;
  return [undone, ...seating.map((e) => ({ ...e, commandId: stamp.commandId }))];
}

/** Command ids in the log, oldest first (for tools and tests). */
export function commandIds(state: TournamentState): string[] {
  return mapValues(state.log)
    .sort((a, b) => a.seq - b.seq)
    .map((r) => r.commandId);
}
