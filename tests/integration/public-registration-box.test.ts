/**
 * Online pre-registration for a box-run tournament: the player registers on the cloud's public
 * page (anywhere), the cloud holds the Register for the box, the box pulls and decides it, its
 * events come back up, and the registrant's confirmation page on the cloud then says they are
 * in; a refusal the box decides (the field is full, no waiting list) reaches the
 * confirmation too. Real processes on loopback: `wrangler dev`, the paired box.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCloud, startCloud } from '../../scripts/lib/cloud.ts';
import { freePort } from '../../scripts/lib/free-port.ts';
import { signUpVenue, type VenueSession } from '../contract/session.ts';
import type { BoxProcess } from './helpers/box-process.ts';
import { httpTarget } from './helpers/node-target.ts';
import { ownerOnBox, pairAndStartBox, until } from './helpers/paired-box.ts';

describe('pre-registering on the cloud for a box-run tournament', () => {
  const dir = mkdtempSync(join(tmpdir(), 'felt-prereg-box-'));
  let cloud: RunningCloud;
  let box: BoxProcess;
  let owner: VenueSession;
  let onBox: VenueSession;
  let id: string;

  beforeAll(async () => {
    cloud = await startCloud({ port: await freePort(), persistTo: join(dir, 'cloud') });
    owner = await signUpVenue(
      httpTarget('cloud', 'cloud', () => cloud.url),
      { prefix: 'prebox', pin: '5827' },
    );
    const on = await owner.post(owner.base, { publish: { onlineRegistration: true } }, 'PATCH');
    expect(on.status).toBe(200);
    box = await pairAndStartBox(owner, cloud.url, join(dir, 'box'), 'Floor box', {
      syncMs: 300,
      mirrorMs: 500,
      heldMs: 300,
    });
    onBox = await ownerOnBox(box, owner, '5827');
    id = await onBox.newTournament('Box Cup');
    const opened = await onBox.command(id, 'OpenRegistration');
    expect(opened.status).toBe(201);
  }, 180_000);

  afterAll(async () => {
    await box?.interrupt();
    await cloud?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const confirmationPage = (requestId: string) =>
    `${cloud.url}/v/${owner.venueId}/t/${id}/register/${requestId}`;

  it('is held for the box, decided there, and the confirmation page then says so', async () => {
    // The cloud's public summary lists the box's tournament once its first push arrives.
    let summary = '';
    await until(
      'the box-run tournament open on the cloud page',
      async () => {
        summary = await (await fetch(`${cloud.url}/api/v1/public/venues/${owner.venueId}/summary`)).text();
        return summary.includes('"online":true') && summary.includes(id) ? true : null;
      },
      { timeoutMs: 30_000, context: () => `${summary}\n${box.output().slice(-2000)}` },
    );

    const requestId = crypto.randomUUID();
    const form = new URLSearchParams({
      requestId,
      name: 'Nina Nielsen',
      email: 'nina@example.com',
      phone: '',
    });
    const posted = await fetch(`${cloud.url}/v/${owner.venueId}/t/${id}/register`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
        origin: cloud.url,
      },
      body: form,
      redirect: 'manual',
    });
    expect(posted.status, await posted.clone().text()).toBe(303);
    expect(posted.headers.get('location')).toBe(`/v/${owner.venueId}/t/${id}/register/${requestId}`);

    const registered = await until(
      'the box to decide the held registration',
      async () => {
        const html = await (await fetch(confirmationPage(requestId))).text();
        if (html.includes('data-kind="pending"')) return null;
        return html;
      },
      { timeoutMs: 30_000, context: () => box.output().slice(-2000) },
    );
    expect(registered).toContain('data-kind="registered"');
    expect(registered).toContain('You are registered');
    // The box has the entry, marked as online.
    const view = (await (await onBox.fetch(`${onBox.base}/tournaments/${id}`)).json()) as {
      standings: { entries: { name: string; online?: boolean }[] };
    };
    expect(view.standings.entries).toEqual([expect.objectContaining({ name: 'Nina Nielsen', online: true })]);
  }, 90_000);

  it("carries the box's refusal to the confirmation page", async () => {
    // The TD at the box caps the field at two with no waiting list, and seats a walk-in: full.
    const configured = await onBox.command(id, 'Configure', { rules: { capacity: 2, waitingList: false } });
    expect(configured.status, await configured.clone().text()).toBe(201);
    expect((await onBox.command(id, 'Register', { playerId: 'walk-in', name: 'Otto Olsen' })).status).toBe(
      201,
    );
    // The cloud does not decide: it holds this one for the box, which refuses it.
    const requestId = crypto.randomUUID();
    const res = await fetch(
      `${cloud.url}/api/v1/public/venues/${owner.venueId}/tournaments/${id}/registrations`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ requestId, name: 'Pia Petersen' }),
      },
    );
    expect(res.status, await res.clone().text()).toBe(201);
    expect(((await res.json()) as { outcome: { kind: string } }).outcome.kind).toBe('pending');
    const refused = await until(
      'the box to refuse the held registration',
      async () => {
        const html = await (await fetch(confirmationPage(requestId))).text();
        return html.includes('data-kind="pending"') ? null : html;
      },
      { timeoutMs: 30_000, context: () => box.output().slice(-2000) },
    );
    expect(refused).toContain('data-kind="refused"');
    expect(refused).toContain('Not registered');
    expect(refused).toMatch(/full/i);
    const view = (await (await onBox.fetch(`${onBox.base}/tournaments/${id}`)).json()) as {
      standings: { entries: { name: string }[] };
    };
    expect(view.standings.entries.map((e) => e.name).sort()).toEqual(['Nina Nielsen', 'Otto Olsen']);
  }, 60_000);
});
