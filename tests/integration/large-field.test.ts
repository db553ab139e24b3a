/**
 * A large field on players' phones and TVs, in Chromium against the real box: the public view
 * is a summary (engine/publish/paging.ts), so a player finds their seat through the name
 * search and reads their own entry; the moved player is still alerted full-screen (and another
 * player is not); the players list shows the top of the rankings and reads more on demand;
 * the TV's rankings show the top N and its seating pages through the tables.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/free-port.ts';
import { DEMO_OWNER, DEMO_VENUE, seedDemo } from '../../scripts/lib/seed.ts';
import type { TournamentView } from '../../web/src/lib/api.ts';
import { type BoxProcess, startBoxProcess } from './helpers/box-process.ts';
import { hasChromium, launchChromium, SHOTS, staffToken } from './helpers/console-browser.ts';

const FIELD = 320;

describe.skipIf(!hasChromium)('a large field on players’ phones and TVs (box)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'felt-large-field-'));
  let box: BoxProcess;
  let browser: Browser;
  let token: string;
  let id: string;
  let commands = 0;

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${box.url}/api/v1/venues/${DEMO_VENUE.id}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
  const view = async () => (await (await api(`/tournaments/${id}`)).json()) as TournamentView;
  const command = async (type: string, payload: object = {}) => {
    const res = await api(`/tournaments/${id}/commands`, {
      method: 'POST',
      body: JSON.stringify({ commandId: `big-${++commands}`, type, payload }),
    });
    expect(res.status, `${type}: ${await res.clone().text()}`).toBe(201);
  };
  const phone = async (name: string): Promise<Page> => {
    const p = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await p.goto(`${box.url}/v/${DEMO_VENUE.id}/t/${id}`);
    await p.getByLabel('Your name').fill(name);
    await p.getByRole('button', { name: `This is me: ${name}` }).click();
    await p.getByTestId('my-seat-where').waitFor();
    return p;
  };

  beforeAll(async () => {
    box = await startBoxProcess(dataDir, await freePort());
    await seedDemo(box.url);
    token = await staffToken(box.url, DEMO_VENUE.id, DEMO_OWNER.email, DEMO_OWNER.password);
    browser = await launchChromium();
    const created = await api('/tournaments', {
      method: 'POST',
      body: JSON.stringify({ name: 'Big Sunday', templateId: 'daily-200-dkk' }),
    });
    expect(created.status).toBe(201);
    id = ((await created.json()) as { tournament: { id: string } }).tournament.id;
    await command('OpenRegistration');
    const numbers = Array.from({ length: FIELD }, (_, i) => i + 1);
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let i = numbers.shift(); i !== undefined; i = numbers.shift())
          await command('Register', { playerId: `big-${i}`, name: `Player ${String(i).padStart(3, '0')}` });
      }),
    );
    await command('DrawSeats');
    await command('StartTournament');
    // Two busts at one table: out of balance, a move is pending.
    const v = await view();
    const table = v.seating?.tables.find((t) => t.players > 0);
    const ids = table?.seatMap.flatMap((s) => (s.entryId ? [s.entryId] : [])).slice(0, 2) ?? [];
    for (const entryId of ids) await command('BustPlayers', { busts: [{ entryId }] });
    expect((await view()).seating?.pendingMoves.length).toBeGreaterThan(0);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await box?.interrupt();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds my seat by search, alerts the moved player only, and shows the top of the rankings', async () => {
    const v = await view();
    const move = v.seating!.pendingMoves[0]!;
    const nameOf = (entryId: string) => v.standings.entries.find((e) => e.entryId === entryId)!.name;
    const tableOf = (tableId: string) => v.seating!.tables.find((t) => t.id === tableId)!.name;
    const moved = nameOf(move.entryId);
    const other = v.standings.entries.find(
      (e) => e.status === 'active' && e.entryId !== move.entryId && e.name !== moved,
    )!.name;

    const mine = await phone(moved);
    const theirs = await phone(other);
    const from = `${tableOf(move.from.tableId)}, seat ${move.from.seat}`;
    const to = `${tableOf(move.to.tableId)}, seat ${move.to.seat}`;
    await expect.poll(() => mine.getByTestId('my-seat-where').textContent()).toBe(from);
    // The page holds the summary, not the field: 30 players listed of FIELD.
    await expect.poll(() => mine.getByTestId('players').getByRole('listitem').count()).toBe(30);
    await expect.poll(() => mine.getByTestId('players-more').textContent()).toContain(`Top 30 of ${FIELD}`);
    await mine.screenshot({ path: join(SHOTS, 'large-field-my-seat-phone.png'), fullPage: true });

    // The TV's moves view names the player and the tables (the summary has no seats).
    const board = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await board.goto(`${box.url}/v/${DEMO_VENUE.id}/tv/${id}?views=moves`);
    const row = board.getByTestId('tv-moves').getByRole('listitem').filter({ hasText: moved });
    await expect
      .poll(() => row.textContent())
      .toContain(
        `${tableOf(move.from.tableId)} · ${move.from.seat} → ${tableOf(move.to.tableId)} · ${move.to.seat}`,
      );
    await board.close();

    await command('ApplyMove', { moveId: move.moveId });
    await expect.poll(() => mine.getByTestId('player-alert').textContent()).toContain(`${to} (was ${from})`);
    await mine.screenshot({ path: join(SHOTS, 'large-field-alert-seat-phone.png') });
    await expect.poll(() => mine.getByTestId('my-seat-where').textContent()).toBe(to);
    // The other phone hears of the move (its frame) and raises nothing.
    await theirs.waitForTimeout(1500);
    expect(await theirs.getByTestId('player-alert').count()).toBe(0);

    // Remembered: after a reload the seat is read again, without asking who I am.
    await mine.reload();
    await expect.poll(() => mine.getByTestId('my-seat-where').textContent()).toBe(to);
    expect(await mine.getByTestId('player-alert').count()).toBe(0);

    // Show more reads the next page of the standings.
    await theirs.getByRole('button', { name: 'Show more' }).click();
    await expect.poll(() => theirs.getByTestId('players').getByRole('listitem').count()).toBe(130);
    await mine.close();
    await theirs.close();
  }, 120_000);

  it('shows the top N on the TV’s rankings and pages its seating by table', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${box.url}/v/${DEMO_VENUE.id}/tv/${id}?views=rankings`);
    await expect.poll(() => page.getByTestId('tv-rankings').getByRole('listitem').count()).toBe(30);
    await expect
      .poll(() => page.locator('.rankings .more').textContent())
      .toContain(`and ${FIELD - 2 - 30} more`);
    await page.screenshot({ path: join(SHOTS, 'large-field-tv-rankings-1080p.png') });
    await page.goto(`${box.url}/v/${DEMO_VENUE.id}/tv/${id}?views=seating`);
    const tables = page.getByTestId('tv-seating-tables');
    await expect.poll(() => tables.locator('.table').count()).toBe(10);
    await expect.poll(() => page.locator('#tv-seating').textContent()).toContain('tables 1–10 of 32');
    // Ten tables fit the screen above the figures (the view clips what does not fit).
    const clipped = await page.evaluate(() => {
      const main = document.querySelector('main.view');
      return main ? main.scrollHeight - main.clientHeight : -1;
    });
    expect(clipped).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'large-field-tv-seating-1080p.png') });
    await page.close();
  });
});
