/**
 * The TD console driven as a TD drives it: every step is taps and typing in Chromium, never
 * an API call. Each step waits for what the screen shows after it (the console confirms a
 * command only once its events are in the view), so a test reads as the night it plays.
 */

import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export class ConsoleDriver {
  readonly page: Page;
  readonly base: string;
  readonly venueId: string;
  tournamentId = '';

  constructor(page: Page, base: string, venueId: string) {
    this.page = page;
    this.base = base;
    this.venueId = venueId;
  }

  get consoleUrl(): string {
    return `${this.base}/v/${this.venueId}/staff/t/${this.tournamentId}`;
  }

  async tab(
    name: 'Clock' | 'Entries' | 'Seating' | 'Money' | 'Structure' | 'Log' | 'Results',
  ): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Tournament' })
      .getByRole('link', { name, exact: true })
      .click();
    await this.page.waitForURL((u) =>
      u.pathname.startsWith(`/v/${this.venueId}/staff/t/${this.tournamentId}`),
    );
  }

  /** The toast of the last action, waited for: the action was confirmed in the view. */
  async done(text: string | RegExp): Promise<Locator> {
    const toast = this.page.getByTestId('toast-done').filter({ hasText: text }).last();
    await toast.waitFor({ timeout: 15_000 });
    return toast;
  }

  async refused(text: string | RegExp): Promise<void> {
    await this.page.getByTestId('toast-error').filter({ hasText: text }).last().waitFor({ timeout: 15_000 });
  }

  async dismissToasts(): Promise<void> {
    for (const close of await this.page.getByRole('button', { name: 'Dismiss' }).all()) await close.click();
  }

  button(name: string | RegExp): Locator {
    return this.page.getByRole('button', { name, exact: typeof name === 'string' });
  }

  /** Taps a button and waits for the undo toast saying what happened. */
  async tap(name: string | RegExp, toast: string | RegExp): Promise<void> {
    await this.button(name).click();
    await this.done(toast);
  }

  /** Holds a tap-safe button (named "… (hold to confirm)") until it fires. */
  async hold(name: string | RegExp, toast: string | RegExp): Promise<void> {
    const full = typeof name === 'string' ? `${name} (hold to confirm)` : name;
    await this.page
      .getByRole('button', { name: full, exact: typeof name === 'string' })
      .first()
      .click({ delay: 1100 });
    await this.done(toast);
  }

  // ---- tournaments ------------------------------------------------------------------------

  async createFromGenerator(
    name: string,
    o: { hours: number; levelMinutes: number; players: number; stack: number },
  ) {
    await this.page.goto(`${this.base}/v/${this.venueId}/staff/tournaments`);
    await this.button('Generate a structure').click();
    await this.page.getByLabel('Name', { exact: true }).fill(name);
    await this.page.getByLabel('Target length (hours)').fill(String(o.hours));
    await this.page.getByLabel('Level length (minutes)').fill(String(o.levelMinutes));
    await this.page.getByLabel('Expected players').fill(String(o.players));
    await this.page.getByLabel('Starting stack').fill(String(o.stack));
    await expect.poll(() => this.page.getByTestId('generator-preview').textContent()).toMatch(/\d+ levels/);
    await this.button('Create from this structure').click();
    await this.page.waitForURL(new RegExp(`/v/${this.venueId}/staff/t/[^/]+$`));
    this.tournamentId = new URL(this.page.url()).pathname.split('/').at(-1) ?? '';
    await expect.poll(() => this.page.getByRole('heading', { level: 1 }).textContent()).toBe(name);
  }

  // ---- entries ----------------------------------------------------------------------------

  /** Finds or adds the player by name and registers them (Entries tab). */
  async register(name: string, toast: string | RegExp = `Registered ${name}`): Promise<void> {
    const search = this.page.getByLabel('Find or add a player');
    await search.fill(name);
    const row = this.page.getByTestId('player-matches').getByRole('listitem');
    const known = row.filter({ hasText: new RegExp(`^${name}`) }).getByRole('button', { name: 'Register' });
    const fresh = this.page.getByRole('button', { name: 'Add and register' });
    await expect.poll(async () => (await known.count()) + (await fresh.count())).toBeGreaterThan(0);
    await ((await known.count()) > 0 ? known.first() : fresh).click();
    await this.done(toast);
  }

  entryRow(name: string): Locator {
    // A re-entry shows as "Name (re-entry)".
    const label = new RegExp(`^${escapeRegExp(name)}( \\(re-entry\\))?$`);
    return this.page.getByTestId('entry').filter({ has: this.page.getByText(label) });
  }

  async show(filter: 'Still in' | 'Out' | 'All'): Promise<void> {
    await this.button(filter).click();
  }

  /** Opens an entry's actions (Entries tab, "Still in" or "All"). */
  async entryActions(name: string): Promise<Locator> {
    const row = this.entryRow(name);
    const actions = row.getByTestId('entry-actions');
    if ((await actions.count()) === 0) await row.getByRole('button', { name: new RegExp(name) }).click();
    await actions.waitFor();
    return actions;
  }

  /** Busts players who went out in one hand; with several, each one's chips at the start of the hand. */
  async bust(victims: readonly { name: string; chips?: number }[], hitman?: string): Promise<string[]> {
    if (victims.length === 1) {
      await (await this.entryActions(victims[0]!.name)).getByRole('button', { name: 'Bust' }).click();
    } else {
      for (const v of victims)
        await this.page.getByRole('checkbox', { name: `Select ${v.name} for a bust` }).check();
      await this.button(`Bust ${victims.length} in one hand…`).click();
    }
    const panel = this.page.getByTestId('bust-panel');
    for (const v of victims) {
      if (v.chips !== undefined && victims.length > 1) {
        await panel.getByLabel(`Chips of ${v.name} at the start of the hand`).fill(String(v.chips));
      }
    }
    if (hitman) {
      const option = panel.getByRole('combobox').locator('option', { hasText: hitman }).first();
      await panel.getByRole('combobox').selectOption({ label: (await option.textContent()) ?? hitman });
    }
    const places = await panel.getByTestId('place-preview').allTextContents();
    await panel.getByRole('button', { name: /^Bust/ }).click();
    await this.done(new RegExp(`^Busted ${escapeRegExp(victims[0]!.name)}`));
    return places;
  }

  /** Ticks the players to bust together (Entries tab, "Still in"). */
  async selectForBust(names: readonly string[]): Promise<void> {
    for (const name of names)
      await this.page.getByRole('checkbox', { name: `Select ${name} for a bust` }).check();
  }

  // ---- seating ----------------------------------------------------------------------------

  /** The seat's button on the table map (Seating tab); its name says who sits there. */
  seat(table: string, seat: number): Locator {
    return this.page.getByRole('button', { name: new RegExp(`^${escapeRegExp(table)} seat ${seat}:`) });
  }

  /** Opens a seat's actions on the map. */
  async seatActions(table: string, seat: number): Promise<Locator> {
    await this.seat(table, seat).click();
    const actions = this.page.getByRole('group', { name: `${table} seat ${seat} actions` });
    await actions.waitFor();
    return actions;
  }

  /** Applies the balancing moves the Seating tab lists: one with "Move", several at once. */
  async applyMoves(): Promise<number> {
    const moves = this.page.getByTestId('pending-moves').getByRole('listitem');
    const n = await moves.count();
    if (n === 0) return 0;
    if (n === 1) await this.tap('Move', /^Moved /);
    else await this.tap('Apply all moves', `Made ${n} moves`);
    return n;
  }

  // ---- undo -------------------------------------------------------------------------------

  /** Undoes the action whose toast says `text`, and waits for the undo's own toast. */
  async undoToast(text: string | RegExp): Promise<void> {
    const toast = await this.done(text);
    await toast.getByRole('button', { name: 'Undo' }).click();
    await this.page.getByTestId('toast-undone').last().waitFor({ timeout: 15_000 });
  }
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
