/**
 * The league pages' last changes as toasts, each with its undo for a few seconds (a delete's
 * undo restores the league, a detach's attaches the tournament again, an attach's detaches
 * it, an edit's puts the previous settings back). Refusals are red toasts in the server's
 * words; nothing changed. Shaped like the screens page's desk (displays/console/desk.svelte.ts).
 */
import { errorText } from '../../errors.ts';

export interface LeagueToast {
  readonly id: number;
  readonly text: string;
  readonly kind: 'done' | 'error';
  readonly undo: (() => Promise<unknown>) | null;
}

const TOAST_MS = 8000;

export class LeagueToasts {
  toasts = $state<LeagueToast[]>([]);
  busy = $state(false);
  #count = 0;
  /** Read again after every change and undo (the page's data). */
  readonly #reload: () => Promise<unknown>;

  constructor(reload: () => Promise<unknown>) {
    this.#reload = reload;
  }

  #toast(text: string, kind: LeagueToast['kind'], undo: LeagueToast['undo'] = null): void {
    const id = ++this.#count;
    this.toasts = [...this.toasts, { id, text, kind, undo }];
    setTimeout(() => this.dismiss(id), kind === 'error' ? TOAST_MS * 2 : TOAST_MS);
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  /** Runs a change, then reloads; answers whether it was made. */
  async act(
    text: string,
    change: () => Promise<unknown>,
    undo: LeagueToast['undo'] = null,
  ): Promise<boolean> {
    this.busy = true;
    try {
      await change();
      this.#toast(text, 'done', undo);
      await this.#reload().catch(() => undefined);
      return true;
    } catch (e) {
      this.#toast(errorText(e), 'error');
      return false;
    } finally {
      this.busy = false;
    }
  }

  async undo(t: LeagueToast): Promise<void> {
    this.dismiss(t.id);
    if (t.undo) await this.act(`Undone: ${t.text}`, t.undo);
  }
}
