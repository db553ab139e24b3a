/**
 * A live follower of one tournament: WebSocket with resume-from-seq after reconnects and a
 * server-time offset for the clock. Shared state as a runes class; views derive from it.
 */
import { api, type TournamentView, type WireEvent } from './api.ts';

type Status = 'connecting' | 'live' | 'offline';

export class LiveTournament {
  readonly id: string;
  events = $state<WireEvent[]>([]);
  seq = $state(0);
  status = $state<Status>('connecting');
  /** serverTime − clientTime, in ms: add to Date.now() to get the server's clock. */
  offsetMs = $state(0);
  lastCue = $state<{ kind: string; at: number } | null>(null);
  /** The server's view (standings, clock, seating), refreshed whenever events arrive. */
  view = $state<TournamentView | null>(null);
  error = $state<string | null>(null);
  latest = $derived(this.events.at(-1) ?? null);
  #refreshing: Promise<void> | null = null;
  #again = false;

  #ws: WebSocket | null = null;
  #closed = false;
  #retry = 0;

  constructor(id: string) {
    this.id = id;
  }

  connect(): void {
    this.#closed = false;
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(
      `${proto}//${location.host}/api/v1/tournaments/${encodeURIComponent(this.id)}/live?after=${this.seq}`,
    );
    this.#ws = ws;
    this.status = 'connecting';
    ws.onmessage = (m) => this.#onMessage(JSON.parse(String(m.data)));
    ws.onopen = () => {
      this.#retry = 0;
      ws.send(JSON.stringify({ type: 'time', clientTime: Date.now() }));
    };
    ws.onclose = () => {
      this.status = 'offline';
      if (this.#closed) return;
      const delay = Math.min(10_000, 500 * 2 ** this.#retry++);
      setTimeout(() => this.connect(), delay);
    };
  }

  /** Re-reads the view; calls that arrive while one is running collapse into one more. */
  refresh(): void {
    if (this.#refreshing) {
      this.#again = true;
      return;
    }
    this.#refreshing = api
      .tournament(this.id)
      .then((v) => {
        this.view = v;
        this.error = null;
      })
      .catch((e: unknown) => {
        this.error = e instanceof Error ? e.message : String(e);
      })
      .finally(() => {
        this.#refreshing = null;
        if (this.#again) {
          this.#again = false;
          this.refresh();
        }
      });
  }

  close(): void {
    this.#closed = true;
    this.#ws?.close();
  }

  #onMessage(msg: { type: string; [k: string]: unknown }): void {
    switch (msg.type) {
      case 'hello':
        this.status = 'live';
        this.offsetMs = Number(msg.serverTime) - Date.now();
        this.view = msg.view as TournamentView;
        if (msg.resync) {
          this.events = [];
          this.seq = Number(msg.seq);
        }
        break;
      case 'events': {
        const fresh = (msg.events as WireEvent[]).filter((e) => e.seq > this.seq);
        if (fresh.length > 0) {
          this.events = [...this.events, ...fresh];
          this.seq = fresh[fresh.length - 1]!.seq;
          this.refresh();
        }
        break;
      }
      case 'time': {
        const sent = Number(msg.clientTime);
        const rtt = Date.now() - sent;
        this.offsetMs = Number(msg.serverTime) - (sent + rtt / 2);
        break;
      }
      case 'cue':
        this.lastCue = msg.cue as { kind: string; at: number };
        this.refresh();
        break;
    }
  }
}
