/** Replay and snapshots: the event log is the truth, a snapshot is a shortcut to its end. */
import { DomainError } from '../core/errors.ts';
import { evolve } from './evolve.ts';
import { initialState, STATE_VERSION } from './state.ts';
import type { TournamentEventAny, TournamentState } from './types.ts';

/** The state after `events`, from an empty tournament. */
export function replay(events: Iterable<TournamentEventAny>, tournamentId: string): TournamentState {
  let state = initialState(tournamentId);
  for (const e of events) state = evolve(state, e);
  return state;
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
    return new DomainError('SNAPSHOT_INVALID', `The snapshot is missing ${missing.join(', ') || 'tournamentId'}`, {
      missing,
    });
  }
  return parsed as TournamentState;
}
