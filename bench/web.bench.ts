/**
 * What the TD console costs a tablet: the JS the staff tournament screen loads (gzipped, as a
 * server sends it), and how long a tap takes to show its confirmed result on the box (the
 * command's round trip, then its events back over the staff socket and on screen).
 *
 * web.console_js_kb_gz: every script the console page loads in Chromium, gzipped (zlib level 6,
 *   what the box and Cloudflare send), summed.
 * web.console_action_ms: on the box, the Clock tab's Pause/Resume button tapped 60 times in
 *   turn; measured in the page from the click to the button's label changing (the view updated
 *   by the staff socket's frame, after the server's answer), p50 over the taps.
 * web.player_js_kb_gz: every script the public player page (clock, my seat, payouts, players)
 *   loads in Chromium at 390×844, gzipped and summed like the console's.
 * web.player_view_kb_5k: the first view a phone reads of a 5,000-entry tournament (registered,
 *   seated at 500 tables, started) on the public channel: the JSON's size as served, in KB
 *   (the summary of a large field: engine/publish/paging.ts).
 * web.display_cpu_pct: a TV clock page (1280×720, the running demo tournament) with Chromium's
 *   CPU throttled 4× (DevTools' Emulation.setCPUThrottlingRate, a Pi Zero 2W-class core): the
 *   renderer main thread's busy time (Performance.getMetrics TaskDuration) over 10 s windows,
 *   as a share of one core; the median of 3 windows after a 5 s settle.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { freePort } from '../scripts/lib/free-port.ts';
import { DEMO_OWNER, seedDemo } from '../scripts/lib/seed.ts';
import { launchChromium, staffPage, staffToken } from '../tests/integration/helpers/console-browser.ts';
import type { Figure } from './lib/figure.ts';
import { median, percentile, round } from './lib/measure.ts';
import { startBoxProcess, stopAll } from './lib/processes.ts';

const TAPS = 60;
const WINDOW_MS = 10_000;

const BIG_FIELD = 5000;

/** A tournament of BIG_FIELD entries, seated and started; the size of its public view. */
async function bigFieldView(
  base: string,
  venueId: string,
  token: string,
): Promise<{ kb: number; gzKb: number }> {
  const api = `${base}/api/v1/venues/${venueId}`;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const created = await fetch(`${api}/tournaments`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ name: 'Big Field', templateId: 'daily-200-dkk' }),
  });
  if (created.status !== 201 && created.status !== 200) throw new Error(`creating: ${await created.text()}`);
  const id = ((await created.json()) as { tournament: { id: string } }).tournament.id;
  let n = 0;
  const command = async (type: string, payload: object = {}) => {
    const res = await fetch(`${api}/tournaments/${id}/commands`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ commandId: `big-${++n}`, type, payload }),
    });
    if (res.status !== 201) throw new Error(`${type}: ${res.status} ${await res.text()}`);
  };
  await command('OpenRegistration');
  const names = Array.from({ length: BIG_FIELD }, (_, i) => i);
  // A few registrations in flight at once, as several desks would.
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = names.shift(); i !== undefined; i = names.shift())
        await command('Register', { playerId: `big-${i}`, name: `Player ${String(i).padStart(4, '0')}` });
    }),
  );
  await command('DrawSeats');
  await command('StartTournament');
  const body = new Uint8Array(
    await (await fetch(`${base}/api/v1/public/venues/${venueId}/tournaments/${id}`)).arrayBuffer(),
  );
  return { kb: body.byteLength / 1024, gzKb: gzipSync(body, { level: 6 }).byteLength / 1024 };
}

/** The scripts a fresh page loads until the network is idle, gzipped (level 6) and summed. */
async function pageScriptsKb(browser: Browser, url: string): Promise<{ kb: number; count: number }> {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  try {
    const scripts = new Map<string, number>();
    page.on('response', async (res) => {
      if (res.request().resourceType() !== 'script') return;
      const body = await res.body().catch(() => null);
      if (body) scripts.set(res.url(), gzipSync(body, { level: 6 }).byteLength);
    });
    await page.goto(url);
    await page.getByTestId('players-left').waitFor();
    await page.waitForLoadState('networkidle');
    return { kb: [...scripts.values()].reduce((a, b) => a + b, 0) / 1024, count: scripts.size };
  } finally {
    await page.close();
  }
}

/** Main-thread CPU of a page as % of one core, with the CPU throttled 4×, per window. */
async function displayCpu(browser: Browser, url: string): Promise<number[]> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  try {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(url);
    await page.getByTestId('tv-time').waitFor();
    await page.waitForTimeout(5000);
    const busy = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
    };
    const shares: number[] = [];
    for (let i = 0; i < 3; i++) {
      const [b0, t0] = [await busy(), performance.now()];
      await page.waitForTimeout(WINDOW_MS);
      const [b1, t1] = [await busy(), performance.now()];
      shares.push(((b1 - b0) * 1000 * 100) / (t1 - t0));
    }
    return shares;
  } finally {
    await page.close();
  }
}

export async function run(): Promise<Figure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'felt-bench-web-'));
  const box = await startBoxProcess(dataDir, await freePort());
  const browser = await launchChromium();
  try {
    const seed = await seedDemo(box.url);
    const token = await staffToken(box.url, seed.venueId, DEMO_OWNER.email, DEMO_OWNER.password);
    const { page } = await staffPage(browser, seed.venueId, token, 'tablet');
    const scripts = new Map<string, number>();
    page.on('response', async (res) => {
      if (res.request().resourceType() !== 'script') return;
      const body = await res.body().catch(() => null);
      if (body) scripts.set(res.url(), gzipSync(body, { level: 6 }).byteLength);
    });
    await page.goto(`${box.url}/v/${seed.venueId}/staff/t/${seed.tournamentId}`);
    await page.getByTestId('live-status').filter({ hasText: 'Live' }).waitFor();
    await page.getByRole('button', { name: /^(Pause|Resume)$/ }).waitFor();
    await page.waitForLoadState('networkidle');
    const jsKb = [...scripts.values()].reduce((a, b) => a + b, 0) / 1024;
    // Every other tab once (each loads its own chunk), for the note: the whole console's JS.
    const nav = page.getByRole('navigation', { name: 'Tournament' });
    for (const tab of ['Entries', 'Seating', 'Money', 'Structure', 'Log', 'Results', 'Clock']) {
      await nav.getByRole('link', { name: tab, exact: true }).click();
      await page.waitForLoadState('networkidle');
    }
    await page.getByRole('button', { name: /^(Pause|Resume)$/ }).waitFor();
    const allTabsKb = [...scripts.values()].reduce((a, b) => a + b, 0) / 1024;

    const taps: number[] = [];
    for (let i = 0; i < TAPS + 5; i++) {
      const ms = await page.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const button = [...document.querySelectorAll('button')].find((b) =>
              /^(Pause|Resume)$/.test(b.textContent?.trim() ?? ''),
            );
            if (!button) return reject(new Error('no Pause/Resume button'));
            const before = button.textContent?.trim();
            const clock = button.closest('section') ?? document.body;
            const start = performance.now();
            const seen = new MutationObserver(() => {
              const now = [...clock.querySelectorAll('button')].find((b) =>
                /^(Pause|Resume)$/.test(b.textContent?.trim() ?? ''),
              );
              if (now && now.textContent?.trim() !== before && !now.disabled) {
                seen.disconnect();
                resolve(performance.now() - start);
              }
            });
            seen.observe(clock, { subtree: true, childList: true, characterData: true, attributes: true });
            button.click();
            setTimeout(() => reject(new Error('the view did not change within 10 s')), 10_000);
          }),
      );
      if (i >= 5) taps.push(ms);
    }
    await page.close();
    const player = await pageScriptsKb(browser, `${box.url}/v/${seed.venueId}/t/${seed.tournamentId}`);
    const bigView = await bigFieldView(box.url, seed.venueId, token);
    const cpu = await displayCpu(browser, `${box.url}/v/${seed.venueId}/tv/${seed.tournamentId}?views=clock`);
    return [
      {
        name: 'web.player_js_kb_gz',
        value: round(player.kb, 1),
        unit: 'KB',
        goal: '≤ 60 KB',
        note: `${player.count} scripts loaded by the player page (390×844) in Chromium, each gzipped at level 6 and summed`,
      },
      {
        name: 'web.player_view_kb_5k',
        value: round(bigView.kb, 1),
        unit: 'KB',
        goal: '≤ 50 KB',
        note: `GET of the public view of a ${BIG_FIELD}-entry tournament, seated and started (${round(bigView.gzKb, 1)} KB gzipped): above 200 entries the view is a summary (top 30, first 30 payout places, per-table counts; engine/publish/paging.ts), the rest read in pages`,
      },
      {
        name: 'web.display_cpu_pct',
        value: round(median(cpu), 2),
        unit: '%',
        goal: '≤ 10 % of one core (4× CPU throttling)',
        note: `TV clock view at 1280×720 in Chromium, CPU throttled 4×: renderer main-thread busy time over 3 windows of ${WINDOW_MS / 1000} s (${cpu.map((c) => round(c, 2)).join(', ')} %); the page redraws its countdown twice a second`,
      },
      {
        name: 'web.console_js_kb_gz',
        value: round(jsKb, 1),
        unit: 'KB',
        goal: '≤ 150 KB',
        note: `scripts loaded by the staff tournament screen (Clock tab) in Chromium, each gzipped at level 6 and summed; with every tab visited once, ${scripts.size} scripts, ${allTabsKb.toFixed(1)} KB`,
      },
      {
        name: 'web.console_action_ms',
        value: round(median(taps), 1),
        unit: 'ms',
        goal: '≤ 100 ms (p50, box)',
        note: `box (felt-box serve, libSQL), Chromium at 1024×768: Pause/Resume tapped ${TAPS} times after 5 warm-ups, click → button shows the new state (answer, then the staff socket's frame); p90 ${round(percentile(taps, 90), 1)} ms, max ${round(Math.max(...taps), 1)} ms`,
      },
    ];
  } finally {
    await browser.close();
    await stopAll();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
