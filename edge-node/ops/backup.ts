/**
 * `felt-box backup` and `felt-box restore`. A backup is a folder: `felt.db` (a consistent copy
 * of the box's libSQL database, taken with `VACUUM INTO` inside one read transaction, so it is
 * safe while the box runs and writes), the box's identity beside it (`pairing.json`,
 * `jwt-keys`) and `manifest.json` (when, what, and the copy's SHA-256). Every command the box
 * acknowledged before the backup began is in it: a write is acknowledged only after its commit.
 *
 * A restore refuses a damaged backup, a running box, and a data folder that already holds a
 * database (unless told to replace it), and copies the folder in one step per file.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { createClient } from '@libsql/client';

export const BACKUP_FORMAT = 'felt-box-backup';
export const BACKUP_VERSION = 1;
/** Beside the database, what makes the box the same box (its pairing and signing keys). */
const IDENTITY_FILES = ['pairing.json', 'jwt-keys'] as const;
/** Written by a running box (see box.ts): a restore must not pull the floor from under it. */
export const PID_FILE = 'box.pid';

export class OpsError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export interface TournamentCount {
  readonly tournamentId: string;
  readonly lastSeq: number;
}

export interface BackupManifest {
  readonly format: typeof BACKUP_FORMAT;
  readonly version: typeof BACKUP_VERSION;
  readonly takenAt: number;
  readonly sourceDataDir: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly files: readonly string[];
  readonly tournaments: readonly TournamentCount[];
}

function sha256File(path: string): { sha256: string; bytes: number } {
  const data = readFileSync(path);
  return { sha256: createHash('sha256').update(data).digest('hex'), bytes: data.byteLength };
}

async function lastSeqs(dbPath: string): Promise<TournamentCount[]> {
  const client = createClient({ url: `file:${dbPath}` });
  try {
    const rows = (
      await client.execute(
        'SELECT tournament_id AS id, MAX(seq) AS last FROM events GROUP BY tournament_id ORDER BY tournament_id',
      )
    ).rows;
    return rows.map((r) => ({ tournamentId: String(r.id), lastSeq: Number(r.last) }));
  } finally {
    client.close();
  }
}

/** Takes a backup of the box in `dataDir` into the new folder `out` (which must not exist). */
export async function backupBox(dataDir: string, out: string, now = Date.now()): Promise<BackupManifest> {
  const source = resolve(dataDir);
  const db = join(source, 'felt.db');
  if (!existsSync(db)) throw new OpsError('NO_DATABASE', `No box database at ${db} (is --data-dir right?)`);
  const target = resolve(out);
  if (existsSync(target)) throw new OpsError('OUT_EXISTS', `${target} already exists: name a new folder`);
  // Written under a temporary name and renamed at the end: a half-made backup is never taken
  // for a whole one.
  const partial = `${target}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const client = createClient({ url: `file:${db}` });
  try {
    await client.execute('PRAGMA busy_timeout = 5000');
    // One statement, one read transaction: the copy is the database as of one commit.
    await client.execute({ sql: 'VACUUM INTO ?', args: [join(partial, 'felt.db')] });
  } finally {
    client.close();
  }
  const files = ['felt.db'];
  for (const name of IDENTITY_FILES) {
    if (existsSync(join(source, name))) {
      copyFileSync(join(source, name), join(partial, name));
      files.push(name);
    }
  }
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    takenAt: now,
    sourceDataDir: source,
    ...sha256File(join(partial, 'felt.db')),
    files,
    tournaments: await lastSeqs(join(partial, 'felt.db')),
  };
  writeFileSync(join(partial, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(partial, target);
  return manifest;
}

/** The backup's manifest, after checking the copy is whole (hash and SQLite's own check). */
export async function checkBackup(from: string): Promise<BackupManifest> {
  const dir = resolve(from);
  const file = join(dir, 'manifest.json');
  if (!existsSync(file))
    throw new OpsError('NOT_A_BACKUP', `${dir} has no manifest.json: not a felt-box backup`);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as BackupManifest;
  } catch {
    throw new OpsError('NOT_A_BACKUP', `${file} is not valid JSON`);
  }
  if (manifest.format !== BACKUP_FORMAT)
    throw new OpsError('NOT_A_BACKUP', `${file} is not a felt-box backup`);
  if (manifest.version !== BACKUP_VERSION) {
    throw new OpsError(
      'BACKUP_VERSION',
      `The backup is version ${String(manifest.version)}; this box reads ${BACKUP_VERSION}`,
    );
  }
  const db = join(dir, 'felt.db');
  if (!existsSync(db)) throw new OpsError('BACKUP_DAMAGED', `${db} is missing`);
  if (sha256File(db).sha256 !== manifest.sha256) {
    throw new OpsError('BACKUP_DAMAGED', `${db} does not match the manifest's SHA-256: the copy is damaged`);
  }
  const client = createClient({ url: `file:${db}` });
  try {
    const result = String((await client.execute('PRAGMA integrity_check')).rows[0]?.[0] ?? '');
    if (result !== 'ok') throw new OpsError('BACKUP_DAMAGED', `SQLite's integrity check of ${db}: ${result}`);
  } finally {
    client.close();
  }
  return manifest;
}

/** Whether a box process is running on `dataDir` (its pid file names a live process). */
export function runningBoxPid(dataDir: string): number | null {
  const file = join(resolve(dataDir), PID_FILE);
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/** Restores the backup in `from` into `dataDir` (the box must be stopped). */
export async function restoreBox(from: string, dataDir: string, replace = false): Promise<BackupManifest> {
  const manifest = await checkBackup(from);
  const target = resolve(dataDir);
  const pid = runningBoxPid(target);
  if (pid !== null)
    throw new OpsError('BOX_RUNNING', `A box (pid ${pid}) is running on ${target}: stop it first`);
  if (existsSync(join(target, 'felt.db')) && !replace) {
    throw new OpsError(
      'DATABASE_EXISTS',
      `${target} already holds a database: restore into a new folder, or pass --replace to overwrite it`,
    );
  }
  mkdirSync(target, { recursive: true });
  // The old database's WAL and shared memory belong to the old file; left, they would be
  // replayed onto the restored one.
  for (const name of readdirSync(target)) {
    if (/^felt\.db(-wal|-shm|-journal)?$/.test(name)) rmSync(join(target, name), { force: true });
  }
  for (const name of manifest.files) {
    // Copy then rename: a restore cut short leaves the old file or the new one, never half.
    copyFileSync(join(resolve(from), name), join(target, `${name}.restoring`));
    renameSync(join(target, `${name}.restoring`), join(target, name));
  }
  return manifest;
}
