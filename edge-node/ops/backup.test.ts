import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LibsqlStorage } from '../../durable-objects/storage/libsql.ts';
import { openLibsqlFile } from '../../durable-objects/storage/libsql-open.ts';
import { parseOpsFlags } from '../cli.ts';
import { backupBox, checkBackup, OpsError, PID_FILE, restoreBox } from './backup.ts';
import { doctor } from './doctor.ts';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'felt-ops-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A box database with a writer appending events to two tournaments, one commit each. */
async function boxDb(dir: string) {
  const client = await openLibsqlFile(join(dir, 'felt.db'));
  const storage = new LibsqlStorage(client);
  await storage.migrate();
  const acked = new Map<string, number>([
    ['t1', 0],
    ['t2', 0],
  ]);
  const append = async (t: string) => {
    const seq = (acked.get(t) ?? 0) + 1;
    const body = JSON.stringify({ type: 'X', n: seq, pad: 'x'.repeat(200) });
    await storage.batch([
      {
        op: 'append',
        tournamentId: t,
        expectedLastSeq: seq - 1,
        events: [{ seq, eventId: `${t}-${seq}`, epoch: 0, type: 'X', at: seq, body }],
      },
    ]);
    // Acknowledged only now: the commit resolved.
    acked.set(t, seq);
  };
  return { client, storage, acked, append };
}

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(OpsError);
  return (e as OpsError).code;
};

describe('felt-box backup and restore', () => {
  it('given a box writing all the while, when backed up, then every acknowledged event up to the start is in the copy, whole', async () => {
    const data = tmp();
    const box = await boxDb(data);
    for (let i = 0; i < 50; i++) await box.append(i % 2 ? 't1' : 't2');
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        await box.append(i % 2 ? 't1' : 't2');
        // libSQL's local calls finish synchronously: yield, or the timer below never fires.
        await new Promise((r) => setImmediate(r));
      }
    })();
    await new Promise((r) => setTimeout(r, 50));
    const ackedBefore = new Map(box.acked);
    const out = join(tmp(), 'backup');
    const manifest = await backupBox(data, out);
    writing = false;
    await writer;

    const seqs = new Map(manifest.tournaments.map((t) => [t.tournamentId, t.lastSeq]));
    for (const [t, n] of ackedBefore) expect(seqs.get(t), t).toBeGreaterThanOrEqual(n);
    expect((await checkBackup(out)).sha256).toBe(manifest.sha256);

    // Restored into a new folder, the copy reads back as the box wrote it: contiguous, identical.
    const restored = tmp();
    await restoreBox(out, restored);
    const copy = new LibsqlStorage(await openLibsqlFile(join(restored, 'felt.db')));
    for (const [t, n] of seqs) {
      const events = await copy.readEvents(t, 0, 100_000);
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      expect(events).toEqual(await box.storage.readEvents(t, 0, n));
    }
    box.client.close();
  });

  it('refuses a damaged backup, a running box and a folder that has a database, and changes nothing', async () => {
    const data = tmp();
    const box = await boxDb(data);
    await box.append('t1');
    const out = join(tmp(), 'backup');
    await backupBox(data, out);
    expect(await refusal(backupBox(data, out)), 'an existing --out').toBe('OUT_EXISTS');
    expect(await refusal(backupBox(tmp(), join(tmp(), 'b'))), 'no database').toBe('NO_DATABASE');

    // The box's own folder has a database: only --replace overwrites it.
    expect(await refusal(restoreBox(out, data))).toBe('DATABASE_EXISTS');
    // A running box (this very process) on the folder.
    const running = tmp();
    writeFileSync(join(running, PID_FILE), String(process.pid));
    expect(await refusal(restoreBox(out, running))).toBe('BOX_RUNNING');

    // One flipped byte: the hash says so before anything is copied.
    const db = join(out, 'felt.db');
    const bytes = readFileSync(db);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 0xff;
    writeFileSync(db, bytes);
    const fresh = tmp();
    expect(await refusal(restoreBox(out, fresh))).toBe('BACKUP_DAMAGED');
    expect(() => readFileSync(join(fresh, 'felt.db'))).toThrow();
    expect(await refusal(checkBackup(tmp()))).toBe('NOT_A_BACKUP');
    box.client.close();
  });

  it('given --replace, then a stopped box’s database is replaced by the backup (old WAL dropped)', async () => {
    const data = tmp();
    const box = await boxDb(data);
    await box.append('t1');
    const out = join(tmp(), 'backup');
    await backupBox(data, out);
    await box.append('t1');
    box.client.close();
    await restoreBox(out, data, true);
    const copy = new LibsqlStorage(await openLibsqlFile(join(data, 'felt.db')));
    expect(await copy.lastSeq('t1')).toBe(1);
  });
});

describe('felt-box doctor', () => {
  it('given a healthy database, then its checks pass; given a folder that is not there, then it fails saying so', async () => {
    const data = tmp();
    const box = await boxDb(data);
    await box.append('t1');
    const checks = await doctor({ dataDir: data });
    const by = new Map(checks.map((c) => [c.name, c]));
    expect(by.get('database')?.verdict).toBe('ok');
    expect(by.get('migrations')?.verdict).toBe('ok');
    expect(by.get('journal')?.verdict).toBe('ok');
    expect(by.get('tournaments')?.detail).toBe('1 tournaments, 1 events');
    expect(by.get('pairing')?.verdict).toBe('warn');
    box.client.close();
    const missing = await doctor({ dataDir: join(data, 'nope') });
    expect(missing).toEqual([expect.objectContaining({ name: 'data folder', verdict: 'fail' })]);
  });

  it('given a damaged database file, then the database check fails', async () => {
    const data = tmp();
    writeFileSync(join(data, 'felt.db'), 'this is not SQLite at all, just text pretending');
    const db = (await doctor({ dataDir: data })).find((c) => c.name === 'database');
    expect(db?.verdict).toBe('fail');
  });

  it('given a box URL that does not answer, then the box check fails', async () => {
    const checks = await doctor({ dataDir: tmp(), url: 'http://127.0.0.1:9' });
    expect(checks.find((c) => c.name === 'box')?.verdict).toBe('fail');
  });
});

describe('felt-box backup/restore/doctor flags', () => {
  it('needs --out for backup and --from for restore, and refuses a bad --url or an unknown flag', () => {
    expect(() => parseOpsFlags('backup', [], {})).toThrow(/--out/);
    expect(() => parseOpsFlags('restore', ['--data-dir', 'x'], {})).toThrow(/--from/);
    expect(() => parseOpsFlags('doctor', ['--url', 'nope'], {})).toThrow(/--url/);
    expect(() => parseOpsFlags('backup', ['--out', 'b', '--replace'], {})).toThrow(/replace/);
    expect(parseOpsFlags('restore', ['--from', 'b', '--replace'], { FELT_BOX_DATA: '/d' })).toEqual({
      dataDir: '/d',
      from: 'b',
      replace: true,
    });
  });
});
