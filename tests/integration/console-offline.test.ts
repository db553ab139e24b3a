/**
 * The console on a paired box with the internet down (DESIGN.md: 72 hours, nothing lost):
 * the owner signs in with the box's PIN pad, the console shows the cloud link, the line is
 * cut and the console says so while the TD keeps registering and running the clock; the line
 * heals and the cloud gets every event.
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
import { hasChromium, launchChromium, SHOTS } from './helpers/console-browser.ts';
import { ConsoleDriver } from './helpers/console-driver.ts';
import { type LinkProxy, startLinkProxy } from './helpers/link-proxy.ts';
import { httpTarget } from './helpers/node-target.ts';
import { ownerOnBox, pairAndStartBox, until } from './helpers/paired-box.ts';

const PIN = '5827';
const dir = mkdtempSync(join(tmpdir(), 'felt-console-offline-'));
let cloud: RunningCloud;
let proxy: LinkProxy;
let box: BoxProcess | null = null;
let owner: VenueSession;
let browser: Browser;

beforeAll(async () => {
  const port = await freePort();
  cloud = await startCloud({ port, persistTo: join(dir, 'cloud') });
  proxy = await startLinkProxy(port);
  owner = await signUpVenue(
    httpTarget('cloud', 'cloud', () => cloud.url),
    { prefix: 'offline', name: 'Offline Club', pin: PIN },
  );
  if (hasChromium) browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await box?.interrupt();
  await proxy?.close();
  await cloud?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const seqOf = async (s: VenueSession, id: string) =>
  ((await (await s.fetch(`${s.base}/tournaments/${id}/events`)).json()) as { seq: number }).seq;

describe.skipIf(!hasChromium)('the console on a box with the internet down', () => {
  it('keeps working, says the cloud is out of reach, and the cloud gets everything when the line is back', async () => {
    box = await pairAndStartBox(owner, proxy.url, join(dir, 'box'), 'Venue box', {
      syncMs: 200,
      mirrorMs: 400,
    });
    const b = box;
    const onBox = await ownerOnBox(b, owner, PIN);
    const id = await onBox.newTournament('Offline Cup', 'regular');

    // The PIN pad: the box's sign-in, which works without the cloud.
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${b.url}/v/${owner.venueId}/staff`);
    await page.getByRole('button', { name: /Olivia Owner/ }).click();
    for (const d of PIN) await page.getByRole('button', { name: `Digit ${d}` }).click();
    await page.getByRole('button', { name: 'Sign in' }).first().click();
    await page.waitForURL(`${b.url}/v/${owner.venueId}/staff/tournaments`);

    const td = new ConsoleDriver(page, b.url, owner.venueId);
    td.tournamentId = id;
    await page.goto(td.consoleUrl);
    await expect
      .poll(() => page.getByTestId('connection').textContent(), { timeout: 30_000 })
      .toContain('cloud synced');
    await td.tap('Open registration', 'Registration opened');

    // The line goes down: the console says so within its poll, and everything still works.
    proxy.cut();
    await expect
      .poll(() => page.getByTestId('connection').textContent(), { timeout: 40_000 })
      .toContain('internet down');
    await td.tab('Entries');
    for (const name of ['Nora Net', 'Otto Offline', 'Pia Partition']) await td.register(name);
    await td.tab('Clock');
    await td.tap('Start tournament', 'Started with 3 players');
    await td.tap('Pause', 'Clock paused');
    await page.screenshot({ path: join(SHOTS, 'console-offline-tablet.png'), fullPage: true });
    const onTheBox = await seqOf(onBox, id);
    expect(await seqOf(owner, id), 'the cloud has not had them yet').toBeLessThan(onTheBox);

    // The line is back: the outbox reaches the cloud, the console says synced again.
    proxy.heal();
    await until(
      'the cloud to hold every event',
      async () => ((await seqOf(owner, id)) === onTheBox ? true : null),
      {
        timeoutMs: 30_000,
        context: () => b.output().slice(-2000),
      },
    );
    await expect
      .poll(() => page.getByTestId('connection').textContent(), { timeout: 40_000 })
      .toContain('cloud synced');
    expect(errors).toEqual([]);
    await context.close();
  });
});
