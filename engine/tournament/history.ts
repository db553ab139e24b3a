/**
 * A tournament's history carried outside its Durable Object (export/import, time travel): the
 * state folded from an event log, with the event the engine refuses named, and a canonical
 * text of a state that two copies of one tournament share whatever their ids or how they were
 * built (replayed, restored from a snapshot, folded one event at a time).
 */
import { DomainError } from '../core/errors.ts';
import { evolve } from './evolve.ts';
import { mapValues } from './pmap.ts';
import { initialState } from './state.ts';
import type { TournamentEventAny, TournamentState } from './types.ts';

/** One event of a history as it is carried: the log's seq and the event itself. */
export interface HistoryEvent {
  readonly seq: number;
  readonly event: TournamentEventAny;
}

/**
 * The state after `events` (seq 1, 2, 3 …), for a new tournament `tournamentId`. Refuses a
 * history that does not start with the tournament's creation, skips or repeats a seq, or has
 * an event `evolve` cannot apply (an unknown type, an entry or command that does not exist):
 * the error names the seq, so a person can find it in the file.
 */
export function foldHistory(
  events: readonly HistoryEvent[],
  tournamentId: string,
  uptoSeq = Number.POSITIVE_INFINITY,
): TournamentState | DomainError {
  let state = initialState(tournamentId);
  for (const [i, e] of events.entries()) {
    if (e.seq > uptoSeq) break;
    const next = foldEvent(state, e, i + 1);
    if (next instanceof DomainError) return next;
    state = next;
  }
  return state;
}

/**
 * One step of a fold: `e` applied to `state`, where `e` must be event number `expected` of
 * the history (so a history read page by page folds as one read whole).
 */
export function foldEvent(
  state: TournamentState,
  { seq, event }: HistoryEvent,
  expected: number,
): TournamentState | DomainError {
  if (seq !== expected) {
    return new DomainError(
      'HISTORY_SEQ',
      `Event ${expected} has seq ${seq}: seqs must run 1, 2, 3 … with no gap`,
      {
        index: expected - 1,
        seq,
        expected,
      },
    );
  }
  if (expected === 1 && event.type !== 'TournamentCreated') {
    return new DomainError('HISTORY_START', `The first event is ${event.type}, not TournamentCreated`, {
      seq,
      type: event.type,
    });
  }
  if (expected > 1 && event.type === 'TournamentCreated') {
    return new DomainError('HISTORY_EVENT_REFUSED', `Event ${seq} creates the tournament a second time`, {
      seq,
      type: event.type,
    });
  }
  try {
    return evolve(state, event);
  } catch (e) {
    // evolve throws only on an event no decider would have produced (its invariants).
    return new DomainError(
      'HISTORY_EVENT_REFUSED',
      `The engine refuses event ${seq} (${event.type}): ${String((e as Error).message ?? e)}`,
      { seq, type: event.type },
    );
  }
}

/**
 * The state as canonical JSON text (keys sorted, maps as sorted lists, the command log as its
 * index without events, the tournament id left out): equal for two copies of one tournament,
 * so its hash proves an import replays to the state that was exported.
 */
export function canonicalState(state: TournamentState): string {
  const log = mapValues(state.log)
    .map((r) => [r.commandId, r.seq, r.count, r.undone] as const)
    .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  const sorted = (values: readonly unknown[]) =>
    new RawJson(`[${values.map(canonicalJson).sort().join(',')}]`);
  return canonicalJson({
    ...state,
    tournamentId: null,
    entries: sorted(mapValues(state.entries)),
    players: sorted(mapValues(state.players)),
    log,
  });
}

/** Text already rendered canonically, spliced as it is. */
class RawJson {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

/** JSON text with object keys sorted at every depth (undefined fields dropped, as JSON does). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}
