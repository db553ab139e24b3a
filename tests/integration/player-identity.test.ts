/**
 * A player's Felt account in Chromium. On the local cloud: the venue's staff open a player's
 * page in the console and issue a link code (text and QR); the player, on their phone, creates
 * a Felt account at /me, types the code, and sees the club and their result; the staff page
 * then says only "Linked to a Felt account". On the box, Felt accounts are the cloud's: the
 * console's player page and /me say so plainly instead of failing (docs/PLAYERS.md).
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OWNER, DEMO_VENUE, seedDemo } from '../../scripts/lib/seed.ts';
import {
  hasChromium,
  launchChromium,
  SHOTS,
  SIZES,
  seriousA11yViolations,
  shootAllSizes,
  staffPage,
  staffToken,
} from './helpers/console-browser.ts';
import { RUNTIMES, startFresh } from './helpers/runtimes.ts';

describe.skipIf(!hasChromium).each(RUNTIMES)('players’ Felt accounts on the $name', (runtime) => {
  let server: { url: string; stop: () => Promise<unknown> };
  let browser: Browser;
  let token: string;
  let tournamentId: string;

  beforeAll(async () => {
    server = await startFresh(runtime, 'identity');
    tournamentId = (await seedDemo(server.url)).tournamentId;
    token = await staffToken(server.url, DEMO_VENUE.id, DEMO_OWNER.email, DEMO_OWNER.password);
    // Anna (the first entry) busts: her result is 20th of 20.
    const res = await fetch(
      `${server.url}/api/v1/venues/${DEMO_VENUE.id}/tournaments/${tournamentId}/commands`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          commandId: 'bust-anna',
          type: 'BustPlayers',
          payload: { busts: [{ entryId: 'e1' }] },
        }),
      },
    );
    expect(res.status, await res.text()).toBe(201);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const check = async (page: Page, name: string) => {
    await shootAllSizes(page, `identity-${runtime.name}-${name}`);
    expect(await seriousA11yViolations(page), `axe on ${name}`).toEqual([]);
  };

  /** The console's People page, Anna found and her page opened. */
  async function annaPage(page: Page): Promise<void> {
    await page.goto(`${server.url}/v/${DEMO_VENUE.id}/staff/people`);
    await page.getByLabel('Search players').fill('Anna Holm');
    await page.getByTestId('player-results').getByRole('link', { name: 'Anna Holm' }).click();
    await page.getByRole('heading', { name: 'Anna Holm', level: 1 }).waitFor({ timeout: 10_000 });
  }

  it('staff issue a code, the player signs up on /me, links and sees their history', {
    timeout: 240_000,
  }, async () => {
    const { page: desk, errors } = await staffPage(browser, DEMO_VENUE.id, token, 'tablet');
    await annaPage(desk);
    const panel = desk.getByTestId('felt-link');

    if (runtime.name === 'box') {
      await expect
        .poll(() => panel.textContent(), { timeout: 10_000 })
        .toContain('Felt accounts are linked in the cloud console');
      await check(desk, 'staff-player');
      const phone = await browser.newPage({ viewport: SIZES.phone });
      await phone.goto(`${server.url}/me`);
      await phone.getByLabel('Email').fill('anna.holm@players.test');
      await phone
        .getByLabel('Choose a password (at least 10 characters)')
        .fill('correct horse battery staple');
      await phone.getByRole('button', { name: 'Create account', exact: true }).last().click();
      await expect
        .poll(() => phone.getByRole('alert').textContent(), { timeout: 10_000 })
        .toContain('Felt accounts live in the cloud');
      await check(phone, 'me-on-box');
      await phone.close();
      expect(errors).toEqual([]);
      return;
    }

    await expect.poll(() => panel.textContent(), { timeout: 10_000 }).toContain('Not linked');
    await panel.getByRole('button', { name: 'Link code', exact: true }).click();
    const codeText = panel.getByTestId('link-code');
    await codeText.waitFor({ timeout: 10_000 });
    const code = (await codeText.textContent())?.trim() ?? '';
    expect(code).toMatch(/^[A-Z2-9]{6}-[A-Z2-9]{8}$/);
    // The QR code opens the player's page with the code filled in.
    await expect
      .poll(() => panel.getByTestId('qr').getAttribute('data-url'), { timeout: 10_000 })
      .toBe(`${server.url}/me?code=${encodeURIComponent(code)}`);
    await check(desk, 'staff-code');

    // The player scans it on their phone: /me with the code, creates an account, links.
    const phone = await browser.newPage({ viewport: SIZES.phone });
    const phoneErrors: string[] = [];
    phone.on('pageerror', (e) => phoneErrors.push(e.message));
    await phone.goto(`${server.url}/me?code=${encodeURIComponent(code)}`);
    await phone.getByRole('heading', { name: 'My Felt', level: 1 }).waitFor({ timeout: 10_000 });
    await check(phone, 'me-signup');
    await phone.getByLabel('Email').fill('anna.holm@players.test');
    await phone.getByLabel('Choose a password (at least 10 characters)').fill('correct horse battery staple');
    await phone.locator('form').getByRole('button', { name: 'Create account', exact: true }).click();
    await expect
      .poll(() => phone.getByTestId('me-email').textContent(), { timeout: 10_000 })
      .toBe('anna.holm@players.test');
    await expect(phone.getByLabel('Link code').inputValue()).resolves.toBe(code);
    await phone.getByRole('button', { name: 'Link', exact: true }).click();
    await expect
      .poll(() => phone.getByTestId('link-note').textContent(), { timeout: 10_000 })
      .toContain('Linked to Demo Poker Club as Anna Holm');
    const history = phone.getByTestId('my-history');
    await expect.poll(() => history.textContent(), { timeout: 10_000 }).toContain('Friday Night Deepstack');
    expect(await history.textContent()).toContain('20th');
    expect(await phone.getByTestId('my-links').textContent()).toContain('Demo Poker Club');
    await check(phone, 'me-linked');
    await phone.screenshot({ path: join(SHOTS, 'identity-me-linked-phone-viewport.png') });

    // The venue sees that Anna is linked, and nothing of the account.
    await desk.reload();
    await expect.poll(() => panel.textContent(), { timeout: 10_000 }).toContain('Linked to a Felt account');
    expect(await desk.textContent('body')).not.toContain('anna.holm@players.test');
    await check(desk, 'staff-linked');

    // The code was single use: typing it again says so.
    await phone.getByLabel('Link code').fill(code);
    await phone.getByRole('button', { name: 'Link', exact: true }).click();
    await expect
      .poll(() => phone.getByRole('alert').textContent(), { timeout: 10_000 })
      .toContain('ask the venue');

    // Deleting the account, from the phone: the club's record becomes "Deleted player".
    await phone.getByRole('button', { name: 'Delete my account…' }).click();
    await phone.getByLabel('Your password, to confirm').fill('correct horse battery staple');
    await check(phone, 'me-delete');
    await phone.getByRole('button', { name: 'Delete for good' }).click();
    await phone.getByTestId('deleted').waitFor({ timeout: 10_000 });
    await desk.reload();
    await desk.getByRole('heading', { name: 'Deleted player', level: 1 }).waitFor({ timeout: 10_000 });
    await expect.poll(() => panel.textContent(), { timeout: 10_000 }).toContain('deleted their Felt account');
    await check(desk, 'staff-forgotten');
    expect([...errors, ...phoneErrors]).toEqual([]);
    await phone.close();
  });
});
