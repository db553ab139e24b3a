import { SELF } from 'cloudflare:test';
import { describe, it } from 'vitest';
import { defineApiContract } from '../contract/api.contract.ts';
import { type ApiTarget, queueSocket } from '../contract/target.ts';
import { playWholeTournament } from '../contract/tournament.e2e.ts';

// The API contract inside workerd, through the Worker's own fetch handler.
const target: ApiTarget = {
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
};

defineApiContract(() => target);

describe('a whole tournament inside workerd', () => {
  it('plays start to finish, the WebSocket follower agreeing at every step', async () => {
    await playWholeTournament(target);
  }, 300_000);
});
