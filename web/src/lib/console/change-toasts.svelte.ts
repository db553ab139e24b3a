/**
 * A console page's last changes as toasts, each with its undo for a few seconds (the league
 * pages: a delete's undo restores the league, a detach's attaches again; the screens page: the
 * previous name, assignment, announcement or slide put back). Refusals are red toasts in the
 * server's words; nothing changed. The tournament screen has its own (commands with ids).
 */
import { errorText } from '../errors.ts';

export interface ChangeToast {
  readonly id: number;
  readonly text: string;
  readonly kind: 'done' | 'error';
  readonly undo: (() => Promise<unknown>) | null;
}

const TOAST_MS = 8000;

export class ChangeToasts {
  toasts = $state<ChangeToast[]>([]);
  busy = $state(false);
  #count = 0;
  /** Read again after every change and undo (the page's data). */
  readonly #reload: () => Promise<unknown>;

  constructor(reload: () => Promise<unknown>) {
    this.#reload = reload;
  }

  #toast(text: string, kind: ChangeToast['kind'], undo: ChangeToast['undo'] = null): void {
    const id = ++this.#count;
    this.toasts = [...this.toasts, { id, text, kind, undo }];
    setTimeout(() => this.dismiss(id), kind === 'error' ? TOAST_MS * 2 : TOAST_MS);
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  /**
   * Runs a change, reads the page's data again, then says so; answers whether it was made.
   * A failed re-read does not make the change a refusal: it was made, the next read shows it.
   */
  async act(
    text: string,
    change: () => Promise<unknown>,
    undo: ChangeToast['undo'] = null,
  ): Promise<boolean> {
    this.busy = true;
    try {
      await change();
      await this.#reload().catch(() => undefined);
      this.#toast(text, 'done', undo);
      return true;
    } catch (e) {
      this.#toast(errorText(e), 'error');
      return false;
    } finally {
      this.busy = false;
    }
  }

  async undo(t: ChangeToast): Promise<void> {
    this.dismiss(t.id);
    if (t.undo) await this.act(`Undone: ${t.text}`, t.undo);
  }
}
