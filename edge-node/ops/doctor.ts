/**
 * `felt-box doctor`: what an operator checks first when a box misbehaves, each check with a
 * verdict and what to do. The database is opened read-only-in-spirit (only PRAGMAs and
 * SELECTs), so the doctor is safe to run beside a running box.
 */
import { accessSync, constants, existsSync, readFileSync, statfsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createClient } from '@libsql/client';
import { allMigrationNames } from '../../durable-objects/storage/migrate-plan.ts';
import { WORKER_BUNDLE, WORKERD_BIN } from '../../scripts/lib/paths.ts';
import { readPairing } from '../sync/pairing.ts';
import { runningBoxPid } from './backup.ts';

export type Verdict = 'ok' | 'warn' | 'fail';

export interface Check {
  readonly name: string;
  readonly verdict: Verdict;
  readonly detail: string;
}

/** Below this the box warns: a festival day's log and its backups need room. */
const LOW_DISK_BYTES = 1024 ** 3;
/** Outbox events not yet in the cloud before the doctor warns (a long outage). */
const BACKLOG_WARN = 5000;

export interface DoctorOptions {
  readonly dataDir: string;
  /** Where the box answers, to check it is up (`GET /api/v1/health`). */
  readonly url?: string;
  readonly fetch?: typeof fetch;
}

export async function doctor(options: DoctorOptions): Promise<Check[]> {
  const dir = resolve(options.dataDir);
  const checks: Check[] = [];
  const add = (name: string, verdict: Verdict, detail: string) => checks.push({ name, verdict, detail });

  if (!existsSync(dir)) {
    add('data folder', 'fail', `${dir} does not exist (felt-box serve --data-dir ${dir} makes it)`);
    return checks;
  }
  try {
    accessSync(dir, constants.W_OK);
    add('data folder', 'ok', `${dir} is writable`);
  } catch {
    add('data folder', 'fail', `${dir} is not writable by this user`);
  }

  const free = (() => {
    try {
      const s = statfsSync(dir);
      return s.bavail * s.bsize;
    } catch {
      return null;
    }
  })();
  if (free !== null) {
    const gb = (free / 1024 ** 3).toFixed(1);
    add(
      'disk space',
      free < LOW_DISK_BYTES ? 'warn' : 'ok',
      `${gb} GB free${free < LOW_DISK_BYTES ? ': free some before the next event' : ''}`,
    );
  }

  add(
    'build',
    existsSync(WORKER_BUNDLE) && existsSync(WORKERD_BIN) ? 'ok' : 'fail',
    existsSync(WORKER_BUNDLE) && existsSync(WORKERD_BIN)
      ? 'the Worker bundle and workerd are in place'
      : 'the Worker bundle or workerd is missing: run npm install && npm run build',
  );

  const db = join(dir, 'felt.db');
  if (!existsSync(db)) {
    add('database', 'warn', `no ${db} yet: the box makes it on its first start`);
  } else {
    const client = createClient({ url: `file:${db}` });
    try {
      await client.execute('PRAGMA busy_timeout = 5000');
      const integrity = String((await client.execute('PRAGMA integrity_check')).rows[0]?.[0] ?? '');
      add(
        'database',
        integrity === 'ok' ? 'ok' : 'fail',
        integrity === 'ok'
          ? `${db} passes SQLite's integrity check`
          : `integrity check: ${integrity} (restore the last backup)`,
      );
      const mode = String((await client.execute('PRAGMA journal_mode')).rows[0]?.[0] ?? '');
      add(
        'journal',
        mode === 'wal' ? 'ok' : 'warn',
        `journal_mode ${mode}${mode === 'wal' ? '' : ' (the box sets WAL when it starts)'}`,
      );
      const applied = new Set(
        (await client.execute('SELECT name FROM felt_migrations').catch(() => ({ rows: [] }))).rows.map((r) =>
          String(r.name),
        ),
      );
      const missing = allMigrationNames().filter((m) => !applied.has(m));
      add(
        'migrations',
        missing.length === 0 ? 'ok' : 'warn',
        missing.length === 0
          ? `all ${applied.size} applied`
          : `${missing.length} not applied yet (the box applies them when it starts): ${missing.join(', ')}`,
      );
      const counts = (
        await client.execute('SELECT COUNT(DISTINCT tournament_id) AS t, COUNT(*) AS e FROM events')
      ).rows[0];
      add('tournaments', 'ok', `${Number(counts?.t ?? 0)} tournaments, ${Number(counts?.e ?? 0)} events`);
    } catch (e) {
      add('database', 'fail', `cannot read ${db}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      client.close();
    }
  }

  const pairing = (() => {
    try {
      return { value: readPairing(dir), error: null };
    } catch (e) {
      return { value: null, error: e instanceof Error ? e.message : String(e) };
    }
  })();
  if (pairing.error) add('pairing', 'fail', `pairing.json is unreadable: ${pairing.error}`);
  else if (pairing.value)
    add(
      'pairing',
      'ok',
      `venue ${pairing.value.venueId} at ${pairing.value.cloudUrl} as ${pairing.value.boxId}`,
    );
  else
    add(
      'pairing',
      'warn',
      'not paired: the box runs on the LAN only (felt-box pair --cloud URL --code CODE)',
    );
  add(
    'signing keys',
    existsSync(join(dir, 'jwt-keys')) ? 'ok' : 'warn',
    existsSync(join(dir, 'jwt-keys'))
      ? 'jwt-keys present'
      : 'no jwt-keys yet: made on first start (staff sign in again after)',
  );

  const statusFile = join(dir, 'status.json');
  if (existsSync(statusFile)) {
    try {
      const status = JSON.parse(readFileSync(statusFile, 'utf8')) as {
        lastSyncAt?: number | null;
        lastError?: string | null;
        tournaments?: { id: string; backlog: number; refused: string | null }[];
      };
      const backlog = (status.tournaments ?? []).reduce((n, t) => n + t.backlog, 0);
      const refused = (status.tournaments ?? []).filter((t) => t.refused);
      add(
        'sync',
        refused.length > 0 ? 'fail' : backlog > BACKLOG_WARN || status.lastError ? 'warn' : 'ok',
        [
          `last sync ${status.lastSyncAt ? new Date(status.lastSyncAt).toISOString() : 'never'}`,
          `${backlog} events to send`,
          ...(status.lastError ? [`last error: ${status.lastError}`] : []),
          ...refused.map((t) => `${t.id} REFUSED by the cloud: ${t.refused} (see docs/RUNBOOK.md)`),
        ].join('; '),
      );
    } catch {
      add('sync', 'warn', 'status.json is unreadable (the running box rewrites it)');
    }
  }

  const pid = runningBoxPid(dir);
  if (options.url) {
    try {
      const res = await (options.fetch ?? fetch)(`${options.url.replace(/\/$/, '')}/api/v1/health`, {
        signal: AbortSignal.timeout(5000),
      });
      add('box', res.ok ? 'ok' : 'fail', `${options.url} answers ${res.status}${pid ? ` (pid ${pid})` : ''}`);
    } catch (e) {
      add(
        'box',
        'fail',
        `${options.url} does not answer: ${e instanceof Error ? e.message : String(e)}${pid ? '' : ' (no box is running on this folder)'}`,
      );
    }
  } else {
    add('box', pid ? 'ok' : 'warn', pid ? `running (pid ${pid})` : 'not running on this folder');
  }
  return checks;
}

export function doctorText(checks: readonly Check[]): string {
  const mark: Record<Verdict, string> = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL' };
  return `${checks.map((c) => `${mark[c.verdict]}  ${c.name.padEnd(13)} ${c.detail}`).join('\n')}\n`;
}
