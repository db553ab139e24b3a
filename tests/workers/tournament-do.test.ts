import { env, evictDurableObject, runDurableObjectAlarm } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES, createCommand } from '../../durable-objects/venue/templates.ts';
import { getTemplate } from '../../engine/structure/templates.ts';
import type { TournamentCommand } from '../../engine/tournament/types.ts';
import { queueSocket } from '../contract/target.ts';

const TD = { id: 'td-1', role: 'td' } as const;

function stubFor(id: string) {
  return env.TOURNAMENT.get(env.TOURNAMENT.idFromName(id));
}

async function created(id: string) {
  const stub = stubFor(id);
  const answer = await stub.command(
    id,
    createCommand(`create-${id}`, 'Test Cup', BUILTIN_TEMPLATES.find((t) => t.id === 'turbo')!, 'DKK'),
    TD,
  );
  expect(answer.ok).toBe(true);
  return stub;
}

function cmd(body: Record<string, unknown>): TournamentCommand {
  return { commandId: crypto.randomUUID(), ...body } as unknown as TournamentCommand;
}

describe('TournamentDO', () => {
  it('given commands, when the object restarts, then the log and the state are still there', async () => {
    const id = 'restart-1';
    const stub = await created(id);
    await stub.command(id, cmd({ type: 'OpenRegistration' }), TD);
    await stub.command(id, cmd({ type: 'Register', playerId: 'a', name: 'Anna' }), TD);
    await stub.command(id, cmd({ type: 'Register', playerId: 'b', name: 'Bo' }), TD);
    const seq = await stub.lastSeq(id);
    await evictDurableObject(stub);
    const after = stubFor(id);
    expect(await after.lastSeq(id)).toBe(seq);
    const view = JSON.parse(await after.view(id)) as { seq: number; standings: { entrants: number } };
    expect(view.seq).toBe(seq);
    expect(view.standings.entrants).toBe(2);
    const next = await after.command(id, cmd({ type: 'Register', playerId: 'c', name: 'Cai' }), TD);
    expect(next.ok && next.seq).toBe(seq + 1);
  });

  it('is bound to one tournament id', async () => {
    const stub = await created('bound-1');
    const err = await stub.lastSeq('other').then(
      () => null,
      (e: unknown) => e,
    );
    expect(String(err)).toMatch(/bound to bound-1/);
  });

  it('refuses a command that breaks a rule and appends nothing', async () => {
    const id = 'refuse-1';
    const stub = await created(id);
    const seq = await stub.lastSeq(id);
    const answer = await stub.command(id, cmd({ type: 'PauseClock' }), TD);
    expect(answer.ok).toBe(false);
    expect(await stub.lastSeq(id)).toBe(seq);
  });

  it('given a running clock, then cues for the level end are armed and fire once', async () => {
    const id = 'alarm-1';
    const stub = await created(id);
    const res = await stub.fetch(`http://do/live?tournamentId=${id}&role=staff`, {
      headers: { Upgrade: 'websocket' },
    });
    const ws = res.webSocket!;
    ws.accept();
    const socket = queueSocket(ws as unknown as Parameters<typeof queueSocket>[0]);
    expect((await socket.next()).type).toBe('hello');
    expect((await socket.next()).type).toBe('events');

    await stub.scheduleCue(id, { id: 'manual', at: Date.now() - 1, kind: 'announcement' });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const cue = await socket.next();
    expect(cue.type).toBe('cue');
    expect((cue.cue as { id: string }).id).toBe('manual');
    expect((await stub.lastCueFired(id))?.id).toBe('manual');
    // At-least-once delivery: a repeated alarm finds the cue already fired.
    expect(await runDurableObjectAlarm(stub)).toBe(false);
    expect(await socket.quiet(100)).toBe(true);
    socket.close();
  });

  it('arms the level-end and last-minute cues when the clock runs', async () => {
    const id = 'alarm-2';
    const stub = await created(id);
    expect(getTemplate('turbo')).toBeTruthy();
    for (const body of [
      { type: 'OpenRegistration' },
      { type: 'Register', playerId: 'a', name: 'Anna' },
      { type: 'Register', playerId: 'b', name: 'Bo' },
      { type: 'StartTournament' },
    ]) {
      const a = await stub.command(id, cmd(body), TD);
      expect(a.ok, JSON.stringify(a)).toBe(true);
    }
    const cues = await stub.pendingCueKinds(id);
    expect(cues).toEqual(expect.arrayContaining(['level-change', 'last-minute']));
  });
});
