/**
 * The support console in Chromium. In the cloud, with a paired box beside it: Felt support
 * signs in, finds the venue by name and by a pasted link, reads a cloud-run tournament (state
 * in words and raw, its object: storage, sockets, alarm and cues; the event log filtered; time
 * travel), and the box's page with the tournament it runs (epoch, backlog, last sync). Every
 * read is in the venue's audit log. On a box, the same console inspects a box-run tournament.
 * Screenshots at the three sizes and axe-core on the way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCloud, startCloud } from '../../scripts/lib/cloud.ts';
import { freePort } from '../../scripts/lib/free-port.ts';
import { DEMO_VENUE, seedDemo } from '../../scripts/lib/seed.ts';
import { signUpVenue, type VenueSession } from '../contract/session.ts';
import { type BoxProcess, startBoxProcess } from './helpers/box-process.ts';
import {
  hasChromium,
  launchChromium,
  SIZES,
  seriousA11yViolations,
  shootAllSizes,
  staffPage,
} from './helpers/console-browser.ts';
import { httpTarget } from './helpers/node-target.ts';
import { ownerOnBox, pairAndStartBox, until } from './helpers/paired-box.ts';

const ADMIN_KEY = 'support-console-operator-key';
const SUPPORT = { name: 'Sigrid Support', email: 'sigrid@support.felt', password: 'sigrid-support-password' };
const NAMES = ['Ane Berg', 'Bo Dahl', 'Cai Holm', 'Dea Lund', 'Eli Moe'];

async function makeSupport(url: string): Promise<void> {
  const made = await fetch(`${url}/api/v1/support/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-felt-admin-key': ADMIN_KEY },
    body: JSON.stringify(SUPPORT),
  });
  expect(made.status, await made.clone().text()).toBe(201);
}

/** A fresh browser context on the support sign-in, signed in through the form. */
async function signedInSupport(
  browser: Browser,
  url: string,
): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const context = await browser.newContext({ viewport: SIZES.phone });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  await page.goto(`${url}/support`);
  await page.getByLabel('Email').fill(SUPPORT.email);
  await page.getByLabel('Password').fill(SUPPORT.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Find a venue' }).waitFor({ timeout: 10_000 });
  return { page, context, errors };
}

const shoot = async (page: Page, name: string) => {
  await shootAllSizes(page, `support-${name}`);
  expect(await seriousA11yViolations(page), `axe on support-${name}`).toEqual([]);
};

describe.skipIf(!hasChromium)('the support console in the cloud, with a paired box', () => {
  const dir = mkdtempSync(join(tmpdir(), 'felt-support-'));
  const keyBefore = process.env.FELT_ADMIN_KEY;
  let cloud: RunningCloud;
  let box: BoxProcess;
  let browser: Browser;
  let owner: VenueSession;
  let cloudRun: string;
  let boxRun: string;
  let boxId: string;
  let onBox: VenueSession;
  const run = async (s: VenueSession, id: string, type: string, payload: Record<string, unknown> = {}) => {
    const res = await s.command(id, type, payload);
    expect(res.status, `${type}: ${await res.clone().text()}`).toBe(201);
  };
  const venueName = `Riverside Card Room ${crypto.randomUUID().slice(0, 4)}`;

  beforeAll(async () => {
    process.env.FELT_ADMIN_KEY = ADMIN_KEY;
    cloud = await startCloud({ port: await freePort(), persistTo: join(dir, 'cloud') });
    owner = await signUpVenue(
      httpTarget('cloud', 'cloud', () => cloud.url),
      { prefix: 'river', name: venueName, pin: '5827' },
    );
    cloudRun = await owner.newTournament('Cloud Cup');
    await run(owner, cloudRun, 'OpenRegistration');
    for (const [i, name] of NAMES.entries())
      await run(owner, cloudRun, 'Register', { playerId: `p${i}`, name });
    await run(owner, cloudRun, 'StartTournament');
    await run(owner, cloudRun, 'BustPlayers', { busts: [{ entryId: 'e5' }], hitmanEntryId: 'e1' });

    box = await pairAndStartBox(owner, cloud.url, join(dir, 'box'), 'Bar box', {
      syncMs: 300,
      mirrorMs: 500,
    });
    onBox = await ownerOnBox(box, owner, '5827');
    boxRun = await onBox.newTournament('Box Cup');
    await run(onBox, boxRun, 'OpenRegistration');
    await run(onBox, boxRun, 'Register', { playerId: 'p1', name: 'Ane Berg' });
    const boxes = (await (await owner.fetch(`${owner.base}/boxes`)).json()) as { boxes: { id: string }[] };
    boxId = boxes.boxes[0]!.id;
    // The box's tournament has reached the cloud, homed on the box.
    await until('the box-run tournament in the cloud', async () => {
      const res = await owner.fetch(`${owner.base}/tournaments/${boxRun}/inspect`);
      const body = res.status === 200 ? ((await res.json()) as { lastSeq: number; sync: unknown }) : null;
      return body && body.lastSeq >= 3 && body.sync ? body : null;
    });
    await makeSupport(cloud.url);
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await box?.interrupt();
    await cloud?.stop();
    rmSync(dir, { recursive: true, force: true });
    if (keyBefore === undefined) delete process.env.FELT_ADMIN_KEY;
    else process.env.FELT_ADMIN_KEY = keyBefore;
  });

  it('signs in, finds the venue, inspects a tournament and a box; every read is in the audit log', {
    timeout: 300_000,
  }, async () => {
    // A wrong password is refused in words, on the sign-in page.
    const first = await browser.newPage({ viewport: SIZES.phone });
    await first.goto(`${cloud.url}/support`);
    await first.getByLabel('Email').fill(SUPPORT.email);
    await first.getByLabel('Password').fill('not-the-password');
    await first.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect
      .poll(() => first.getByTestId('support-signin-error').textContent(), { timeout: 10_000 })
      .toBe('Wrong email or password');
    await shoot(first, 'sign-in');
    await first.close();

    const { page, context, errors } = await signedInSupport(browser, cloud.url);
    // By name: words of it, in any case.
    const words = venueName.split(' ');
    await page.getByLabel(/Name, venue id/).fill(`${words[0]!.toLowerCase()} ${words.at(-1)}`);
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    const found = page.getByRole('list', { name: 'Venues found' });
    await found.waitFor({ timeout: 10_000 });
    expect(await found.textContent()).toContain(venueName);
    expect(await found.textContent()).toContain('found by its name');
    await shoot(page, 'find');
    await found.getByRole('link', { name: venueName }).click();
    await page.getByRole('heading', { name: venueName, level: 1 }).waitFor({ timeout: 10_000 });
    const tournaments = page.getByRole('list', { name: 'Tournaments' });
    expect(await tournaments.textContent()).toContain('Cloud Cup');
    expect(await tournaments.textContent()).toContain('runs on box “Bar box”');
    expect(await page.getByRole('list', { name: 'Boxes' }).textContent()).toContain('Bar box');
    await page.getByLabel('Filter').fill('box cup');
    await expect.poll(() => tournaments.getByRole('listitem').count(), { timeout: 5000 }).toBe(1);
    await page.getByLabel('Filter').fill('');
    await shoot(page, 'venue');

    // The cloud-run tournament: its state in words and as raw JSON.
    await tournaments.getByRole('link', { name: 'Cloud Cup' }).click();
    await page.getByRole('heading', { name: 'Cloud Cup', level: 1 }).waitFor({ timeout: 10_000 });
    await expect
      .poll(() => page.getByTestId('state-players').textContent(), { timeout: 10_000 })
      .toBe('4 left of 5');
    await page.getByText(/^Raw JSON/).click();
    const raw = JSON.parse((await page.getByTestId('raw-state').textContent()) ?? '{}') as {
      standings: { entrants: number };
    };
    expect(raw.standings.entrants).toBe(5);
    await shoot(page, 'state');

    // Its object: cloud home at epoch 0, storage, sockets, the clock's cues and the alarm.
    await page.getByRole('link', { name: 'Object', exact: true }).click();
    await expect.poll(() => page.getByTestId('object-home').textContent(), { timeout: 10_000 }).toBe('cloud');
    expect(await page.getByTestId('object-storage').textContent()).toMatch(
      /\d+ events · [\d.]+ KB of events/,
    );
    expect(await page.getByTestId('object-sockets').textContent()).toMatch(/0 staff · 0 public/);
    expect(await page.getByTestId('object-cues').textContent()).toContain('level-change');
    expect(await page.getByTestId('object-alarm').textContent()).toMatch(/^in \d+/);
    await shoot(page, 'object');

    // The event log, filtered by type; then by a time window that holds nothing.
    await page.getByRole('link', { name: 'Event log', exact: true }).click();
    await expect.poll(() => page.getByTestId('event-row').count(), { timeout: 10_000 }).toBeGreaterThan(8);
    await page.getByLabel('Types').fill('EntryRegistered');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect.poll(() => page.getByTestId('event-row').count(), { timeout: 10_000 }).toBe(NAMES.length);
    expect(await page.getByTestId('events-status').textContent()).toContain('matching');
    expect(await page.getByTestId('events').textContent()).toContain('Bo Dahl');
    // Actors read as the venue's staff by name; a name typed as the actor filters by it.
    expect(await page.getByTestId('event-row').first().textContent()).toContain('by Olivia Owner');
    await page.getByTestId('event-row').first().getByRole('button', { name: 'Raw' }).click();
    expect(await page.getByTestId('event-row').first().locator('pre').textContent()).toContain(
      '"EntryRegistered"',
    );
    await shoot(page, 'events');
    await page.getByLabel('Types').fill('PlayersBusted');
    await page.getByLabel('Actor').fill('olivia owner');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect.poll(() => page.getByTestId('event-row').count(), { timeout: 10_000 }).toBe(1);
    await page.getByLabel('Actor').fill('');
    await page.getByLabel('Types').fill('');
    await page.getByLabel('From', { exact: true }).fill('2001-01-01T10:00:00');
    await page.getByLabel('To', { exact: true }).fill('2001-01-01T11:00:00');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect.poll(() => page.getByTestId('event-row').count(), { timeout: 10_000 }).toBe(0);

    // Time travel: as it was at seq 2 (registration open, nobody in), and what changed since.
    await page.getByRole('link', { name: 'Time travel', exact: true }).click();
    await page.getByLabel('As it was at seq').fill('2');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('past-state').getByTestId('state-players').textContent(), {
        timeout: 10_000,
      })
      .toBe('0 left of 0');
    await page.getByLabel('From seq').fill('2');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('seq-changes').getByRole('listitem').count(), { timeout: 10_000 })
      .toBeGreaterThan(3);
    await shoot(page, 'time-travel');

    // A link pasted from the venue goes straight to its tournament.
    await page.getByRole('link', { name: 'Felt support' }).click();
    await page.getByLabel(/Name, venue id/).fill(`${cloud.url}/v/${owner.venueId}/staff/t/${boxRun}/seating`);
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await page.getByRole('heading', { name: 'Box Cup', level: 1 }).waitFor({ timeout: 10_000 });
    await page.getByRole('link', { name: 'Object', exact: true }).click();
    await expect.poll(() => page.getByTestId('object-home').textContent(), { timeout: 10_000 }).toBe(boxId);
    expect(await page.getByTestId('object-backlog').textContent()).toBe('0 events not yet here');

    // The box: the tournament it runs, its epoch, backlog and last sync; no conflicts.
    await page.goto(`${cloud.url}/support/v/${owner.venueId}/box/${boxId}`);
    await page.getByRole('heading', { name: 'Box “Bar box”' }).waitFor({ timeout: 10_000 });
    const runRow = page.getByTestId('box-run');
    expect(await runRow.count()).toBe(1);
    expect(await runRow.textContent()).toContain('Box Cup');
    expect(await page.getByTestId('run-backlog').textContent()).toBe('0 events');
    expect(await page.getByTestId('run-last-push').textContent()).toMatch(/ago$/);
    expect(await runRow.textContent()).toContain('No conflict reports.');
    await shoot(page, 'box');

    // The box is lost mid-event: the owner, in the cloud console, has the cloud take over.
    const console = await staffPage(browser, owner.venueId, owner.token, 'phone');
    await console.page.goto(`${cloud.url}/v/${owner.venueId}/staff/t/${boxRun}`);
    const boxHome = console.page.getByTestId('box-home');
    await boxHome.waitFor({ timeout: 15_000 });
    expect(await boxHome.textContent()).toContain('A venue box runs this tournament');
    await shootAllSizes(console.page, 'console-box-home');
    await console.page
      .getByRole('button', { name: 'Run it in the cloud (hold to confirm)', exact: true })
      .click({ delay: 1100 });
    await expect.poll(() => boxHome.textContent(), { timeout: 10_000 }).toContain('Runs in the cloud since');
    // The owner's free-tier usage: today's requests and rows against the day's allowance.
    await console.page
      .getByRole('navigation', { name: 'Staff' })
      .getByRole('link', { name: 'Usage', exact: true })
      .click();
    const requests = console.page.getByTestId('quota-workerRequests');
    await requests.waitFor({ timeout: 10_000 });
    const used = Number(
      /([\d,]+) of 100,000/.exec((await requests.textContent()) ?? '')?.[1]?.replaceAll(',', ''),
    );
    expect(used).toBeGreaterThan(20);
    expect(await console.page.getByTestId('quota-rowsWritten').textContent()).toMatch(
      /[1-9][\d,]* of 100,000/,
    );
    await shoot(console.page, 'console-usage');
    expect(console.errors).toEqual([]);
    await console.context.close();
    // The old box did not know: what it records now is refused by the cloud and kept.
    await run(onBox, boxRun, 'Register', { playerId: 'p2', name: 'Bo Dahl' });
    await until('the refused batch to be reported', async () => {
      const res = await owner.fetch(`${owner.base}/tournaments/${boxRun}/inspect`);
      return ((await res.json()) as { conflicts: number }).conflicts > 0 || null;
    });
    await page.goto(`${cloud.url}/support/v/${owner.venueId}/t/${boxRun}?tab=object`);
    await expect
      .poll(() => page.getByTestId('conflicts').textContent(), { timeout: 10_000 })
      .toContain('refused, since cloud runs it at epoch 1');
    // The box retried on every sync: still one report of that batch.
    expect(await page.getByTestId('conflicts').getByRole('listitem').count()).toBe(1);
    expect(await page.getByTestId('object-home').textContent()).toBe(`cloud (was ${boxId})`);
    await shoot(page, 'conflicts');
    expect(errors).toEqual([]);

    // Every read above is in the venue's audit log, as support, naming what it read.
    const audit = (await (await owner.fetch(`${owner.base}/audit?limit=200`)).json()) as {
      entries: {
        actorRole: string;
        action: string;
        target: string;
        details: Record<string, unknown> | null;
      }[];
    };
    const reads = audit.entries.filter((e) => e.actorRole === 'support');
    expect(reads.every((e) => e.action === 'support.read')).toBe(true);
    const of = (target: string, tournamentId: string, extra: Record<string, unknown> = {}) =>
      reads.some(
        (e) =>
          e.target === target &&
          e.details?.tournamentId === tournamentId &&
          Object.entries(extra).every(([k, v]) => e.details?.[k] === v),
      );
    expect(of('tournaments.read', cloudRun), 'the view').toBe(true);
    expect(of('tournaments.inspect', cloudRun), 'the object').toBe(true);
    expect(of('tournaments.read', cloudRun, { type: 'EntryRegistered' }), 'the filtered log').toBe(true);
    expect(of('tournaments.read', cloudRun, { seq: 2 }), 'as it was').toBe(true);
    expect(of('tournaments.read', cloudRun, { from: 2 }), 'the changes').toBe(true);
    expect(of('tournaments.inspect', boxRun), "the box's tournament").toBe(true);
    expect(of('audit.read', boxRun, { read: 'conflicts' }), 'its conflicts').toBe(true);
    // The owner's takeover is in the log as theirs, not support's.
    expect(audit.entries.some((e) => e.action === 'tournament.handover' && e.actorRole === 'owner')).toBe(
      true,
    );

    // Signing out leaves the console for the sign-in.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Felt support', level: 1 }).waitFor({ timeout: 10_000 });
    await page.goto(`${cloud.url}/support/v/${owner.venueId}`);
    await page.getByRole('heading', { name: 'Felt support', level: 1 }).waitFor({ timeout: 10_000 });
    await context.close();
  });
});

describe.skipIf(!hasChromium)('the support console on a box', () => {
  const dir = mkdtempSync(join(tmpdir(), 'felt-support-box-'));
  const keyBefore = process.env.FELT_ADMIN_KEY;
  let box: BoxProcess;
  let browser: Browser;
  let demoId: string;

  beforeAll(async () => {
    process.env.FELT_ADMIN_KEY = ADMIN_KEY;
    box = await startBoxProcess(dir, await freePort());
    demoId = (await seedDemo(box.url)).tournamentId;
    await makeSupport(box.url);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await box?.interrupt();
    rmSync(dir, { recursive: true, force: true });
    if (keyBefore === undefined) delete process.env.FELT_ADMIN_KEY;
    else process.env.FELT_ADMIN_KEY = keyBefore;
  });

  it("finds the demo venue by its id and inspects its tournament's object on the box", {
    timeout: 180_000,
  }, async () => {
    const { page, context, errors } = await signedInSupport(browser, box.url);
    await page.getByLabel(/Name, venue id/).fill(DEMO_VENUE.id);
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    const found = page.getByRole('list', { name: 'Venues found' });
    await found.waitFor({ timeout: 10_000 });
    expect(await found.textContent()).toContain('found by its id');
    await found.getByRole('link').first().click();
    await page.getByRole('list', { name: 'Tournaments' }).getByRole('link').first().click();
    await page.getByRole('link', { name: 'Object', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('object-seq').textContent(), { timeout: 10_000 })
      .toMatch(/^\d+$/);
    // One libSQL file holds every tournament on the box: no per-object database size.
    expect(await page.getByTestId('object-storage').textContent()).not.toContain('database');
    expect(page.url()).toContain(`/t/${demoId}`);
    await shoot(page, 'box-object');
    expect(errors).toEqual([]);
    await context.close();
  });
});
