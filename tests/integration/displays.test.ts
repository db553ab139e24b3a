/**
 * The display registry end to end in Chromium, on the real box and the local cloud: a screen
 * opens /display and shows a pairing code; staff add it from the console (phone size) by that
 * code with a tournament and views; the screen follows every change live without a reload:
 * a new view, an undo, an announcement to all and its clearing, slides with a picture, a
 * power cycle (reload) that brings it back as the same screen, and removal (back to a new
 * code). The API refuses bad input with the reason and changes nothing. Screenshots and axe
 * on the box run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/free-port.ts';
import { ROOT } from '../../scripts/lib/paths.ts';
import { DEMO_OWNER, DEMO_VENUE, seedDemo } from '../../scripts/lib/seed.ts';
import {
  hasChromium,
  launchChromium,
  SHOTS,
  type StaffPage,
  seriousA11yViolations,
  shootAllSizes,
  staffPage,
  staffToken,
} from './helpers/console-browser.ts';
import { RUNTIMES, type Server } from './helpers/runtimes.ts';

const PICTURE = join(ROOT, 'web', 'static', 'icon-512.png');

describe.skipIf(!hasChromium).each(RUNTIMES)(
  'screens paired and steered from the console on the $name',
  (runtime) => {
    const dataDir = mkdtempSync(join(tmpdir(), `felt-displays-${runtime.name}-`));
    const shots = runtime.name === 'box';
    let port: number;
    let server: Server;
    let browser: Browser;
    let token: string;
    let tournamentId: string;
    let staff: StaffPage;
    let screen: Page;

    const url = () => `http://127.0.0.1:${port}`;
    const api = (path: string, init: RequestInit = {}, auth = true) =>
      fetch(`${url()}/api/v1${path}`, {
        ...init,
        headers: { ...(auth && { authorization: `Bearer ${token}` }), 'content-type': 'application/json' },
      });
    const listed = async () =>
      (
        (await (await api(`/venues/${DEMO_VENUE.id}/displays`)).json()) as {
          displays: { id: string; name: string }[];
        }
      ).displays;
    const screenView = () => screen.locator('[data-testid="tv"]').getAttribute('data-view');
    const toast = (text: RegExp) => staff.page.getByTestId('toast-done').filter({ hasText: text }).first();

    beforeAll(async () => {
      port = await freePort();
      server = await runtime.start(dataDir, port);
      tournamentId = (await seedDemo(url())).tournamentId;
      token = await staffToken(url(), DEMO_VENUE.id, DEMO_OWNER.email, DEMO_OWNER.password);
      browser = await launchChromium();
      staff = await staffPage(browser, DEMO_VENUE.id, token, 'phone');
      screen = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('pairs a screen by its code and steers it live: views, undo, announcements, slides, power cycle, removal', async () => {
      await screen.goto(`${url()}/display`);
      const codeEl = screen.getByTestId('pairing-code');
      await codeEl.waitFor();
      const code = (await codeEl.textContent())?.trim() ?? '';
      expect(code).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
      if (shots) await screen.screenshot({ path: join(SHOTS, 'display-pairing-720p.png') });

      // Staff add it from the console on a phone: a name, the running tournament, the clock.
      const p = staff.page;
      await p.goto(`${url()}/v/${DEMO_VENUE.id}/staff/displays`);
      await p.getByTestId('no-displays').waitFor();
      const add = p.getByTestId('add-display');
      await add.getByTestId('add-code').fill(code.toLowerCase());
      await add.getByTestId('add-name').fill('Bar TV');
      await add.getByTestId('assign-tournament').selectOption(tournamentId);
      await add.getByTestId('assign-save').click();
      await toast(/Added Bar TV/).waitFor();

      // The screen leaves its code for the clock by itself.
      // (The wrapper has no size of its own: the screen inside is fixed to the viewport.)
      await screen
        .locator('[data-testid="display"][data-phase="paired"]')
        .waitFor({ state: 'attached', timeout: 15_000 });
      await expect.poll(screenView, { timeout: 10_000 }).toBe('clock');
      await screen.getByTestId('tv-time').waitFor();
      const card = p.getByTestId('display-card').filter({ hasText: 'Bar TV' });
      await expect
        .poll(() => card.getByTestId('display-online').textContent(), { timeout: 15_000 })
        .toBe('online');

      // Reassigned to seating: it follows without a reload; the undo brings the clock back.
      await card.locator('summary').click();
      const form = card.getByTestId('assignment-form');
      await form.getByTestId('assign-view-clock').uncheck();
      await form.getByTestId('assign-view-seating').check();
      await form.getByTestId('assign-save').click();
      await toast(/Bar TV now shows seating/).waitFor();
      await expect.poll(screenView, { timeout: 10_000 }).toBe('seating');
      await toast(/Bar TV now shows seating/)
        .getByRole('button', { name: 'Undo' })
        .click();
      await toast(/Undone: Bar TV now shows seating/).waitFor();
      await expect.poll(screenView, { timeout: 10_000 }).toBe('clock');

      // An announcement to every screen, over the clock; then cleared.
      const all = p.getByRole('region', { name: 'Every screen' });
      await all.getByTestId('announce-text').fill('Dinner break in 10 minutes');
      await all.getByTestId('announce-for').selectOption('');
      await all.getByTestId('announce-send').click();
      await expect
        .poll(
          () =>
            screen
              .getByTestId('tv-announcement')
              .textContent()
              .catch(() => null),
          { timeout: 10_000 },
        )
        .toContain('Dinner break in 10 minutes');
      if (shots) await screen.screenshot({ path: join(SHOTS, 'display-announcement-720p.png') });
      await all.getByTestId('announce-clear').click();
      await toast(/Cleared the announcement on every screen/).waitFor();
      await expect.poll(() => screen.getByTestId('tv-announcement').count(), { timeout: 10_000 }).toBe(0);

      // A slide with a picture, then the screen shows the slides only (no tournament).
      const slides = p.getByTestId('slides');
      const newSlide = slides.getByTestId('slide-form').last();
      await newSlide.getByTestId('slide-title').fill('Friday Deepstack');
      await newSlide.getByTestId('slide-text').fill('€100 buy-in · 20,000 chips · 19:00');
      await newSlide.getByTestId('slide-image').setInputFiles(PICTURE);
      await newSlide.getByTestId('slide-save').click();
      await toast(/Added slide Friday Deepstack/).waitFor();
      await form.getByTestId('assign-tournament').selectOption('');
      await form.getByTestId('assign-view-clock').uncheck();
      await form.getByTestId('assign-view-slides').check();
      await form.getByTestId('assign-save').click();
      await toast(/Bar TV now shows slides/).waitFor();
      const slide = screen.getByTestId('tv-slide');
      await expect
        .poll(() => slide.textContent().catch(() => ''), { timeout: 10_000 })
        .toContain('Friday Deepstack');
      await expect
        .poll(() => slide.locator('img').evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth), {
          timeout: 10_000,
        })
        .toBe(512);
      if (shots) await screen.screenshot({ path: join(SHOTS, 'display-slide-720p.png') });

      // A power cycle: the screen comes back as the same screen, with what it was showing.
      await screen.reload();
      await screen
        .locator('[data-testid="display"][data-name="Bar TV"]')
        .waitFor({ state: 'attached', timeout: 15_000 });
      await expect
        .poll(() => slide.textContent().catch(() => ''), { timeout: 10_000 })
        .toContain('Friday Deepstack');

      if (shots) {
        await p.reload();
        await p.getByTestId('display-card').first().waitFor();
        await shootAllSizes(p, 'console-displays');
        expect(await seriousA11yViolations(p), 'axe on the screens page').toEqual([]);
      }

      // Removed (held): the screen goes back to pairing with a new code.
      await card.getByRole('button', { name: 'Remove Bar TV (hold to confirm)' }).click({ delay: 1100 });
      await toast(/Removed Bar TV/).waitFor();
      await screen.getByTestId('pairing-code').waitFor({ timeout: 15_000 });
      await expect.poll(() => screen.getByTestId('pairing-code').textContent()).not.toBe(code);
      expect(await listed()).toEqual([]);
      expect(staff.errors).toEqual([]);
    }, 180_000);

    it('refuses bad input with the reason and changes nothing', async () => {
      const v = `/venues/${DEMO_VENUE.id}`;
      const before = await listed();
      const wrongCode = await api(`${v}/displays`, {
        method: 'POST',
        body: JSON.stringify({ code: 'ZZZZZZ', name: 'TV' }),
      });
      expect(wrongCode.status).toBe(404);
      expect(((await wrongCode.json()) as { error: { code: string } }).error.code).toBe(
        'PAIRING_CODE_NOT_FOUND',
      );

      const made = (await (await api('/displays', { method: 'POST' }, false)).json()) as {
        displayId: string;
        key: string;
        code: string;
      };
      const needsTournament = await api(`${v}/displays`, {
        method: 'POST',
        body: JSON.stringify({
          code: made.code,
          name: 'TV',
          assignment: { tournamentId: null, views: ['clock'], everyS: 20 },
        }),
      });
      expect(needsTournament.status).toBe(422);
      expect(await needsTournament.text()).toMatch(/need a tournament/);
      const unknownTournament = await api(`${v}/displays`, {
        method: 'POST',
        body: JSON.stringify({
          code: made.code,
          name: 'TV',
          assignment: { tournamentId: 'nope-nope', views: ['clock'], everyS: 20 },
        }),
      });
      expect(unknownTournament.status).toBe(404);
      const badView = await api(`${v}/displays`, {
        method: 'POST',
        body: JSON.stringify({
          code: made.code,
          name: 'TV',
          assignment: { tournamentId, views: ['weather'], everyS: 20 },
        }),
      });
      expect(badView.status).toBe(400);
      const anonymous = await api(
        `${v}/displays`,
        { method: 'POST', body: JSON.stringify({ code: made.code, name: 'TV' }) },
        false,
      );
      expect(anonymous.status).toBe(401);
      // The code survived every refusal: the screen is still waiting for it.
      const status = await fetch(`${url()}/api/v1/displays/${made.displayId}`, {
        headers: { 'x-display-key': made.key },
      });
      expect(await status.json()).toMatchObject({ state: 'pending', code: made.code });
      const wrongKey = await fetch(`${url()}/api/v1/displays/${made.displayId}`, {
        headers: { 'x-display-key': 'x'.repeat(43) },
      });
      expect(wrongKey.status).toBe(404);

      const notPng = await api(`${v}/slides/bad-picture`, {
        method: 'PUT',
        body: JSON.stringify({
          title: 'Bad',
          text: '',
          image: { type: 'image/png', base64: btoa('GIF89a not a png') },
        }),
      });
      expect(notPng.status).toBe(400);
      expect(await notPng.text()).toMatch(/not a PNG file/);
      const slides = (await (await api(`/public${v}/slides`, {}, false)).json()) as {
        slides: { id: string }[];
      };
      expect(slides.slides.map((s) => s.id)).not.toContain('bad-picture');
      expect(await listed()).toEqual(before);
    });
  },
);
