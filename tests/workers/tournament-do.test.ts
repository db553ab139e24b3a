import { env, evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
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

  it('given commands sent at once and a follower joining midway, then every follower gets each event once, in order, and the view the server has', async () => {
    const id = 'answer-first-1';
    const stub = await created(id);
    await stub.command(id, cmd({ type: 'OpenRegistration' }), TD);
    const follow = async (after: number) => {
      const res = await stub.fetch(`http://do/live?tournamentId=${id}&role=public&after=${after}`, {
        headers: { Upgrade: 'websocket' },
      });
      const ws = res.webSocket!;
      ws.accept();
      return queueSocket(ws as unknown as Parameters<typeof queueSocket>[0]);
    };
    const seen = async (socket: Awaited<ReturnType<typeof follow>>, upTo: number) => {
      const seqs: number[] = [];
      let view: unknown = null;
      let viewId: string | null = null;
      const { applyViewUpdate } = await import('../../durable-objects/live/channel-views.ts');
      for (;;) {
        const m = await socket.next(5000);
        if (m.type === 'hello') {
          view = m.view;
          viewId = m.viewId as string;
        }
        if (m.type === 'events') seqs.push(...(m.events as { seq: number }[]).map((e) => e.seq));
        const update = (m.type === 'events' || m.type === 'view' ? m.view : undefined) as
          | Parameters<typeof applyViewUpdate>[1]
          | undefined;
        if (update) {
          const next: { id: string; view: object } | null = applyViewUpdate(
            viewId ? { id: viewId, view: view as object } : null,
            update,
          );
          if (next) ({ id: viewId, view } = next);
          else socket.send(JSON.stringify({ type: 'view' }));
        }
        if ((seqs.at(-1) ?? 0) >= upTo && (view as { seq: number } | null)?.seq === upTo)
          return { seqs, view };
      }
    };
    const start = await stub.lastSeq(id);
    const early = await follow(start);
    expect((await early.next()).type).toBe('hello');
    // Twenty registrations at once; a second follower joins while their fan-outs are pending.
    const answers = Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        stub.command(id, cmd({ type: 'Register', playerId: `p${i}`, name: `Player ${i}` }), TD),
      ),
    );
    const late = await follow(start);
    expect((await answers).every((a) => a.ok)).toBe(true);
    const last = await stub.lastSeq(id);
    expect(last).toBe(start + 20);
    const want = Array.from({ length: 20 }, (_, i) => start + 1 + i);
    for (const socket of [early, late]) {
      const { seqs, view } = await seen(socket, last);
      expect(seqs).toEqual(want);
      expect((view as { standings: { entrants: number } }).standings.entrants).toBe(20);
      // Nothing more of these events afterwards (a whole view after a catch-up may follow).
      const extra: Record<string, unknown>[] = [];
      while (!(await socket.quiet(200))) extra.push(await socket.next());
      expect(extra.filter((m) => m.type === 'events')).toEqual([]);
      socket.close();
    }
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

  it('given a level ending with no command after it, then its cue brings the new view and arms the next level', async () => {
    const id = 'alarm-3';
    const stub = await created(id);
    for (const body of [
      { type: 'OpenRegistration' },
      { type: 'Register', playerId: 'a', name: 'Anna' },
      { type: 'Register', playerId: 'b', name: 'Bo' },
      { type: 'StartTournament' },
    ]) {
      expect((await stub.command(id, cmd(body), TD)).ok).toBe(true);
    }
    type Clock = { levelIndex: number; levelEndsAt: number };
    const clock = async () =>
      (JSON.parse(await stub.view(id)) as { standings: { clock: Clock } }).standings.clock;
    const before = await clock();
    // The level now ends in under a second.
    const cut = before.levelEndsAt - Date.now() - 800;
    expect((await stub.command(id, cmd({ type: 'RemoveTime', ms: cut }), TD)).ok).toBe(true);

    const seq = await stub.lastSeq(id);
    const res = await stub.fetch(`http://do/live?tournamentId=${id}&role=public&after=${seq}`, {
      headers: { Upgrade: 'websocket' },
    });
    const ws = res.webSocket!;
    ws.accept();
    const socket = queueSocket(ws as unknown as Parameters<typeof queueSocket>[0]);
    const hello = await socket.next();
    expect(hello.type).toBe('hello');
    await new Promise((r) => setTimeout(r, 1000));

    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const cue = await socket.next();
    expect(cue.type).toBe('cue');
    expect((cue.cue as { kind: string }).kind).toBe('level-change');
    // The cue carries the view's change: the follower's clock moves on without asking.
    const update = cue.view as { base: string; patch: { path: string; value: unknown }[] };
    expect(update.base).toBe(hello.viewId);
    expect(update.patch).toContainEqual({
      op: 'replace',
      path: '/standings/clock/levelIndex',
      value: before.levelIndex + 1,
    });
    // Nobody sent a command, yet the new level's end is armed.
    expect((await clock()).levelIndex).toBe(before.levelIndex + 1);
    expect(await stub.pendingCueKinds(id)).toEqual(expect.arrayContaining(['last-minute']));
    expect((await stub.pendingCueKinds(id)).some((k) => k === 'level-change' || k === 'break-starts')).toBe(
      true,
    );
    socket.close();
  });

  it('given the clock moved on with no cue fired, then a new follower and a follower asking get the new level', async () => {
    const id = 'alarm-4';
    const stub = await created(id);
    for (const body of [
      { type: 'OpenRegistration' },
      { type: 'Register', playerId: 'a', name: 'Anna' },
      { type: 'Register', playerId: 'b', name: 'Bo' },
      { type: 'StartTournament' },
    ]) {
      expect((await stub.command(id, cmd(body), TD)).ok).toBe(true);
    }
    type View = { standings: { clock: { levelIndex: number; levelEndsAt: number } } };
    const before = (JSON.parse(await stub.view(id)) as View).standings.clock;
    const cut = before.levelEndsAt - Date.now() - 800;
    expect((await stub.command(id, cmd({ type: 'RemoveTime', ms: cut }), TD)).ok).toBe(true);
    const seq = await stub.lastSeq(id);
    const follow = async () => {
      const res = await stub.fetch(`http://do/live?tournamentId=${id}&role=public&after=${seq}`, {
        headers: { Upgrade: 'websocket' },
      });
      const ws = res.webSocket!;
      ws.accept();
      return queueSocket(ws as unknown as Parameters<typeof queueSocket>[0]);
    };
    const first = await follow();
    const hello1 = await first.next();
    expect((hello1.view as View).standings.clock.levelIndex).toBe(before.levelIndex);
    // The level ends and its alarm is lost (deleted here: the runtime would deliver it).
    await runInDurableObject(stub, (_instance, state) => state.storage.deleteAlarm());
    await new Promise((r) => setTimeout(r, 1000));
    const second = await follow();
    const hello2 = await second.next();
    expect((hello2.view as View).standings.clock.levelIndex).toBe(before.levelIndex + 1);
    expect(hello2.viewId).not.toBe(hello1.viewId);
    // The first follower's screen shows 0:00 and asks: it gets the new level too.
    first.send(JSON.stringify({ type: 'view' }));
    const whole = await first.next();
    expect(whole.type, 'no cue came').toBe('view');
    const update = whole.view as { id: string; full: View };
    expect(update.full.standings.clock.levelIndex).toBe(before.levelIndex + 1);
    expect(update.id).toBe(hello2.viewId);
    first.close();
    second.close();
  });
});
