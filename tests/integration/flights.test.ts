/**
 * A two-flight event end to end in Chromium, on the box and on the local cloud: two flights
 * played (set up over the API), each bagged from the console's Bag tab by keyboard (a bag per
 * field, Enter to the next, the held button), the event advanced from its page, and Day 2
 * showing who carried which stack from which flight (a player in both flights keeps the best
 * stack). Screenshots at phone, tablet and TV; axe on every page.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OWNER, DEMO_VENUE, seedDemo } from '../../scripts/lib/seed.ts';
import {
  hasChromium,
  launchChromium,
  seriousA11yViolations,
  shootAllSizes,
  staffPage,
  staffToken,
} from './helpers/console-browser.ts';
import { RUNTIMES, startFresh } from './helpers/runtimes.ts';

describe.skipIf(!hasChromium).each(RUNTIMES)('a two-flight event on the $name', (runtime) => {
  let server: { url: string; stop: () => Promise<unknown> };
  let browser: Browser;
  let token: string;
  const v = DEMO_VENUE.id;

  beforeAll(async () => {
    server = await startFresh(runtime, 'flights');
    await seedDemo(server.url);
    token = await staffToken(server.url, v, DEMO_OWNER.email, DEMO_OWNER.password);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const api = async (path: string, body?: unknown) => {
    const res = await fetch(`${server.url}/api/v1/venues/${v}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    return (await res.json()) as Record<string, unknown>;
  };
  const command = (id: string, type: string, payload: Record<string, unknown> = {}) =>
    api(`/tournaments/${id}/commands`, { commandId: crypto.randomUUID(), type, payload });

  async function flight(name: string, players: [string, string][]): Promise<string> {
    const { tournament } = (await api('/tournaments', { name, templateId: 'regular' })) as {
      tournament: { id: string };
    };
    await command(tournament.id, 'OpenRegistration');
    for (const [playerId, who] of players) await command(tournament.id, 'Register', { playerId, name: who });
    await command(tournament.id, 'DrawSeats');
    await command(tournament.id, 'StartTournament');
    return tournament.id;
  }

  const shoot = async (page: Page, name: string) => {
    if (runtime.name === 'box') await shootAllSizes(page, `flights-${name}`);
    expect(await seriousA11yViolations(page), `axe on flights-${name}`).toEqual([]);
  };

  /** Types the bags in table-and-seat order, Enter after each, then holds Enter on the button. */
  async function bagFromConsole(page: Page, id: string, bags: Record<string, number>, shot?: string) {
    await page.goto(`${server.url}/v/${v}/staff/t/${id}/bag`);
    await page.getByRole('heading', { name: 'Bag and tag' }).waitFor({ timeout: 15_000 });
    const fields = page.locator('input[data-bag]');
    await expect.poll(() => fields.count(), { timeout: 10_000 }).toBe(Object.keys(bags).length);
    await fields.first().focus();
    for (let i = 0; i < Object.keys(bags).length; i++) {
      const label = (await fields.nth(i).getAttribute('aria-label')) ?? '';
      const who = label.replace('Bag for ', '');
      await page.keyboard.type(String(bags[who]));
      await page.keyboard.press('Enter');
    }
    await expect
      .poll(() => page.getByTestId('bag-totals').textContent(), { timeout: 5_000 })
      .toContain('adds up');
    if (shot) await shoot(page, shot);
    // Enter after the last bag put the focus on the button: hold it.
    await page.keyboard.down('Enter');
    await page.waitForTimeout(1_100);
    await page.keyboard.up('Enter');
    await page.getByRole('heading', { name: 'Day bagged' }).waitFor({ timeout: 10_000 });
  }

  it('bags two flights from the console, advances, and Day 2 shows the carried stacks', {
    timeout: 300_000,
  }, async () => {
    const a = await flight('Main Event Day 1A', [
      ['p-anna', 'Anna Holm'],
      ['p-bo', 'Bo Lind'],
    ]);
    const b = await flight('Main Event Day 1B', [
      ['p-anna', 'Anna Holm'],
      ['p-cy', 'Cy Berg'],
    ]);
    const day2 = (
      (await api('/tournaments', { name: 'Main Event Day 2', templateId: 'regular' })) as {
        tournament: { id: string };
      }
    ).tournament.id;

    const { page, errors } = await staffPage(browser, v, token, 'phone');
    await bagFromConsole(page, a, { 'Anna Holm': 27_500, 'Bo Lind': 12_500 }, 'bag-sheet');
    await shoot(page, 'bagged');
    await bagFromConsole(page, b, { 'Anna Holm': 15_000, 'Cy Berg': 25_000 });

    // The event, from the console: tournaments list → multi-day events → new event.
    await page.goto(`${server.url}/v/${v}/staff/tournaments`);
    await page.getByTestId('events-link').click();
    await page.getByRole('heading', { name: 'Multi-day events', level: 1 }).waitFor({ timeout: 10_000 });
    await page.getByLabel('Name', { exact: true }).fill('Main Event');
    await page.getByRole('checkbox', { name: 'Main Event Day 1A' }).check();
    await page.getByRole('checkbox', { name: 'Main Event Day 1B' }).check();
    await page.getByRole('combobox', { name: 'Day 2' }).selectOption(day2);
    await page.getByRole('button', { name: 'Create the event' }).click();
    await page.getByRole('heading', { name: 'Main Event', level: 1 }).waitFor({ timeout: 10_000 });
    await expect
      .poll(() => page.getByTestId('flight-status').textContent(), { timeout: 10_000 })
      .toContain('Bagged');
    await expect
      .poll(() => page.getByTestId('set-aside').textContent(), { timeout: 10_000 })
      .toContain('Anna Holm');
    await shoot(page, 'event');

    const advance = page.getByRole('button', { name: 'Advance to Day 2 (hold to confirm)' });
    await advance.hover();
    await page.mouse.down();
    await page.waitForTimeout(1_100);
    await page.mouse.up();
    await expect
      .poll(() => page.getByTestId('event-note').textContent(), { timeout: 10_000 })
      .toBe('Advanced to Day 2');
    const carried = page.getByTestId('carried');
    await expect.poll(() => carried.textContent(), { timeout: 10_000 }).toContain('Anna Holm');
    const rows = await carried
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()).join(' ')),
      );
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
      expect.stringMatching(/^Anna Holm 27[.,]500 Main Event Day 1A$/),
      expect.stringMatching(/^Cy Berg 25[.,]000 Main Event Day 1B$/),
      expect.stringMatching(/^Bo Lind 12[.,]500 Main Event Day 1A$/),
    ]);
    await shoot(page, 'advanced');

    // Day 2's own console shows the same field.
    await page.goto(`${server.url}/v/${v}/staff/t/${day2}/bag`);
    await expect
      .poll(() => page.getByTestId('carried-summary').textContent(), { timeout: 15_000 })
      .toContain('3 players carried 65');
    await shoot(page, 'day2');
    expect(errors).toEqual([]);
  });
});
