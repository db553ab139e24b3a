/**
 * Child processes for the service benches: the box as a person runs it (`felt-box serve` in its
 * own process), the `ws` yardstick server and the load worker. Every process started here is
 * registered so `stopAll` (and a last-resort exit hook) ends it even when a bench fails.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../scripts/lib/paths.ts';
import type { LoadTask } from './load-worker.ts';

const live = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // Detached children lead their own group: the box's workerd goes with it.
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // gone
    }
  }
}

process.once('exit', () => {
  for (const child of live) killGroup(child, 'SIGKILL');
});

interface Spawned {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  output(): string;
}

function spawnTracked(args: readonly string[]): Spawned {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  live.add(child);
  let out = '';
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((r) =>
    child.once('exit', (code) => {
      live.delete(child);
      r(code);
    }),
  );
  return { child, exited, output: () => out };
}

/** Stops one child: `signal` first, SIGKILL to its group after `graceMs`. */
async function stop(s: Spawned, signal: NodeJS.Signals, graceMs = 10_000): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  killGroup(s.child, signal);
  const killer = setTimeout(() => killGroup(s.child, 'SIGKILL'), graceMs);
  await s.exited;
  clearTimeout(killer);
  // workerd may outlive a parent that died on the way out.
  killGroup(s.child, 'SIGKILL');
}

async function waitFor(
  s: Spawned,
  pattern: RegExp,
  timeoutMs: number,
  what: string,
): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = pattern.exec(s.output());
    if (m) return m;
    if (s.child.exitCode !== null)
      throw new Error(`${what} exited (${s.child.exitCode}):\n${s.output().slice(-3000)}`);
    if (Date.now() > deadline)
      throw new Error(`${what} not ready in ${timeoutMs} ms:\n${s.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface BoxProcess {
  readonly url: string;
  /** The box's own process (workerd is its child). */
  readonly pid: number;
  stop(): Promise<void>;
}

export async function startBoxProcess(dataDir: string, port: number): Promise<BoxProcess> {
  const s = spawnTracked([
    join(ROOT, 'edge-node', 'cli.ts'),
    'serve',
    '--data-dir',
    dataDir,
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
  ]);
  try {
    await waitFor(s, /Felt box is running/, 90_000, 'box');
  } catch (e) {
    await stop(s, 'SIGKILL');
    throw e;
  }
  return { url: `http://127.0.0.1:${port}`, pid: s.child.pid ?? 0, stop: () => stop(s, 'SIGINT') };
}

export interface YardstickServer {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startWsYardstick(): Promise<YardstickServer> {
  const s = spawnTracked([join(ROOT, 'bench', 'lib', 'ws-broadcast-server.ts')]);
  try {
    const m = await waitFor(s, /listening (\d+)/, 15_000, 'ws yardstick');
    return { url: `http://127.0.0.1:${m[1]}`, stop: () => stop(s, 'SIGTERM') };
  } catch (e) {
    await stop(s, 'SIGKILL');
    throw e;
  }
}

/** Runs one load task in a fresh worker process and returns its JSON result. */
export async function runLoad<T>(task: LoadTask, timeoutMs = 300_000): Promise<T> {
  const s = spawnTracked([join(ROOT, 'bench', 'lib', 'load-worker.ts'), JSON.stringify(task)]);
  const timer = setTimeout(() => killGroup(s.child, 'SIGKILL'), timeoutMs);
  const code = await s.exited;
  clearTimeout(timer);
  const out = s.output();
  const line = out
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (code !== 0 || !line) throw new Error(`load worker failed (${code}):\n${out.slice(-3000)}`);
  return JSON.parse(line) as T;
}

/** Ends every child still running (the bench's `finally`). */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...live].map(async (child) => {
      killGroup(child, 'SIGTERM');
      await new Promise((r) => setTimeout(r, 2000));
      killGroup(child, 'SIGKILL');
    }),
  );
}
