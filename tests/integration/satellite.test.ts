/**
 * Satellites and bounties through the TD console in Chromium, on the box and on the local
 * cloud. A satellite made in the generator's create form (seat value, remainder to the
 * bubble), eleven players for three seats and a remainder, busts from the Entries tab down
 * to the seat bubble: play stops by itself (the clock stops, "Seats won"), the results say
 * Seat beside the winners and pay the bubble the remainder, a further bust is refused with
 * words that say how to play on, undoing the bubble bust from the Log resumes play and its
 * redo stops it again. The players' page and the TV say "3 seats" and then "Seats won".
 * A bounty tournament from the same form pays the bounty of a knockout. Screenshots at
 * phone, tablet and laptop (the TV at 1920×1080) and axe on every screen, on the box run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OWNER, DEMO_VENUE, seedDemo } from '../../scripts/lib/seed.ts';
import type { TournamentView } from '../../web/src/lib/api.ts';
import { parseCsv } from '../../web/src/lib/console/results/csv.ts';
import {
  hasChromium,
  launchChromium,
  SHOTS,
  seriousA11yViolations,
  shootAllSizes,
  staffPage,
  staffToken,
} from './helpers/console-browser.ts';
import { ConsoleDriver } from './helpers/console-driver.ts';
import { RUNTIMES, startFresh } from './helpers/runtimes.ts';

const PLAYERS = Array.from({ length: 11 }, (_, i) => `Sat Player ${String(i + 1).padStart(2, '0')}`);
/** 11 buy-ins of 200 kr. to the pool (2.200 kr.) buy 3 seats of 600 kr.; 400 kr. is left for the bubble. */
const SEAT = 60_000;
const REMAINDER = 11 * 20_000 - 3 * SEAT;

describe.skipIf(!hasChromium).each(RUNTIMES)(
  'satellites and bounties through the console on the $name',
  (runtime) => {
    let server: { url: string; stop: () => Promise<unknown> };
    let browser: Browser;
    let token: string;
    const v = DEMO_VENUE.id;
    const shots = runtime.name === 'box';

    beforeAll(async () => {
      server = await startFresh(runtime, 'satellite');
      await seedDemo(server.url);
      token = await staffToken(server.url, v, DEMO_OWNER.email, DEMO_OWNER.password);
      browser = await launchChromium();
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${server.url}/api/v1/venues/${v}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      });
    const view = async (id: string) => (await (await api(`/tournaments/${id}`)).json()) as TournamentView;

    const shoot = async (page: Page, name: string) => {
      if (!shots) return;
      const dismiss = page.getByRole('button', { name: 'Dismiss' });
      while ((await dismiss.count()) > 0) await dismiss.first().click();
      // Nothing wider than the page: a table that does not fit scrolls in its card.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `satellite-${name} is wider than the page`).toBeLessThanOrEqual(0);
      await shootAllSizes(page, `satellite-${name}`);
      expect(await seriousA11yViolations(page), `axe on satellite-${name}`).toEqual([]);
    };

    /** The generator's create form, filled as a TD fills it; `extra` sets the money part. */
    async function create(page: Page, td: ConsoleDriver, name: string, extra: () => Promise<void>) {
      await page.goto(`${server.url}/v/${v}/staff/tournaments`);
      await td.button('Generate a structure').click();
      await page.getByLabel('Name', { exact: true }).fill(name);
      await page.getByLabel('Expected players').fill('11');
      await page.getByLabel('Late registration until level (0: none)').fill('0');
      await page.getByLabel(/^Buy-in to the prize pool/).fill('200');
      await extra();
      await expect
        .poll(() => page.getByTestId('generator-preview').textContent(), { timeout: 10_000 })
        .toMatch(/\d+ levels/);
      await td.button('Create from this structure').click();
      await page.waitForURL(new RegExp(`/v/${v}/staff/t/[^/]+$`), { timeout: 15_000 });
      td.tournamentId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 })
        .toBe(name);
    }

    async function registerAndStart(td: ConsoleDriver, players: readonly string[]) {
      await td.tab('Clock');
      await td.tap('Open registration', 'Registration opened');
      await td.tab('Entries');
      for (const name of players) await td.register(name);
      await td.tab('Clock');
      await td.tap('Start tournament', `Started with ${players.length} players`);
    }

    /** An undo's (or redo's) own toast, waited for. */
    const undone = (page: Page, text: RegExp) =>
      page.getByTestId('toast-undone').filter({ hasText: text }).last().waitFor({ timeout: 15_000 });

    /** The players' page and a TV (clock view) both say `words` for the satellite. */
    async function publicScreensSay(id: string, words: string, shot?: string) {
      const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
      await phone.goto(`${server.url}/v/${v}/t/${id}`);
      await expect
        .poll(() => phone.getByTestId('satellite-seats').textContent(), { timeout: 15_000 })
        .toBe(words);
      // "Seat" beside each winner once the seats are won.
      expect(await phone.getByTestId('seat-won').count()).toBe(words === 'Seats won' ? 3 : 0);
      if (shot) await shoot(phone, `players-${shot}`);
      await phone.close();
      const tv = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await tv.goto(`${server.url}/v/${v}/tv/${id}?views=clock`);
      await expect.poll(() => tv.getByTestId('tv-seats').textContent(), { timeout: 15_000 }).toBe(words);
      if (shot && shots) {
        await tv.screenshot({ path: join(SHOTS, `satellite-tv-${shot}-1080p.png`) });
        expect(await seriousA11yViolations(tv), `axe on the TV (${shot})`).toEqual([]);
      }
      await tv.close();
    }

    it('plays a satellite down to the seats: play stops, seats and the bubble paid, undo resumes and redo stops again', {
      timeout: 600_000,
    }, async () => {
      const { page, errors } = await staffPage(browser, v, token, 'phone');
      const td = new ConsoleDriver(page, server.url, v);
      await create(page, td, 'Main Event Satellite', async () => {
        await page.getByRole('checkbox', { name: 'Satellite (play for seats)' }).check();
        await page.getByLabel(/^Seat value/).fill('600');
        await page.getByLabel('Remainder').selectOption('bubble');
        if (shots) {
          await page
            .getByTestId('satellite-fields')
            .screenshot({ path: join(SHOTS, 'satellite-create-fields-phone.png') });
        }
      });
      const id = td.tournamentId;
      expect((await view(id)).config?.satellite).toEqual({ seatValue: SEAT, remainder: 'bubble' });
      await td.tab('Structure');
      await expect
        .poll(() => page.getByTestId('satellite-fact').textContent(), { timeout: 10_000 })
        .toMatch(/Satellite: seats of 600.*remainder to the bubble/);
      // The buy-in form opens on the same satellite (and the rebuy, off, shows no fields).
      await td.button('Change buy-in and rules').click();
      expect(await page.getByRole('checkbox', { name: 'Satellite (play for seats)' }).isChecked()).toBe(true);
      expect(await page.getByLabel(/^Seat value/).inputValue()).toMatch(/^600(,00)?$/);
      expect(await page.getByRole('checkbox', { name: 'Rebuy', exact: true }).isChecked()).toBe(false);
      expect(await page.getByLabel('Prize pool part').count()).toBe(1);
      await td.button('Cancel').click();

      await registerAndStart(td, PLAYERS);
      await td.tab('Money');
      const card = page.getByTestId('satellite');
      await expect
        .poll(() => page.getByTestId('satellite-seats').textContent(), { timeout: 10_000 })
        .toMatch(/^3 seats of 600.* \+ 400.* to the bubble$/);
      await expect.poll(() => card.textContent()).toContain('Play stops by itself when 3 players are left');
      await shoot(page, 'money-running');

      // From the Entries tab, down to four players: one from the seats.
      await td.tab('Entries');
      for (const name of PLAYERS.slice(4).reverse()) await td.bust([{ name }]);
      let now = await view(id);
      expect([now.standings.status, now.standings.playersLeft]).toEqual(['running', 4]);
      await publicScreensSay(id, '3 seats', 'running');

      // Two out in one hand with equal stacks would share the last seat: refused, nothing changes.
      await td.selectForBust(['Sat Player 03', 'Sat Player 04']);
      await td.button('Bust 2 in one hand…').click();
      const panel = page.getByTestId('bust-panel');
      for (const who of ['Sat Player 03', 'Sat Player 04'])
        await panel.getByLabel(`Chips of ${who} at the start of the hand`).fill('20000');
      await expect
        .poll(() => panel.getByTestId('place-preview').allTextContents())
        .toEqual(['3rd–4th', '3rd–4th']);
      await panel.getByRole('button', { name: 'Bust 2 players', exact: true }).click();
      await td.refused(/tie across the last seat \(3 seats\)/);
      await panel.getByRole('button', { name: 'Cancel', exact: true }).click();
      expect((await view(id)).standings.playersLeft).toBe(4);

      // The bubble: the bust that leaves three stops play by itself.
      await td.bust([{ name: 'Sat Player 04' }]);
      await expect.poll(async () => (await view(id)).standings.status, { timeout: 10_000 }).toBe('finished');
      now = await view(id);
      expect(now.standings.clock?.status).not.toBe('running');
      expect(now.standings.satellite).toMatchObject({ seats: 3, won: true, remainder: REMAINDER });
      // No more busts from the console: the winners have no Bust button.
      await td.show('All');
      const winner = await td.entryActions('Sat Player 01');
      expect(await winner.getByRole('button', { name: 'Bust', exact: true }).count()).toBe(0);
      await td.tab('Money');
      await expect.poll(() => card.locator('.badge').textContent(), { timeout: 10_000 }).toBe('Seats won');
      await expect
        .poll(() => page.getByTestId('satellite-winners').textContent())
        .toBe('Seats: Sat Player 01, Sat Player 02, Sat Player 03');
      await shoot(page, 'money-won');
      await td.tab('Clock');
      await expect
        .poll(() => page.getByTestId('clock-seats').textContent(), { timeout: 10_000 })
        .toBe('Seats won');
      expect(await page.getByTestId('clock').locator('.level').textContent()).toMatch(/· stopped$/);
      await shoot(page, 'clock-won');

      // The results: Seat beside each winner (the seat's value), the remainder to the bubble.
      await td.tab('Results');
      await expect
        .poll(() => page.getByTestId('results-satellite').textContent(), { timeout: 10_000 })
        .toMatch(/^Seats won · 3 seats of 600/);
      const rows = async () =>
        (
          await page
            .getByTestId('result-row')
            .evaluateAll((trs) =>
              trs.map((tr) =>
                [...tr.children].map((c) => c.textContent?.replace(/\s+/g, ' ').trim()).join(' | '),
              ),
            )
        ).slice(0, 5);
      await expect.poll(rows, { timeout: 10_000 }).toEqual([
        // The seats are equal: the winners share places 1–3, by entry number.
        expect.stringMatching(/^1–3 \| Sat Player 01 \| Seat 600,00 kr\./),
        expect.stringMatching(/^1–3 \| Sat Player 02 \| Seat 600,00 kr\./),
        expect.stringMatching(/^1–3 \| Sat Player 03 \| Seat 600,00 kr\./),
        expect.stringMatching(/^4 \| Sat Player 04 \| 400,00 kr\./),
        expect.stringMatching(/^5 \| Sat Player 05 \| —/),
      ]);
      await shoot(page, 'results');
      // The CSV export says the same: Seat for the winners, the bubble's cash apart.
      const [file] = await Promise.all([page.waitForEvent('download'), td.button('Download CSV').click()]);
      const csv = parseCsv(readFileSync(await file.path(), 'utf8'));
      expect(csv[0]?.slice(3, 6)).toEqual(['Prize (DKK)', 'Seat', 'Cash (DKK)']);
      expect(csv.slice(1, 5).map((r) => [r[0], r[1], r[4], r[5]])).toEqual([
        ['1–3', 'Sat Player 01', 'Seat', '0.00'],
        ['1–3', 'Sat Player 02', 'Seat', '0.00'],
        ['1–3', 'Sat Player 03', 'Seat', '0.00'],
        ['4', 'Sat Player 04', '', '400.00'],
      ]);
      // The printable sheet: the headline, and Seat with its value beside each winner.
      await page.getByRole('link', { name: 'Printable sheet' }).click();
      await expect
        .poll(() => page.getByTestId('sheet-satellite').textContent(), { timeout: 10_000 })
        .toMatch(/^Satellite · Seats won: 3 seats of 600/);
      await expect
        .poll(() => page.getByTestId('sheet-row').filter({ hasText: 'Seat (600,00' }).count())
        .toBe(3);
      await page.emulateMedia({ media: 'print' });
      await shoot(page, 'results-print');
      await page.emulateMedia({ media: 'screen' });
      await publicScreensSay(id, 'Seats won', 'won');

      // A further bust is refused, in words that say how to play on.
      const more = await api(`/tournaments/${id}/commands`, {
        method: 'POST',
        body: JSON.stringify({
          commandId: crypto.randomUUID(),
          type: 'BustPlayers',
          payload: { busts: [{ entryId: now.standings.satellite?.winners[0] }] },
        }),
      });
      expect(more.status).toBe(422);
      expect(((await more.json()) as { error: { message: string } }).error.message).toBe(
        'The seats are won and play has stopped: undo the last bust to play on',
      );

      // Undo the bubble bust from the Log: play resumes with four in; then its redo stops it again.
      await page.goto(`${td.consoleUrl}/log`);
      const bubble = page.getByTestId('log-row').filter({ hasText: 'Sat Player 04' }).first();
      await bubble.getByRole('button', { name: 'Undo', exact: true }).click();
      await undone(page, /^Undone: /);
      await expect.poll(async () => (await view(id)).standings.status, { timeout: 10_000 }).toBe('running');
      now = await view(id);
      expect([now.standings.playersLeft, now.standings.satellite?.won]).toEqual([4, false]);
      await td.tab('Money');
      await expect.poll(() => card.locator('.badge').textContent(), { timeout: 10_000 }).toBe('3 seats');
      await page.goto(`${td.consoleUrl}/log`);
      // The redo is on the undo's own row (the newest).
      await page
        .getByTestId('log-row')
        .filter({ hasText: 'Undid an action' })
        .first()
        .getByRole('button', { name: 'Redo', exact: true })
        .click();
      await undone(page, /^Redone: /);
      await expect
        .poll(async () => (await view(id)).standings.satellite?.won, { timeout: 10_000 })
        .toBe(true);
      await td.tab('Money');
      await expect.poll(() => card.locator('.badge').textContent(), { timeout: 10_000 }).toBe('Seats won');
      expect(errors).toEqual([]);
    });

    it('makes a bounty tournament in the create form and pays the bounty of a knockout', {
      timeout: 300_000,
    }, async () => {
      const { page, errors } = await staffPage(browser, v, token, 'phone');
      const td = new ConsoleDriver(page, server.url, v);
      await create(page, td, 'Bounty Night', async () => {
        await page.getByLabel(/^Bounties/).selectOption('fixed');
        await page.getByLabel(/^Bounty \(/).fill('50');
      });
      const id = td.tournamentId;
      const config = (await view(id)).config;
      expect([config?.rules.bountyMode, config?.buyIn.bounty]).toEqual(['fixed', 5_000]);
      await registerAndStart(td, ['Bo Hunter', 'Cy Target', 'Di Bystander']);
      await td.tab('Entries');
      await td.bust([{ name: 'Cy Target' }], 'Bo Hunter');
      await td.tab('Money');
      const bounties = page.getByTestId('bounties');
      await expect
        .poll(
          () =>
            bounties
              .getByRole('row', { name: /Bo Hunter/ })
              .locator('th, td')
              .allTextContents(),
          { timeout: 10_000 },
        )
        .toEqual(['Bo Hunter', '50,00\u00a0kr.', '1', '50,00\u00a0kr.']);
      await shoot(page, 'bounty-money');
      await td.tab('Results');
      const hunter = page.getByTestId('result-row').filter({ hasText: 'Bo Hunter' });
      await expect.poll(() => hunter.textContent(), { timeout: 10_000 }).toContain('50,00\u00a0kr.');
      expect((await view(id)).standings.entries.find((e) => e.name === 'Bo Hunter')?.bountiesWon).toBe(5_000);
      expect(errors).toEqual([]);
    });
  },
);
