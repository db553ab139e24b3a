/**
 * A player's phone following a box-run tournament through the cloud, in Chromium: the box is
 * the tournament's home (its TD works on the LAN), the phone is on the cloud's address
 * (anywhere). The phone finds its seat by name, and a table move and a new level made on the
 * box reach it as full-screen alerts through the box's sync. Real processes on loopback:
 * `wrangler dev`, the paired box, Chromium.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCloud, startCloud } from '../../scripts/lib/cloud.ts';
import { freePort } from '../../scripts/lib/free-port.ts';
import type { TournamentView } from '../../web/src/lib/api.ts';
import { signUpVenue, type VenueSession } from '../contract/session.ts';
import type { BoxProcess } from './helpers/box-process.ts';
import { hasChromium, launchChromium, SHOTS } from './helpers/console-browser.ts';
import { httpTarget } from './helpers/node-target.ts';
import { ownerOnBox, pairAndStartBox, until } from './helpers/paired-box.ts';

const NAMES = [
  'Ane Berg',
  'Bo Dahl',
  'Cai Holm',
  'Dea Lund',
  'Eli Moe',
  'Fia Nygaard',
  'Gry Ravn',
  'Hal Sand',
];

describe.skipIf(!hasChromium)('a phone following a box-run tournament through the cloud', () => {
  const dir = mkdtempSync(join(tmpdir(), 'felt-phone-cloud-'));
  let cloud: RunningCloud;
  let box: BoxProcess;
  let browser: Browser;
  let owner: VenueSession;
  let onBox: VenueSession;
  let id: string;

  const command = async (type: string, payload: object = {}) => {
    const res = await onBox.command(id, type, payload as Record<string, unknown>);
    expect(res.status, `${type}: ${await res.clone().text()}`).toBe(201);
  };
  const boxView = async () =>
    (await (await onBox.fetch(`${onBox.base}/tournaments/${id}`)).json()) as TournamentView;

  beforeAll(async () => {
    cloud = await startCloud({ port: await freePort(), persistTo: join(dir, 'cloud') });
    owner = await signUpVenue(
      httpTarget('cloud', 'cloud', () => cloud.url),
      { prefix: 'phone', pin: '5827' },
    );
    box = await pairAndStartBox(owner, cloud.url, join(dir, 'box'), 'Floor box', {
      syncMs: 300,
      mirrorMs: 500,
    });
    onBox = await ownerOnBox(box, owner, '5827');
    id = await onBox.newTournament('Box Cup');
    await command('OpenRegistration');
    for (const [i, name] of NAMES.entries()) await command('Register', { playerId: `p-${i}`, name });
    await command('DrawSeats');
    await command('StartTournament');
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await box?.interrupt();
    await cloud?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds its seat on the cloud and is alerted of a level change made on the box', async () => {
    const seated = (await boxView()).standings.entries.find((e) => e.name === 'Ane Berg');
    expect(seated).toBeDefined();
    const cloudSeq = async () => {
      const res = await fetch(`${cloud.url}/api/v1/public/venues/${owner.venueId}/tournaments/${id}`);
      return res.status === 200 ? ((await res.json()) as TournamentView) : null;
    };
    const started = await until('the started tournament to reach the cloud', async () => {
      const v = await cloudSeq();
      return v?.standings.clock?.status === 'running' ? v : null;
    });
    expect(started.standings.playersLeft).toBe(NAMES.length);

    const phone: Page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${cloud.url}/v/${owner.venueId}/t/${id}`);
    await phone.getByLabel('Your name').fill('Ane');
    await phone.getByRole('button', { name: 'This is me: Ane Berg' }).click();
    const where = phone.getByTestId('my-seat-where');
    await expect.poll(() => where.textContent(), { timeout: 15_000 }).toMatch(/seat \d+/);

    // The TD moves the clock on at the box; the phone, on the cloud, hears of it.
    const sent = Date.now();
    await command('GoToLevel', { levelIndex: 1 });
    await expect
      .poll(
        () =>
          phone
            .getByTestId('player-alert')
            .textContent()
            .catch(() => ''),
        { timeout: 20_000 },
      )
      .toContain('Level 2');
    const lagMs = Date.now() - sent;
    console.log(`box → cloud → phone: the level alert after ${lagMs} ms (sync every 300 ms)`);
    await phone.screenshot({ path: join(SHOTS, 'player-via-cloud-alert-phone.png') });
    await phone.getByRole('button', { name: 'OK' }).click();

    // A bust at the box reaches the phone's figures too.
    const out = (await boxView()).standings.entries.find((e) => e.name === 'Hal Sand');
    await command('BustPlayers', { busts: [{ entryId: out?.entryId }] });
    await expect
      .poll(() => phone.getByTestId('players-left').textContent(), { timeout: 20_000 })
      .toBe('7 / 8');
    await phone.close();
  }, 120_000);
});
