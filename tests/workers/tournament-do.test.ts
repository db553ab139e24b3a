import { env, evictDurableObject, runDurableObjectAlarm, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { queueSocket } from '../contract/target.ts';

function stubFor(id: string) {
  return env.TOURNAMENT.get(env.TOURNAMENT.idFromName(id));
}

describe('TournamentDO', () => {
  it('given appended events, when the object restarts, then the log is still there', async () => {
    const stub = stubFor('restart-1');
    await stub.append('restart-1', [{ type: 'NoteAdded', data: { text: 'a' } }]);
    await stub.append('restart-1', [
      { type: 'NoteAdded', data: { text: 'b' } },
      { type: 'NoteAdded', data: { text: 'c' } },
    ]);
    await evictDurableObject(stub);
    const after = stubFor('restart-1');
    const read = await after.readEvents('restart-1', 1, 10);
    expect(read.seq).toBe(3);
    expect(read.events.map((e) => (JSON.parse(e.body) as { text: string }).text)).toEqual(['b', 'c']);
    const next = await after.append('restart-1', [{ type: 'NoteAdded', data: { text: 'd' } }]);
    expect(next.seq).toBe(4);
  });

  it('is bound to one tournament id', async () => {
    const stub = stubFor('bound-1');
    await stub.append('bound-1', [{ type: 'NoteAdded', data: { text: 'a' } }]);
    const err = await stub.append('other', [{ type: 'NoteAdded', data: { text: 'x' } }]).then(
      () => null,
      (e: unknown) => e,
    );
    expect(String(err)).toMatch(/bound to bound-1/);
  });

  it('given a scheduled cue, when the alarm fires, then followers get the cue once', async () => {
    const id = 'alarm-1';
    const stub = stubFor(id);
    await stub.append(id, [{ type: 'TournamentCreated', data: { name: 'Alarm Cup' } }]);
    const res = await SELF.fetch(`http://felt.test/api/v1/tournaments/${id}/live`, {
      headers: { Upgrade: 'websocket' },
    });
    const ws = res.webSocket!;
    ws.accept();
    const socket = queueSocket(ws as unknown as Parameters<typeof queueSocket>[0]);
    expect((await socket.next()).type).toBe('hello');
    expect((await socket.next()).type).toBe('events');

    await stub.scheduleCue(id, {
      id: 'level-2',
      at: Date.now() - 1,
      kind: 'level-change',
      data: { level: 2 },
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const cue = await socket.next();
    expect(cue.type).toBe('cue');
    expect((cue.cue as { id: string }).id).toBe('level-2');
    expect((await stub.lastCueFired(id))?.id).toBe('level-2');
    // At-least-once delivery: a repeated alarm finds the cue already fired.
    expect(await runDurableObjectAlarm(stub)).toBe(false);
    expect(await socket.quiet(100)).toBe(true);
    socket.close();
  });

  it('keeps a later cue armed after firing an earlier one', async () => {
    const id = 'alarm-2';
    const stub = stubFor(id);
    await stub.append(id, [{ type: 'TournamentCreated', data: { name: 'Alarm Cup 2' } }]);
    await stub.scheduleCue(id, { id: 'now', at: Date.now() - 1, kind: 'last-minute' });
    await stub.scheduleCue(id, { id: 'later', at: Date.now() + 3_600_000, kind: 'break' });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect((await stub.lastCueFired(id))?.id).toBe('now');
  });
});
