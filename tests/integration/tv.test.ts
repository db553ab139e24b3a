/**
 * Venue TVs and players' phones in Chromium against the real box and the local cloud: every TV view at 1920×1080
 * and 1280×720 (dark, big type, nothing cut off), the rotation between views, a table move
 * shown as it happens, a bad address refused with the reason; a player who found their seat
 * once is alerted full-screen when they are moved (and another player is not), and both on a
 * new level; a TV that rides out the server restarting: it reconnects and catches up by itself.
 * Screenshots and axe are taken on the box run (the same pages).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/free-port.ts';
import { DEMO_OWNER, DEMO_VENUE, seedDemo } from '../../scripts/lib/seed.ts';
import type { TournamentView } from '../../web/src/lib/api.ts';
import {
  hasChromium,
  launchChromium,
  SHOTS,
  seriousA11yViolations,
  staffToken,
} from './helpers/console-browser.ts';
import { RUNTIMES, type Server } from './helpers/runtimes.ts';

const TV_SIZES = { '1080p': { width: 1920, height: 1080 }, '720p': { width: 1280, height: 720 } } as const;
const VIEWS = ['clock', 'rankings', 'seating', 'moves', 'payouts', 'schedule'] as const;

describe.skipIf(!hasChromium).each(RUNTIMES)('players’ phones and venue TVs on the $name', (runtime) => {
  const dataDir = mkdtempSync(join(tmpdir(), `felt-tv-${runtime.name}-`));
  const shots = runtime.name === 'box';
  let port: number;
  let box: Server;
  let browser: Browser;
  let token: string;
  let tournamentId: string;
  let commands = 0;

  const url = () => `http://127.0.0.1:${port}`;
  const api = async (path: string, init: RequestInit = {}) =>
    fetch(`${url()}/api/v1/venues/${DEMO_VENUE.id}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
  const view = async () => (await (await api(`/tournaments/${tournamentId}`)).json()) as TournamentView;
  const command = async (type: string, payload: object) => {
    const res = await api(`/tournaments/${tournamentId}/commands`, {
      method: 'POST',
      body: JSON.stringify({ commandId: `tv-${++commands}`, type, payload }),
    });
    expect(res.status, `${type}: ${await res.clone().text()}`).toBe(201);
  };
  const tv = async (query: string, size: keyof typeof TV_SIZES = '1080p'): Promise<Page> => {
    const page = await browser.newPage({ viewport: TV_SIZES[size] });
    await page.goto(`${url()}/v/${DEMO_VENUE.id}/tv/${tournamentId}?${query}`);
    return page;
  };

  beforeAll(async () => {
    port = await freePort();
    box = await runtime.start(dataDir, port);
    tournamentId = (await seedDemo(url())).tournamentId;
    token = await staffToken(url(), DEMO_VENUE.id, DEMO_OWNER.email, DEMO_OWNER.password);
    browser = await launchChromium();
    // Two busts at one table: the tables are out of balance and a move is pending.
    const v = await view();
    const table = v.seating?.tables.find((t) => t.players > 0);
    const ids = table?.seatMap.flatMap((s) => (s.entryId ? [s.entryId] : [])).slice(0, 2) ?? [];
    for (const entryId of ids) await command('BustPlayers', { busts: [{ entryId }] });
    expect((await view()).seating?.pendingMoves.length).toBeGreaterThan(0);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await box?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows every view at 1920×1080 and 1280×720, readable and within the screen', async () => {
    for (const name of VIEWS) {
      for (const size of Object.keys(TV_SIZES) as (keyof typeof TV_SIZES)[]) {
        const page = await tv(`views=${name}`, size);
        await page.locator(`[data-testid="tv"][data-view="${name}"]`).waitFor();
        await expect
          .poll(() => page.getByTestId('tv-players').textContent(), { timeout: 10_000 })
          .toMatch(/^\d+ \/ \d+$/);
        // Nothing scrolls: a TV has no one to scroll it.
        const overflow = await page.evaluate(() => ({
          x: document.documentElement.scrollWidth - window.innerWidth,
          y: document.documentElement.scrollHeight - window.innerHeight,
        }));
        expect(overflow, `${name} at ${size}`).toEqual({ x: 0, y: 0 });
        if (shots) await page.screenshot({ path: join(SHOTS, `tv-${name}-${size}.png`) });
        if (shots && size === '1080p')
          expect(await seriousA11yViolations(page), `axe on tv ${name}`).toEqual([]);
        await page.close();
      }
    }
  }, 120_000);

  it('shows what the view holds: the clock, the pending move, the payouts, the schedule', async () => {
    const v = await view();
    const page = await tv('views=moves');
    const move = v.seating?.pendingMoves[0];
    const name = v.standings.entries.find((e) => e.entryId === move?.entryId)?.name ?? '?';
    await expect.poll(() => page.getByTestId('tv-moves').textContent(), { timeout: 10_000 }).toContain(name);
    await page.goto(`${url()}/v/${DEMO_VENUE.id}/tv/${tournamentId}?views=clock`);
    await expect
      .poll(() => page.getByTestId('tv-time').textContent(), { timeout: 10_000 })
      .toMatch(/^\d+:\d{2}$/);
    // The QR in the corner opens the player page.
    const qr = page.getByTestId('qr');
    expect(await qr.getAttribute('data-url')).toBe(`${url()}/v/${DEMO_VENUE.id}/t/${tournamentId}`);
    await qr.locator('svg').waitFor();
    await page.goto(`${url()}/v/${DEMO_VENUE.id}/tv/${tournamentId}?views=payouts`);
    await expect
      .poll(() => page.getByTestId('tv-payouts').getByRole('listitem').count(), { timeout: 10_000 })
      .toBe(v.standings.payouts.length);
    await page.goto(`${url()}/v/${DEMO_VENUE.id}/tv/${tournamentId}?views=schedule`);
    await expect
      .poll(() => page.getByTestId('tv-schedule').textContent(), { timeout: 10_000 })
      .toContain('now');
    await page.close();
  });

  it('turns from one view to the next by itself', async () => {
    const page = await tv('views=clock,payouts&every=5');
    const shown = page.getByTestId('tv');
    await expect.poll(() => shown.getAttribute('data-view'), { timeout: 10_000 }).toBe('clock');
    await expect.poll(() => shown.getAttribute('data-view'), { timeout: 12_000 }).toBe('payouts');
    await expect.poll(() => shown.getAttribute('data-view'), { timeout: 12_000 }).toBe('clock');
    await page.close();
  });

  it('refuses an address it cannot show, saying what is wrong', async () => {
    const page = await tv('views=clock,leaderboard');
    await expect
      .poll(() => page.getByTestId('tv-error').textContent(), { timeout: 10_000 })
      .toBe(
        'Unknown view “leaderboard” in views=: use clock, rankings, seating, moves, payouts, schedule, slides, cash',
      );
    await page.goto(`${url()}/v/${DEMO_VENUE.id}/tv/${tournamentId}?views=clock&every=1`);
    await expect
      .poll(() => page.getByTestId('tv-error').textContent(), { timeout: 10_000 })
      .toContain('every=1 is not a number of seconds');
    await page.close();
  });

  it('alerts the moved player on their phone, and not another player; both hear of the new level', async () => {
    const v = await view();
    const move = v.seating?.pendingMoves[0];
    if (!move) throw new Error('no pending move');
    const nameOf = (id: string) => v.standings.entries.find((e) => e.entryId === id)?.name ?? id;
    const tableOf = (id: string) => v.seating?.tables.find((t) => t.id === id)?.name ?? id;
    const moved = nameOf(move.entryId);
    const other =
      v.standings.entries.find((e) => e.status === 'active' && e.entryId !== move.entryId)?.name ?? '';
    const phone = async (name: string): Promise<Page> => {
      const p = await browser.newPage({ viewport: { width: 390, height: 844 } });
      await p.goto(`${url()}/v/${DEMO_VENUE.id}/t/${tournamentId}`);
      await p.getByLabel('Your name').fill(name.slice(0, 5));
      await p.getByRole('button', { name: `This is me: ${name}` }).click();
      await p.getByTestId('my-seat-where').waitFor();
      return p;
    };
    const mine = await phone(moved);
    const theirs = await phone(other);
    const from = `${tableOf(move.from.tableId)}, seat ${move.from.seat}`;
    const to = `${tableOf(move.to.tableId)}, seat ${move.to.seat}`;
    await expect.poll(() => mine.getByTestId('my-seat-where').textContent(), { timeout: 10_000 }).toBe(from);
    if (shots) {
      await mine.screenshot({ path: join(SHOTS, 'player-my-seat-phone.png'), fullPage: true });
      expect(await seriousA11yViolations(mine), 'axe on the player page').toEqual([]);
    }

    await command('ApplyMove', { moveId: move.moveId });
    await expect
      .poll(() => mine.getByTestId('player-alert').textContent(), { timeout: 10_000 })
      .toContain(`${to} (was ${from})`);
    if (shots) await mine.screenshot({ path: join(SHOTS, 'player-alert-seat-phone.png') });
    // The other phone got the same frame (its list shows the move) and no alert.
    const movedRow = theirs.getByTestId('players').getByRole('listitem').filter({ hasText: moved });
    const number = v.seating?.tables.find((t) => t.id === move.to.tableId)?.number;
    await expect
      .poll(() => movedRow.textContent(), { timeout: 10_000 })
      .toContain(`T${number} · ${move.to.seat}`);
    expect(await theirs.getByTestId('player-alert').count()).toBe(0);

    // Remembered on the phone: after a reload it shows the new seat without asking again.
    await mine.reload();
    await expect.poll(() => mine.getByTestId('my-seat-where').textContent(), { timeout: 10_000 }).toBe(to);
    expect(await mine.getByTestId('player-alert').count()).toBe(0);

    await command('GoToLevel', { levelIndex: 1 });
    for (const p of [mine, theirs]) {
      await expect
        .poll(() => p.getByTestId('player-alert').textContent(), { timeout: 10_000 })
        .toContain('Level 2');
      await p.getByRole('button', { name: 'OK' }).click();
      await expect.poll(() => p.getByTestId('player-alert').count(), { timeout: 10_000 }).toBe(0);
    }
    await mine.close();
    await theirs.close();
  });

  it('keeps the player page for offline: the last state shows, and it catches up when the line is back', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const p = await context.newPage();
    const address = `${url()}/v/${DEMO_VENUE.id}/t/${tournamentId}`;
    await p.goto(address);
    const manifest = (await (await fetch(`${address}/manifest.webmanifest`)).json()) as { start_url: string };
    expect(manifest.start_url).toBe(`/v/${DEMO_VENUE.id}/t/${tournamentId}`);
    await p.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // Under the worker from here: the page and its view are kept as they are fetched.
    await p.reload();
    await expect
      .poll(() => p.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 10_000 })
      .toBe(true);
    await expect
      .poll(() => p.getByTestId('players-left').textContent(), { timeout: 10_000 })
      .toMatch(/^\d+ \/ \d+$/);
    const shown = await p.getByTestId('players-left').textContent();

    await context.setOffline(true);
    await p.reload();
    await expect.poll(() => p.getByTestId('players-left').textContent(), { timeout: 10_000 }).toBe(shown);
    await expect
      .poll(() => p.getByTestId('live-status').textContent(), { timeout: 10_000 })
      .toContain('Offline');
    if (shots) await p.screenshot({ path: join(SHOTS, 'player-offline-phone.png'), fullPage: true });

    // A bust while the phone is offline; back online, the page catches up by itself.
    const out = (await view()).standings.entries.find((e) => e.status === 'active');
    await command('BustPlayers', { busts: [{ entryId: out?.entryId }] });
    await context.setOffline(false);
    await expect
      .poll(() => p.getByTestId('live-status').textContent(), { timeout: 30_000 })
      .toContain('Live');
    await expect.poll(() => p.getByTestId('players-left').textContent(), { timeout: 30_000 }).not.toBe(shown);
    await context.close();
  }, 90_000);

  it('rides out the server restarting: it reconnects and shows what changed, without a reload', async () => {
    const page = await tv('views=clock');
    await expect.poll(() => page.getByTestId('tv-link').textContent(), { timeout: 10_000 }).toBe('');
    await page.evaluate(() => {
      (window as unknown as { stayed: boolean }).stayed = true;
    });
    const paused = (await view()).standings.clock?.status === 'paused';
    await box.stop();
    await expect
      .poll(() => page.getByTestId('tv-link').textContent(), { timeout: 15_000 })
      .toBe('Reconnecting…');
    box = await runtime.start(dataDir, port);
    await command(paused ? 'ResumeClock' : 'PauseClock', {});
    if (paused) {
      await expect
        .poll(() => page.getByTestId('tv-clock').textContent(), { timeout: 30_000 })
        .not.toContain('paused');
    } else {
      await expect
        .poll(() => page.getByTestId('tv-clock').textContent(), { timeout: 30_000 })
        .toContain('paused');
    }
    await expect.poll(() => page.getByTestId('tv-link').textContent(), { timeout: 10_000 }).toBe('');
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    await page.close();
  }, 120_000);
});
