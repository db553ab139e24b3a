/**
 * Storage port on a Durable Object's own SQLite (`ctx.storage.sql`): the cloud adapter.
 * SQL calls are synchronous; `transactionSync` makes a batch atomic, and the DO's output gate
 * holds the reply until the write is durable, so an acknowledged write is never lost.
 */
import { meter } from '../usage/meter.ts';
import { checkAppend, checkBatchShape, translateConstraint } from './batch-checks.ts';
import { MIGRATIONS_TABLE_SQL, pendingMigrations, statementsOf } from './migrate-plan.ts';
import type {
  CommandResult,
  MigrationStatus,
  Snapshot,
  StoragePort,
  StoredEvent,
  TournamentSize,
  WriteOp,
} from './port.ts';
import { SIZE_SQL } from './size-sql.ts';

type Row = Record<string, SqlStorageValue>;

export class DoSqliteStorage implements StoragePort {
  readonly kind = 'do-sqlite' as const;
  readonly #storage: DurableObjectStorage;

  constructor(storage: DurableObjectStorage) {
    this.#storage = storage;
  }

  /** Runs a write, counting the rows SQLite reports written (the free tier's quota). */
  #write(query: string, ...bindings: unknown[]): void {
    const cursor = this.#storage.sql.exec(query, ...bindings);
    cursor.toArray();
    meter.rows(cursor.rowsWritten);
  }

  #rows(query: string, ...bindings: unknown[]): Row[] {
    return this.#storage.sql.exec<Row>(query, ...bindings).toArray();
  }

  async migrate(): Promise<MigrationStatus> {
    return this.#storage.transactionSync(() => {
      this.#write(MIGRATIONS_TABLE_SQL);
      const applied = new Set(this.#rows('SELECT name FROM felt_migrations').map((r) => String(r.name)));
      const appliedNow: string[] = [];
      for (const m of pendingMigrations(applied)) {
        for (const stmt of statementsOf(m)) this.#write(stmt);
        this.#write('INSERT INTO felt_migrations (name, applied_at) VALUES (?, ?)', m.name, Date.now());
        appliedNow.push(m.name);
      }
      const all = this.#rows('SELECT name FROM felt_migrations ORDER BY name').map((r) => String(r.name));
      return { applied: all, appliedNow };
    });
  }

  async batch(ops: readonly WriteOp[]): Promise<void> {
    checkBatchShape(ops);
    try {
      this.#storage.transactionSync(() => {
        for (const op of ops) this.#apply(op);
      });
    } catch (err) {
      translateConstraint(
        err,
        ops.find((o) => o.op === 'append' || o.op === 'commandResult')?.tournamentId ?? '?',
      );
    }
  }

  #apply(op: WriteOp): void {
    switch (op.op) {
      case 'append': {
        const current = this.#lastSeqSync(op.tournamentId);
        checkAppend(op.tournamentId, current, op.expectedLastSeq, op.events);
        for (const e of op.events) {
          this.#write(
            'INSERT INTO events (tournament_id, seq, event_id, epoch, type, at, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
            op.tournamentId,
            e.seq,
            e.eventId,
            e.epoch,
            e.type,
            e.at,
            e.body,
          );
        }
        return;
      }
      case 'snapshot':
        this.#write(
          'INSERT INTO snapshots (tournament_id, seq, body, saved_at) VALUES (?, ?, ?, ?) ' +
            'ON CONFLICT (tournament_id) DO UPDATE SET seq = excluded.seq, body = excluded.body, saved_at = excluded.saved_at',
          op.tournamentId,
          op.seq,
          op.body,
          op.savedAt,
        );
        return;
      case 'commandResult':
        this.#write(
          'INSERT INTO command_results (tournament_id, command_id, seq, response) VALUES (?, ?, ?, ?)',
          op.tournamentId,
          op.commandId,
          op.seq,
          op.response,
        );
        return;
      case 'meta':
        if (op.value === null) {
          this.#write('DELETE FROM meta WHERE scope = ? AND key = ?', op.scope, op.key);
        } else {
          this.#write(
            'INSERT INTO meta (scope, key, value, updated_at) VALUES (?, ?, ?, ?) ' +
              'ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
            op.scope,
            op.key,
            op.value,
            op.updatedAt,
          );
        }
        return;
    }
  }

  #lastSeqSync(tournamentId: string): number {
    const row = this.#rows(
      'SELECT COALESCE(MAX(seq), 0) AS s FROM events WHERE tournament_id = ?',
      tournamentId,
    )[0];
    return Number(row?.s ?? 0);
  }

  async lastSeq(tournamentId: string): Promise<number> {
    return this.#lastSeqSync(tournamentId);
  }

  async readEvents(tournamentId: string, afterSeq: number, limit: number): Promise<StoredEvent[]> {
    return this.#rows(
      'SELECT tournament_id, seq, event_id, epoch, type, at, body FROM events WHERE tournament_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      tournamentId,
      afterSeq,
      limit,
    ).map(toEvent);
  }

  async loadSnapshot(tournamentId: string): Promise<Snapshot | null> {
    const r = this.#rows(
      'SELECT seq, body, saved_at FROM snapshots WHERE tournament_id = ?',
      tournamentId,
    )[0];
    return r ? { seq: Number(r.seq), body: String(r.body), savedAt: Number(r.saved_at) } : null;
  }

  async getCommandResult(tournamentId: string, commandId: string): Promise<CommandResult | null> {
    const r = this.#rows(
      'SELECT seq, response FROM command_results WHERE tournament_id = ? AND command_id = ?',
      tournamentId,
      commandId,
    )[0];
    return r ? { seq: Number(r.seq), response: String(r.response) } : null;
  }

  async getMeta(scope: string, key: string): Promise<string | null> {
    const r = this.#rows('SELECT value FROM meta WHERE scope = ? AND key = ?', scope, key)[0];
    return r ? String(r.value) : null;
  }

  async listMeta(scope: string): Promise<{ key: string; value: string }[]> {
    return this.#rows('SELECT key, value FROM meta WHERE scope = ? ORDER BY key', scope).map((r) => ({
      key: String(r.key),
      value: String(r.value),
    }));
  }

  async sizeOf(tournamentId: string): Promise<TournamentSize> {
    const r = this.#rows(SIZE_SQL, tournamentId)[0];
    return {
      events: Number(r?.events ?? 0),
      eventBytes: Number(r?.event_bytes ?? 0),
      snapshotBytes: Number(r?.snapshot_bytes ?? 0),
      commandResults: Number(r?.command_results ?? 0),
    };
  }
}

function toEvent(r: Row): StoredEvent {
  return {
    tournamentId: String(r.tournament_id),
    seq: Number(r.seq),
    eventId: String(r.event_id),
    epoch: Number(r.epoch),
    type: String(r.type),
    at: Number(r.at),
    body: String(r.body),
  };
}
