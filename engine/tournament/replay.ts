/** Replay and snapshots: the event log is the truth, a snapshot is a shortcut to its end. */
import { DomainError } from '../core/errors.ts';
import { evolve } from './evolve.ts';
import { mapValues, type PMap, persistentMap, transientMap } from './pmap.ts';
import { initialState, STATE_VERSION } from './state.ts';
import type { CommandRecord, TournamentEventAny, TournamentState } from './types.ts';

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

/**
 * Snapshot format 2: the state, then on a second line the command log as a flat index without
 * its events (command-log.ts). Format 1 was the whole state, events included: 38 MB at
 * 100,000 events, 26 MB of it a second copy of the event log. A host meeting another format
 * replays the log instead.
 */
export const SNAPSHOT_FORMAT = 2;

/** Fields per command in the flat log index: id, seq, count, undone (0/1). */
const LOG_STRIDE = 4;

/**
 * The state as JSON text: `{format, logSize, state}`, a newline, then the log index (JSON text
 * never holds a raw newline, so the first one splits them). The log's events are left out.
 */
export function snapshot(state: TournamentState): string {
  const log: (string | number)[] = [];
  for (const r of mapValues(state.log)) log.push(r.commandId, r.seq, r.count, r.undone ? 1 : 0);
  const head = JSON.stringify({
    format: SNAPSHOT_FORMAT,
    logSize: state.log.size,
    state: { ...state, log: null },
  });
  return `${head}\n${JSON.stringify(log)}`;
}

/** The log index text as a map of commands (their events left out). Throws if it is not one. */
function buildLog(text: string, size: number): PMap<CommandRecord> {
  const flat = JSON.parse(text) as unknown;
  if (!Array.isArray(flat) || flat.length !== size * LOG_STRIDE) {
    throw new Error(`the snapshot's command log does not hold ${size} commands`);
  }
  const log = new Map<string, CommandRecord>();
  for (let i = 0; i < flat.length; i += LOG_STRIDE) {
    const commandId = flat[i] as string;
    log.set(commandId, {
      commandId,
      seq: flat[i + 1] as number,
      count: flat[i + 2] as number,
      events: null,
      undone: flat[i + 3] === 1,
    });
  }
  return persistentMap(log as unknown as PMap<CommandRecord>);
}

/**
 * The command log, built on first use. Only deciding and evolving read it; the views do not,
 * so a cold start that first answers a GET skips parsing and indexing 100,000 commands (~0.1 s).
 * Reading `root` builds it once; it is the same map either way, so the state stays a value.
 */
function lazyLog(text: string, size: number): PMap<CommandRecord> {
  let built: PMap<CommandRecord> | undefined;
  return {
    size,
    get root() {
      built ??= buildLog(text, size);
      return built.root;
    },
  };
}

const REQUIRED: readonly (keyof TournamentState)[] = [
  'tournamentId',
  'status',
  'clock',
  'entries',
  'players',
  'money',
  'seating',
  'payoutEdits',
  'waitingList',
];

/**
 * Parses a snapshot, refusing other formats and anything that is not a tournament state. The
 * commands come back with `events: null`: load them with command-log.ts before an undo.
 */
export function restore(json: string): TournamentState | DomainError {
  const newline = json.indexOf('\n');
  let parsed: unknown;
  try {
    parsed = JSON.parse(newline < 0 ? json : json.slice(0, newline));
  } catch (error) {
    return new DomainError('SNAPSHOT_INVALID', 'The snapshot is not valid JSON', { reason: String(error) });
  }
  if (typeof parsed !== 'object' || parsed === null) {
    return new DomainError('SNAPSHOT_INVALID', 'The snapshot is not a tournament state', {});
  }
  const top = parsed as Record<string, unknown>;
  const format = top.format ?? (top.version === undefined ? undefined : 1);
  if (format !== SNAPSHOT_FORMAT) {
    return new DomainError(
      'SNAPSHOT_VERSION',
      `The snapshot is format ${String(format)}; this engine reads format ${SNAPSHOT_FORMAT}`,
      { format, expected: SNAPSHOT_FORMAT },
    );
  }
  const s = top.state as Record<string, unknown> | null | undefined;
  if (typeof s !== 'object' || s === null) {
    return new DomainError('SNAPSHOT_INVALID', 'The snapshot has no state', {});
  }
  if (s.version !== STATE_VERSION) {
    return new DomainError(
      'SNAPSHOT_VERSION',
      `The snapshot's state is version ${String(s.version)}; this engine reads version ${STATE_VERSION}`,
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
  const logText = newline < 0 ? '' : json.slice(newline + 1);
  const size = top.logSize;
  if (typeof size !== 'number' || !logText.startsWith('[') || !logText.endsWith(']')) {
    return new DomainError('SNAPSHOT_INVALID', 'The snapshot is missing its command log', {
      missing: ['log'],
    });
  }
  return { ...(s as unknown as TournamentState), log: lazyLog(logText, size) };
}
