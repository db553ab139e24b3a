/**
 * Storage port on libSQL (`@libsql/client`): the box adapter. The box's Node process owns the
 * database file; the Durable Objects inside workerd reach it through the loopback binding
 * (edge-node/storage-server.ts → durable-objects/storage/remote.ts).
 *
 * Writes are serialized through one queue: the box is the single writer of its file, and
 * SQLite allows one writer at a time anyway (a second would only meet SQLITE_BUSY).
 */
import type { Client, InArgs, InStatement, Row } from '@libsql/client';
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

export class LibsqlStorage implements StoragePort {
  readonly kind = 'libsql' as const;
  readonly #client: Client;
  #queue: Promise<unknown> = Promise.resolve();
  /**
   * Last seq per tournament as of our own last write: every write to this file goes through
   * this instance's queue, so after the first read an append needs no `MAX(seq)` query (one
   * fewer statement on every command). The (tournament_id, seq) key still refuses a taken seq
   * if anything else ever wrote; any failed batch forgets the cache.
   */
  readonly #lastSeqs = new Map<string, number>();

  constructor(client: Client) {
    this.#client = client;
  }

  /** Runs write work one at a time, in arrival order. */
  #serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #rows(sql: string, args: InArgs = []): Promise<Row[]> {
    return (await this.#client.execute({ sql, args })).rows as Row[];
  }

  migrate(): Promise<MigrationStatus> {
    return this.#serialized(async () => {
      await this.#client.execute(MIGRATIONS_TABLE_SQL);
      const applied = new Set(
        (await this.#rows('SELECT name FROM felt_migrations')).map((r) => String(r.name)),
      );
      const pending = pendingMigrations(applied);
      const stmts: InStatement[] = [];
      for (const m of pending) {
        for (const sql of statementsOf(m)) stmts.push(sql);
        stmts.push({
          sql: 'INSERT INTO felt_migrations (name, applied_at) VALUES (?, ?)',
          args: [m.name, Date.now()],
        });
      }
      // One write batch: libSQL runs it as a single transaction, all or nothing.
      if (stmts.length > 0) await this.#client.batch(stmts, 'write');
      const all = (await this.#rows('SELECT name FROM felt_migrations ORDER BY name')).map((r) =>
        String(r.name),
      );
      return { applied: all, appliedNow: pending.map((m) => m.name) };
    });
  }

  async batch(ops: readonly WriteOp[]): Promise<void> {
    checkBatchShape(ops);
    return this.#serialized(async () => {
      // Checks read the log before the write batch. That is race-free because every write to
      // this file goes through this queue; the write itself is one atomic libSQL batch.
      const lastSeqs = new Map<string, number>();
      const stmts: InStatement[] = [];
      for (const op of ops) {
        if (op.op === 'append') {
          const current =
            lastSeqs.get(op.tournamentId) ??
            this.#lastSeqs.get(op.tournamentId) ??
            (await lastSeqOf(this.#client, op.tournamentId));
          checkAppend(op.tournamentId, current, op.expectedLastSeq, op.events);
          lastSeqs.set(op.tournamentId, current + op.events.length);
        }
        stmts.push(...statementsFor(op));
      }
      if (stmts.length === 0) return;
      try {
        await this.#client.batch(stmts, 'write');
      } catch (err) {
        for (const id of lastSeqs.keys()) this.#lastSeqs.delete(id);
        const tid = ops.find((o) => o.op === 'append' || o.op === 'commandResult')?.tournamentId ?? '?';
        translateConstraint(err, tid);
      }
      for (const [id, seq] of lastSeqs) this.#lastSeqs.set(id, seq);
    });
  }

  async lastSeq(tournamentId: string): Promise<number> {
    return lastSeqOf(this.#client, tournamentId);
  }

  async readEvents(tournamentId: string, afterSeq: number, limit: number): Promise<StoredEvent[]> {
    const rows = await this.#rows(
      'SELECT tournament_id, seq, event_id, epoch, type, at, body FROM events WHERE tournament_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      [tournamentId, afterSeq, limit],
    );
    return rows.map((r) => ({
      tournamentId: String(r.tournament_id),
      seq: Number(r.seq),
      eventId: String(r.event_id),
      epoch: Number(r.epoch),
      type: String(r.type),
      at: Number(r.at),
      body: String(r.body),
    }));
  }

  async loadSnapshot(tournamentId: string): Promise<Snapshot | null> {
    const r = (
      await this.#rows('SELECT seq, body, saved_at FROM snapshots WHERE tournament_id = ?', [tournamentId])
    )[0];
    return r ? { seq: Number(r.seq), body: String(r.body), savedAt: Number(r.saved_at) } : null;
  }

  async getCommandResult(tournamentId: string, commandId: string): Promise<CommandResult | null> {
    const r = (
      await this.#rows(
        'SELECT seq, response FROM command_results WHERE tournament_id = ? AND command_id = ?',
        [tournamentId, commandId],
      )
    )[0];
    return r ? { seq: Number(r.seq), response: String(r.response) } : null;
  }

  async getMeta(scope: string, key: string): Promise<string | null> {
    const r = (await this.#rows('SELECT value FROM meta WHERE scope = ? AND key = ?', [scope, key]))[0];
    return r ? String(r.value) : null;
  }

  async listMeta(scope: string): Promise<{ key: string; value: string }[]> {
    return (await this.#rows('SELECT key, value FROM meta WHERE scope = ? ORDER BY key', [scope])).map(
      (r) => ({
        key: String(r.key),
        value: String(r.value),
      }),
    );
  }

  async sizeOf(tournamentId: string): Promise<TournamentSize> {
    const r = (await this.#rows(SIZE_SQL, [tournamentId]))[0];
    return {
      events: Number(r?.events ?? 0),
      eventBytes: Number(r?.event_bytes ?? 0),
      snapshotBytes: Number(r?.snapshot_bytes ?? 0),
      commandResults: Number(r?.command_results ?? 0),
    };
  }
}

async function lastSeqOf(db: Client, tournamentId: string): Promise<number> {
  const r = (
    await db.execute({
      sql: 'SELECT COALESCE(MAX(seq), 0) AS s FROM events WHERE tournament_id = ?',
      args: [tournamentId],
    })
  ).rows[0];
  return Number(r?.s ?? 0);
}

function statementsFor(op: WriteOp): InStatement[] {
  switch (op.op) {
    case 'append':
      return op.events.map((e) => ({
        sql: 'INSERT INTO events (tournament_id, seq, event_id, epoch, type, at, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
        args: [op.tournamentId, e.seq, e.eventId, e.epoch, e.type, e.at, e.body],
      }));
    case 'snapshot':
      return [
        {
          sql:
            'INSERT INTO snapshots (tournament_id, seq, body, saved_at) VALUES (?, ?, ?, ?) ' +
            'ON CONFLICT (tournament_id) DO UPDATE SET seq = excluded.seq, body = excluded.body, saved_at = excluded.saved_at',
          args: [op.tournamentId, op.seq, op.body, op.savedAt],
        },
      ];
    case 'commandResult':
      return [
        {
          sql: 'INSERT INTO command_results (tournament_id, command_id, seq, response) VALUES (?, ?, ?, ?)',
          args: [op.tournamentId, op.commandId, op.seq, op.response],
        },
      ];
    case 'meta':
      return op.value === null
        ? [{ sql: 'DELETE FROM meta WHERE scope = ? AND key = ?', args: [op.scope, op.key] }]
        : [
            {
              sql:
                'INSERT INTO meta (scope, key, value, updated_at) VALUES (?, ?, ?, ?) ' +
                'ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
              args: [op.scope, op.key, op.value, op.updatedAt],
            },
          ];
  }
}
