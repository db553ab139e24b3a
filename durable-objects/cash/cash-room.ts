/**
 * A venue's cash room on the storage port: the engine's cash decider (engine/cash) behind an
 * event log with idempotent commands, like a tournament's host. Loaded once per wake-up from
 * a snapshot and the events after it; each command is decided, appended with its answer in
 * one atomic batch, then evolved. Nothing here holds a poker rule.
 */

import {
  type CashCommand,
  type CashEvent,
  type CashState,
  decideCash,
  EMPTY_CASH,
  evolveCash,
} from '../../engine/cash/index.ts';
import { DomainError } from '../../engine/core/errors.ts';
import type { StoragePort, StoredEvent } from '../storage/port.ts';
import { TournamentLog } from '../tournament/log.ts';

/** The log's id on the port: one cash room per venue object. */
export const CASH_LOG = 'cash';
/** A snapshot after this many events since the last, so a wake-up replays little. */
const SNAPSHOT_EVERY = 200;

export type CashAnswer =
  | {
      readonly ok: true;
      readonly seq: number;
      readonly repeated: boolean;
      readonly events: readonly CashEvent[];
    }
  | {
      readonly ok: false;
      readonly error: { readonly code: string; readonly message: string; readonly details: unknown };
    };

export class CashRoom {
  readonly #log: TournamentLog;
  #state: CashState;
  #seq: number;
  #snapshotSeq: number;

  private constructor(log: TournamentLog, state: CashState, seq: number, snapshotSeq: number) {
    this.#log = log;
    this.#state = state;
    this.#seq = seq;
    this.#snapshotSeq = snapshotSeq;
  }

  static async load(storage: StoragePort): Promise<CashRoom> {
    const log = new TournamentLog(storage, CASH_LOG);
    const snapshot = await storage.loadSnapshot(CASH_LOG);
    let state = snapshot ? (JSON.parse(snapshot.body) as CashState) : EMPTY_CASH;
    let seq = snapshot?.seq ?? 0;
    for (;;) {
      const page = await log.read(seq, 1000);
      for (const e of page) state = evolveCash(state, JSON.parse(e.body) as CashEvent);
      seq = page.at(-1)?.seq ?? seq;
      if (page.length < 1000) break;
    }
    return new CashRoom(log, state, seq, snapshot?.seq ?? 0);
  }

  get state(): CashState {
    return this.#state;
  }

  get seq(): number {
    return this.#seq;
  }

  /** Decides one command; a repeated commandId answers as it did the first time. */
  command(commandId: string, command: CashCommand, now: number): Promise<CashAnswer> {
    return this.#log.exclusive(async () => {
      const storage = this.#log.storage;
      const earlier = await storage.getCommandResult(CASH_LOG, commandId);
      if (earlier) return { ...(JSON.parse(earlier.response) as CashAnswer & { ok: true }), repeated: true };
      let events: readonly CashEvent[];
      try {
        events = decideCash(this.#state, command, now);
      } catch (e) {
        if (e instanceof DomainError)
          return { ok: false, error: { code: e.code, message: e.message, details: e.details ?? null } };
        throw e;
      }
      if (events.length === 0) return { ok: true, seq: this.#seq, repeated: false, events };
      const next = events.reduce(evolveCash, this.#state);
      const snapshot = this.#seq + events.length - this.#snapshotSeq >= SNAPSHOT_EVERY;
      const stored = await this.#log.append(
        events.map((e) => ({ type: e.type, at: now, body: JSON.stringify(e) })),
        (seq) => [
          {
            op: 'commandResult',
            tournamentId: CASH_LOG,
            commandId,
            seq,
            response: JSON.stringify({ ok: true, seq, repeated: false, events } satisfies CashAnswer),
          },
          ...(snapshot
            ? [
                {
                  op: 'snapshot' as const,
                  tournamentId: CASH_LOG,
                  seq,
                  body: JSON.stringify(next),
                  savedAt: now,
                },
              ]
            : []),
        ],
      );
      this.#state = next;
      this.#seq = stored.at(-1)?.seq ?? this.#seq;
      if (snapshot) this.#snapshotSeq = this.#seq;
      return { ok: true, seq: this.#seq, repeated: false, events };
    });
  }

  /**
   * Appends events a home box decided, as they are (same seq and id): the ones already here
   * are skipped, and a gap stops it (the box sends again from what this answers). Answers the
   * last seq held here.
   */
  applyStored(events: readonly Omit<StoredEvent, 'tournamentId'>[]): Promise<number> {
    return this.#log.exclusive(async () => {
      const fresh = events.filter((e) => e.seq > this.#seq);
      if (fresh.length === 0 || fresh[0]!.seq !== this.#seq + 1) return this.#seq;
      await this.#log.appendStored(fresh.map((e) => ({ ...e, tournamentId: CASH_LOG })));
      this.#state = fresh.reduce((s, e) => evolveCash(s, JSON.parse(e.body) as CashEvent), this.#state);
      this.#seq = fresh.at(-1)!.seq;
      return this.#seq;
    });
  }

  /** The earliest moment a call expires (for the alarm), or null. */
  nextExpiry(): number | null {
    let next: number | null = null;
    for (const g of Object.values(this.#state.games))
      for (const w of g.waitlist)
        if (w.call && (next === null || w.call.expiresAt < next)) next = w.call.expiresAt;
    return next;
  }
}
