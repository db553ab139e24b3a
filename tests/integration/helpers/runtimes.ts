/**
 * The two runtimes a browser test runs against, each started on a port with its data in a
 * folder (and started again on the same folder to test a restart): the box (workerd + libSQL)
 * and the local cloud (wrangler dev).
 */
import { type RunningCloud, startCloud } from '../../../scripts/lib/cloud.ts';
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
