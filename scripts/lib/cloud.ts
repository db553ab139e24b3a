/**
 * The local cloud runtime: the Worker and its Durable Objects in workerd via `wrangler dev`
 * (Cloudflare's local stack), persisted to a directory so data survives restarts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyEntry } from '../../workers/auth/keys.ts';
import { ROOT, toolEnv, WRANGLER_JS } from './paths.ts';

/**
 * The local cloud's secrets, made once per data folder and handed to wrangler as an env file
 * (never on the command line): its own token signing key, and FELT_ADMIN_KEY when set.
 */
function localSecrets(persistTo: string): string {
  mkdirSync(persistTo, { recursive: true });
  const file = join(persistTo, 'secrets.env');
  if (!existsSync(file)) {
    writeFileSync(file, `FELT_JWT_KEYS="${generateKeyEntry('local-1')}"\n`, { mode: 0o600 });
  }
  return file;
}

export interface RunningCloud {
  readonly url: string;
  /** wrangler's process id; it leads the process group workerd runs in (benches read its CPU). */
  readonly pid: number;
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

export interface CloudOptions {
  readonly port: number;
  readonly host?: string;
  readonly persistTo: string;
  readonly log?: (line: string) => void;
  /** More variables for the Worker (benchmarks: FELT_METER, FELT_SIMULATED_CLOCK), via an env file. */
  readonly vars?: Readonly<Record<string, string>>;
}

async function waitHealthy(
  url: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`wrangler dev exited (${child.exitCode}):\n${output().slice(-3000)}`);
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`local cloud not healthy within ${timeoutMs} ms:\n${output().slice(-3000)}`);
}

export async function startCloud(options: CloudOptions): Promise<RunningCloud> {
  const host = options.host ?? '127.0.0.1';
  const args = [
    WRANGLER_JS,
    'dev',
    '--ip',
    host,
    '--port',
    String(options.port),
    '--persist-to',
    options.persistTo,
    '--log-level',
    'warn',
    '--show-interactive-dev-session=false',
    '--env-file',
    localSecrets(options.persistTo),
  ];
  if (process.env.FELT_ADMIN_KEY) {
    const admin = join(options.persistTo, 'admin.env');
    writeFileSync(admin, `FELT_ADMIN_KEY=${JSON.stringify(process.env.FELT_ADMIN_KEY)}\n`, { mode: 0o600 });
    args.push('--env-file', admin);
  }
  if (options.vars && Object.keys(options.vars).length > 0) {
    const file = join(options.persistTo, 'vars.env');
    const lines = Object.entries(options.vars).map(([k, v]) => `${k}=${JSON.stringify(v)}\n`);
    writeFileSync(file, lines.join(''), { mode: 0o600 });
    args.push('--env-file', file);
  }
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: toolEnv({ CI: process.env.CI ?? 'true' }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const onData = (d: Buffer) => {
    output += d.toString();
    if (output.length > 100_000) output = output.slice(-50_000);
    if (options.log) for (const line of d.toString().split('\n')) if (line.trim()) options.log(line);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    // wrangler starts workerd as a child: signal the whole process group.
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
    const killer = setTimeout(() => {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // gone
      }
    }, 5000);
    await exited;
    clearTimeout(killer);
  };
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${options.port}`;
  try {
    await waitHealthy(url, child, () => output, 60_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, pid: child.pid as number, exited, stop };
}
