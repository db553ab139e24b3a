/**
 * Starts the real box as a person would (`felt-box serve …` in its own process) and stops it
 * with Ctrl-C (SIGINT).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../../scripts/lib/paths.ts';

export interface BoxProcess {
  readonly url: string;
  readonly child: ChildProcess;
  output(): string;
  /** Ctrl-C; resolves with the exit code. */
  interrupt(): Promise<number | null>;
}

export function spawnBoxCli(
  args: readonly string[],
  options: { detached?: boolean } = {},
): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, [join(ROOT, 'edge-node', 'cli.ts'), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a test can kill -9 the box and its workerd together.
    detached: options.detached ?? false,
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

export async function startBoxProcess(
  dataDir: string,
  port: number,
  options: { detached?: boolean } = {},
): Promise<BoxProcess> {
  const { child, output, exited } = spawnBoxCli(
    ['serve', '--data-dir', dataDir, '--host', '127.0.0.1', '--port', String(port)],
    options,
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (!output().includes('Felt box is running')) {
    if (child.exitCode !== null) throw new Error(`box exited (${child.exitCode}):\n${output()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`box did not start:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    output,
    interrupt: async () => {
      if (child.exitCode === null) child.kill('SIGINT');
      return exited;
    },
  };
}
