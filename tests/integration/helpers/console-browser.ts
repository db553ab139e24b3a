/**
 * Shared by the console's browser tests: Chromium (Debian's, driven by playwright-core), a
 * page signed in as a venue's staff member (the token in localStorage, as the sign-in page
 * leaves it), screenshots at the three sizes the console is built for, and axe-core checks.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { ROOT } from '../../../scripts/lib/paths.ts';

export const CHROMIUM = process.env.FELT_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set FELT_CHROMIUM)`,
  );
}

export const SHOTS = join(ROOT, 'test-results', 'screenshots');

/** Phone first, then tablet and laptop (the three sizes). */
export const SIZES = {
  phone: { width: 390, height: 844 },
  tablet: { width: 1024, height: 768 },
  laptop: { width: 1440, height: 900 },
} as const;
export type SizeName = keyof typeof SIZES;

export function launchChromium(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Signs a staff member in with their password over the API; answers the token. */
export async function staffToken(baseUrl: string, venueId: string, email: string, password: string) {
  const res = await fetch(`${baseUrl}/api/v1/venues/${venueId}/auth/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export interface StaffPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Errors thrown in the page (a page that throws has a bug even when the test passes). */
  readonly errors: string[];
}

/** A fresh context signed in to `venueId` with `token` (as the sign-in page stores it). */
export async function staffPage(
  browser: Browser,
  venueId: string,
  token: string,
  size: SizeName = 'phone',
): Promise<StaffPage> {
  const context = await browser.newContext({ viewport: SIZES[size] });
  await context.addInitScript(
    ([key, value]) => localStorage.setItem(key as string, value as string),
    [`felt.token.${venueId}`, token],
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  return { page, context, errors };
}

/** Screenshots of the page at every size (the viewport is restored afterwards). */
export async function shootAllSizes(page: Page, name: string): Promise<void> {
  const before = page.viewportSize();
  for (const [size, viewport] of Object.entries(SIZES)) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(SHOTS, `${name}-${size}.png`), fullPage: true });
  }
  if (before) await page.setViewportSize(before);
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly string[];
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2 A/AA rules). */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<unknown> } }).axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })) as {
      violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
    };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
