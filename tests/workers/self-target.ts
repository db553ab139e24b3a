import { SELF } from 'cloudflare:test';
import { type ApiTarget, queueSocket } from '../contract/target.ts';

/** The API inside workerd, through the Worker's own fetch handler. */
export const selfTarget: ApiTarget = {
  name: 'workerd (vitest plugin)',
  runtime: 'cloud',
  fetch: (path, init) => SELF.fetch(`http://felt.test${path}`, init),
  async openSocket(path, protocols) {
    const headers: Record<string, string> = { Upgrade: 'websocket' };
    if (protocols) headers['Sec-WebSocket-Protocol'] = protocols.join(', ');
    const res = await SELF.fetch(`http://felt.test${path}`, { headers });
    const ws = res.webSocket;
    if (!ws) throw new Error(`no WebSocket: ${res.status} ${await res.text()}`);
    ws.accept();
    return queueSocket(ws as unknown as Parameters<typeof queueSocket>[0]);
  },
};
