/**
 * The local cloud runtime (`wrangler dev`: the Worker and Durable Objects in workerd with
 * DO SQLite) on a free loopback port: the same API contract as the box, and restarts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCloud, startCloud } from '../../scripts/lib/cloud.ts';
import { freePort } from '../../scripts/lib/free-port.ts';
import { DEMO_OWNER, seedDemo } from '../../scripts/lib/seed.ts';
import { defineApiContract } from '../contract/api.contract.ts';
import { defineAuthContract } from '../contract/auth.contract.ts';
import { playWholeTournament } from '../contract/tournament.e2e.ts';
import { httpTarget } from './helpers/node-target.ts';

const persistTo = mkdtempSync(join(tmpdir(), 'felt-cloud-test-'));
let cloud: RunningCloud;
let port: number;

beforeAll(async () => {
  port = await freePort();
  cloud = await startCloud({ port, persistTo });
});

afterAll(async () => {
  await cloud?.stop();
  rmSync(persistTo, { recursive: true, force: true });
});

describe('the local cloud runtime', () => {
  defineApiContract(() => httpTarget('cloud', 'cloud', () => cloud.url));
  defineAuthContract(() => httpTarget('cloud', 'cloud', () => cloud.url));

  it('seeds the demo club once, and keeps it and the tournament log across a restart', async () => {
    const first = await seedDemo(cloud.url);
    expect(first.created).toBe(true);
    const again = await seedDemo(cloud.url);
    expect(again).toEqual({ ...first, created: false });

    await cloud.stop();
    cloud = await startCloud({ port, persistTo });
    const signIn = await fetch(`${cloud.url}/api/v1/venues/demo/auth/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO_OWNER.email, password: DEMO_OWNER.password }),
    });
    expect(signIn.status).toBe(200);
    const headers = { authorization: `Bearer ${((await signIn.json()) as { token: string }).token}` };
    const base = `${cloud.url}/api/v1/venues/demo/tournaments/${first.tournamentId}`;
    const res = await fetch(`${base}/events`, { headers });
    const body = (await res.json()) as { seq: number; events: { type: string }[] };
    expect(body.events[0]?.type).toBe('TournamentCreated');
    expect(body.events.filter((e) => e.type === 'EntryRegistered')).toHaveLength(20);
    const view = (await (await fetch(base, { headers })).json()) as {
      standings: { status: string; playersLeft: number };
    };
    expect(view.standings.status).toBe('running');
    expect(view.standings.playersLeft).toBe(20);
    expect((await seedDemo(cloud.url)).created).toBe(false);
  });
});

describe('a whole tournament on the local cloud runtime', () => {
  it('plays start to finish over HTTP and WebSocket, restarting mid-way, the follower agreeing at every step', async () => {
    await playWholeTournament(
      httpTarget('cloud', 'cloud', () => cloud.url),
      {
        restart: async () => {
          await cloud.stop();
          cloud = await startCloud({ port, persistTo });
        },
      },
    );
  }, 300_000);
});
