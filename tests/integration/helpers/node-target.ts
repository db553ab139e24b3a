import type { ApiTarget, TestSocket } from '../../contract/target.ts';
import { queueSocket } from '../../contract/target.ts';

/** An API target over real loopback HTTP and WebSocket (Node's global fetch and WebSocket). */
export function httpTarget(name: string, runtime: 'cloud' | 'box', baseUrl: () => string): ApiTarget {
  return {
    name,
    runtime,
    fetch: (path, init) => fetch(`${baseUrl()}${path}`, init),
    openSocket(path, protocols): Promise<TestSocket> {
      const ws = new WebSocket(
        `${baseUrl().replace(/^http/, 'ws')}${path}`,
        protocols ? [...protocols] : undefined,
      );
      const socket = queueSocket(ws);
      return new Promise((resolve, reject) => {
        ws.addEventListener('open', () => resolve(socket));
        ws.addEventListener('error', () => reject(new Error(`WebSocket to ${path} failed`)));
      });
    },
  };
}
