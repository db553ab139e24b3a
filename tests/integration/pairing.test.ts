/**
 * A box paired with the cloud (issue #8, first part): the owner makes a one-time code in the
 * cloud, `felt-box pair` exchanges it, the running box mirrors the venue's staff (with their
 * PIN hashes) and signs them in with the cloud cut off; unpairing in the cloud stops the link.
 * Real processes on loopback: `wrangler dev` and the box.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCloud, startCloud } from '../../scripts/lib/cloud.ts';
import { freePort } from '../../scripts/lib/free-port.ts';
import { sessionFor, signUpVenue, TEST_PASSWORD, type VenueSession } from '../contract/session.ts';
import { type BoxProcess, spawnBoxCli, startBoxProcess } from './helpers/box-process.ts';
import { httpTarget } from './helpers/node-target.ts';
import { until as waitUntil } from './helpers/paired-box.ts';

const dir = mkdtempSync(join(tmpdir(), 'felt-pairing-'));
let cloud: RunningCloud;
let box: BoxProcess | null = null;
let owner: VenueSession;

beforeAll(async () => {
  cloud = await startCloud({ port: await freePort(), persistTo: join(dir, 'cloud') });
  owner = await signUpVenue(
    httpTarget('cloud', 'cloud', () => cloud.url),
    { prefix: 'paired', pin: '5827' },
  );
});

afterAll(async () => {
  await box?.interrupt();
  await cloud?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Waits with the box's output in the error, for a failure to be readable. */
function until<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 20_000): Promise<T> {
  return waitUntil(what, probe, { timeoutMs, context: () => box?.output().slice(-3000) ?? '' });
}

describe('pairing a box with a cloud venue', () => {
  it('pairs with a one-time code, mirrors staff for offline PIN sign-in, pushes a box tournament to cloud followers, and stops when unpaired', async () => {
    // The cloud venue has a floor person with a PIN (set in the cloud).
    const email = `finn@${owner.venueId}.test`;
    const invite = (await (
      await owner.post(`${owner.base}/staff/invites`, { name: 'Finn Floor', email, role: 'floor' })
    ).json()) as { inviteCode: string; user: { id: string } };
    const joined = await fetch(`${cloud.url}${owner.base}/auth/accept-invite`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, code: invite.inviteCode, password: TEST_PASSWORD, pin: '7391' }),
    });
    expect(joined.status).toBe(200);

    const made = await owner.post(`${owner.base}/boxes/pairing-codes`, { name: 'Bar box' });
    expect(made.status).toBe(201);
    const { code } = (await made.json()) as { code: string };
    const boxData = join(dir, 'box');

    // Bad flags and a wrong code: clear errors, nothing stored.
    const bad = spawnBoxCli(['pair', '--cloud', 'not-a-url', '--code', code, '--data-dir', boxData]);
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toMatch(/--cloud must be a URL/);
    const wrong = spawnBoxCli(['pair', '--cloud', cloud.url, '--code', 'WRONGCODE1', '--data-dir', boxData]);
    expect(await wrong.exited).toBe(4);
    expect(wrong.output()).toMatch(/pairing failed: This pairing code is wrong or has expired/);

    const pair = spawnBoxCli(['pair', '--cloud', cloud.url, '--code', code, '--data-dir', boxData]);
    expect(await pair.exited, pair.output()).toBe(0);
    expect(pair.output()).toMatch(new RegExp(`with venue ${owner.venueId}`));
    // The code works once.
    const again = spawnBoxCli([
      'pair',
      '--cloud',
      cloud.url,
      '--code',
      code,
      '--data-dir',
      join(dir, 'other'),
    ]);
    expect(await again.exited).toBe(4);

    process.env.FELT_BOX_SYNC_MS = '300';
    process.env.FELT_BOX_HELD_MS = '500';
    process.env.FELT_BOX_MIRROR_MS = '500';
    box = await startBoxProcess(boxData, await freePort());
    const b = box;
    const pinSignIn = (userId: string, pin: string) =>
      fetch(`${b.url}${owner.base}/auth/pin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId, pin }),
      });
    // The box mirrors the venue: the floor person signs in on the box with the cloud's PIN.
    const signedIn = await until('the mirrored staff to sign in', async () => {
      const res = await pinSignIn(invite.user.id, '7391');
      return res.status === 200 ? ((await res.json()) as { token: string }) : null;
    });
    const status = await fetch(`${b.url}/api/v1/box/status`, {
      headers: { authorization: `Bearer ${signedIn.token}` },
    });
    const s = (await status.json()) as {
      paired: boolean;
      venueId: string;
      cloudReachable: boolean;
      lastSyncAt: number;
    };
    expect(s).toMatchObject({ paired: true, venueId: owner.venueId, cloudReachable: true });
    expect(s.lastSyncAt).toBeGreaterThan(0);

    // A tournament the box runs: its events reach the cloud, and a player following there.
    const boxOwner = await until('the owner to sign in on the box', async () => {
      const res = await pinSignIn(owner.userId, '5827');
      return res.status === 200 ? ((await res.json()) as { token: string }).token : null;
    });
    const onBox = sessionFor(
      httpTarget('box', 'box', () => b.url),
      owner.venueId,
      boxOwner,
      owner.userId,
    );
    const id = await onBox.newTournament('Box Cup');
    expect((await onBox.command(id, 'OpenRegistration')).status).toBe(201);
    const cloudTarget = httpTarget('cloud', 'cloud', () => cloud.url);
    const publicLive = `/api/v1/public/venues/${owner.venueId}/tournaments/${id}/live`;
    await until('the tournament to reach the cloud', async () => {
      const res = await owner.fetch(`${owner.base}/tournaments/${id}/events`);
      return res.status === 200 && ((await res.json()) as { seq: number }).seq >= 2 ? true : null;
    });
    const follower = await cloudTarget.openSocket(`${publicLive}?after=2`, ['felt']);
    expect((await follower.next()).type).toBe('hello');
    const sent = Date.now();
    expect((await onBox.command(id, 'Register', { playerId: 'p-ane', name: 'Ane Berg' })).status).toBe(201);
    const frame = await follower.next(10_000);
    expect(frame.type).toBe('events');
    expect((frame.events as { type: string; event: { name: string } }[])[0]).toMatchObject({
      type: 'EntryRegistered',
      event: { name: 'Ane Berg' },
    });
    expect(Date.now() - sent).toBeLessThan(5000);
    follower.close();
    // The cloud's log is the box's, event for event (same seq, eventId, body).
    const boxLog = (await (await onBox.fetch(`${onBox.base}/tournaments/${id}/events`)).json()) as {
      events: unknown[];
    };
    const cloudLog = (await (await owner.fetch(`${owner.base}/tournaments/${id}/events`)).json()) as {
      events: unknown[];
    };
    expect(cloudLog.events).toEqual(boxLog.events);
    // The cloud does not decide a box-run tournament: it holds the command (sent twice, as a
    // phone on a bad line would) until the box pulls it; the box decides it once; its event
    // comes back up.
    const online = crypto.randomUUID();
    for (let i = 0; i < 2; i++) {
      const held = await owner.command(id, 'Register', { playerId: 'p-online', name: 'Online Olga' }, online);
      expect(held.status).toBe(202);
      expect(await held.json()).toMatchObject({ queued: true, commandId: online });
    }
    await until('the held command to run on the box and come back', async () => {
      const log = (await (await owner.fetch(`${owner.base}/tournaments/${id}/events`)).json()) as {
        events: { event: { name?: string } }[];
      };
      return log.events.some((e) => e.event.name === 'Online Olga') ? true : null;
    });
    const onBoxLog = (await (await onBox.fetch(`${onBox.base}/tournaments/${id}/events`)).json()) as {
      events: { event: { name?: string; commandId?: string } }[];
    };
    expect(onBoxLog.events.filter((e) => e.event.commandId === online)).toHaveLength(1);
    const listed = (await (await owner.fetch(`${owner.base}/tournaments`)).json()) as {
      tournaments: { id: string; home?: string }[];
    };
    expect(listed.tournaments.find((t) => t.id === id)?.home).toMatch(/^box_/);

    // Staff, templates and settings are the cloud's to change on a paired box (a mirror would undo them).
    const invite2 = await onBox.post(`${onBox.base}/staff/invites`, {
      name: 'X',
      email: 'x@box.test',
      role: 'floor',
    });
    expect(invite2.status).toBe(409);
    expect(((await invite2.json()) as { error: { code: string } }).error.code).toBe('MANAGED_IN_CLOUD');
    // LAN clients show in the box's status.
    const lanFollower = await httpTarget('box', 'box', () => b.url).openSocket(
      `/api/v1/public/venues/${owner.venueId}/tournaments/${id}/live`,
      ['felt'],
    );
    expect((await lanFollower.next()).type).toBe('hello');
    const lan = (await (
      await fetch(`${b.url}/api/v1/box/status`, { headers: { authorization: `Bearer ${boxOwner}` } })
    ).json()) as { lanClients: number; tournaments: { id: string; backlog: number }[] };
    expect(lan.lanClients).toBeGreaterThanOrEqual(1);
    expect(lan.tournaments.find((t) => t.id === id)?.backlog).toBe(0);
    lanFollower.close();

    // A walk-in added to the player database on the box survives the next mirror and reaches
    // the cloud's database.
    const walkIn = await onBox.post(`${onBox.base}/players`, { name: 'Walk-in Willa' });
    expect(walkIn.status).toBe(201);
    const willa = ((await walkIn.json()) as { player: { id: string } }).player.id;
    await until('the walk-in to reach the cloud', async () => {
      const res = await owner.fetch(`${owner.base}/players/${willa}`);
      return res.status === 200 ? true : null;
    });
    expect((await onBox.fetch(`${onBox.base}/players/${willa}`)).status).toBe(200);

    // The cloud lists the box; the owner unpairs it; the box's next sync is refused.
    const boxes = (await (await owner.fetch(`${owner.base}/boxes`)).json()) as {
      boxes: { id: string; name: string }[];
    };
    expect(boxes.boxes.map((x) => x.name)).toEqual(['Bar box']);
    expect(
      (await owner.fetch(`${owner.base}/boxes/${boxes.boxes[0]!.id}`, { method: 'DELETE' })).status,
    ).toBe(200);
    await until('the box to notice it was unpaired', async () => {
      const res = await fetch(`${b.url}/api/v1/box/status`, {
        headers: { authorization: `Bearer ${signedIn.token}` },
      });
      const st = (await res.json()) as { lastError: string | null };
      return st.lastError?.includes('unpaired') ? true : null;
    });

    // Cut off from the cloud, the box keeps signing its staff in (their PIN hashes are local).
    await cloud.stop();
    expect((await pinSignIn(invite.user.id, '7391')).status).toBe(200);
    expect((await pinSignIn(owner.userId, '5827')).status).toBe(200);
    const cli = spawnBoxCli(['status', '--data-dir', boxData]);
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toMatch(new RegExp(`paired: +yes, venue ${owner.venueId}`));
    expect(cli.output()).toMatch(/last error: /);
    expect(cli.output()).toMatch(
      new RegExp(`tournament ${id} "Box Cup": home box_\\w+, epoch 0, (\\d+)/\\1 events in the cloud`),
    );
  }, 120_000);
});
