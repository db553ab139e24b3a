/**
 * What people see, in headless Chromium (Debian's chromium, driven by playwright-core) against
 * the real box: the home page with the demo club, and a tournament page following live.
 * Screenshots land in test-results/screenshots/ to be looked at.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/free-port.ts';
import { ROOT } from '../../scripts/lib/paths.ts';
import { type DemoSeed, seedDemo } from '../../scripts/lib/seed.ts';
import { type BoxProcess, startBoxProcess } from './helpers/box-process.ts';

const CHROMIUM = process.env.FELT_CHROMIUM ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set FELT_CHROMIUM)`,
  );
}
const shots = join(ROOT, 'test-results', 'screenshots');

describe.skipIf(!hasChromium)('the web app in Chromium (on the box)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'felt-browser-'));
  let box: BoxProcess;
  let browser: Browser;
  let seed: DemoSeed;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    box = await startBoxProcess(dataDir, await freePort());
    seed = await seedDemo(box.url);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await box?.interrupt();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('home page shows the demo club, its tournament and a healthy box', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(box.url);
    await expect.poll(() => page.getByTestId('health').textContent()).toContain('Healthy · box · libsql');
    await expect.poll(() => page.getByRole('link', { name: 'Demo Poker Club' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('link', { name: 'Friday Night Deepstack' }).count()).toBe(1);
    await page.screenshot({ path: join(shots, 'home.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('tournament page shows the running clock and follows commands live over the WebSocket', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${box.url}/t/${seed.tournamentId}`);
    await expect.poll(() => page.getByTestId('live-status').textContent()).toContain('Live');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Friday Night Deepstack');
    await expect.poll(() => page.getByTestId('blinds').textContent()).toMatch(/\d+ \/ \d+/);
    await expect.poll(() => page.getByTestId('players-left').textContent()).toBe('20 / 20');
    const first = await page.getByTestId('time-left').textContent();
    await page.waitForTimeout(1500);
    expect(await page.getByTestId('time-left').textContent(), 'the clock counts down').not.toBe(first);
    const res = await fetch(`${box.url}/api/v1/tournaments/${seed.tournamentId}/commands`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ commandId: 'browser-pause', type: 'PauseClock', payload: {} }),
    });
    expect(res.status).toBe(201);
    await expect.poll(() => page.getByTestId('clock').textContent(), { timeout: 10_000 }).toContain('paused');
    await page.screenshot({ path: join(shots, 'tournament-live.png'), fullPage: true });
    await page.close();
  });
});
