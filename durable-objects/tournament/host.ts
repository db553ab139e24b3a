/**
 * The engine inside a TournamentDO: keeps the tournament's state in memory, rebuilt on a cold
 * start from the latest snapshot plus the events after it, and runs each command through the
 * pure decider. Events are appended durably before the state moves or anyone is answered.
 */
import type { Actor } from '../../engine/core/ctx.ts';
import { DomainError, isDomainError } from '../../engine/core/errors.ts';
import { seededRandom } from '../../engine/core/random.ts';
import {
  type CommandSpan,
  missingForCommand,
  missingForEvent,
  missingForEvents,
  withCommandEvents,
} from '../../engine/tournament/command-log.ts';
import { decide } from '../../engine/tournament/decide.ts';
import { evolve } from '../../engine/tournament/evolve.ts';
import { foldHistory, type HistoryEvent } from '../../engine/tournament/history.ts';
import { mapHas } from '../../engine/tournament/pmap.ts';
import { replay, restore, snapshot } from '../../engine/tournament/replay.ts';
import type {
  TournamentCommand,
  TournamentEventAny,
  TournamentState,
} from '../../engine/tournament/types.ts';
import type { StoredEvent, WriteOp } from '../storage/port.ts';
import { packSnapshot, unpackSnapshot } from '../storage/snapshot-codec.ts';
import type { TournamentLog } from './log.ts';
import { stateHash } from './state-hash.ts';

/**
 * Snapshot after this many events since the last one: a cold start then reads one snapshot and
 * at most SNAPSHOT_EVERY - 1 events. Measured (2 × AMD EPYC, Node 24, median of 7; tail =
 * reading the events over the box's loopback binding + parsing + evolving them onto a restored
 * 100,000-event state; snapshot = serializing the state + its storage write, paid by one command
 * in SNAPSHOT_EVERY):
 *
 *   every | worst tail at cold start | snapshot cost per command, | same, 2,000-event
 *         | (read + replay)          | 100k-event state (~390 ms) | state (~6 ms, 0.4 MB)
 *   ------|--------------------------|----------------------------|----------------------
 *     100 |   ~7 ms                  | 3.9 ms                     | 0.06 ms
 *     250 |  ~10 ms                  | 1.6 ms                     | 0.02 ms
 *     500 |  ~13 ms                  | 0.8 ms                     | 0.01 ms
 *    1000 |  ~25 ms                  | 0.4 ms                     | 0.006 ms
 *    2000 |  ~45 ms                  | 0.2 ms                     | 0.003 ms
 *
 * A cold start of an ordinary tournament is ~30 ms of Worker and object start-up plus the
 * snapshot plus this tail, against a 50 ms goal: at 1000 the tail alone would take half of it.
 * 500 keeps the tail small, and even for a 100,000-event state the snapshot costs under a
 * millisecond per command (it lands on one command in 500 as one ~0.4 s write).
 */
export const SNAPSHOT_EVERY = 500;

export type CommandAnswer =
  | {
      readonly ok: true;
      readonly seq: number;
      readonly events: readonly StoredEvent[];
      readonly repeated: boolean;
      /** Held for the tournament's home (a box), which decides it on its next sync. */
      readonly queued?: boolean;
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
      const restored = await unpackSnapshot(snap.body).then(restore, (e: unknown) => {
        // An unreadable snapshot is only a lost shortcut: replay the log instead.
        return new DomainError('SNAPSHOT_INVALID', 'The snapshot could not be unpacked', {
          reason: String(e),
        });
      });
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
      // Undos in the tail may name commands from before the snapshot: read those all at once.
      state = await loadCommandEvents(log, state, missingForEvents(state, tail));
      for (const e of tail) {
        state = await loadCommandEvents(log, state, missingForEvent(state, e));
        state = evolve(state, e);
      }
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
      return this.#appendWhole(all, next, now);
    });
  }

  /**
   * A whole history appended to an empty tournament in ONE atomic batch with a snapshot of
   * its end state (a TD3 import, an export imported): it is there entirely or not at all.
   */
  async #appendWhole(
    events: readonly TournamentEventAny[],
    next: TournamentState,
    now: number,
  ): Promise<CommandAnswer> {
    const drafts = events.map((e) => ({ type: e.type, at: e.at, body: JSON.stringify(e) }));
    const body = await this.#snapshotBody(next);
    const stored = await this.log.append(drafts, (seq) => [
      { op: 'snapshot', tournamentId: this.log.tournamentId, seq, body, savedAt: now },
    ]);
    this.#state = next;
    this.#seq = stored[stored.length - 1]?.seq ?? 0;
    this.#snapshotSeq = this.#seq;
    return { ok: true, seq: this.#seq, events: [], repeated: false };
  }

  /**
   * Imports an exported history into an empty tournament: the events are folded by the
   * engine (a refused one names its seq), the result must hash to `expectedHash` (the state
   * the export was taken from), and only then are they appended in ONE atomic batch with a
   * snapshot, numbered 1, 2, 3 … as in the file. A refusal leaves nothing behind.
   */
  importEvents(events: readonly HistoryEvent[], expectedHash: string, now: number): Promise<CommandAnswer> {
    return this.log.exclusive(async () => {
      const refuse = (code: string, message: string, details: unknown): CommandAnswer => ({
        ok: false,
        error: { code, message, details: JSON.stringify(details) },
      });
      if (this.#seq !== 0) return refuse('IMPORT_CONFLICT', 'Import needs a new, empty tournament', {});
      const next = foldHistory(events, this.log.tournamentId);
      if (isDomainError(next)) return refuse(next.code, next.message, next.details ?? {});
      const hash = await stateHash(next);
      if (hash !== expectedHash) {
        return refuse(
          'HISTORY_HASH_MISMATCH',
          'The events replay to another state than the file says (stateHash): the file was changed or is damaged',
          { expected: expectedHash, replayed: hash },
        );
      }
      return this.#appendWhole(
        events.map((e) => e.event),
        next,
        now,
      );
    });
  }

  /**
   * The snapshot row's body. On the box (libSQL behind the loopback binding) it is packed: the
   * transport of 14 MB of JSON text was the larger half of a cold start. The cloud reads its
   * SQLite in-process, where packing would only add CPU time.
   */
  #snapshotBody(state: TournamentState): Promise<string> {
    const json = snapshot(state);
    return this.log.storage.kind === 'libsql' ? packSnapshot(json) : Promise.resolve(json);
  }

  /**
   * Applies events decided by the tournament's home (a box) to this copy: only the next
   * contiguous seqs are appended, exactly as numbered there; a seq already held is a duplicate
   * (a no-op) when its eventId matches and a conflict when it does not; a hole appends nothing.
   */
  applyReplicated(pushed: readonly Omit<StoredEvent, 'tournamentId'>[], now: number): Promise<ReplicaAnswer> {
    return this.log.exclusive(async () => {
      const sorted = [...pushed].sort((a, b) => a.seq - b.seq);
      const held = sorted.filter((e) => e.seq <= this.#seq);
      const conflicts: { seq: number; ours: string; theirs: string }[] = [];
      if (held.length > 0) {
        const from = held[0]!.seq - 1;
        const ours = await this.log.read(from, held[held.length - 1]!.seq - from);
        const bySeq = new Map(ours.map((e) => [e.seq, e.eventId]));
        for (const e of held) {
          const mine = bySeq.get(e.seq);
          if (mine !== undefined && mine !== e.eventId)
            conflicts.push({ seq: e.seq, ours: mine, theirs: e.eventId });
        }
      }
      const fresh: StoredEvent[] = [];
      for (const e of sorted) {
        if (e.seq <= this.#seq) continue;
        if (e.seq !== this.#seq + fresh.length + 1) break;
        fresh.push({ ...e, tournamentId: this.log.tournamentId });
      }
      const gap = fresh.length === 0 && sorted.some((e) => e.seq > this.#seq);
      if (conflicts.length > 0 || fresh.length === 0) {
        return { lastSeq: this.#seq, appended: 0, duplicates: held.length, gap, conflicts, events: [] };
      }
      let next = this.#state;
      for (const e of fresh) {
        const event = JSON.parse(e.body) as TournamentEventAny;
        next = await loadCommandEvents(this.log, next, missingForEvent(next, event));
        next = evolve(next, event);
      }
      const seq = fresh[fresh.length - 1]!.seq;
      const snapshotDue = seq - this.#snapshotSeq >= SNAPSHOT_EVERY;
      const extra: WriteOp[] = snapshotDue
        ? [
            {
              op: 'snapshot',
              tournamentId: this.log.tournamentId,
              seq,
              body: await this.#snapshotBody(next),
              savedAt: now,
            },
          ]
        : [];
      await this.log.appendStored(fresh, extra);
      this.#state = next;
      this.#seq = seq;
      if (snapshotDue) this.#snapshotSeq = seq;
      return {
        lastSeq: seq,
        appended: fresh.length,
        duplicates: held.length,
        gap: false,
        conflicts,
        events: fresh,
      };
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
      // An undo of a command from before the snapshot reads that command's events back first.
      for (let spans = missingForCommand(this.#state, command); spans.length > 0; ) {
        this.#state = await loadCommandEvents(this.log, this.#state, spans);
        spans = missingForCommand(this.#state, command);
      }
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
      const body = snapshotDue ? await this.#snapshotBody(next) : '';
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
            body,
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

/** What a replica push achieved (DESIGN.md "One writer per tournament"). */
export interface ReplicaAnswer {
  /** The last seq this copy holds after the push: the pusher resends from here. */
  readonly lastSeq: number;
  readonly appended: number;
  readonly duplicates: number;
  /** The push started after a hole: nothing appended, resend from lastSeq + 1. */
  readonly gap: boolean;
  /** Events whose seq this copy already holds with another eventId: never merged. */
  readonly conflicts: readonly { seq: number; ours: string; theirs: string }[];
  readonly events: readonly StoredEvent[];
}

/** The state with the events of `spans` read back from the log (see engine command-log.ts). */
async function loadCommandEvents(
  log: TournamentLog,
  state: TournamentState,
  spans: readonly CommandSpan[],
): Promise<TournamentState> {
  if (spans.length === 0) return state;
  const read = await Promise.all(spans.map((span) => log.read(span.seq, span.count)));
  let s = state;
  spans.forEach((span, i) => {
    const events = (read[i] ?? []).map((e) => JSON.parse(e.body) as TournamentEventAny);
    s = withCommandEvents(s, span.commandId, events);
  });
  return s;
}

/** A command with the time it happened (imports replay history at its own times). */
export interface TimedCommand {
  readonly command: TournamentCommand;
  readonly at: number;
}

/** The domain error a refused command carries, rebuilt for the HTTP edge. */
export function answerError(answer: CommandAnswer & { ok: false }): DomainError;
export function answerError(answer: CommandAnswer): DomainError | null;
export function answerError(answer: CommandAnswer): DomainError | null {
  if (answer.ok) return null;
  const details =
    answer.error.details === null ? undefined : (JSON.parse(answer.error.details) as Record<string, unknown>);
  return new DomainError(answer.error.code, answer.error.message, details);
}
