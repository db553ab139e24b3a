/**
 * The real box: `felt-box serve` as its own process, workerd + libSQL, on a free loopback port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/free-port.ts';
import { defineApiContract } from '../contract/api.contract.ts';
import { defineAuthContract } from '../contract/auth.contract.ts';
import { signUpVenue } from '../contract/session.ts';
import { playWholeTournament } from '../contract/tournament.e2e.ts';
import { type BoxProcess, spawnBoxCli, startBoxProcess } from './helpers/box-process.ts';
import { httpTarget } from './helpers/node-target.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'felt-box-test-'));
let box: BoxProcess;
let port: number;

beforeAll(async () => {
  port = await freePort();
  box = await startBoxProcess(dataDir, port);
});

async function restartBox(): Promise<BoxProcess> {
  expect(await box.interrupt()).toBe(0);
  return startBoxProcess(dataDir, port);
}

afterAll(async () => {
  await box?.interrupt();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the box', () => {
  defineApiContract(() => httpTarget('box', 'box', () => box.url));
  defineAuthContract(() => httpTarget('box', 'box', () => box.url));

  it('keeps a tournament’s events and its staff sign-ins across a restart, and Ctrl-C stops every process', async () => {
    const target = httpTarget('box', 'box', () => box.url);
    const s = await signUpVenue(target, { prefix: 'restart', pin: '5827' });
    const id = await s.newTournament('Survivor Cup');
    for (const [n, body] of [
      { type: 'OpenRegistration', payload: {} },
      { type: 'Register', payload: { playerId: 'one', name: 'One' } },
      { type: 'Register', payload: { playerId: 'two', name: 'Two' } },
    ].entries()) {
      expect((await s.command(id, body.type, body.payload, `restart-${n}`)).status).toBe(201);
    }
    const before = (await (await s.fetch(`${s.base}/tournaments/${id}/events`)).json()) as { seq: number };

    expect(await box.interrupt()).toBe(0);
    // Every process it started is gone: nothing listens on the port any more.
    await expect(fetch(`${box.url}/api/v1/health`)).rejects.toThrow();

    box = await startBoxProcess(dataDir, port);
    expect(box.output()).toContain('"appliedNow":[]');
    // The token from before the restart still works: the box keeps its signing keys.
    const res = await s.fetch(`${s.base}/tournaments/${id}/events`);
    const body = (await res.json()) as { seq: number; events: { type: string }[] };
    expect(body.seq).toBe(before.seq);
    expect(body.events.map((e) => e.type).slice(-3)).toEqual([
      'RegistrationOpened',
      'EntryRegistered',
      'EntryRegistered',
    ]);
    const view = (await (await s.fetch(`${s.base}/tournaments/${id}`)).json()) as {
      standings: { entrants: number };
    };
    expect(view.standings.entrants).toBe(2);
    const list = await s.fetch(`${s.base}/tournaments`);
    expect(((await list.json()) as { tournaments: { id: string }[] }).tournaments.map((t) => t.id)).toEqual([
      id,
    ]);
    // PIN sign-in on the restarted box, with no internet involved (loopback only).
    const pin = await fetch(`${box.url}${s.base}/auth/pin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: s.userId, pin: '5827' }),
    });
    expect(pin.status).toBe(200);
  });

  it('gives a clear error when the port is in use', async () => {
    const blocker = createServer();
    const busy = await freePort();
    await new Promise<void>((r) => blocker.listen(busy, '127.0.0.1', () => r()));
    try {
      const other = mkdtempSync(join(tmpdir(), 'felt-box-busy-'));
      const run = spawnBoxCli(['serve', '--data-dir', other, '--host', '127.0.0.1', '--port', String(busy)]);
      expect(await run.exited).toBe(3);
      expect(run.output()).toMatch(new RegExp(`Port ${busy} on 127\\.0\\.0\\.1 is already in use`));
      rmSync(other, { recursive: true, force: true });
    } finally {
      blocker.close();
    }
  });

  it('refuses bad flags with a usage error and starts nothing', async () => {
    const bad = spawnBoxCli(['serve', '--port', 'eighty']);
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toMatch(/--port must be a whole number/);
    const unknown = spawnBoxCli(['serve', '--colour', 'green']);
    expect(await unknown.exited).toBe(2);
    expect(unknown.output()).toMatch(/Unknown option '--colour'/);
    const command = spawnBoxCli(['explode']);
    expect(await command.exited).toBe(2);
    expect(command.output()).toMatch(/unknown command "explode"/);
  });
});

describe('a whole tournament on the box', () => {
  it('plays start to finish over HTTP and WebSocket, restarting mid-way, the follower agreeing at every step', async () => {
    await playWholeTournament(
      httpTarget('box', 'box', () => box.url),
      {
        restart: async () => {
          box = await restartBox();
        },
      },
    );
  }, 300_000);
});
