/**
 * What people see, in headless Chromium (Debian's chromium, driven by playwright-core) against
 * the real box with the demo club seeded: the home page and a venue code, the public
 * tournament screen following live, staff sign-in (password, wrong password, the box's PIN
 * pad), the staff tournament list and screen, and the people page.
 * Screenshots land in test-results/screenshots/ to be looked at.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/free-port.ts';
import {
  DEMO_OWNER,
  DEMO_TOURNAMENT_NAME,
  DEMO_VENUE,
  type DemoSeed,
  seedDemo,
} from '../../scripts/lib/seed.ts';
import { type BoxProcess, startBoxProcess } from './helpers/box-process.ts';
import {
  hasChromium,
  launchChromium,
  SHOTS,
  seriousA11yViolations,
  shootAllSizes,
} from './helpers/console-browser.ts';

const shots = SHOTS;

describe.skipIf(!hasChromium)('the web app in Chromium (on the box)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'felt-browser-'));
  let box: BoxProcess;
  let browser: Browser;
  let seed: DemoSeed;
  let ownerToken: string;
  let publicCode: string;
  let dealerId: string;
  const DEALER_PIN = '7391';
  /** Errors thrown in any page: a page that throws has a bug even when the test passes. */
  const pageErrors: string[] = [];

  /** A page in a fresh context (its own localStorage: nobody signed in). */
  async function freshPage(viewport = { width: 1024, height: 700 }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
    return page;
  }

  async function api(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${box.url}/api/v1${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ownerToken}`, ...init.headers },
    });
  }

  async function signInWithPassword(page: Page, password: string): Promise<void> {
    await page.goto(`${box.url}/v/${DEMO_VENUE.id}/staff`);
    await page.getByLabel('Email', { exact: true }).fill(DEMO_OWNER.email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).last().click();
  }

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    box = await startBoxProcess(dataDir, await freePort());
    seed = await seedDemo(box.url);
    const signedIn = await fetch(`${box.url}/api/v1/venues/${DEMO_VENUE.id}/auth/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO_OWNER.email, password: DEMO_OWNER.password }),
    });
    expect(signedIn.status).toBe(200);
    ownerToken = ((await signedIn.json()) as { token: string }).token;
    const venuePage = await fetch(`${box.url}/api/v1/public/venues/${DEMO_VENUE.id}`);
    publicCode = ((await venuePage.json()) as { venue: { publicCode: string } }).venue.publicCode;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await box?.interrupt();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('given the home page, when a visitor enters the venue code, then the venue page lists the running demo tournament', async () => {
    const page = await freshPage();
    await page.goto(box.url);
    await expect.poll(() => page.getByTestId('health').textContent()).toContain('Healthy · box · libsql');
    await expect.poll(() => page.getByRole('link', { name: 'Sign up your venue' }).count()).toBe(1);
    await page.getByLabel('Venue code').fill(publicCode.toLowerCase());
    await page.screenshot({ path: join(shots, 'home.png'), fullPage: true });
    await page.getByRole('button', { name: 'Open' }).click();
    await page.waitForURL(`${box.url}/v/${DEMO_VENUE.id}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(DEMO_VENUE.name);
    // The venue page is server-rendered: the running tournament is under "Live now" with its
    // level and field, and the QR of its player page.
    const live = page.getByTestId('live').locator('article').filter({ hasText: DEMO_TOURNAMENT_NAME });
    await expect.poll(() => live.textContent()).toContain('of 20 left');
    const link = `${box.url}/v/${DEMO_VENUE.id}/t/${seed.tournamentId}`;
    await live
      .getByRole('img', { name: `QR code for ${link}`, exact: true })
      .locator('svg')
      .waitFor();
    await page.screenshot({ path: join(shots, 'venue.png'), fullPage: true });
    // A code nobody has says so.
    await page.goto(`${box.url}/p/ZZZZZZ`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('No venue has the code ZZZZZZ');
    await page.context().close();
  });

  it('given the public tournament screen, when the TD pauses the clock through the API, then the screen shows it live', async () => {
    const page = await freshPage({ width: 390, height: 844 });
    await page.goto(`${box.url}/v/${DEMO_VENUE.id}/t/${seed.tournamentId}`);
    // The first socket of a page can take over a second on a busy machine (it did in CI).
    await expect
      .poll(() => page.getByTestId('live-status').textContent(), { timeout: 10_000 })
      .toContain('Live');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(DEMO_TOURNAMENT_NAME);
    await expect.poll(() => page.getByTestId('blinds').textContent()).toMatch(/\d+ \/ \d+/);
    await expect.poll(() => page.getByTestId('players-left').textContent()).toBe('20 / 20');
    await expect.poll(() => page.getByTestId('players').textContent()).toContain('Anna Holm');
    const first = await page.getByTestId('time-left').textContent();
    await page.waitForTimeout(1500);
    expect(await page.getByTestId('time-left').textContent(), 'the clock counts down').not.toBe(first);
    // From here on the screen follows the socket alone: the frames carry the view's changes.
    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/')) requests.push(r.url());
    });
    page.on('websocket', (ws) => requests.push(`new socket ${ws.url()}`));
    const res = await api(`/venues/${DEMO_VENUE.id}/tournaments/${seed.tournamentId}/commands`, {
      method: 'POST',
      body: JSON.stringify({ commandId: 'browser-pause', type: 'PauseClock', payload: {} }),
    });
    expect(res.status).toBe(201);
    await expect.poll(() => page.getByTestId('clock').textContent(), { timeout: 10_000 }).toContain('paused');
    expect(requests.join(' '), 'no request and no reconnect per event').toBe('');
    await page.screenshot({ path: join(shots, 'tournament-live.png'), fullPage: true });
    await page.context().close();
  });

  it('given the staff sign-in page, when the password is wrong, then it says so and stays on the page', async () => {
    const page = await freshPage();
    await signInWithPassword(page, 'not the demo password');
    await expect.poll(() => page.getByTestId('signin-error').textContent()).toBe('Wrong email or password');
    expect(page.url()).toBe(`${box.url}/v/${DEMO_VENUE.id}/staff`);
    // On the box the PIN pad sits beside the password form.
    await expect.poll(() => page.getByRole('button', { name: new RegExp(DEMO_OWNER.name) }).count()).toBe(1);
    await shootAllSizes(page, 'staff-signin');
    expect(await seriousA11yViolations(page), 'axe on staff-signin').toEqual([]);
    await page.context().close();
  });

  it('given a dealer locked out after 10 wrong PINs, when they use the PIN pad, then it says so plainly', async () => {
    const email = 'dana@demo.felt';
    const invited = await api(`/venues/${DEMO_VENUE.id}/staff/invites`, {
      method: 'POST',
      body: JSON.stringify({ name: 'Dana Dealer', email, role: 'dealer' }),
    });
    expect(invited.status).toBe(201);
    const { inviteCode, user } = (await invited.json()) as { inviteCode: string; user: { id: string } };
    dealerId = user.id;
    const accepted = await api(`/venues/${DEMO_VENUE.id}/auth/accept-invite`, {
      method: 'POST',
      body: JSON.stringify({ email, code: inviteCode, password: 'dana-dealer-password', pin: DEALER_PIN }),
    });
    expect(accepted.status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await api(`/venues/${DEMO_VENUE.id}/auth/pin`, {
        method: 'POST',
        body: JSON.stringify({ userId: dealerId, pin: '0000' }),
      });
      statuses.push(res.status);
    }
    expect(statuses.at(-1)).toBe(423);

    const page = await freshPage({ width: 600, height: 900 });
    await page.goto(`${box.url}/v/${DEMO_VENUE.id}/staff`);
    await page.getByRole('button', { name: /Dana Dealer/ }).click();
    for (const d of DEALER_PIN) await page.getByRole('button', { name: `Digit ${d}` }).click();
    await page.getByRole('button', { name: 'Sign in' }).first().click();
    await expect
      .poll(() => page.getByTestId('pin-error').textContent())
      .toMatch(/^Locked after 10 wrong PINs until \d{2}[:.]\d{2} — ask an owner to unlock$/);
    await shootAllSizes(page, 'staff-pin-locked');
    expect(await seriousA11yViolations(page), 'axe on staff-pin-locked').toEqual([]);
    await page.context().close();
  });

  it('given an invite code, when the new floor person joins on the join page, then they land signed in as floor', async () => {
    const email = 'finn@demo.felt';
    const invited = await api(`/venues/${DEMO_VENUE.id}/staff/invites`, {
      method: 'POST',
      body: JSON.stringify({ name: 'Finn Floor', email, role: 'floor' }),
    });
    expect(invited.status).toBe(201);
    const { inviteCode } = (await invited.json()) as { inviteCode: string };
    const page = await freshPage();
    await page.goto(`${box.url}/v/${DEMO_VENUE.id}/join`);
    await page.getByLabel(/Email/).fill(email);
    await page.getByLabel('Invite code').fill(inviteCode.toLowerCase());
    await page.getByLabel(/Choose a password/).fill('finn-floor-password');
    await page.getByRole('button', { name: 'Join' }).click();
    await page.waitForURL(`${box.url}/v/${DEMO_VENUE.id}/staff/tournaments`);
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toContain('Finn Floor · floor');
    await shootAllSizes(page, 'staff-join');
    expect(await seriousA11yViolations(page), 'axe on staff-join').toEqual([]);
    await page.context().close();
  });

  it('given the owner signs in with the password, then the list shows the demo tournament running and the TD runs it', async () => {
    const page = await freshPage();
    await signInWithPassword(page, DEMO_OWNER.password);
    await page.waitForURL(`${box.url}/v/${DEMO_VENUE.id}/staff/tournaments`);
    await expect
      .poll(() => page.getByTestId('signed-in-as').textContent())
      .toContain(`${DEMO_OWNER.name} · owner`);
    const row = page
      .getByTestId('tournament-list')
      .getByRole('listitem')
      .filter({ hasText: DEMO_TOURNAMENT_NAME });
    await expect.poll(() => row.getByTestId('status').textContent()).toBe('Running');
    await expect.poll(() => page.getByLabel('Template').locator('option').count()).toBeGreaterThan(0);
    await shootAllSizes(page, 'staff-tournaments');
    expect(await seriousA11yViolations(page), 'axe on staff-tournaments').toEqual([]);

    // The staff screen: the clock was paused above, so the TD sees Resume.
    await row.getByRole('link').click();
    await page.waitForURL(`${box.url}/v/${DEMO_VENUE.id}/staff/t/${seed.tournamentId}`);
    // The first socket of a page can take over a second on a busy machine (it did in CI).
    await expect
      .poll(() => page.getByTestId('live-status').textContent(), { timeout: 10_000 })
      .toContain('Live');
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Pause', exact: true }).count(), { timeout: 10_000 })
      .toBe(1);
    await expect.poll(() => page.getByTestId('clock').textContent()).not.toContain('paused');
    // Every action is followed by its undo.
    await expect.poll(() => page.getByTestId('toast-done').textContent()).toContain('Clock resumed');

    // Registering a new name adds the player to the venue and the tournament (late registration).
    await page.getByRole('link', { name: 'Entries' }).click();
    await page.getByLabel('Find or add a player').fill('Zoe Browser');
    await page.getByRole('button', { name: 'Add and register' }).click();
    await expect
      .poll(() => page.getByTestId('entries').textContent(), { timeout: 10_000 })
      .toContain('Zoe Browser');
    await page.getByRole('link', { name: 'Clock' }).click();
    await expect.poll(() => page.getByTestId('players-left').textContent()).toBe('21 / 21');
    await page.screenshot({ path: join(shots, 'staff-tournament.png'), fullPage: true });

    // A reload keeps the person signed in, with their buttons.
    await page.reload();
    await expect
      .poll(() => page.getByRole('button', { name: 'Pause', exact: true }).count(), { timeout: 10_000 })
      .toBe(1);

    // People: staff with their lock state, and the player search as you type.
    await page.getByRole('link', { name: 'People' }).click();
    await page.waitForURL(`${box.url}/v/${DEMO_VENUE.id}/staff/people`);
    await expect.poll(() => page.getByTestId('staff-list').textContent()).toContain(DEMO_OWNER.email);
    await expect.poll(() => page.getByRole('button', { name: 'Invite' }).count()).toBe(1);
    const dana = page.getByTestId('staff-list').getByRole('listitem').filter({ hasText: 'Dana Dealer' });
    await expect.poll(() => dana.getByTestId('lock').textContent()).toMatch(/^PIN locked until/);
    await page.getByLabel('Search players').fill('zoe');
    await expect.poll(() => page.getByTestId('player-results').textContent()).toContain('Zoe Browser');
    await shootAllSizes(page, 'staff-people');
    expect(await seriousA11yViolations(page), 'axe on staff-people').toEqual([]);
    await dana.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => dana.getByTestId('lock').count()).toBe(0);
    const staff = (await (await api(`/venues/${DEMO_VENUE.id}/staff`)).json()) as {
      staff: { id: string; pinLock: { locked: boolean } }[];
    };
    expect(staff.staff.find((s) => s.id === dealerId)?.pinLock.locked).toBe(false);

    // A new tournament from a template opens on its staff screen, ready to open registration.
    await page.getByRole('link', { name: 'Tournaments' }).click();
    await page.waitForURL(`${box.url}/v/${DEMO_VENUE.id}/staff/tournaments`);
    await page.getByLabel('Name', { exact: true }).fill('Browser Cup');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(new RegExp(`/v/${DEMO_VENUE.id}/staff/t/[^/]+$`));
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Browser Cup');
    await page.getByRole('button', { name: 'Open registration' }).click();
    await expect.poll(() => page.getByTestId('phase').textContent()).toContain('registration open');
    await expect.poll(() => page.getByRole('button', { name: 'Start tournament' }).count()).toBe(1);

    // Signing out forgets the token: staff pages lead back to the sign-in page.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${box.url}/v/${DEMO_VENUE.id}/staff`);
    await page.goto(`${box.url}/v/${DEMO_VENUE.id}/staff/tournaments`);
    await page.waitForURL(`${box.url}/v/${DEMO_VENUE.id}/staff`);
    await page.context().close();
  });

  it('given the box, when the owner picks their name on the PIN pad and taps the PIN, then they are signed in', async () => {
    const page = await freshPage({ width: 600, height: 900 });
    await page.goto(`${box.url}/v/${DEMO_VENUE.id}/staff`);
    await page.getByRole('button', { name: new RegExp(DEMO_OWNER.name) }).click();
    await expect.poll(() => page.getByTestId('pin-name').textContent()).toBe(DEMO_OWNER.name);
    const tap = async (pin: string) => {
      for (const d of pin) await page.getByRole('button', { name: `Digit ${d}` }).click();
      await page.getByRole('button', { name: 'Sign in' }).first().click();
    };
    await tap('0000');
    await expect.poll(() => page.getByTestId('pin-error').textContent()).toBe('Wrong PIN');
    await tap(DEMO_OWNER.pin);
    await page.waitForURL(`${box.url}/v/${DEMO_VENUE.id}/staff/tournaments`);
    await expect
      .poll(() => page.getByTestId('tournament-list').textContent())
      .toContain(DEMO_TOURNAMENT_NAME);
    await page.context().close();
  });

  it('throws no errors in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
