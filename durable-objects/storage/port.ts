/**
 * The storage port: the only way a Durable Object reaches a database. Two adapters implement
 * it — DO SQLite (`ctx.storage.sql`, the cloud) and libSQL (the box) — and one contract suite
 * (tests/contract/storage.contract.ts) proves they behave the same.
 *
 * Writes go through `batch`, a list of declarative operations applied atomically: either all
 * of them are durable when the promise resolves, or none is and it rejects. Declarative ops
 * (rather than callbacks) are what lets the box carry a batch over its loopback binding.
 */

export interface NewEvent {
  readonly seq: number;
  readonly eventId: string;
  readonly epoch: number;
  readonly type: string;
  readonly at: number;
  /** JSON text of the whole event. */
  readonly body: string;
}

export interface StoredEvent extends NewEvent {
  readonly tournamentId: string;
}

export interface Snapshot {
  readonly seq: number;
  readonly body: string;
  readonly savedAt: number;
}

export interface CommandResult {
  readonly seq: number;
  readonly response: string;
}

export type WriteOp =
  | {
      readonly op: 'append';
      readonly tournamentId: string;
      /** The last seq the writer saw; the first new event must be expectedLastSeq + 1. */
      readonly expectedLastSeq: number;
      readonly events: readonly NewEvent[];
    }
  | {
      readonly op: 'snapshot';
      readonly tournamentId: string;
      readonly seq: number;
      readonly body: string;
      readonly savedAt: number;
    }
  | {
      readonly op: 'commandResult';
      readonly tournamentId: string;
      readonly commandId: string;
      readonly seq: number;
      readonly response: string;
    }
  | {
      readonly op: 'meta';
      readonly scope: string;
      readonly key: string;
      /** null deletes the key. */
      readonly value: string | null;
      readonly updatedAt: number;
    };

export interface MigrationStatus {
  /** Names of every migration applied, in order. */
  readonly applied: readonly string[];
  /** Names applied by this call (empty when re-run: re-running is a no-op). */
  readonly appliedNow: readonly string[];
}

/** What one tournament's rows take (for the support console's inspection). */
export interface TournamentSize {
  readonly events: number;
  /** Bytes of the events' JSON bodies. */
  readonly eventBytes: number;
  readonly snapshotBytes: number;
  readonly commandResults: number;
}

export interface StoragePort {
  /** Which adapter this is, for /api/v1/health. */
  readonly kind: 'do-sqlite' | 'libsql';
  migrate(): Promise<MigrationStatus>;
  batch(ops: readonly WriteOp[]): Promise<void>;
  lastSeq(tournamentId: string): Promise<number>;
  /** Events with seq > afterSeq, ascending, at most `limit`. */
  readEvents(tournamentId: string, afterSeq: number, limit: number): Promise<StoredEvent[]>;
  loadSnapshot(tournamentId: string): Promise<Snapshot | null>;
  getCommandResult(tournamentId: string, commandId: string): Promise<CommandResult | null>;
  getMeta(scope: string, key: string): Promise<string | null>;
  listMeta(scope: string): Promise<{ key: string; value: string }[]>;
  sizeOf(tournamentId: string): Promise<TournamentSize>;
}

/** Append events atomically (one-op batch). */
export function appendEvents(
  port: StoragePort,
  tournamentId: string,
  expectedLastSeq: number,
  events: readonly NewEvent[],
): Promise<void> {
  return port.batch([{ op: 'append', tournamentId, expectedLastSeq, events }]);
}
