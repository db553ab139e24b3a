/** Replay and snapshots: the event log is the truth, a snapshot is a shortcut to its end. */
import { DomainError } from '../core/errors.ts';
import { evolve } from './evolve.ts';
import { persistentMap, transientMap } from './pmap.ts';
import { initialState, STATE_VERSION } from './state.ts';
import type { TournamentEventAny, TournamentState } from './types.ts';

/**
 * The state after `events`, from an empty tournament. Equal to folding `evolve` one event at
 * a time; its maps are updated in place while folding (nobody sees the intermediate states)
 * and made persistent once at the end.
 */
export function replay(events: Iterable<TournamentEventAny>, tournamentId: string): TournamentState {
  const empty = initialState(tournamentId);
  let state: TournamentState = {
    ...empty,
    entries: transientMap(empty.entries),
    players: transientMap(empty.players),
    log: transientMap(empty.log),
  };
  for (const e of events) state = evolve(state, e);
  return {
    ...state,
    entries: persistentMap(state.entries),
    players: persistentMap(state.players),
    log: persistentMap(state.log),
  };
}

/** The state as JSON (it is plain data: no Map, Set or class instances). */
export function snapshot(state: TournamentState): string {
  return JSON.stringify(state);
}

const REQUIRED: readonly (keyof TournamentState)[] = [
  'tournamentId',
  'status',
  'clock',
  'entries',
  'players',
  'money',
  'log',
  'seating',
  'payoutEdits',
  'waitingList',
];

/** Parses a snapshot, refusing other versions and anything that is not a tournament state. */
export function restore(json: string): TournamentState | DomainError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    return new DomainError('SNAPSHOT_INVALID', 'The snapshot is not valid JSON', { reason: String(error) });
  }
  if (typeof parsed !== 'object' || parsed === null) {
    return new DomainError('SNAPSHOT_INVALID', 'The snapshot is not a tournament state', {});
  }
  const s = parsed as Record<string, unknown>;
  if (s.version !== STATE_VERSION) {
    return new DomainError(
      'SNAPSHOT_VERSION',
      `The snapshot is version ${String(s.version)}; this engine reads version ${STATE_VERSION}`,
      { version: s.version, expected: STATE_VERSION },
    );
  }
  const missing = REQUIRED.filter((k) => s[k] === undefined);
  if (missing.length > 0 || typeof s.tournamentId !== 'string') {
    return new DomainError(
      'SNAPSHOT_INVALID',
      `The snapshot is missing ${missing.join(', ') || 'tournamentId'}`,
      {
        missing,
      },
    );
  }
  return parsed as TournamentState;
}
