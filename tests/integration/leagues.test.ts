/**
 * Leagues through the console in Chromium, on the box and on the local cloud: two nights
 * played to the end over the API; a league created from the console (a bad custom formula
 * first: the server's refusal beside the field, then fixed), both nights attached from the
 * league page, the standings table checked against points computed here from the formula
 * (best 1 counts: the other night struck through; a shared rank; the final's qualifiers);
 * detach and delete each undone from their toast; the public venue page showing the public
 * league's table (no JavaScript) and not the staff-only one. Screenshots at phone, tablet and
 * laptop; axe on every page.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVenue, TEST_PASSWORD, type VenueSession } from '../contract/session.ts';
import {
  hasChromium,
  launchChromium,
  seriousA11yViolations,
  shootAllSizes,
  staffPage,
} from './helpers/console-browser.ts';
import { httpTarget } from './helpers/node-target.ts';
import { RUNTIMES, startFresh } from './helpers/runtimes.ts';

const FORMULA = '10 * (n - r + 1) + if(r = 1, 5, 0)';
/** The formula above, for a field of n, place r. */
const pointsFor = (n: number, r: number) => 10 * (n - r + 1) + (r === 1 ? 5 : 0);

/** Each night's finishing order, winner first. */
const NIGHTS = {
  'Thursday #1': ['Ann Andersen', 'Dan Dahl', 'Bo Berg', 'Cleo Carlsen'],
  'Thursday #2': ['Bo Berg', 'Ann Andersen', 'Eva Eriksen', 'Cleo Carlsen', 'Dan Dahl'],
} as const;
const idOf = (name: string) => `p-${name.split(' ')[0]?.toLowerCase()}`;

/** Best 1 of each player's nights counts; the rest are dropped. */
function expectedTotals(): Map<string, { total: number; played: number }> {
  const by = new Map<string, number[]>();
  for (const order of Object.values(NIGHTS))
    order.forEach((name, i) => {
      by.set(name, [...(by.get(name) ?? []), pointsFor(order.length, i + 1)]);
    });
  return new Map([...by].map(([name, pts]) => [name, { total: Math.max(...pts), played: pts.length }]));
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!hasChromium).each(RUNTIMES)('leagues in the console on the $name', (runtime) => {
  let server: { url: string; stop: () => Promise<unknown> };
  let browser: Browser;
  let s: VenueSession;
  const nights: Record<string, string> = {};

  const ok = async (res: Promise<Response>, what: string) => {
    const r = await res;
    expect(r.status, `${what}: ${await r.clone().text()}`).toBeLessThan(300);
    return r;
  };

  /** A night played to the end: everyone registered, busted from the last place up, finished. */
  async function playNight(name: keyof typeof NIGHTS): Promise<string> {
    const id = await s.newTournament(name);
    await ok(s.command(id, 'OpenRegistration'), 'open');
    for (const who of NIGHTS[name])
      await ok(s.command(id, 'Register', { playerId: idOf(who), name: who }), 'register');
    await ok(s.command(id, 'StartTournament'), 'start');
    const view = (await (await s.fetch(`${s.base}/tournaments/${id}`)).json()) as {
      standings: { entries: { entryId: string; playerId: string }[] };
    };
    for (const who of [...NIGHTS[name]].reverse().slice(0, -1)) {
      const e = view.standings.entries.find((x) => x.playerId === idOf(who));
      await ok(s.command(id, 'BustPlayers', { busts: [{ entryId: e?.entryId }] }), `bust ${who}`);
    }
    await ok(s.command(id, 'FinishTournament'), 'finish');
    return id;
  }

  beforeAll(async () => {
    server = await startFresh(runtime, 'leagues');
    s = await signUpVenue(
      httpTarget(runtime.name, runtime.name, () => server.url),
      {
        prefix: 'lg',
        name: 'Odense Poker Klub',
      },
    );
    for (const name of Object.keys(NIGHTS) as (keyof typeof NIGHTS)[]) nights[name] = await playNight(name);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const shoot = async (page: Page, name: string) => {
    // Nothing sideways on a phone: what is wider than the screen scrolls inside its own box.
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .filter((e) => !e.closest('[role=region]') || e.matches('[role=region]'))
        .slice(0, 5)
        .map(
          (e) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`,
        ),
    );
    expect(wide, `wider than the phone on leagues-${name}`).toEqual([]);
    if (runtime.name === 'box') await shootAllSizes(page, `leagues-${name}`);
    expect(await seriousA11yViolations(page), `axe on leagues-${name}`).toEqual([]);
  };

  const standingsRows = (page: Page) =>
    page.locator('[data-testid=standings] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        name: (tr as HTMLElement).dataset.player ?? '',
        rank: tr.querySelector('td')?.textContent?.trim() ?? '',
        total: Number(tr.querySelector('[data-testid=total]')?.textContent?.trim()),
        played: Number(tr.querySelectorAll('td')[3]?.textContent?.trim()),
        dropped: tr.querySelectorAll('[data-dropped]').length,
        final: tr.textContent?.includes('Final') ?? false,
      })),
    );

  const lastToast = (page: Page) => page.getByTestId('toast-done').last();

  it('creates a league (a bad formula refused beside the field), attaches two nights, and the table adds up', {
    timeout: 240_000,
  }, async () => {
    const { page, errors } = await staffPage(browser, s.venueId, s.token, 'phone');
    await page.goto(`${server.url}/v/${s.venueId}/staff/tournaments`);
    await page
      .getByRole('navigation', { name: 'Staff' })
      .getByRole('link', { name: 'Leagues', exact: true })
      .click();
    await page.getByRole('heading', { name: 'Leagues', level: 1 }).waitFor({ timeout: 15_000 });
    await expect
      .poll(() => page.getByTestId('league-list').textContent(), { timeout: 10_000 })
      .toContain('No leagues yet');

    await page.getByLabel('League name', { exact: true }).fill('Thursday league');
    await page.getByLabel('Season', { exact: true }).fill('Winter');
    await page.getByLabel('Season from', { exact: true }).fill(day(-30));
    await page.getByLabel('Season to', { exact: true }).fill(day(30));
    await page.getByRole('radio', { name: 'Custom (TD3 formula)', exact: true }).check();
    const formula = page.getByLabel('TD3 formula', { exact: true });
    await formula.fill('10 * (n - r + 1) + bogus');
    await page.getByRole('combobox', { name: 'Counting' }).selectOption('best');
    await page.getByLabel('N', { exact: true }).fill('1');
    // Only "most wins" breaks ties: Dan and Eva (30 each, no wins) share a rank.
    for (const t of [/Best finish/, /Most events played/, /most recent event/])
      await page.getByRole('checkbox', { name: t }).uncheck();
    await page.getByLabel('Top N qualify', { exact: true }).fill('2');
    await page.getByRole('button', { name: 'Create the league', exact: true }).click();

    // Refused: the server names the unknown variable, under the formula; nothing created.
    const problem = page.getByTestId('formula-error');
    await expect.poll(() => problem.textContent(), { timeout: 10_000 }).toContain('bogus');
    expect(await formula.getAttribute('aria-invalid')).toBe('true');
    await shoot(page, 'formula-error');
    const listed = (await (await s.fetch(`${s.base}/leagues`)).json()) as { leagues: unknown[] };
    expect(listed.leagues).toEqual([]);

    await formula.fill(FORMULA);
    await page.getByRole('button', { name: 'Create the league', exact: true }).click();
    await page.getByRole('heading', { name: 'Thursday league', level: 1 }).waitFor({ timeout: 15_000 });
    await page.getByTestId('no-standings').waitFor({ timeout: 10_000 });

    // Attach both nights from the venue's tournaments.
    for (const name of Object.keys(NIGHTS)) {
      await page.getByRole('combobox', { name: 'Attach a tournament' }).selectOption({ label: name });
      await page.getByRole('button', { name: 'Attach', exact: true }).click();
      await expect
        .poll(() => lastToast(page).textContent(), { timeout: 10_000 })
        .toContain(`Attached ${name}`);
    }
    await expect.poll(async () => (await standingsRows(page)).length, { timeout: 15_000 }).toBe(5);

    const want = expectedTotals();
    const rows = await standingsRows(page);
    for (const r of rows) {
      expect(r.total, r.name).toBe(want.get(r.name)?.total);
      expect(r.played, r.name).toBe(want.get(r.name)?.played);
      // Best 1 counts: every other night is struck through.
      expect(r.dropped, r.name).toBe(r.played - 1);
    }
    expect(rows.map((r) => `${r.rank} ${r.name}${r.final ? ' Final' : ''}`)).toEqual([
      '1 Bo Berg Final',
      '2 Ann Andersen Final',
      '3= Dan Dahl',
      '3= Eva Eriksen',
      '5 Cleo Carlsen',
    ]);
    // The console's table agrees with the API's standings.
    const { leagues } = (await (await s.fetch(`${s.base}/leagues`)).json()) as { leagues: { id: string }[] };
    const api = (await (await s.fetch(`${s.base}/leagues/${leagues[0]?.id}`)).json()) as {
      standings: { rows: { name: string; total: number }[] };
    };
    expect(api.standings.rows.map((r) => [r.name, r.total])).toEqual(rows.map((r) => [r.name, r.total]));
    await shoot(page, 'standings');

    // Detach the second night: it no longer counts; Undo attaches it again.
    await page.getByRole('button', { name: 'Detach Thursday #2', exact: true }).click();
    await expect
      .poll(() => lastToast(page).textContent(), { timeout: 10_000 })
      .toContain('Detached Thursday #2');
    await expect.poll(async () => (await standingsRows(page)).length, { timeout: 10_000 }).toBe(4);
    expect((await standingsRows(page))[0]).toMatchObject({ name: 'Ann Andersen', total: pointsFor(4, 1) });
    await lastToast(page).getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(async () => (await standingsRows(page)).length, { timeout: 10_000 }).toBe(5);
    expect((await standingsRows(page))[0]).toMatchObject({ name: 'Bo Berg', total: pointsFor(5, 1) });

    // Settings: the top 3 go to the final (Dan and Eva share third: both go); Undo puts the top 2 back.
    const finalists = async () => (await standingsRows(page)).filter((r) => r.final).map((r) => r.name);
    await page.getByText('Settings', { exact: true }).click();
    await page.getByLabel('Top N qualify', { exact: true }).fill('3');
    await page.getByRole('button', { name: 'Save the settings', exact: true }).click();
    await expect.poll(() => lastToast(page).textContent(), { timeout: 10_000 }).toContain('Saved the league');
    await expect
      .poll(finalists, { timeout: 10_000 })
      .toEqual(['Bo Berg', 'Ann Andersen', 'Dan Dahl', 'Eva Eriksen']);
    await lastToast(page).getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(finalists, { timeout: 10_000 }).toEqual(['Bo Berg', 'Ann Andersen']);
    expect(await page.getByLabel('Top N qualify', { exact: true }).inputValue()).toBe('2');

    // The list: events counted and the leader; delete, then Undo restores it.
    await page.getByRole('link', { name: '← Leagues', exact: true }).click();
    const list = page.getByTestId('league-list');
    await expect.poll(() => list.textContent(), { timeout: 10_000 }).toContain('2 events counted');
    expect(await list.getByTestId('leader').textContent()).toContain(`Bo Berg (${pointsFor(5, 1)} pts)`);
    await shoot(page, 'list');
    await page.getByRole('button', { name: 'Delete Thursday league', exact: true }).click();
    await expect
      .poll(() => lastToast(page).textContent(), { timeout: 10_000 })
      .toContain('Deleted Thursday league');
    await expect.poll(() => list.textContent(), { timeout: 10_000 }).toContain('No leagues yet');
    expect((await s.fetch(`${s.base}/leagues/${leagues[0]?.id}`)).status).toBe(404);
    await lastToast(page).getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => list.textContent(), { timeout: 10_000 }).toContain('Thursday league');
    expect((await s.fetch(`${s.base}/leagues/${leagues[0]?.id}`)).status).toBe(200);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows the public league on the venue page without JavaScript, and not a staff-only one', async () => {
    const hidden = (await (
      await ok(
        s.post(`${s.base}/leagues`, {
          name: 'Staff ladder',
          season: { name: 'Winter' },
          formula: { kind: 'builtin', name: 'linear' },
          public: false,
        }),
        'hidden league',
      )
    ).json()) as { league: { id: string } };
    await ok(
      s.fetch(`${s.base}/leagues/${hidden.league.id}/tournaments/${nights['Thursday #1']}`, {
        method: 'PUT',
      }),
      'attach',
    );
    const res = await fetch(`${server.url}/v/${s.venueId}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Thursday league');
    expect(html).not.toContain('Staff ladder');
    expect(html).not.toMatch(/<script[\s>]/);

    // Still small: the page and its stylesheets, as public-venue-page.test.ts measures them.
    let bytes = new TextEncoder().encode(html).byteLength;
    for (const m of html.matchAll(/<link[^>]+href="([^"]+\.css)"/g))
      bytes += (await (await fetch(new URL(m[1] ?? '', `${server.url}/v/${s.venueId}`))).arrayBuffer())
        .byteLength;
    expect(bytes).toBeLessThan(40_000);

    // The full standings page of the public league; the staff-only one is not there.
    const { leagues } = (await (await s.fetch(`${s.base}/leagues`)).json()) as {
      leagues: { id: string; config: { name: string } }[];
    };
    const shown = leagues.find((l) => l.config.name === 'Thursday league')?.id;
    const full = await fetch(`${server.url}/v/${s.venueId}/leagues/${shown}`);
    expect(full.status).toBe(200);
    const fullHtml = await full.text();
    for (const name of expectedTotals().keys()) expect(fullHtml).toContain(name);
    expect(fullHtml).not.toMatch(/<script[\s>]/);
    expect((await fetch(`${server.url}/v/${s.venueId}/leagues/${hidden.league.id}`)).status).toBe(404);

    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/v/${s.venueId}`);
    const table = page.getByTestId('leagues');
    await table.waitFor({ timeout: 10_000 });
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()).join(' | ')),
      );
    const want = expectedTotals();
    expect(rows).toEqual([
      `1 | Bo Berg Final | ${want.get('Bo Berg')?.total} | 2`,
      `2 | Ann Andersen Final | ${want.get('Ann Andersen')?.total} | 2`,
      `3= | Dan Dahl | ${want.get('Dan Dahl')?.total} | 2`,
      `3= | Eva Eriksen | ${want.get('Eva Eriksen')?.total} | 1`,
      `5 | Cleo Carlsen | ${want.get('Cleo Carlsen')?.total} | 2`,
    ]);
    // Nothing sideways on a phone: the table fits the 390 px screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    if (runtime.name === 'box') await shootAllSizes(page, 'leagues-public');
    await context.close();
    const withJs = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const axePage = await withJs.newPage();
    await axePage.goto(`${server.url}/v/${s.venueId}`);
    expect(await seriousA11yViolations(axePage), 'axe on the public league tables').toEqual([]);
    await withJs.close();
  });
  it('lets a floor manager read the leagues, with nothing to change them', async () => {
    const email = `floor-${crypto.randomUUID().slice(0, 6)}@club.test`;
    const invited = await ok(
      s.post(`${s.base}/staff/invites`, { name: 'Frida Floor', email, role: 'floor' }),
      'invite',
    );
    const { inviteCode } = (await invited.json()) as { inviteCode: string };
    const accepted = await ok(
      fetch(`${server.url}/api/v1/venues/${s.venueId}/auth/accept-invite`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, code: inviteCode, password: TEST_PASSWORD }),
      }),
      'accept',
    );
    const { token } = (await accepted.json()) as { token: string };
    const { page, errors } = await staffPage(browser, s.venueId, token, 'phone');
    await page.goto(`${server.url}/v/${s.venueId}/staff/leagues`);
    await page.getByRole('heading', { name: 'Leagues', level: 1 }).waitFor({ timeout: 15_000 });
    await page.getByRole('link', { name: 'Thursday league', exact: true }).click();
    await expect.poll(async () => (await standingsRows(page)).length, { timeout: 15_000 }).toBe(5);
    for (const name of ['Detach Thursday #1', 'Attach', 'Save the settings'])
      expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    await page.getByRole('link', { name: '← Leagues', exact: true }).click();
    await page.getByTestId('league-list').waitFor({ timeout: 10_000 });
    expect(await page.getByRole('button', { name: /^Delete / }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'New league' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
