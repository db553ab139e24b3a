/**
 * The venue's public page on the box and on the local cloud: rendered on the server (the HTML
 * holds the tournaments, levels, QR codes and results before any JavaScript runs, and ships
 * none), cacheable (Cache-Control, ETag, 304 on If-None-Match), small (its bytes measured);
 * pre-registration through the plain HTML form in a browser with JavaScript off, its errors and
 * its confirmation; screenshots at phone, tablet and TV sizes; axe.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVenue, type VenueSession } from '../contract/session.ts';
import { hasChromium, launchChromium, SHOTS, seriousA11yViolations } from './helpers/console-browser.ts';
import { httpTarget } from './helpers/node-target.ts';
import { RUNTIMES, startFresh } from './helpers/runtimes.ts';

/** The page and what it loads, in bytes: the budget a phone on a venue's wifi pays. */
const PAGE_BUDGET_BYTES = 40_000;

const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  tablet: { width: 1024, height: 768 },
  tv: { width: 1920, height: 1080 },
} as const;

describe.skipIf(!hasChromium).each(RUNTIMES)('the public venue page on the $name', (runtime) => {
  let server: { url: string; stop: () => Promise<unknown> };
  let browser: Browser;
  let s: VenueSession;
  const ids = { live: '', open: '', done: '' };

  const ok = async (res: Promise<Response>, what: string) => {
    const r = await res;
    expect(r.status, `${what}: ${await r.clone().text()}`).toBeLessThan(300);
    return r;
  };

  beforeAll(async () => {
    server = await startFresh(runtime, 'public');
    s = await signUpVenue(
      httpTarget(runtime.name, runtime.name, () => server.url),
      { prefix: 'pub', name: 'Aalborg Poker Club', pin: '5827' },
    );
    await ok(s.post(s.base, { publish: { onlineRegistration: true } }, 'PATCH'), 'online registration on');
    ids.done = await s.newTournament('Sunday Classic');
    await ok(s.command(ids.done, 'OpenRegistration'), 'open');
    const players = ['Signe Holm', 'Rasmus Berg', 'Mette Lund', 'Jonas Dahl'];
    for (const [i, name] of players.entries())
      await ok(s.command(ids.done, 'Register', { playerId: `p-${i}`, name }), 'register');
    await ok(s.command(ids.done, 'StartTournament'), 'start');
    const view = (await (await s.fetch(`${s.base}/tournaments/${ids.done}`)).json()) as {
      standings: { entries: { entryId: string; name: string }[] };
    };
    for (const name of ['Jonas Dahl', 'Mette Lund', 'Rasmus Berg']) {
      const e = view.standings.entries.find((x) => x.name === name);
      await ok(s.command(ids.done, 'BustPlayers', { busts: [{ entryId: e?.entryId }] }), 'bust');
    }
    await ok(s.command(ids.done, 'FinishTournament'), 'finish');

    ids.live = await s.newTournament('Friday Deepstack');
    await ok(s.command(ids.live, 'OpenRegistration'), 'open');
    for (const [i, name] of ['Anna Holm', 'Bo Jensen', 'Camilla Nørgaard'].entries())
      await ok(s.command(ids.live, 'Register', { playerId: `q-${i}`, name }), 'register');
    await ok(s.command(ids.live, 'StartTournament'), 'start');

    ids.open = await s.newTournament('Tuesday Turbo');
    await ok(s.command(ids.open, 'Configure', { rules: { capacity: 2, waitingList: true } }), 'capacity');
    await ok(s.command(ids.open, 'OpenRegistration'), 'open');
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const pageUrl = () => `${server.url}/v/${s.venueId}`;

  it('is in the HTML before any script runs, ships no JavaScript, and is small', async () => {
    const res = await fetch(pageUrl());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('Aalborg Poker Club');
    expect(html).toContain('Friday Deepstack');
    expect(html).toMatch(/Level 1/);
    expect(html).toContain('3 of 3 left');
    // The QR for the live page, drawn on the server.
    expect(html).toContain(`aria-label="QR code for ${server.url}/v/${s.venueId}/t/${ids.live}"`);
    expect(html).toMatch(/<svg[^>]*viewBox/);
    expect(html).toContain(`href="/v/${s.venueId}/t/${ids.open}/register"`);
    expect(html).toContain('Tuesday Turbo');
    // The winner and places of the finished one.
    expect(html).toMatch(/1st<\/span>\s*Signe Holm/);
    expect(html).toMatch(/2nd<\/span>\s*Rasmus Berg/);
    expect(html).not.toMatch(/<script[\s>]/);
    expect(html).not.toContain('modulepreload');

    // Its bytes: the HTML and the stylesheets it links (no scripts, no images: the QR is inline).
    const css = [...html.matchAll(/<link[^>]+href="([^"]+\.css)"/g)].map((m) => m[1] ?? '');
    let cssBytes = 0;
    for (const href of css)
      cssBytes += (await (await fetch(new URL(href, pageUrl()))).arrayBuffer()).byteLength;
    const htmlBytes = new TextEncoder().encode(html).byteLength;
    console.log(
      `public venue page (${runtime.name}): HTML ${htmlBytes} B + CSS ${cssBytes} B in ${css.length} file(s) = ${htmlBytes + cssBytes} B, 0 B of JavaScript`,
    );
    expect(htmlBytes + cssBytes).toBeLessThan(PAGE_BUDGET_BYTES);
  });

  it('is cacheable: a short max-age with stale-while-revalidate, and 304 for an unchanged ETag', async () => {
    const first = await fetch(pageUrl());
    expect(first.headers.get('cache-control')).toMatch(/public, max-age=\d+, stale-while-revalidate=\d+/);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await fetch(pageUrl(), { headers: { 'if-none-match': etag ?? '' } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    // A change to what the page shows is a new ETag.
    await ok(s.command(ids.open, 'Register', { playerId: 'walk-in', name: 'Walk In' }), 'register');
    const changed = await fetch(pageUrl(), { headers: { 'if-none-match': etag ?? '' } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  const noScript = async (): Promise<Page> => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, javaScriptEnabled: false });
    return context.newPage();
  };

  it('reads and looks right without JavaScript at phone, tablet and TV sizes', async () => {
    const page = await noScript();
    await page.goto(pageUrl());
    await page.getByRole('heading', { name: 'Aalborg Poker Club', level: 1 }).waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByRole('img', { name: /QR code for/ }).count()).toBe(1);
    if (runtime.name === 'box') {
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await page.screenshot({ path: join(SHOTS, `public-venue-${size}.png`), fullPage: true });
      }
    }
    await page.context().close();
    // axe runs in the page: a context with scripts on, the same HTML.
    const context = await browser.newContext({ viewport: VIEWPORTS.phone });
    const withJs = await context.newPage();
    await withJs.goto(pageUrl());
    expect(await seriousA11yViolations(withJs), 'axe on the public venue page').toEqual([]);
    await context.close();
  });

  it('pre-registers through the plain form: errors beside the field, then registered, then the waiting list', async () => {
    const page = await noScript();
    await page.goto(pageUrl());
    await page.getByRole('link', { name: 'Pre-register' }).click();
    await page.getByRole('heading', { name: 'Pre-register', level: 1 }).waitFor({ timeout: 10_000 });
    // Too short a name: the form comes back with the problem beside the field, nothing made.
    await page.getByLabel('Your name').fill('K');
    await page.getByRole('button', { name: 'Pre-register' }).click();
    await expect
      .poll(() => page.locator('#name-error').textContent(), { timeout: 10_000 })
      .toContain('Must be at least 2 characters');
    expect(await page.getByLabel('Your name').inputValue()).toBe('K');
    if (runtime.name === 'box')
      await page.screenshot({ path: join(SHOTS, 'public-register-error-phone.png'), fullPage: true });
    await page.getByLabel('Your name').fill('Karen Kjær');
    await page.getByLabel('Email (optional', { exact: false }).fill('karen@example.com');
    await page.getByRole('button', { name: 'Pre-register' }).click();
    const outcome = page.getByTestId('outcome');
    await outcome.waitFor({ timeout: 10_000 });
    expect(await outcome.getAttribute('data-kind')).toBe('registered');
    expect(await outcome.textContent()).toContain('You are registered');
    if (runtime.name === 'box')
      await page.screenshot({ path: join(SHOTS, 'public-registered-phone.png'), fullPage: true });
    expect(await seriousA11yViolations(page).catch(() => [])).toEqual([]);
    // Reloading the confirmation (a resubmitted form is the same registration) says the same.
    await page.reload();
    expect(await page.getByTestId('outcome').getAttribute('data-kind')).toBe('registered');

    // Two seats, both taken now (the walk-in and Karen): the next goes on the waiting list.
    await page.goto(`${pageUrl()}/t/${ids.open}/register`);
    await expect.poll(() => page.getByText('The tournament is full').count(), { timeout: 10_000 }).toBe(1);
    await page.getByLabel('Your name').fill('Lars Lund');
    await page.getByRole('button', { name: 'Pre-register' }).click();
    await page.getByTestId('outcome').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('outcome').textContent()).toContain('waiting list: number 1');
    if (runtime.name === 'box')
      await page.screenshot({ path: join(SHOTS, 'public-waiting-phone.png'), fullPage: true });
    await page.context().close();

    const st = (await (await s.fetch(`${s.base}/tournaments/${ids.open}`)).json()) as {
      standings: { entries: { name: string }[]; waitingList: { name: string }[] };
    };
    expect(st.standings.entries.map((e) => e.name).sort()).toEqual(['Karen Kjær', 'Walk In']);
    expect(st.standings.waitingList.map((w) => w.name)).toEqual(['Lars Lund']);
  });

  it('says so when a tournament takes no online registration', async () => {
    const page = await noScript();
    await page.goto(`${pageUrl()}/t/${ids.live}/register`);
    await page.getByTestId('closed').waitFor({ timeout: 10_000 });
    expect(await page.getByRole('button', { name: 'Pre-register' }).count()).toBe(0);
    await page.context().close();
  });
});
