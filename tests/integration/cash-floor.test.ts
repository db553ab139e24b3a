/**
 * Cash games in Chromium on the box and on the local cloud: the floor starts a game, opens a
 * table and counts its seats, adds a player at the desk; a phone joins the list and sees its
 * place; the floor calls the next and the phone gets a full-screen call with a countdown; the
 * venue's TV shows the list; the floor seats them and the phone says where; the seat is undone
 * from the floor's toast.
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

describe.skipIf(!hasChromium).each(RUNTIMES)('cash games on the $name', (runtime) => {
  let server: { url: string; stop: () => Promise<unknown> };
  let browser: Browser;
  let token: string;

  beforeAll(async () => {
    server = await startFresh(runtime, 'cash');
    await seedDemo(server.url);
    token = await staffToken(server.url, DEMO_VENUE.id, DEMO_OWNER.email, DEMO_OWNER.password);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const shoot = async (page: Page, name: string) => {
    if (runtime.name === 'box') await shootAllSizes(page, `cash-${name}`);
    expect(await seriousA11yViolations(page), `axe on cash-${name}`).toEqual([]);
  };

  it('runs a list from the floor to a seat, with the phone called and told where', {
    timeout: 240_000,
  }, async () => {
    const { page: floor, errors } = await staffPage(browser, DEMO_VENUE.id, token, 'phone');
    await floor.goto(`${server.url}/v/${DEMO_VENUE.id}/staff/tournaments`);
    await floor
      .getByRole('navigation', { name: 'Staff' })
      .getByRole('link', { name: 'Cash', exact: true })
      .click();
    await floor.getByRole('heading', { name: 'Cash games', level: 1 }).waitFor({ timeout: 10_000 });
    const toast = (text: string) => floor.getByTestId('cash-toast').filter({ hasText: text });

    await floor.getByLabel('New game').fill('NLH 5/10');
    await floor.getByLabel('Call lasts (min)').fill('2');
    await floor.getByRole('button', { name: 'Start game' }).click();
    const game = floor.getByTestId('cash-game');
    await game.waitFor({ timeout: 10_000 });
    await floor.getByLabel('Table', { exact: true }).fill('Table 1');
    await floor.getByLabel('Seats').fill('3');
    await floor.getByRole('button', { name: 'Open table' }).click();
    const seatsText = floor.getByTestId('cash-table-seats').first();
    await expect.poll(() => seatsText.textContent(), { timeout: 10_000 }).toBe('0/3');
    // Two players already there that Felt did not seat; one more counted by mistake, undone.
    const more = floor.getByRole('button', { name: 'One more seat taken at Table 1' });
    for (const expected of ['1/3', '2/3', '3/3']) {
      await more.click();
      await expect.poll(() => seatsText.textContent(), { timeout: 10_000 }).toBe(expected);
    }
    await toast('Table 1: 3 of 3 seats taken').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => seatsText.textContent(), { timeout: 10_000 }).toBe('2/3');

    // Anna at the desk; Bo from his phone.
    await floor.getByLabel('Name', { exact: true }).fill('Anna Desk');
    await floor.getByRole('button', { name: 'Add to the list' }).click();
    await expect.poll(() => floor.getByTestId('cash-waiting').count(), { timeout: 10_000 }).toBe(1);

    const phoneContext = await browser.newContext({ viewport: SIZES.phone });
    const phone = await phoneContext.newPage();
    const phoneErrors: string[] = [];
    phone.on('pageerror', (e) => phoneErrors.push(e.message));
    await phone.goto(`${server.url}/v/${DEMO_VENUE.id}`);
    await phone.getByRole('link', { name: /Cash games/ }).click();
    await phone.getByRole('button', { name: 'Join the NLH 5/10 list' }).click();
    await phone.getByLabel('Your name').fill('Bo Phone');
    await phone.getByRole('button', { name: 'Put me on the list' }).click();
    const me = phone.getByTestId('cash-me');
    await expect.poll(() => me.textContent(), { timeout: 10_000 }).toContain('You are #2 of 2 for NLH 5/10');
    await expect.poll(() => floor.getByTestId('cash-waiting').count(), { timeout: 10_000 }).toBe(2);
    expect(await floor.getByTestId('cash-waiting').nth(1).textContent()).toContain('phone');
    await shoot(phone, 'phone-waiting');

    // The one open seat: Anna is called and seated; Bo moves up.
    await floor.getByRole('button', { name: 'Call next' }).click();
    await expect.poll(() => floor.getByTestId('cash-called').count(), { timeout: 10_000 }).toBe(1);
    await floor.getByTestId('cash-waiting').first().getByRole('button', { name: 'Seat at Table 1' }).click();
    await expect.poll(() => me.textContent(), { timeout: 10_000 }).toContain('You are #1 of 1');

    // A seat opens (a player leaves); Bo is called: his phone takes the whole screen.
    await floor.getByRole('button', { name: 'One seat fewer taken at Table 1' }).click();
    await expect.poll(() => seatsText.textContent(), { timeout: 10_000 }).toBe('2/3');
    await floor.getByRole('button', { name: 'Call next' }).click();
    const call = phone.getByTestId('cash-call');
    await call.waitFor({ timeout: 10_000 });
    expect(await call.textContent()).toContain('Your seat is ready');
    expect(await phone.getByTestId('cash-call-countdown').textContent()).toMatch(/^(2:00|1:[0-5]\d)$/);
    await shoot(phone, 'phone-called');
    await expect
      .poll(() => floor.getByTestId('cash-called').textContent(), { timeout: 5000 })
      .toMatch(/called · [12]:\d\d/);
    await shoot(floor, 'floor');
    await phone.getByRole('button', { name: 'On my way' }).click();

    // The venue's TV shows the game, its seats and its list, the called player marked.
    const tv = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await tv.goto(`${server.url}/v/${DEMO_VENUE.id}/tv`);
    const board = tv.getByTestId('tv-cash');
    await expect.poll(() => board.textContent(), { timeout: 10_000 }).toContain('Bo Phone — to the desk');
    expect(await board.textContent()).toContain('NLH 5/10');
    if (runtime.name === 'box') await tv.screenshot({ path: join(SHOTS, 'cash-tv.png') });
    await tv.close();

    await floor.getByTestId('cash-waiting').first().getByRole('button', { name: 'Seat at Table 1' }).click();
    await expect.poll(() => me.textContent(), { timeout: 10_000 }).toContain('Seated at Table 1');
    // Seated by mistake: undone from the toast, Bo is back on the list.
    await toast('Bo Phone seated at Table 1').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => me.textContent(), { timeout: 10_000 }).toContain('You are #1 of 1');
    expect(await seatsText.textContent()).toBe('2/3');

    // The main table fills; a must-move table opens and takes Bo; a main seat opens, he moves.
    await more.click();
    await expect.poll(() => seatsText.textContent(), { timeout: 10_000 }).toBe('3/3');
    await floor.getByLabel('Table', { exact: true }).fill('Must 1');
    await floor.getByLabel('Seats').fill('2');
    await floor.getByLabel('Must move').check();
    await floor.getByRole('button', { name: 'Open table' }).click();
    await expect.poll(() => floor.getByTestId('cash-table').count(), { timeout: 10_000 }).toBe(2);
    await floor.getByRole('button', { name: 'Call next' }).click();
    await call.waitFor({ timeout: 10_000 });
    await phone.getByRole('button', { name: 'On my way' }).click();
    await floor.getByTestId('cash-waiting').first().getByRole('button', { name: 'Seat at Must 1' }).click();
    await expect.poll(() => me.textContent(), { timeout: 10_000 }).toContain('Seated at Must 1');
    await floor.getByRole('button', { name: 'One seat fewer taken at Table 1' }).click();
    const movers = floor.getByTestId('cash-movers');
    await expect.poll(() => movers.textContent(), { timeout: 10_000 }).toContain('Next to move: Bo Phone');
    await movers.getByRole('button', { name: 'Move to Table 1' }).click();
    await expect.poll(() => me.textContent(), { timeout: 10_000 }).toContain('Seated at Table 1');
    expect(await movers.count()).toBe(0);

    expect(errors).toEqual([]);
    expect(phoneErrors).toEqual([]);
    await phoneContext.close();
  });
});
