/**
 * A tournament's event log on the storage port: numbering, idempotent commands, snapshots,
 * and one writer at a time. The Durable Object is single-threaded, but on the box a storage
 * call is an outbound fetch during which another request may run, so writers queue here.
 */
import type { StoragePort, StoredEvent, WriteOp } from '../storage/port.ts';

export interface EventDraft {
  readonly type: string;
  readonly at: number;
  /** JSON text of the whole event. */
  readonly body: string;
}

export class TournamentLog {
  readonly tournamentId: string;
  readonly storage: StoragePort;
  #lastSeq: number | null = null;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(storage: StoragePort, tournamentId: string) {
    this.storage = storage;
    this.tournamentId = tournamentId;
  }

  async lastSeq(): Promise<number> {
    if (this.#lastSeq === null) this.#lastSeq = await this.storage.lastSeq(this.tournamentId);
    return this.#lastSeq;
  }

  read(afterSeq: number, limit: number): Promise<StoredEvent[]> {
    return this.storage.readEvents(this.tournamentId, afterSeq, limit);
  }

  /** Runs `work` with no other writer of this log in between (decide, append, evolve). */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Appends events numbered elsewhere (a box's, replicated to the cloud) exactly as they are:
   * same seq, eventId and epoch. The first must follow the last stored. Call inside `exclusive`.
   */
  async appendStored(events: readonly StoredEvent[], extra: readonly WriteOp[] = []): Promise<void> {
    const last = await this.lastSeq();
    try {
      await this.storage.batch([
        { op: 'append', tournamentId: this.tournamentId, expectedLastSeq: last, events },
        ...extra,
      ]);
    } catch (e) {
      this.#lastSeq = null;
      throw e;
    }
    this.#lastSeq = last + events.length;
  }

  /**
   * Appends drafts as the next seqs, with the command's answer and any extra ops, in one
   * atomic batch. Call inside `exclusive`. Returns the stored events.
   */
  async append(
    drafts: readonly EventDraft[],
    extra: (seq: number, events: readonly StoredEvent[]) => readonly WriteOp[] = () => [],
  ): Promise<StoredEvent[]> {
    const last = await this.lastSeq();
    const events: StoredEvent[] = drafts.map((d, i) => ({
      tournamentId: this.tournamentId,
      seq: last + 1 + i,
      eventId: crypto.randomUUID(),
      epoch: 0,
      type: d.type,
      at: d.at,
      body: d.body,
    }));
    const seq = last + events.length;
    try {
      await this.storage.batch([
        { op: 'append', tournamentId: this.tournamentId, expectedLastSeq: last, events },
        ...extra(seq, events),
      ]);
    } catch (e) {
      // Our cached seq may be stale: re-read next time.
      this.#lastSeq = null;
      throw e;
    }
    this.#lastSeq = seq;
    return events;
  }
}
