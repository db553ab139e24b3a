/**
 * A shootout in Chromium, on the box and on the local cloud: the create form's shootout switch
 * makes one (players through per table), the field is drawn and played over the API, and the
 * Seating tab shows "Table N won by …", the tables still playing, then "Start round 2"; the
 * round is drawn from the console and undone from its card. Screenshots at phone, tablet and
 * TV; axe on every page.
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

interface SeatingTable {
  id: string;
  name: string;
  players: number;
  seatMap: { entryId: string | null }[];
}

describe.skipIf(!hasChromium).each(RUNTIMES)('a shootout on the $name', (runtime) => {
  let server: { url: string; stop: () => Promise<unknown> };
  let browser: Browser;
  let token: string;
  const v = DEMO_VENUE.id;

  beforeAll(async () => {
    server = await startFresh(runtime, 'shootout');
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
  const tables = async (id: string) =>
    ((await api(`/tournaments/${id}`)) as { seating: { tables: SeatingTable[] } }).seating.tables.filter(
      (t) => t.players > 0,
    );
  const seated = (t: SeatingTable) => t.seatMap.map((s) => s.entryId).filter((x): x is string => x !== null);

  const shoot = async (page: Page, name: string) => {
    if (runtime.name === 'box') await shootAllSizes(page, `shootout-${name}`);
    expect(await seriousA11yViolations(page), `axe on shootout-${name}`).toEqual([]);
  };

  it('creates a shootout from the form, shows the tables won, starts round 2 and undoes it', {
    timeout: 300_000,
  }, async () => {
    const { page, errors } = await staffPage(browser, v, token, 'phone');
    await page.goto(`${server.url}/v/${v}/staff/tournaments`);
    await page.getByRole('button', { name: 'Generate a structure' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Friday Shootout');
    await page.getByRole('checkbox', { name: 'Shootout (each table plays to its winners)' }).check();
    const through = page.getByLabel('Players through per table');
    await through.fill('0');
    await expect
      .poll(() => page.getByRole('alert').last().textContent(), { timeout: 5_000 })
      .toContain('whole number');
    await through.fill('1');
    await shoot(page, 'create');
    await page.getByRole('button', { name: 'Create from this structure' }).click();
    await page.waitForURL(/\/staff\/t\/[^/]+/, { timeout: 15_000 });
    const id = /\/staff\/t\/([^/?#]+)/.exec(page.url())?.[1] as string;
    const view = (await api(`/tournaments/${id}`)) as { config: { shootout?: unknown } };
    expect(view.config.shootout).toEqual({ advancePerTable: 1 });
    await page.goto(`${server.url}/v/${v}/staff/t/${id}/structure`);
    await expect
      .poll(() => page.getByTestId('shootout-fact').textContent(), { timeout: 10_000 })
      .toBe('Shootout: 1 player per table goes through');

    await command(id, 'OpenRegistration');
    for (let i = 1; i <= 20; i++) await command(id, 'Register', { playerId: `p${i}`, name: `Player ${i}` });
    await command(id, 'DrawSeats');
    await command(id, 'StartTournament');
    const [a, b] = (await tables(id)) as [SeatingTable, SeatingTable];
    const atA = seated(a);
    for (const entryId of atA.slice(0, 9)) await command(id, 'BustPlayers', { busts: [{ entryId }] });

    await page.goto(`${server.url}/v/${v}/staff/t/${id}/seating`);
    const card = page.getByTestId('shootout-panel');
    await card.waitFor({ timeout: 15_000 });
    await expect
      .poll(() => card.getByRole('heading').textContent(), { timeout: 10_000 })
      .toBe('Round 1: 1 table still playing');
    await expect
      .poll(() => page.getByTestId('table-won').textContent(), { timeout: 10_000 })
      .toMatch(new RegExp(`^${a.name} won by Player \\d+$`));
    expect(await card.textContent()).toContain(`Still playing: ${b.name}`);
    expect(await page.getByRole('heading', { name: 'Breaking tables' }).count()).toBe(0);
    await shoot(page, 'round-1');

    for (const entryId of seated(b).slice(0, 9)) await command(id, 'BustPlayers', { busts: [{ entryId }] });
    const start = page.getByRole('button', { name: 'Start round 2', exact: true });
    await start.waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('table-won').count(), { timeout: 10_000 }).toBe(2);
    await shoot(page, 'round-won');
    await start.click();
    await expect
      .poll(() => card.getByRole('heading').textContent(), { timeout: 10_000 })
      .toBe('Round 2: played to the end');
    expect(await tables(id)).toHaveLength(1);
    await shoot(page, 'round-2');

    await page.getByRole('button', { name: 'Undo the round 2 draw', exact: true }).click();
    await expect
      .poll(() => card.getByRole('heading').textContent(), { timeout: 10_000 })
      .toBe('Round 1: every table won');
    expect(await tables(id)).toHaveLength(2);
    expect(errors).toEqual([]);
  });
});
