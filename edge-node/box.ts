/**
 * The venue box: opens (or creates) the libSQL database in a data directory, applies
 * migrations, serves it to workerd on a loopback binding, and runs the same Worker bundle the
 * cloud deploys under `workerd serve` (the production runtime, not a dev server).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { LibsqlStorage } from '../durable-objects/storage/libsql.ts';
import { openLibsqlFile } from '../durable-objects/storage/libsql-open.ts';
import type { MigrationStatus } from '../durable-objects/storage/port.ts';
import { ensureBuilt } from '../scripts/build.ts';
import { ASSETS_DIR, ROOT, WORKER_BUNDLE, WORKERD_BIN } from '../scripts/lib/paths.ts';
import { generateKeyEntry } from '../workers/auth/keys.ts';
import { PID_FILE } from './ops/backup.ts';
import { assertPortFree } from './port-check.ts';
import { startStorageServer } from './storage-server.ts';
import { readPairing } from './sync/pairing.ts';
import { Reconciler } from './sync/reconciler.ts';
import { renderWorkerdConfig } from './workerd-config.ts';

export interface BoxOptions {
  readonly dataDir: string;
  /** Listen address; default all interfaces. */
  readonly host?: string;
  readonly port?: number;
  /** Where to write log lines (default: stdout). */
  readonly log?: (line: string) => void;
  /** How often a paired box pushes its outboxes (default 250 ms; a push only when there is one). */
  readonly syncIntervalMs?: number;
  /** How often it mirrors the venue's staff, players and templates (default 60 s). */
  readonly mirrorEveryMs?: number;
  /** How often it pulls commands held in the cloud when no push reported any (default 10 s). */
  readonly heldEveryMs?: number;
}

export interface RunningBox {
  readonly url: string;
  readonly dataDir: string;
  readonly migrations: MigrationStatus;
  /** The link to the cloud (idle when the box is not paired). */
  readonly reconciler: Reconciler;
  /** Resolves when workerd exits for any reason. */
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

export const DEFAULT_BOX_PORT = 8080;
export const DEFAULT_BOX_HOST = '0.0.0.0';

function readCompat(): { date: string; flags: string[] } {
  const toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');
  const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  const flagsText = /^compatibility_flags\s*=\s*\[([^\]]*)\]/m.exec(toml)?.[1] ?? '';
  if (!date) throw new Error('wrangler.toml has no compatibility_date');
  return { date, flags: [...flagsText.matchAll(/"([^"]+)"/g)].map((m) => m[1] as string) };
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`workerd exited with code ${child.exitCode} during start`);
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`box did not become healthy within ${timeoutMs} ms: ${last}`);
}

/**
 * The box signs its staff's tokens with its own keys, made on first start and kept in the data
 * folder (readable by the box's user only), so sign-ins survive restarts and work offline.
 */
function boxSigningKeys(dataDir: string): string {
  const file = join(dataDir, 'jwt-keys');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const keys = generateKeyEntry(`box-${randomBytes(3).toString('hex')}`);
  writeFileSync(file, `${keys}\n`, { mode: 0o600 });
  return keys;
}

export async function startBox(options: BoxOptions): Promise<RunningBox> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const host = options.host ?? DEFAULT_BOX_HOST;
  const port = options.port ?? DEFAULT_BOX_PORT;
  const dataDir = resolve(options.dataDir);

  await assertPortFree(host, port);
  await ensureBuilt({ quiet: true });

  mkdirSync(join(dataDir, 'runtime'), { recursive: true });
  mkdirSync(join(dataDir, 'do-alarms'), { recursive: true });
  const client = await openLibsqlFile(join(dataDir, 'felt.db'));
  // Tells `felt-box restore` a box runs on this folder (a dead pid is ignored).
  writeFileSync(join(dataDir, PID_FILE), `${process.pid}\n`);
  const storage = new LibsqlStorage(client);
  const migrations = await storage.migrate();
  log(
    JSON.stringify({
      level: 'info',
      msg: 'box database ready',
      dataDir,
      applied: migrations.applied,
      appliedNow: migrations.appliedNow,
    }),
  );

  const token = randomBytes(24).toString('hex');
  const jwtKeys = boxSigningKeys(dataDir);
  const localKey = randomBytes(24).toString('hex');
  let reconciler: Reconciler | null = null;
  const storageServer = await startStorageServer(storage, token, {
    status: () => ({
      ...(reconciler?.status() ?? { paired: false }),
      lan: { url: `http://${host}:${port}` },
    }),
  });
  const compat = readCompat();
  const configPath = join(dataDir, 'runtime', 'workerd.capnp');
  writeFileSync(
    configPath,
    renderWorkerdConfig({
      // Cap'n Proto resolves `embed` paths relative to the config file.
      bundlePath: relative(dirname(configPath), WORKER_BUNDLE),
      assetsDir: ASSETS_DIR,
      assetsWorkerPath: relative(dirname(configPath), join(ROOT, 'edge-node', 'assets-worker.js')),
      cacheWorkerPath: relative(dirname(configPath), join(ROOT, 'edge-node', 'null-cache-worker.js')),
      doStorageDir: join(dataDir, 'do-alarms'),
      listenAddress: `${host}:${port}`,
      storagePort: storageServer.port,
      storageToken: token,
      jwtKeys,
      localKey,
      adminKey: process.env.FELT_ADMIN_KEY,
      compatibilityDate: compat.date,
      compatibilityFlags: compat.flags,
    }),
    { mode: 0o600 },
  );

  const child = spawn(WORKERD_BIN, ['serve', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  const forward = (d: Buffer) => {
    for (const line of d.toString().split('\n')) if (line.trim()) log(line);
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    }
    await storageServer.close();
    client.close();
    rmSync(join(dataDir, PID_FILE), { force: true });
  };

  const localUrl = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`;
  try {
    await waitForHealth(localUrl, child, 30_000);
  } catch (e) {
    await stop();
    throw e;
  }
  reconciler = new Reconciler({
    pairing: readPairing(dataDir),
    dataDir,
    localUrl,
    localKey,
    storage,
    ...(options.syncIntervalMs !== undefined && { intervalMs: options.syncIntervalMs }),
    ...(options.mirrorEveryMs !== undefined && { mirrorEveryMs: options.mirrorEveryMs }),
    ...(options.heldEveryMs !== undefined && { heldEveryMs: options.heldEveryMs }),
    log,
  });
  reconciler.start();
  const link = reconciler;
  const stopAll = async () => {
    await link.stop();
    await stop();
  };
  return { url: localUrl, dataDir, migrations, reconciler: link, exited, stop: stopAll };
}
