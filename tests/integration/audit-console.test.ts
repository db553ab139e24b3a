/**
 * The owner reads the venue's audit log in the staff console, in Chromium, on the box and on
 * the local cloud: Felt support reads a demo tournament through the API, and the owner's Audit
 * page shows those reads marked as support, naming the tournament; "Support only" hides the
 * owner's own entries; "Show more" reads further back; a TD has no Audit link and is told the
 * page is the owner's. Screenshots at the three sizes and axe-core on the way (on the box).
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OWNER, DEMO_TOURNAMENT_NAME, DEMO_VENUE, seedDemo } from '../../scripts/lib/seed.ts';
import {
  hasChromium,
  launchChromium,
  SHOTS,
  seriousA11yViolations,
  shootAllSizes,
  staffPage,
  staffToken,
} from './helpers/console-browser.ts';
import { RUNTIMES, startFresh } from './helpers/runtimes.ts';

/** The operator key the servers of this file start with (support accounts need it). */
const ADMIN_KEY = 'audit-console-operator-key';
const SUPPORT = { name: 'Sigrid Support', email: 'sigrid@support.felt', password: 'sigrid-support-password' };
const TD = { name: 'Tessa Director', email: 'tessa@demo.felt', password: 'tessa-td-password' };

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe.skipIf(!hasChromium).each(RUNTIMES)('the audit log in the console on the $name', (runtime) => {
  let server: { url: string; stop: () => Promise<unknown> };
  let browser: Browser;
  let ownerToken: string;
  let tdToken: string;
  let tournamentId: string;
  let support: { token: string; userId: string };
  const keyBefore = process.env.FELT_ADMIN_KEY;

  const venueApi = (path: string, token: string) =>
    fetch(`${server.url}/api/v1/venues/${DEMO_VENUE.id}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
  const rows = (page: Page) => page.getByTestId('audit-row');
  const shoot = async (page: Page, name: string) => {
    if (runtime.name === 'box') await shootAllSizes(page, `audit-${name}`);
    expect(await seriousA11yViolations(page), `axe on audit-${name}`).toEqual([]);
  };

  beforeAll(async () => {
    // Both runtimes read the operator key from the environment they start in.
    process.env.FELT_ADMIN_KEY = ADMIN_KEY;
    server = await startFresh(runtime, 'audit');
    tournamentId = (await seedDemo(server.url)).tournamentId;
    ownerToken = await staffToken(server.url, DEMO_VENUE.id, DEMO_OWNER.email, DEMO_OWNER.password);

    // The owner's own entries: a TD invited, who joins.
    const invited = await post(
      `${server.url}/api/v1/venues/${DEMO_VENUE.id}/staff/invites`,
      { name: TD.name, email: TD.email, role: 'td' },
      { authorization: `Bearer ${ownerToken}` },
    );
    expect(invited.status, await invited.clone().text()).toBe(201);
    const { inviteCode } = (await invited.json()) as { inviteCode: string };
    const joined = await post(`${server.url}/api/v1/venues/${DEMO_VENUE.id}/auth/accept-invite`, {
      email: TD.email,
      code: inviteCode,
      password: TD.password,
    });
    expect(joined.status, await joined.clone().text()).toBe(200);
    tdToken = ((await joined.json()) as { token: string }).token;

    // Felt support: an account made with the operator key, signed in.
    const made = await post(`${server.url}/api/v1/support/accounts`, SUPPORT, {
      'x-felt-admin-key': ADMIN_KEY,
    });
    expect(made.status, await made.clone().text()).toBe(201);
    const signedIn = await post(`${server.url}/api/v1/support/auth/password`, {
      email: SUPPORT.email,
      password: SUPPORT.password,
    });
    expect(signedIn.status, await signedIn.clone().text()).toBe(200);
    support = (await signedIn.json()) as { token: string; userId: string };
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (keyBefore === undefined) delete process.env.FELT_ADMIN_KEY;
    else process.env.FELT_ADMIN_KEY = keyBefore;
  });

  it('shows the owner what Felt support read, marked, with a support-only filter; a TD has no Audit', {
    timeout: 300_000,
  }, async () => {
    // Support reads the demo tournament: its view, and as it was at seq 2.
    expect((await venueApi(`/tournaments/${tournamentId}`, support.token)).status).toBe(200);
    expect((await venueApi(`/tournaments/${tournamentId}/history/2`, support.token)).status).toBe(200);

    const { page, context, errors } = await staffPage(browser, DEMO_VENUE.id, ownerToken, 'phone');
    await page.goto(`${server.url}/v/${DEMO_VENUE.id}/staff/tournaments`);
    const nav = page.getByRole('navigation', { name: 'Staff' });
    await nav.getByRole('link', { name: 'Audit', exact: true }).click();
    await page.waitForURL(`${server.url}/v/${DEMO_VENUE.id}/staff/audit`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 })
      .toBe('Audit log');
    await expect.poll(() => rows(page).count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(6);

    // Newest first: support's read of the tournament as it was, by name, marked and with its id.
    const asItWas = rows(page).first();
    expect(await asItWas.textContent()).toContain(`Felt support (${support.userId})`);
    expect(await asItWas.textContent()).toContain(`read “${DEMO_TOURNAMENT_NAME}” (as it was at seq 2)`);
    expect(await asItWas.getByText('Support', { exact: true }).count()).toBe(1);
    // The plain view read is a support read too, naming the tournament it read.
    const viewRead = rows(page).nth(1);
    expect(await viewRead.textContent()).toContain(
      `Felt support (${support.userId}) read “${DEMO_TOURNAMENT_NAME}”`,
    );
    expect(await page.getByTestId('support-summary').textContent()).toContain('2 reads by Felt support');
    // The owner's own entries, in words, with the people by name.
    const invitedRow = rows(page).filter({
      hasText: `${DEMO_OWNER.name} invited ${TD.name} as tournament director`,
    });
    expect(await invitedRow.count()).toBe(1);
    expect(await invitedRow.getByText('Support', { exact: true }).count()).toBe(0);
    expect(
      await rows(page)
        .filter({ hasText: `${TD.name} joined the staff` })
        .count(),
    ).toBe(1);
    expect(
      await rows(page)
        .filter({ hasText: `created “${DEMO_TOURNAMENT_NAME}”` })
        .count(),
    ).toBe(1);
    await shoot(page, 'all');

    // Support only: the two reads, nothing of the owner's.
    const all = await rows(page).count();
    await page.getByRole('button', { name: 'Support only', exact: true }).click();
    await expect.poll(() => rows(page).count(), { timeout: 5_000 }).toBe(2);
    expect(await rows(page).filter({ hasText: DEMO_OWNER.name }).count()).toBe(0);
    expect(await rows(page).filter({ hasText: 'Felt support' }).count()).toBe(2);
    expect(
      await page.getByRole('button', { name: 'Support only', exact: true }).getAttribute('aria-pressed'),
    ).toBe('true');
    await shoot(page, 'support-only');
    await page.getByRole('button', { name: 'All', exact: true }).click();
    await expect.poll(() => rows(page).count(), { timeout: 5_000 }).toBe(all);

    // More than a page of entries: support reads the staff list 110 times; "Show more" reaches
    // back to the venue's creation, then there is no more to show.
    for (let i = 0; i < 110; i++) expect((await venueApi('/staff', support.token)).status).toBe(200);
    await page.reload();
    await expect.poll(() => rows(page).count(), { timeout: 10_000 }).toBe(100);
    expect(await rows(page).filter({ hasText: 'created the venue' }).count()).toBe(0);
    expect(await rows(page).first().textContent()).toContain('read the staff list');
    const more = page.getByRole('button', { name: 'Show more', exact: true });
    await more.scrollIntoViewIfNeeded();
    if (runtime.name === 'box') await page.screenshot({ path: join(SHOTS, 'audit-show-more-phone.png') });
    await more.click();
    await expect.poll(() => rows(page).count(), { timeout: 10_000 }).toBe(all + 110);
    expect(
      await rows(page)
        .filter({ hasText: `${DEMO_OWNER.name} created the venue` })
        .count(),
    ).toBe(1);
    expect(await more.count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();

    // A TD: no Audit link, and the page itself says whose it is.
    const td = await staffPage(browser, DEMO_VENUE.id, tdToken, 'phone');
    await td.page.goto(`${server.url}/v/${DEMO_VENUE.id}/staff/tournaments`);
    await expect
      .poll(() => td.page.getByTestId('signed-in-as').textContent(), { timeout: 10_000 })
      .toContain(`${TD.name} · td`);
    const tdNav = td.page.getByRole('navigation', { name: 'Staff' });
    expect(await tdNav.getByRole('link', { name: 'People', exact: true }).count()).toBe(1);
    expect(await tdNav.getByRole('link', { name: 'Audit', exact: true }).count()).toBe(0);
    await td.page.goto(`${server.url}/v/${DEMO_VENUE.id}/staff/audit`);
    await expect
      .poll(() => td.page.getByTestId('audit-owner-only').textContent(), { timeout: 10_000 })
      .toContain('Only the venue');
    expect(await rows(td.page).count()).toBe(0);
    expect(td.errors).toEqual([]);
    await td.context.close();
  });
});
