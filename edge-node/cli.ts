/**
 * `felt-box` / `npm run box`: the venue box command line.
 *   felt-box serve  [--data-dir DIR] [--host ADDR] [--port N]
 *   felt-box pair   --cloud URL --code CODE [--data-dir DIR]
 *   felt-box status [--data-dir DIR]
 *   felt-box backup --out DIR [--data-dir DIR]        (safe while the box runs)
 *   felt-box restore --from DIR [--data-dir DIR] [--replace]   (the box stopped)
 *   felt-box doctor [--data-dir DIR] [--url URL]
 * Flags fall back to FELT_BOX_DATA, FELT_BOX_HOST, FELT_BOX_PORT.
 */

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { DEFAULT_BOX_HOST, DEFAULT_BOX_PORT, startBox } from './box.ts';
import { backupBox, OpsError, restoreBox } from './ops/backup.ts';
import { doctor, doctorText } from './ops/doctor.ts';
import { PortInUseError } from './port-check.ts';
import { PairingError, pairBox, readPairing } from './sync/pairing.ts';

class UsageError extends Error {}

const USAGE = `usage: felt-box serve [--data-dir DIR] [--host ADDR] [--port N]
       felt-box pair --cloud URL --code CODE [--data-dir DIR]
       felt-box status [--data-dir DIR]
       felt-box backup --out DIR [--data-dir DIR]
       felt-box restore --from DIR [--data-dir DIR] [--replace]
       felt-box doctor [--data-dir DIR] [--url URL]
  --out       a new folder for the backup (safe while the box runs)
  --from      a backup folder felt-box backup made
  --replace   let restore overwrite the database already in --data-dir
  --url       where the box answers, for doctor to check (e.g. http://127.0.0.1:8080)
  --data-dir  where the box keeps its database (env FELT_BOX_DATA, default ./.felt/box)
  --cloud     the Felt cloud to pair with (https://…)
  --code      the one-time pairing code the venue owner made in the cloud
  --host      address to listen on (env FELT_BOX_HOST, default ${DEFAULT_BOX_HOST}: the whole LAN)
  --port      port to listen on (env FELT_BOX_PORT, default ${DEFAULT_BOX_PORT})`;

export interface ServeFlags {
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
}

export function parseServeFlags(argv: readonly string[], env: NodeJS.ProcessEnv): ServeFlags {
  let values: { 'data-dir'?: string; host?: string; port?: string; help?: boolean };
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        'data-dir': { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    throw new UsageError(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
  }
  if (values.help) throw new UsageError(USAGE);
  const portText = values.port ?? env.FELT_BOX_PORT ?? String(DEFAULT_BOX_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
    throw new UsageError(`--port must be a whole number from 1 to 65535, got "${portText}"`);
  }
  const host = values.host ?? env.FELT_BOX_HOST ?? DEFAULT_BOX_HOST;
  if (!/^[0-9a-zA-Z.:[\]-]+$/.test(host)) throw new UsageError(`--host is not an address: "${host}"`);
  const dataDir = values['data-dir'] ?? env.FELT_BOX_DATA ?? '.felt/box';
  if (dataDir.trim() === '') throw new UsageError('--data-dir must not be empty');
  return { dataDir, host, port };
}

export interface PairFlags {
  readonly dataDir: string;
  readonly cloudUrl: string;
  readonly code: string;
}

export function parsePairFlags(argv: readonly string[], env: NodeJS.ProcessEnv): PairFlags {
  let values: { 'data-dir'?: string; cloud?: string; code?: string };
  try {
    values = parseArgs({
      args: [...argv],
      options: { 'data-dir': { type: 'string' }, cloud: { type: 'string' }, code: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    throw new UsageError(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
  }
  const cloudUrl = values.cloud ?? '';
  if (!/^https?:\/\/[^\s/]+/.test(cloudUrl))
    throw new UsageError(`--cloud must be a URL such as https://felt.example, got "${cloudUrl}"`);
  const code = (values.code ?? '').trim();
  if (!/^[A-Za-z0-9]{4,40}$/.test(code))
    throw new UsageError('--code must be the pairing code from the cloud (letters and digits)');
  const dataDir = values['data-dir'] ?? env.FELT_BOX_DATA ?? '.felt/box';
  return { dataDir, cloudUrl, code };
}

function dataDirFlag(argv: readonly string[], env: NodeJS.ProcessEnv): string {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { 'data-dir': { type: 'string' } },
      strict: true,
    });
    return values['data-dir'] ?? env.FELT_BOX_DATA ?? '.felt/box';
  } catch (e) {
    throw new UsageError(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
  }
}

async function pairCommand(rest: string[]): Promise<number> {
  let flags: PairFlags;
  try {
    flags = parsePairFlags(rest, process.env);
  } catch (e) {
    process.stderr.write(`felt-box: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  mkdirSync(flags.dataDir, { recursive: true });
  try {
    const p = await pairBox(flags);
    process.stdout.write(
      `Paired as "${p.name}" (${p.boxId}) with venue ${p.venueId} at ${p.cloudUrl}.\nThe box mirrors the venue's staff, players and templates when it runs (felt-box serve).\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof PairingError) {
      process.stderr.write(`felt-box: pairing failed: ${e.message}\n`);
      return 4;
    }
    throw e;
  }
}

interface TournamentLine {
  id: string;
  name: string;
  home: string;
  epoch: number;
  lastSeq: number;
  ackedSeq: number;
  backlog: number;
  refused: string | null;
}

/** Prints the box's link status as the running box last wrote it (catch-up progress included). */
function statusCommand(rest: string[]): number {
  let dataDir: string;
  try {
    dataDir = dataDirFlag(rest, process.env);
  } catch (e) {
    process.stderr.write(`felt-box: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const pairing = readPairing(dataDir);
  const file = join(dataDir, 'status.json');
  const status = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)
    : null;
  const when = (t: unknown) => (typeof t === 'number' ? new Date(t).toISOString() : 'never');
  const lines = [
    `paired:          ${pairing ? `yes, venue ${pairing.venueId} at ${pairing.cloudUrl} as ${pairing.boxId}` : 'no (felt-box pair --cloud URL --code CODE)'}`,
    `cloud reachable: ${status?.cloudReachable === null || status === null ? 'unknown' : status.cloudReachable ? 'yes' : 'no'}`,
    `last sync:       ${when(status?.lastSyncAt)}`,
    `last attempt:    ${when(status?.lastAttemptAt)}`,
    ...(status?.lastError ? [`last error:      ${String(status.lastError)}`] : []),
    ...(status?.mirrored ? [`mirrored:        ${JSON.stringify(status.mirrored)}`] : []),
    ...(status?.warning ? [`WARNING:         ${String(status.warning)}`] : []),
    ...((status?.tournaments as TournamentLine[] | undefined) ?? []).map(
      (t) =>
        `tournament ${t.id} "${t.name}": home ${t.home}, epoch ${t.epoch}, ${t.ackedSeq}/${t.lastSeq} events in the cloud` +
        `${t.backlog > 0 ? ` (${t.backlog} to send)` : ''}${t.refused ? ` — REFUSED: ${t.refused}` : ''}`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

export interface OpsFlags {
  readonly dataDir: string;
  readonly out?: string;
  readonly from?: string;
  readonly url?: string;
  readonly replace: boolean;
}

/** Flags of backup, restore and doctor; each command says which it needs. */
export function parseOpsFlags(
  command: 'backup' | 'restore' | 'doctor',
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): OpsFlags {
  const str = { type: 'string' } as const;
  const options: ParseArgsConfig['options'] = {
    'data-dir': str,
    ...(command === 'backup' && { out: str }),
    ...(command === 'restore' && { from: str, replace: { type: 'boolean' } as const }),
    ...(command === 'doctor' && { url: str }),
  };
  let values: { 'data-dir'?: string; out?: string; from?: string; url?: string; replace?: boolean };
  try {
    values = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false })
      .values as typeof values;
  } catch (e) {
    throw new UsageError(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
  }
  const dataDir = values['data-dir'] ?? env.FELT_BOX_DATA ?? '.felt/box';
  if (dataDir.trim() === '') throw new UsageError('--data-dir must not be empty');
  if (command === 'backup' && !values.out?.trim())
    throw new UsageError('backup needs --out DIR: a new folder for the backup');
  if (command === 'restore' && !values.from?.trim())
    throw new UsageError('restore needs --from DIR: the backup folder');
  if (values.url !== undefined && !/^https?:\/\/[^\s/]+/.test(values.url)) {
    throw new UsageError(`--url must be a URL such as http://127.0.0.1:8080, got "${values.url}"`);
  }
  return {
    dataDir,
    replace: values.replace === true,
    ...(values.out !== undefined && { out: values.out }),
    ...(values.from !== undefined && { from: values.from }),
    ...(values.url !== undefined && { url: values.url }),
  };
}

async function opsCommand(command: 'backup' | 'restore' | 'doctor', rest: string[]): Promise<number> {
  let flags: OpsFlags;
  try {
    flags = parseOpsFlags(command, rest, process.env);
  } catch (e) {
    process.stderr.write(`felt-box: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  try {
    switch (command) {
      case 'backup': {
        const m = await backupBox(flags.dataDir, flags.out as string);
        const events = m.tournaments.reduce((n, t) => n + t.lastSeq, 0);
        process.stdout.write(
          `Backed up ${m.tournaments.length} tournaments (${events} events, ${(m.bytes / 1024).toFixed(0)} KB) to ${flags.out}\n`,
        );
        return 0;
      }
      case 'restore': {
        const m = await restoreBox(flags.from as string, flags.dataDir, flags.replace);
        process.stdout.write(
          `Restored the backup of ${new Date(m.takenAt).toISOString()} (${m.tournaments.length} tournaments) into ${flags.dataDir}.\nStart the box: felt-box serve --data-dir ${flags.dataDir}\n`,
        );
        return 0;
      }
      case 'doctor': {
        const checks = await doctor({ dataDir: flags.dataDir, ...(flags.url && { url: flags.url }) });
        process.stdout.write(doctorText(checks));
        return checks.some((c) => c.verdict === 'fail') ? 1 : 0;
      }
    }
  } catch (e) {
    if (e instanceof OpsError) {
      process.stderr.write(`felt-box: ${command} refused (${e.code}): ${e.message}\n`);
      return 5;
    }
    throw e;
  }
}

async function main(argv: string[]): Promise<number> {
  const [command = 'serve', ...rest] = argv;
  if (command === 'pair') return pairCommand(rest);
  if (command === 'status') return statusCommand(rest);
  if (command === 'backup' || command === 'restore' || command === 'doctor') return opsCommand(command, rest);
  if (command !== 'serve') {
    process.stderr.write(`felt-box: unknown command "${command}"\n${USAGE}\n`);
    return 2;
  }
  let flags: ServeFlags;
  try {
    flags = parseServeFlags(rest, process.env);
  } catch (e) {
    process.stderr.write(`felt-box: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  let box: Awaited<ReturnType<typeof startBox>>;
  try {
    // Tuning (and test) knobs: how often outboxes are pushed and the venue mirrored.
    const syncMs = Number(process.env.FELT_BOX_SYNC_MS ?? '');
    const mirrorMs = Number(process.env.FELT_BOX_MIRROR_MS ?? '');
    const heldMs = Number(process.env.FELT_BOX_HELD_MS ?? '');
    box = await startBox({
      ...flags,
      ...(Number.isFinite(syncMs) && syncMs >= 100 && { syncIntervalMs: syncMs }),
      ...(Number.isFinite(mirrorMs) && mirrorMs >= 100 && { mirrorEveryMs: mirrorMs }),
      ...(Number.isFinite(heldMs) && heldMs >= 100 && { heldEveryMs: heldMs }),
    });
  } catch (e) {
    if (e instanceof PortInUseError) {
      process.stderr.write(`felt-box: ${e.message}\n`);
      return 3;
    }
    throw e;
  }
  process.stdout.write(
    `\nFelt box is running: ${box.url} (listening on ${flags.host}:${flags.port}, data in ${box.dataDir})\nPress Ctrl-C to stop.\n`,
  );
  let stopping = false;
  const shutdown = async (signal: string) => {
    stopping = true;
    process.stdout.write(`\nfelt-box: ${signal}, stopping…\n`);
    await box.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  const code = await box.exited;
  // A stop we asked for: shutdown() finishes and exits 0.
  if (stopping) return new Promise<number>(() => {});
  process.stderr.write(`felt-box: workerd exited unexpectedly (${code}); stopping\n`);
  await box.stop();
  return 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code !== 0) process.exit(code);
    },
    (e: unknown) => {
      process.stderr.write(`felt-box: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
