/**
 * The audit trail's events, left out of snapshots and loaded back on demand.
 *
 * `state.log` indexes every command (seq, event count, undone). Keeping each command's events
 * there too made a snapshot carry the whole event log a second time (26 MB of a 38 MB snapshot
 * at 100,000 events), yet only an undo ever reads them, and only for its target and base. So a
 * snapshot keeps the index and drops the events (`events: null`); before an Undo is decided (or
 * a `CommandUndone` evolved) on such a state, the host reads the few commands it names back
 * from the event log, where they are entries `seq + 1 … seq + count` (1-based).
 */

import { mapGet, mapSet } from './pmap.ts';
import type { CommandRecord, TournamentCommand, TournamentEventAny, TournamentState } from './types.ts';

/** Where a command's events sit in the event log: entries `seq + 1 … seq + count` (1-based). */
export interface CommandSpan {
  readonly commandId: string;
  /** 0-based index of the first event: read the log after this seq. */
  readonly seq: number;
  readonly count: number;
}

/** The events of a command whose events are in memory; throws when a snapshot left them out. */
export function eventsOf(r: CommandRecord): readonly TournamentEventAny[] {
  if (r.events === null) {
    throw new Error(`the events of command ${r.commandId} are not loaded (see missingForCommand)`);
  }
  return r.events;
}

function spanOf(r: CommandRecord): CommandSpan {
  return { commandId: r.commandId, seq: r.seq, count: r.count };
}

function missing(state: TournamentState, ids: readonly string[]): CommandSpan[] {
  const out: CommandSpan[] = [];
  for (const id of new Set(ids)) {
    const r = mapGet(state.log, id);
    if (r !== undefined && r.events === null) out.push(spanOf(r));
  }
  return out;
}

/**
 * Commands whose events must be loaded before `command` can be decided. An Undo needs its
 * target, and when the target is itself an undo, the command that one named (the base): so
 * call again after loading, until this is empty (at most twice).
 */
export function missingForCommand(state: TournamentState, command: TournamentCommand): CommandSpan[] {
  if (command.type !== 'Undo') return [];
  const target = mapGet(state.log, command.targetCommandId);
  if (target === undefined) return [];
  if (target.events === null) return [spanOf(target)];
  const first = target.events[0];
  return first?.type === 'CommandUndone' ? missing(state, [first.base]) : [];
}

/** Commands whose events must be loaded before `event` can be evolved (a CommandUndone's). */
export function missingForEvent(state: TournamentState, event: TournamentEventAny): CommandSpan[] {
  return event.type === 'CommandUndone' ? missing(state, [event.base, event.target]) : [];
}

/**
 * Everything a tail of events needs loaded, found up front so a cold start can read it all at
 * once instead of one read per undo: the commands named by its undos that `state` (the
 * restored snapshot) holds without events. Commands that start inside the tail need nothing.
 */
export function missingForEvents(
  state: TournamentState,
  events: Iterable<TournamentEventAny>,
): CommandSpan[] {
  const ids: string[] = [];
  for (const e of events) if (e.type === 'CommandUndone') ids.push(e.base, e.target);
  return missing(state, ids);
}

/**
 * The state with a command's events loaded back. The events must be the command's own, in
 * log order (as read from the log at its span); anything else is refused.
 */
export function withCommandEvents(
  state: TournamentState,
  commandId: string,
  events: readonly TournamentEventAny[],
): TournamentState {
  const r = mapGet(state.log, commandId);
  if (r === undefined) throw new Error(`no command ${commandId} in the log`);
  if (r.events !== null) return state;
  if (events.length !== r.count || events.some((e) => e.commandId !== commandId)) {
    throw new Error(`the events given for command ${commandId} are not its ${r.count} events`);
  }
  return { ...state, log: mapSet(state.log, commandId, { ...r, events: [...events] }) };
}
