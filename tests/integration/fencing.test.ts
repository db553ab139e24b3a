/**
 * Epoch fencing (DESIGN.md "One writer per tournament"): the box runs a tournament and pushes
 * it to the cloud; the link is cut; the owner promotes the cloud (the box is "lost"); the box
 * keeps working offline; the link heals: every event the box decided after the promotion is
 * refused by the cloud and kept as a conflict report — none is merged.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCloud, startCloud } from '../../scripts/lib/cloud.ts';
import { freePort } from '../../scripts/lib/free-port.ts';
import { signUpVenue, type VenueSession } from '../contract/session.ts';
import type { BoxProcess } from './helpers/box-process.ts';
import { type LinkProxy, startLinkProxy } from './helpers/link-proxy.ts';
import { httpTarget } from './helpers/node-target.ts';
import { ownerOnBox, pairAndStartBox, until as waitUntil } from './helpers/paired-box.ts';

const dir = mkdtempSync(join(tmpdir(), 'felt-fencing-'));
let cloud: RunningCloud;
let proxy: LinkProxy;
let box: BoxProcess | null = null;
let owner: VenueSession;

beforeAll(async () => {
  const port = await freePort();
  cloud = await startCloud({ port, persistTo: join(dir, 'cloud') });
  proxy = await startLinkProxy(port);
  owner = await signUpVenue(
    httpTarget('cloud', 'cloud', () => cloud.url),
    { prefix: 'fenced', pin: '5827' },
  );
});

afterAll(async () => {
  await box?.interrupt();
  await proxy?.close();
  await cloud?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Waits with the box's output in the error, for a failure to be readable. */
function until<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 20_000): Promise<T> {
  return waitUntil(what, probe, { timeoutMs, context: () => box?.output().slice(-3000) ?? '' });
}

const seqOf = async (s: VenueSession, id: string) =>
  ((await (await s.fetch(`${s.base}/tournaments/${id}/events`)).json()) as { seq: number }).seq;

describe('fencing a lost box', () => {
  it('refuses and reports 100 % of the events the old home decided after the cloud was promoted', async () => {
    // The box reaches the cloud only through the proxy.
    box = await pairAndStartBox(owner, proxy.url, join(dir, 'box'), 'Lost box', {
      syncMs: 200,
      mirrorMs: 400,
    });
    const b = box;
    const onBox = await ownerOnBox(b, owner, '5827');
    const id = await onBox.newTournament('Fenced Cup');
    await onBox.command(id, 'OpenRegistration');
    for (const p of ['a', 'b', 'c'])
      await onBox.command(id, 'Register', { playerId: p, name: `Player ${p}` });
    const synced = await seqOf(onBox, id);
    await until('the cloud to hold the box’s events', async () =>
      (await seqOf(owner, id)) === synced ? true : null,
    );

    // The line goes down; the owner, off-site, declares the box lost and promotes the cloud.
    proxy.cut();
    const promoted = await owner.post(`${owner.base}/tournaments/${id}/promote`, {});
    expect(promoted.status).toBe(200);
    expect(await promoted.json()).toMatchObject({ home: 'cloud', epoch: 1 });
    // The cloud now decides it (its copy is the box's up to the cut).
    expect((await owner.command(id, 'Register', { playerId: 'cloud-1', name: 'Cloud Player' })).status).toBe(
      201,
    );

    // The box, cut off, keeps running its tournament.
    const late = ['d', 'e', 'f', 'g'];
    for (const p of late)
      expect((await onBox.command(id, 'Register', { playerId: p, name: `Late ${p}` })).status).toBe(201);
    const boxSeq = await seqOf(onBox, id);
    expect(boxSeq).toBe(synced + late.length);

    proxy.heal();
    const reports = await until('the late events to be reported', async () => {
      const res = await owner.fetch(`${owner.base}/tournaments/${id}/conflicts`);
      const body = (await res.json()) as {
        conflicts: { seqs: number[]; from: string; epoch: number; currentEpoch: number }[];
      };
      return body.conflicts.length > 0 ? body.conflicts : null;
    });
    const reported = new Set(reports.flatMap((r) => r.seqs));
    for (let seq = synced + 1; seq <= boxSeq; seq++)
      expect(reported.has(seq), `seq ${seq} reported`).toBe(true);
    expect(reports[0]).toMatchObject({ epoch: 0, currentEpoch: 1 });
    // None of them was merged: the cloud's log is the box's up to the cut, then its own.
    const cloudLog = (await (await owner.fetch(`${owner.base}/tournaments/${id}/events`)).json()) as {
      events: { seq: number; type: string; event: { name?: string } }[];
    };
    expect(cloudLog.events.length).toBe(synced + 1);
    expect(cloudLog.events.at(-1)?.event.name).toBe('Cloud Player');
    expect(cloudLog.events.some((e) => e.event.name?.startsWith('Late'))).toBe(false);
    // The handover is in the audit log; the box's status names the refusal.
    const audit = (await (await owner.fetch(`${owner.base}/audit`)).json()) as {
      entries: { action: string }[];
    };
    expect(audit.entries.map((e) => e.action)).toContain('tournament.handover');
    // The cloud records the conflict before it answers the box's push, so the box may not
    // have noted the refusal yet when the report appears: wait for its status to say so.
    const row = await until('the box to note the refusal', async () => {
      const status = (await (
        await fetch(`${b.url}/api/v1/box/status`, { headers: { authorization: `Bearer ${onBox.token}` } })
      ).json()) as { tournaments: { id: string; refused: string | null; backlog: number }[] };
      const found = status.tournaments.find((t) => t.id === id);
      return found?.refused ? found : null;
    });
    expect(row.refused).toMatch(/not the home/);
    expect(row.backlog).toBe(late.length);
  }, 120_000);

  it('hands a cloud-made tournament to the box before the event: the box takes its log and runs it', async () => {
    const b = box;
    if (!b) throw new Error('the box of the previous test is not running');
    const boxes = (await (await owner.fetch(`${owner.base}/boxes`)).json()) as {
      boxes: { id: string; revokedAt: number | null }[];
    };
    const boxId = boxes.boxes.find((x) => x.revokedAt === null)?.id ?? '';
    // Made and opened in the cloud, a week before the event.
    const id = await owner.newTournament('Saturday Main');
    await owner.command(id, 'OpenRegistration');
    await owner.command(id, 'Register', { playerId: 'early', name: 'Early Bird' });
    const before = await seqOf(owner, id);
    const claimed = await owner.post(`${owner.base}/tournaments/${id}/claim`, { boxId });
    expect(claimed.status).toBe(200);
    expect(await claimed.json()).toMatchObject({ home: boxId, epoch: 1 });
    // The cloud now holds commands for the box instead of deciding them.
    expect((await owner.command(id, 'Register', { playerId: 'online', name: 'Online Ida' })).status).toBe(
      202,
    );
    const onBox = await ownerOnBox(b, owner, '5827');
    // The box takes the log over at its next mirror, runs the held command, and decides from then on.
    await until('the box to take the tournament over', async () =>
      (await seqOf(onBox, id)) >= before ? true : null,
    );
    expect((await onBox.command(id, 'Register', { playerId: 'at-door', name: 'At The Door' })).status).toBe(
      201,
    );
    const names = async (s: VenueSession) =>
      (
        (await (await s.fetch(`${s.base}/tournaments/${id}`)).json()) as {
          standings: { entries: { name: string }[] };
        }
      ).standings.entries
        .map((e) => e.name)
        .sort();
    await until('both copies to agree', async () => {
      const [mine, theirs] = [await names(onBox), await names(owner)];
      return mine.length === 3 && JSON.stringify(mine) === JSON.stringify(theirs) ? true : null;
    });
    expect(await names(owner)).toEqual(['At The Door', 'Early Bird', 'Online Ida']);
    const audit = (await (await owner.fetch(`${owner.base}/audit`)).json()) as {
      entries: { action: string; details: { to?: string } | null }[];
    };
    expect(audit.entries.some((e) => e.action === 'tournament.handover' && e.details?.to === boxId)).toBe(
      true,
    );
  }, 120_000);
});
