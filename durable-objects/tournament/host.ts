/**
 * The engine inside a TournamentDO: keeps the tournament's state in memory, rebuilt on a cold
 * start from the latest snapshot plus the events after it, and runs each command through the
 * pure decider. Events are appended durably before the state moves or anyone is answered.
 */
import type { Actor } from '../../engine/core/ctx.ts';
import { DomainError, isDomainError } from '../../engine/core/errors.ts';
import { seededRandom } from '../../engine/core/random.ts';
import { decide } from '../../engine/tournament/decide.ts';
import { evolve } from '../../engine/tournament/evolve.ts';
import { mapHas } from '../../engine/tournament/pmap.ts';
import { replay, restore, snapshot } from '../../engine/tournament/replay.ts';
import type {
  TournamentCommand,
  TournamentEventAny,
  TournamentState,
} from '../../engine/tournament/types.ts';
import type { StoredEvent, WriteOp } from '../storage/port.ts';
import type { TournamentLog } from './log.ts';

/**
 * Snapshot after this many events since the last one: a cold start then reads one snapshot and
 * at most this many events. Chosen so the tail replays in well under a millisecond per 100
 * events while snapshots (one row of the whole state) stay rare.
 */
export const SNAPSHOT_EVERY = 500;

export type CommandAnswer =
  | {
      readonly ok: true;
      readonly seq: number;
      readonly events: readonly StoredEvent[];
      readonly repeated: boolean;
    }
  | {
      readonly ok: false;
      /** `details` is JSON text: it crosses RPC, where an `unknown` field would not type. */
      readonly error: { readonly code: string; readonly message: string; readonly details: string | null };
    };

export class TournamentHost {
  readonly log: TournamentLog;
  #state: TournamentState;
  #seq: number;
  #snapshotSeq: number;

  private constructor(log: TournamentLog, state: TournamentState, seq: number, snapshotSeq: number) {
    this.log = log;
    this.#state = state;
    this.#seq = seq;
    this.#snapshotSeq = snapshotSeq;
  }

  get state(): TournamentState {
    return this.#state;
  }
  get seq(): number {
    return this.#seq;
  }

  static async load(log: TournamentLog): Promise<TournamentHost> {
    const snap = await log.storage.loadSnapshot(log.tournamentId);
    let state: TournamentState | null = null;
    let seq = 0;
    if (snap) {
      const restored = restore(snap.body);
      if (!isDomainError(restored)) {
        state = restored;
        seq = snap.seq;
      }
    }
    const tail: TournamentEventAny[] = [];
    for (;;) {
      const page = await log.read(seq + tail.length, 5000);
      for (const e of page) tail.push(JSON.parse(e.body) as TournamentEventAny);
      if (page.length < 5000) break;
    }
    if (state === null) {
      state = replay(tail, log.tournamentId);
    } else {
      for (const e of tail) state = evolve(state, e);
    }
    return new TournamentHost(log, state, seq + tail.length, snap && state ? snap.seq : 0);
  }

  /**
   * Imports a whole history into an empty tournament: every command is decided at its own
   * time, and all the events are appended in ONE atomic batch, so a refused command (or a
   * crash) leaves nothing behind.
   */
  importHistory(commands: readonly TimedCommand[], actor: Actor, now: number): Promise<CommandAnswer> {
    return this.log.exclusive(async () => {
      if (this.#seq !== 0) {
        return {
          ok: false,
          error: { code: 'IMPORT_CONFLICT', message: 'Import needs a new, empty tournament', details: null },
        };
      }
      let next = this.#state;
      const all: TournamentEventAny[] = [];
      for (const { command, at } of commands) {
        const decision = decide(next, command, { now: at, actor, random: seededRandom(command.commandId) });
        if (isDomainError(decision)) {
          const details = JSON.stringify({
            commandId: command.commandId,
            type: command.type,
            ...decision.details,
          });
          return {
            ok: false,
            error: {
              code: decision.code,
              message: `Import stopped at ${command.type}: ${decision.message}`,
              details,
            },
          };
        }
        for (const e of decision) next = evolve(next, e);
        all.push(...decision);
      }
      const drafts = all.map((e) => ({ type: e.type, at: e.at, body: JSON.stringify(e) }));
      const events = await this.log.append(drafts, (seq) => [
        { op: 'snapshot', tournamentId: this.log.tournamentId, seq, body: snapshot(next), savedAt: now },
      ]);
      this.#state = next;
      this.#seq = events[events.length - 1]?.seq ?? 0;
      this.#snapshotSeq = this.#seq;
      return { ok: true, seq: this.#seq, events: [], repeated: false };
    });
  }

  /** Decides and appends one command; a repeated commandId gets its first answer. */
  command(command: TournamentCommand, actor: Actor, now: number): Promise<CommandAnswer> {
    return this.log.exclusive(async () => {
      // Only a command the state has seen can have a recorded answer: skip the read otherwise.
      const seen = mapHas(this.#state.log, command.commandId);
      const first = seen
        ? await this.log.storage.getCommandResult(this.log.tournamentId, command.commandId)
        : null;
      if (first) return { ...(JSON.parse(first.response) as CommandAnswer), repeated: true } as CommandAnswer;
      const decision = decide(this.#state, command, { now, actor, random: seededRandom(command.commandId) });
      if (isDomainError(decision)) {
        const details = decision.details === undefined ? null : JSON.stringify(decision.details);
        return { ok: false, error: { code: decision.code, message: decision.message, details } };
      }
      if (decision.length === 0) return { ok: true, seq: this.#seq, events: [], repeated: false };
      let next = this.#state;
      for (const e of decision) next = evolve(next, e);
      const drafts = decision.map((e) => ({ type: e.type, at: e.at, body: JSON.stringify(e) }));
      const snapshotDue = this.#seq + decision.length - this.#snapshotSeq >= SNAPSHOT_EVERY;
      const events = await this.log.append(drafts, (seq, stored) => {
        const ops: WriteOp[] = [
          {
            op: 'commandResult',
            tournamentId: this.log.tournamentId,
            commandId: command.commandId,
            seq,
            response: JSON.stringify({ ok: true, seq, events: stored }),
          },
        ];
        if (snapshotDue) {
          ops.push({
            op: 'snapshot',
            tournamentId: this.log.tournamentId,
            seq,
            body: snapshot(next),
            savedAt: now,
          });
        }
        return ops;
      });
      this.#state = next;
      this.#seq = events[events.length - 1]?.seq ?? this.#seq;
      if (snapshotDue) this.#snapshotSeq = this.#seq;
      return { ok: true, seq: this.#seq, events, repeated: false };
    });
  }
}

/** The domain error a refused command carries, rebuilt for the HTTP edge. */
/** A command with the time it happened (imports replay history at its own times). */
export interface TimedCommand {
  readonly command: TournamentCommand;
  readonly at: number;
}

export function answerError(answer: CommandAnswer & { ok: false }): DomainError;
export function answerError(answer: CommandAnswer): DomainError | null;
export function answerError(answer: CommandAnswer): DomainError | null {
  if (answer.ok) return null;
  const details =
    answer.error.details === null ? undefined : (JSON.parse(answer.error.details) as Record<string, unknown>);
  return new DomainError(answer.error.code, answer.error.message, details);
}
