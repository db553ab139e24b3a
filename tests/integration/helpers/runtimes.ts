/**
 * The two runtimes a browser test runs against, each started on a port with its data in a
 * folder (and started again on the same folder to test a restart): the box (workerd + libSQL)
 * and the local cloud (wrangler dev).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningCloud, startCloud } from '../../../scripts/lib/cloud.ts';
import { freePort } from '../../../scripts/lib/free-port.ts';
import { type BoxProcess, startBoxProcess } from './box-process.ts';

export interface Server {
  stop(): Promise<unknown>;
}

export interface Runtime {
  readonly name: 'box' | 'cloud';
  /** Starts (or starts again) on the port, keeping its data in the folder. */
  start(dir: string, port: number): Promise<Server>;
}

export const RUNTIMES: readonly Runtime[] = [
  {
    name: 'box',
    async start(dir, port) {
      const box: BoxProcess = await startBoxProcess(dir, port);
      return { stop: () => box.interrupt() };
    },
  },
  {
    name: 'cloud',
    async start(dir, port) {
      const cloud: RunningCloud = await startCloud({ port, persistTo: dir });
      return { stop: () => cloud.stop() };
    },
  },
];

/** A runtime started fresh in a temporary folder on a free port; stopping removes the folder. */
export async function startFresh(
  runtime: Runtime,
  prefix: string,
): Promise<{ url: string; stop: () => Promise<unknown> }> {
  const dir = mkdtempSync(join(tmpdir(), `felt-${prefix}-${runtime.name}-`));
  const port = await freePort();
  const server = await runtime.start(dir, port);
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
