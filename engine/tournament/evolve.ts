/**
 * Folding events into the state. Every event is O(1) amortized (a few persistent-map
 * updates); only `CommandUndone` does more, because undoing an older bust re-derives the
 * bounty ledger that later busts built on. Places are never stored: standings derive them
 * from the bust record, so an undone bust re-derives every later place for free.
 */
import { assertNever } from '../core/errors.ts';
import { isSeatingEvent } from '../seating/event-types.ts';
import { evolveSeating } from '../seating/evolve.ts';
import { applyBustBounties, recomputeBounties } from './bounties.ts';
import { eventsOf } from './command-log.ts';
import { applyDay, revertDay } from './days.ts';
import { mapGet, mapSet } from './pmap.ts';
import { applyShootout, progressOf, revertShootout, syncFixedTables } from './shootout.ts';
import { addCharge } from './state.ts';
import type {
  CommandRecord,
  Entry,
  EntryRegistered,
  MoneyTotals,
  TournamentConfig,
  TournamentEvent,
  TournamentEventAny,
  TournamentState,
} from './types.ts';

export function evolve(state: TournamentState, event: TournamentEventAny): TournamentState {
  // A command's events are contiguous in the log (decide emits them together), so only an
  // event of the command just seen can extend an existing record.
  const existing = state.lastCommandId === event.commandId ? mapGet(state.log, event.commandId) : undefined;
  const entry: CommandRecord =
    existing === undefined
      ? { commandId: event.commandId, seq: state.eventCount, count: 1, events: [event], undone: false }
      : {
          ...existing,
          count: existing.count + 1,
          // Still left out (a snapshot cut this command): loading it back reads all `count`.
          events: existing.events === null ? null : [...existing.events, event],
        };
  // The audit trail is updated first: a redo of an older rebuy reads its place in the log.
  const log = mapSet(state.log, event.commandId, entry);
  const eventCount = state.eventCount + 1;
  const lastCommandId = event.commandId;
  if (isSeatingEvent(event)) {
    return { ...state, log, eventCount, lastCommandId, seating: evolveSeating(state.seating, event) };
  }
  if (event.type === 'CommandUndone')
    return { ...syncFixedTables(undone({ ...state, log }, event)), eventCount, lastCommandId };
  const applied = syncFixedTables(apply(state, event as TournamentEvent));
  // `apply` copies the state it changes; that copy is new and unseen, so setting the audit
  // fields on it (rather than copying the whole state once more) is still pure.
  const next = (applied === state ? { ...state } : applied) as {
    log: typeof log;
    eventCount: number;
    lastCommandId: string;
  };
  next.log = log;
  next.eventCount = eventCount;
  next.lastCommandId = lastCommandId;
  return next as TournamentState;
}

function setUndone(state: TournamentState, commandId: string, undone: boolean): TournamentState {
  const r = mapGet(state.log, commandId);
  if (r === undefined || r.undone === undone) return state;
  return { ...state, log: mapSet(state.log, commandId, { ...r, undone }) };
}

function config(state: TournamentState): TournamentConfig {
  if (state.config === null) throw new Error(`tournament ${state.tournamentId} has no configuration`);
  return state.config;
}

function entry(state: TournamentState, entryId: string): Entry {
  const e = mapGet(state.entries, entryId);
  if (e === undefined) throw new Error(`event names unknown entry ${entryId}`);
  return e;
}

function putEntry(state: TournamentState, e: Entry): TournamentState {
  return { ...state, entries: mapSet(state.entries, e.entryId, e) };
}

function moneyWith(
  m: MoneyTotals,
  charge: EntryRegistered['charge'],
  sign: 1 | -1,
  counter: 'buyIns' | 'reentries' | 'rebuys' | 'addOns',
): MoneyTotals {
  // Spelled out (no computed key) so every totals object has the same shape.
  return {
    fromEntries: m.fromEntries + sign * charge.price,
    fees: m.fees + sign * charge.fee,
    bounties: m.bounties + sign * charge.bounty,
    chipsIssued: m.chipsIssued + sign * charge.chips,
    buyIns: m.buyIns + (counter === 'buyIns' ? sign : 0),
    reentries: m.reentries + (counter === 'reentries' ? sign : 0),
    rebuys: m.rebuys + (counter === 'rebuys' ? sign : 0),
    addOns: m.addOns + (counter === 'addOns' ? sign : 0),
  };
}

function register(state: TournamentState, e: EntryRegistered): TournamentState {
  const mode = config(state).rules.bountyMode;
  const voided = mapGet(state.entries, e.entryId);
  // A redo brings the voided entry back as it was (chip counts included).
  const created: Entry =
    voided !== undefined
      ? { ...voided, status: 'active' }
      : {
          entryId: e.entryId,
          number: e.number,
          playerId: e.playerId,
          name: e.name,
          kind: e.kind,
          previousEntryId: e.previousEntryId,
          reenteredAs: null,
          status: 'active',
          registeredAt: e.at,
          commandId: e.commandId,
          rebuys: [],
          addOn: null,
          paid: e.charge,
          chips: null,
          chipsAt: null,
          bust: null,
          bountyOnHead: mode === 'none' ? 0 : e.charge.bounty,
          bountiesWon: 0,
          knockouts: 0,
        };
  let entries = mapSet(state.entries, e.entryId, created);
  if (e.previousEntryId !== null) {
    const previous = mapGet(entries, e.previousEntryId);
    if (previous !== undefined)
      entries = mapSet(entries, previous.entryId, { ...previous, reenteredAs: e.entryId });
  }
  const p = mapGet(state.players, e.playerId);
  const players = p?.entryIds.includes(e.entryId)
    ? state.players
    : mapSet(
        state.players,
        e.playerId,
        p === undefined
          ? { playerId: e.playerId, name: e.name, entryIds: [e.entryId] }
          : { ...p, name: e.name, entryIds: [...p.entryIds, e.entryId] },
      );
  return {
    ...state,
    entries,
    players,
    entryCount: Math.max(state.entryCount, e.number),
    entrants: state.entrants + 1,
    playersLeft: state.playersLeft + 1,
    money: moneyWith(state.money, e.charge, 1, e.kind === 'reentry' ? 'reentries' : 'buyIns'),
  };
}

/** Reverts a registration: the entry stays, voided, so a redo restores it exactly. */
function voidEntry(state: TournamentState, e: EntryRegistered): TournamentState {
  const current = entry(state, e.entryId);
  let s = putEntry(state, { ...current, status: 'voided' });
  if (e.previousEntryId !== null) s = putEntry(s, { ...entry(s, e.previousEntryId), reenteredAs: null });
  return {
    ...s,
    entrants: s.entrants - 1,
    playersLeft: s.playersLeft - 1,
    money: moneyWith(s.money, e.charge, -1, e.kind === 'reentry' ? 'reentries' : 'buyIns'),
  };
}

/** Inserts a rebuy's command id keeping log order, so a redo of an older rebuy lands where it was. */
function withRebuy(state: TournamentState, rebuys: readonly string[], commandId: string): string[] {
  const seqOf = (id: string): number => mapGet(state.log, id)?.seq ?? Number.MAX_SAFE_INTEGER;
  if (rebuys.length === 0) return [commandId];
  const mine = seqOf(commandId);
  const out = [...rebuys];
  let i = out.length;
  while (i > 0 && seqOf(out[i - 1] as string) > mine) i--;
  out.splice(i, 0, commandId);
  return out;
}

/** The forward effect of a tournament event (also used to re-apply a command on redo). */
function apply(state: TournamentState, event: TournamentEvent): TournamentState {
  switch (event.type) {
    case 'TournamentCreated':
      return { ...state, config: event.config, status: 'announced' };
    case 'TournamentConfigured': {
      const s = { ...state, config: event.config };
      return event.config.rules.bountyMode === event.previous.rules.bountyMode ? s : withBounties(s);
    }
    case 'RegistrationOpened':
      return {
        ...state,
        status: state.status === 'announced' ? 'registration' : state.status,
        registrationClosed: false,
      };
    case 'RegistrationClosed':
      return { ...state, registrationClosed: true };
    case 'EntryRegistered':
      return register(state, event);
    case 'AlternateAdded':
      return {
        ...state,
        waitingList: [
          ...state.waitingList,
          { playerId: event.playerId, name: event.name, at: event.at, commandId: event.commandId },
        ],
      };
    case 'AlternatePromoted':
      return { ...state, waitingList: state.waitingList.filter((a) => a.playerId !== event.playerId) };
    case 'EntryUnregistered': {
      const e = entry(state, event.entryId);
      return {
        ...putEntry(state, { ...e, status: 'unregistered' }),
        entrants: state.entrants - 1,
        playersLeft: state.playersLeft - 1,
        money: moneyWith(state.money, event.refund, -1, e.kind === 'reentry' ? 'reentries' : 'buyIns'),
      };
    }
    case 'RebuyTaken': {
      const e = entry(state, event.entryId);
      const bounty = config(state).rules.bountyMode === 'none' ? 0 : event.charge.bounty;
      return {
        ...state,
        entries: mapSet(state.entries, e.entryId, {
          ...e,
          rebuys: withRebuy(state, e.rebuys, event.commandId),
          paid: addCharge(e.paid, event.charge),
          bountyOnHead: e.bountyOnHead + bounty,
        }),
        money: moneyWith(state.money, event.charge, 1, 'rebuys'),
      };
    }
    case 'AddOnTaken': {
      const e = entry(state, event.entryId);
      const bounty = config(state).rules.bountyMode === 'none' ? 0 : event.charge.bounty;
      return {
        ...state,
        entries: mapSet(state.entries, e.entryId, {
          ...e,
          addOn: event.commandId,
          paid: addCharge(e.paid, event.charge),
          bountyOnHead: e.bountyOnHead + bounty,
        }),
        money: moneyWith(state.money, event.charge, 1, 'addOns'),
      };
    }
    case 'TournamentStarted':
      return { ...state, status: 'running', clock: event.clock, startedAt: event.at };
    case 'ClockChanged':
      return { ...state, clock: event.clock };
    case 'LevelsEdited': {
      const c = config(state);
      return { ...state, config: { ...c, structure: { ...c.structure, levels: event.levels } } };
    }
    case 'ChipCountsSet': {
      let entries = state.entries;
      for (const c of event.counts) {
        const e = mapGet(entries, c.entryId);
        if (e === undefined) throw new Error(`event names unknown entry ${c.entryId}`);
        entries = mapSet(entries, c.entryId, { ...e, chips: c.chips, chipsAt: event.at });
      }
      return { ...state, entries };
    }
    case 'PlayersBusted': {
      let entries = state.entries;
      // A shootout names the round each player went out in (standings show it).
      const round = progressOf(state)?.round;
      for (const b of event.busts) {
        const e = mapGet(entries, b.entryId);
        if (e === undefined) throw new Error(`event names unknown entry ${b.entryId}`);
        entries = mapSet(entries, b.entryId, {
          ...e,
          status: 'busted',
          bust: {
            ordinal: b.ordinal,
            group: event.group,
            ranking: event.ranking,
            chipsAtStartOfHand: b.chipsAtStartOfHand,
            hitmanEntryId: event.hitmanEntryId,
            bountyAtBust: e.bountyOnHead,
            commandId: event.commandId,
            at: event.at,
            ...(round === undefined ? {} : { round }),
          },
        });
      }
      const r = applyBustBounties(
        entries,
        event.busts.map((b) => b.entryId),
        event.hitmanEntryId,
        config(state).rules.bountyMode,
        state.unclaimedBounties,
      );
      let last = state.bustCount;
      for (const b of event.busts) last = Math.max(last, b.ordinal);

      return {
        ...state,
        entries: r.entries,
        unclaimedBounties: r.unclaimed,
        playersLeft: state.playersLeft - event.busts.length,
        bustCount: last,
      };
    }
    case 'AddedMoneySet':
      return { ...state, config: { ...config(state), addedMoney: event.amount } };
    case 'GuaranteeSet':
      return { ...state, config: { ...config(state), guarantee: event.amount } };
    case 'PayoutsEdited':
      return { ...state, payoutEdits: { ...state.payoutEdits, manual: event.manual } };
    case 'PayoutsLocked':
      return { ...state, payoutEdits: { ...state.payoutEdits, locked: event.locked } };
    case 'DealMade':
      return {
        ...state,
        deal: {
          kind: event.kind,
          method: event.method,
          shares: event.shares,
          leftToPlayFor: event.leftToPlayFor,
          commandId: event.commandId,
        },
      };
    case 'TournamentFinished':
    case 'SeatsWon':
      return { ...state, status: 'finished', clock: event.clock, finishedAt: event.at };
    case 'TournamentCancelled':
      return { ...state, status: 'cancelled' };
    case 'CommandUndone':
      // Folded by `evolve` itself: it needs the audit trail including this event.
      return undone(state, event);
    case 'DayBagged':
    case 'EntriesCarried':
      return applyDay(state, event);
    case 'TableWon':
    case 'ShootoutRoundStarted':
      return applyShootout(state, event);
    default:
      return assertNever(event, 'tournament event');
  }
}

/** The inverse of `apply` for one event of a command being undone. */
function revert(state: TournamentState, event: TournamentEvent): TournamentState {
  switch (event.type) {
    case 'TournamentCreated':
      throw new Error('creating a tournament cannot be undone');
    case 'TournamentConfigured':
      return { ...state, config: event.previous };
    case 'RegistrationOpened':
      return { ...state, status: event.previousStatus, registrationClosed: event.previousClosed };
    case 'RegistrationClosed':
      return { ...state, registrationClosed: false };
    case 'EntryRegistered':
      return voidEntry(state, event);
    case 'AlternateAdded':
      return { ...state, waitingList: state.waitingList.filter((a) => a.playerId !== event.playerId) };
    case 'AlternatePromoted': {
      const list = [...state.waitingList];
      list.splice(event.index, 0, {
        playerId: event.playerId,
        name: event.name,
        at: event.waitingSince,
        commandId: event.waitingCommandId,
      });
      return { ...state, waitingList: list };
    }
    case 'EntryUnregistered': {
      const e = entry(state, event.entryId);
      return {
        ...putEntry(state, { ...e, status: 'active' }),
        entrants: state.entrants + 1,
        playersLeft: state.playersLeft + 1,
        money: moneyWith(state.money, event.refund, 1, e.kind === 'reentry' ? 'reentries' : 'buyIns'),
      };
    }
    case 'RebuyTaken': {
      const e = entry(state, event.entryId);
      const bounty = config(state).rules.bountyMode === 'none' ? 0 : event.charge.bounty;
      return {
        ...putEntry(state, {
          ...e,
          rebuys: e.rebuys.filter((id) => id !== event.commandId),
          paid: addCharge(e.paid, event.charge, -1),
          bountyOnHead: e.bountyOnHead - bounty,
        }),
        money: moneyWith(state.money, event.charge, -1, 'rebuys'),
      };
    }
    case 'AddOnTaken': {
      const e = entry(state, event.entryId);
      return {
        ...putEntry(state, {
          ...e,
          addOn: null,
          paid: addCharge(e.paid, event.charge, -1),
          bountyOnHead:
            e.bountyOnHead - (config(state).rules.bountyMode === 'none' ? 0 : event.charge.bounty),
        }),
        money: moneyWith(state.money, event.charge, -1, 'addOns'),
      };
    }
    case 'TournamentStarted':
      return { ...state, status: event.previousStatus, clock: event.clockBefore, startedAt: null };
    case 'ClockChanged':
      return { ...state, clock: event.before };
    case 'LevelsEdited': {
      const c = config(state);
      return { ...state, config: { ...c, structure: { ...c.structure, levels: event.previous } } };
    }
    case 'ChipCountsSet': {
      let s = state;
      for (let i = event.counts.length - 1; i >= 0; i--) {
        const c = event.counts[i] as (typeof event.counts)[number];
        s = putEntry(s, { ...entry(s, c.entryId), chips: c.previous, chipsAt: c.previousAt });
      }
      return s;
    }
    case 'PlayersBusted': {
      // Bounties move back incrementally; when a later bust built on them (progressive
      // knockouts), `undone` recomputes the whole ledger afterwards instead.
      const mode = config(state).rules.bountyMode;
      let s = state;
      let unclaimed = s.unclaimedBounties;
      for (let i = event.busts.length - 1; i >= 0; i--) {
        const b = event.busts[i] as (typeof event.busts)[number];
        const x = entry(s, b.entryId);
        const head = x.bust?.bountyAtBust ?? 0;
        {
          const hitman = event.hitmanEntryId === null ? undefined : mapGet(s.entries, event.hitmanEntryId);
          if (hitman === undefined) unclaimed -= head;
          else {
            const cash = mode === 'progressive' ? Math.ceil(head / 2) : head;
            s = putEntry(s, {
              ...hitman,
              bountiesWon: hitman.bountiesWon - cash,
              bountyOnHead: hitman.bountyOnHead - (head - cash),
              knockouts: hitman.knockouts - 1,
            });
          }
        }
        s = putEntry(s, { ...x, status: 'active', bust: null, bountyOnHead: mode === 'none' ? 0 : head });
      }
      return { ...s, unclaimedBounties: unclaimed, playersLeft: s.playersLeft + event.busts.length };
    }
    case 'AddedMoneySet':
      return { ...state, config: { ...config(state), addedMoney: event.previous } };
    case 'GuaranteeSet':
      return { ...state, config: { ...config(state), guarantee: event.previous } };
    case 'PayoutsEdited':
      return { ...state, payoutEdits: { ...state.payoutEdits, manual: event.previous } };
    case 'PayoutsLocked':
      return { ...state, payoutEdits: { ...state.payoutEdits, locked: event.previous } };
    case 'DealMade':
      return { ...state, deal: null };
    case 'TournamentFinished':
    case 'SeatsWon':
      return { ...state, status: 'running', clock: event.clockBefore, finishedAt: null };
    case 'TournamentCancelled':
      return { ...state, status: event.previousStatus };
    case 'CommandUndone':
      throw new Error('an undo is undone through its own CommandUndone, never reverted directly');
    case 'DayBagged':
    case 'EntriesCarried':
      return revertDay(state, event);
    case 'TableWon':
    case 'ShootoutRoundStarted':
      return revertShootout(state, event);
    default:
      return assertNever(event, 'tournament event');
  }
}

function withBounties(state: TournamentState): TournamentState {
  const r = recomputeBounties(state.entries, config(state).rules.bountyMode);
  return { ...state, entries: r.entries, unclaimedBounties: r.unclaimed };
}

/**
 * Whether moving this event's bounties incrementally would be wrong because a later bust
 * built on them: then the ledger is recomputed from the bust record (O(entries)).
 */
function needsBountyRecompute(
  state: TournamentState,
  e: TournamentEvent,
  effect: 'revert' | 'reapply',
): boolean {
  const mode = state.config?.rules.bountyMode ?? 'none';
  if (mode === 'none') return false;
  if (e.type === 'RebuyTaken' || e.type === 'AddOnTaken') {
    return mapGet(state.entries, e.entryId)?.status !== 'active';
  }
  if (e.type !== 'PlayersBusted' || e.hitmanEntryId === null) return false;
  const hitman = mapGet(state.entries, e.hitmanEntryId);
  // Fixed bounties never grow a head, so only progressive knockouts chain.
  if (effect === 'revert') return mode === 'progressive' && hitman?.status !== 'active';
  return hitman?.status !== 'active';
}

/** Tournament events of a command, in order (its seating events are compensated by their own events). */
export function tournamentEventsOf(r: CommandRecord): TournamentEvent[] {
  return eventsOf(r).filter((e): e is TournamentEvent => !isSeatingEvent(e));
}

function undone(
  state: TournamentState,
  event: Extract<TournamentEvent, { type: 'CommandUndone' }>,
): TournamentState {
  const base = mapGet(state.log, event.base);
  if (base === undefined) throw new Error(`undo names unknown command ${event.base}`);
  const own = tournamentEventsOf(base);
  const recompute = own.some((e) => needsBountyRecompute(state, e, event.effect));
  let s = state;
  if (event.effect === 'revert') {
    for (let i = own.length - 1; i >= 0; i--) s = revert(s, own[i] as TournamentEvent);
  } else {
    for (const e of own) s = apply(s, e);
  }
  if (recompute) s = withBounties(s);
  s = setUndone(s, event.base, event.effect === 'revert');
  if (event.target !== event.base) {
    s = setUndone(s, event.target, true);
    // The target was an Undo: whatever it named is back in effect.
    const target = mapGet(s.log, event.target);
    const first = target === undefined ? undefined : eventsOf(target)[0];
    if (first?.type === 'CommandUndone' && first.target !== event.base) s = setUndone(s, first.target, false);
  }
  return s;
}
