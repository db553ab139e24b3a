/**
 * A tournament's event log on the storage port: numbering, idempotent commands, and one
 * append at a time. The Durable Object is single-threaded, but on the box a storage call is an
 * outbound fetch during which another request may run, so appends queue here explicitly.
 */
import type { Json } from '../live/json.ts';
import type { StoragePort, StoredEvent } from '../storage/port.ts';

export interface EventDraft {
  readonly type: string;
  readonly data: { readonly [key: string]: Json };
}

export interface AppendResult {
  readonly seq: number;
  readonly events: readonly StoredEvent[];
  /** True when the commandId had been seen: nothing was appended, the first answer is returned. */
  readonly repeated: boolean;
}

export class TournamentLog {
  readonly tournamentId: string;
  readonly #storage: StoragePort;
  #lastSeq: number | null = null;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(storage: StoragePort, tournamentId: string) {
    this.#storage = storage;
    this.tournamentId = tournamentId;
  }

  async lastSeq(): Promise<number> {
    if (this.#lastSeq === null) this.#lastSeq = await this.#storage.lastSeq(this.tournamentId);
    return this.#lastSeq;
  }

  read(afterSeq: number, limit: number): Promise<StoredEvent[]> {
    return this.#storage.readEvents(this.tournamentId, afterSeq, limit);
  }

  append(drafts: readonly EventDraft[], now: number, commandId?: string): Promise<AppendResult> {
    const run = this.#queue.then(() => this.#append(drafts, now, commandId));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #append(drafts: readonly EventDraft[], now: number, commandId?: string): Promise<AppendResult> {
    if (commandId !== undefined) {
      const first = await this.#storage.getCommandResult(this.tournamentId, commandId);
      if (first) return { ...(JSON.parse(first.response) as Omit<AppendResult, 'repeated'>), repeated: true };
    }
    const last = await this.lastSeq();
    const events: StoredEvent[] = drafts.map((d, i) => {
      const at = now;
      return {
        tournamentId: this.tournamentId,
        seq: last + 1 + i,
        eventId: crypto.randomUUID(),
        epoch: 0,
        type: d.type,
        at,
        body: JSON.stringify({ ...d.data, type: d.type, at }),
      };
    });
    const seq = last + events.length;
    const answer = { seq, events };
    try {
      await this.#storage.batch([
        { op: 'append', tournamentId: this.tournamentId, expectedLastSeq: last, events },
        ...(commandId === undefined
          ? []
          : [
              {
                op: 'commandResult' as const,
                tournamentId: this.tournamentId,
                commandId,
                seq,
                response: JSON.stringify(answer),
              },
            ]),
      ]);
    } catch (e) {
      // Our cached seq may be stale (another writer, a failed batch): re-read next time.
      this.#lastSeq = null;
      throw e;
    }
    this.#lastSeq = seq;
    return { ...answer, repeated: false };
  }
}
