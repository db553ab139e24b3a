/**
 * The floor's cash room: the live staff view, commands sent with an id (a retry is answered
 * as the first), and the last action's undo, the inverse command where there is one (a seat
 * count set back, a list entry removed, a table closed again).
 */
import { untrack } from 'svelte';
import { call, newCommandId } from '../../api.ts';
import { LiveCash, type StaffCashView } from '../../cash/live-cash.svelte.ts';
import { errorText } from '../../errors.ts';

export interface FloorCommand {
  readonly type: string;
  readonly payload: Record<string, unknown>;
}

/** What the floor reads of a decided event (engine/cash CashEvent). */
export interface DecidedEvent {
  readonly type: string;
  readonly playerId?: string;
  readonly fromTableId?: string;
}

export interface FloorToast {
  readonly id: number;
  readonly text: string;
  readonly kind: 'done' | 'error';
  readonly undo: readonly FloorCommand[] | null;
}

export class CashFloor {
  readonly venueId: string;
  readonly #token: () => string | null;
  readonly live: LiveCash<StaffCashView>;
  toasts = $state<FloorToast[]>([]);
  busy = $state(false);
  #next = 1;

  constructor(venueId: string, token: () => string | null) {
    this.venueId = venueId;
    this.#token = token;
    this.live = untrack(() => new LiveCash<StaffCashView>(venueId, 'staff', token()));
  }

  get view(): StaffCashView | null {
    return this.live.view;
  }

  async #send(c: FloorCommand): Promise<{ events: readonly DecidedEvent[] }> {
    return call(`/venues/${encodeURIComponent(this.venueId)}/cash/commands`, {
      method: 'POST',
      token: this.#token(),
      body: { commandId: newCommandId(), type: c.type, payload: c.payload },
    });
  }

  async #refresh(): Promise<void> {
    this.live.take(
      await call<StaffCashView>(`/venues/${encodeURIComponent(this.venueId)}/cash`, { token: this.#token() }),
    );
  }

  /** Sends commands in order; on success a toast with the undo, on a refusal the server's words. */
  async run(
    commands: readonly FloorCommand[],
    text: string | ((events: readonly DecidedEvent[]) => string),
    undo: readonly FloorCommand[] | null = null,
  ): Promise<boolean> {
    this.busy = true;
    try {
      let events: readonly DecidedEvent[] = [];
      for (const c of commands) events = (await this.#send(c)).events;
      await this.#refresh();
      // The words may depend on what the last command decided (who was called).
      this.#toast(typeof text === 'string' ? text : text(events), 'done', undo);
      return true;
    } catch (e) {
      this.#toast(errorText(e), 'error', null);
      return false;
    } finally {
      this.busy = false;
    }
  }

  async undo(t: FloorToast): Promise<void> {
    this.toasts = this.toasts.filter((x) => x.id !== t.id);
    if (t.undo) await this.run(t.undo, `Undone: ${t.text}`);
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((x) => x.id !== id);
  }

  #toast(text: string, kind: FloorToast['kind'], undo: readonly FloorCommand[] | null): void {
    const toast = { id: this.#next++, text, kind, undo };
    this.toasts = [...this.toasts.slice(-1), toast];
    setTimeout(() => this.dismiss(toast.id), kind === 'error' ? 8000 : 10_000);
  }
}
