/**
 * A live follower of a venue's cash room: the floor's channel (the token as the subprotocol
 * "bearer.<token>") or the public board's. The object sends the whole view on connect and
 * after every change (a room's games and lists are small); reconnects back off to 15 s.
 */
import type { PublicCashView } from '../../../../durable-objects/cash/cash-view.ts';
import type { CashGame, CashTable } from '../../../../engine/cash/types.ts';

export type { PublicCashView };

export interface StaffCashView {
  readonly seq: number;
  readonly serverTime: number;
  readonly games: readonly (CashGame & { readonly openSeats: number })[];
  readonly tables: readonly (CashTable & { readonly openSeats: number })[];
}

type Status = 'connecting' | 'live' | 'offline';

export class LiveCash<V extends { seq: number; serverTime: number }> {
  readonly #path: string;
  readonly #protocols: string[];
  view = $state.raw<V | null>(null);
  status = $state<Status>('connecting');
  /** serverTime − clientTime when the view came, in ms: countdowns use the server's clock. */
  offsetMs = $state(0);
  #ws: WebSocket | null = null;
  #closed = false;
  #retry = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(venueId: string, channel: 'staff' | 'public', token: string | null = null) {
    const v = encodeURIComponent(venueId);
    this.#path =
      channel === 'staff' ? `/api/v1/venues/${v}/cash/live` : `/api/v1/public/venues/${v}/cash/live`;
    this.#protocols = channel === 'staff' && token ? ['felt', `bearer.${token}`] : [];
  }

  connect(): void {
    this.#closed = false;
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(`${proto}//${location.host}${this.#path}`, this.#protocols);
    this.#ws = ws;
    this.status = 'connecting';
    ws.onopen = () => {
      this.#retry = 0;
      this.status = 'live';
    };
    ws.onmessage = (m) => {
      const message = JSON.parse(String(m.data)) as { type: string; view?: V };
      if (message.type === 'cash' && message.view && message.view.seq >= (this.view?.seq ?? 0)) {
        this.offsetMs = message.view.serverTime - Date.now();
        this.view = message.view;
      }
    };
    ws.onclose = () => {
      if (this.#ws !== ws) return;
      this.status = 'offline';
      if (this.#closed) return;
      const wait = Math.min(15_000, 500 * 2 ** this.#retry++);
      this.#timer = setTimeout(() => this.connect(), wait);
    };
  }

  /** A view just read over HTTP (after a command): newer views replace older ones only. */
  take(view: V): void {
    if (view.seq >= (this.view?.seq ?? 0)) {
      this.offsetMs = view.serverTime - Date.now();
      this.view = view;
    }
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#ws?.close();
  }
}

/** "2:05" until a moment on the server's clock. */
export function countdown(untilServer: number, nowClient: number, offsetMs: number): string {
  const left = Math.max(0, Math.ceil((untilServer - (nowClient + offsetMs)) / 1000));
  return `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
}
