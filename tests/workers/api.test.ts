import { SELF } from 'cloudflare:test';
import { defineApiContract } from '../contract/api.contract.ts';
import { queueSocket } from '../contract/target.ts';

// The API contract inside workerd, through the Worker's own fetch handler.
defineApiContract(() => ({
  name: 'workerd (vitest plugin)',
  runtime: 'cloud',
  fetch: (path, init) => SELF.fetch(`http://felt.test${path}`, init),
  async openSocket(path) {
    const res = await SELF.fetch(`http://felt.test${path}`, { headers: { Upgrade: 'websocket' } });
    const ws = res.webSocket;
    if (!ws) throw new Error(`no WebSocket: ${res.status} ${await res.text()}`);
    ws.accept();
    return queueSocket(ws as unknown as Parameters<typeof queueSocket>[0]);
  },
}));
