/**
 * A box-run cash room reached through the cloud, in Chromium: the floor runs the room on the
 * box (its LAN), the box pushes the room's events to the cloud, and a phone on the cloud's
 * address (anywhere) sees the board, joins the list (held by the cloud until the box pulls
 * it), and gets the call the floor makes on the box. Real processes on loopback.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCloud, startCloud } from '../../scripts/lib/cloud.ts';
import { freePort } from '../../scripts/lib/free-port.ts';
import { signUpVenue, type VenueSession } from '../contract/session.ts';
import type { BoxProcess } from './helpers/box-process.ts';
import { hasChromium, launchChromium, SIZES } from './helpers/console-browser.ts';
import { httpTarget } from './helpers/node-target.ts';
import { ownerOnBox, pairAndStartBox, until } from './helpers/paired-box.ts';

interface Board {
  games: { id: string; waitlist: { name: string; playerId: string | null; calledUntil: number | null }[] }[];
}

describe.skipIf(!hasChromium)('a box-run cash room through the cloud', () => {
  const dir = mkdtempSync(join(tmpdir(), 'felt-cash-cloud-'));
  let cloud: RunningCloud;
  let box: BoxProcess;
  let browser: Browser;
  let owner: VenueSession;
  let onBox: VenueSession;

  const floor = async (type: string, payload: Record<string, unknown>) => {
    const res = await onBox.post(`${onBox.base}/cash/commands`, {
      commandId: crypto.randomUUID(),
      type,
      payload,
    });
    expect(res.status, `${type}: ${await res.clone().text()}`).toBe(201);
  };
  const boardAt = async (url: string) =>
    (await (await fetch(`${url}/api/v1/public/venues/${owner.venueId}/cash`)).json()) as Board;

  beforeAll(async () => {
    cloud = await startCloud({ port: await freePort(), persistTo: join(dir, 'cloud') });
    owner = await signUpVenue(
      httpTarget('cloud', 'cloud', () => cloud.url),
      { prefix: 'cashc', pin: '5827' },
    );
    box = await pairAndStartBox(owner, cloud.url, join(dir, 'box'), 'Floor box', {
      syncMs: 300,
      mirrorMs: 500,
      heldMs: 300,
    });
    onBox = await ownerOnBox(box, owner, '5827');
    await floor('CreateGame', { gameId: 'nlh', name: 'NLH 5/10', callMinutes: 3 });
    await floor('OpenTable', { tableId: 't1', gameId: 'nlh', name: 'Table 1', seats: 9 });
    await floor('SetSeatsTaken', { tableId: 't1', taken: 8 });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await box?.interrupt();
    await cloud?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("shows the box's room on the cloud; a phone joins there and is called from the box", {
    timeout: 180_000,
  }, async () => {
    await until('the room to reach the cloud', async () => {
      const b = await boardAt(cloud.url);
      return b.games.some((g) => g.id === 'nlh') || null;
    });

    const phone = await (await browser.newContext({ viewport: SIZES.phone })).newPage();
    await phone.goto(`${cloud.url}/v/${owner.venueId}/cash`);
    await phone.getByRole('button', { name: 'Join the NLH 5/10 list' }).click();
    await phone.getByLabel('Your name').fill('Remote Rita');
    await phone.getByRole('button', { name: 'Put me on the list' }).click();

    // Held by the cloud, pulled and decided by the box, pushed back: on both boards.
    const onTheBox = await until('the join to reach the box', async () => {
      const b = await boardAt(box.url);
      return b.games[0]?.waitlist.find((w) => w.name === 'Remote Rita') ?? null;
    });
    expect(onTheBox.playerId).toMatch(/^phone-/);
    const me = phone.getByTestId('cash-me');
    await expect.poll(() => me.textContent(), { timeout: 15_000 }).toContain('You are #1 of 1 for NLH 5/10');

    // The floor, on the box, calls the next: the phone on the cloud takes the whole screen.
    await floor('CallNext', { gameId: 'nlh' });
    const call = phone.getByTestId('cash-call');
    await call.waitFor({ timeout: 15_000 });
    expect(await phone.getByTestId('cash-call-countdown').textContent()).toMatch(/^(3:00|2:[0-5]\d)$/);
    await phone.getByRole('button', { name: 'On my way' }).click();
    await floor('SeatPlayer', { gameId: 'nlh', playerId: onTheBox.playerId, tableId: 't1' });
    await expect.poll(() => me.textContent(), { timeout: 15_000 }).toContain('Seated at Table 1');

    // The cloud never decides the box's room: a floor command sent there is held for the box.
    const held = await owner.post(`${owner.base}/cash/commands`, {
      commandId: 'from-the-office',
      type: 'JoinWaitlist',
      payload: { gameId: 'nlh', playerId: 'p-office', name: 'Office Olle' },
    });
    expect(held.status).toBe(201);
    expect(((await held.json()) as { queued?: boolean }).queued).toBe(true);
    await until('the held floor command to run on the box', async () => {
      const b = await boardAt(box.url);
      return b.games[0]?.waitlist.some((w) => w.name === 'Office Olle') || null;
    });
  });
});
