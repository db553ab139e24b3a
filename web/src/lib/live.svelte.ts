/**
 * A live follower of one tournament: WebSocket with resume-from-seq after reconnects and a
 * server-time offset for the clock. Shared state as a runes class; views derive from it.
 * Two channels: `public` (names and figures as the venue publishes them, no sign-in) and
 * `staff` (the whole view; the token rides as the subprotocol "bearer.<token>", since a
 * browser cannot set headers on a WebSocket and a URL would leak it into logs).
 * The view is kept current by the frames themselves (a patch per batch of events or cue):
 * a follower costs the venue no request per event (see durable-objects/live/channel-views.ts).
 */
import { untrack } from 'svelte';
import { applyViewUpdate, type ViewUpdate } from '../../../durable-objects/live/channel-views.ts';
import { call, isSignedOut, publicApi, type TournamentView, type WireEvent } from './api.ts';

type Status = 'connecting' | 'live' | 'offline';

export interface LiveOptions {
  readonly venueId: string;
  readonly id: string;
  readonly channel: 'public' | 'staff';
  readonly token?: string | null;
  /** Called when the server no longer accepts the token (staff channel). */
  readonly onSignedOut?: (e: unknown) => void;
}

export class LiveTournament {
  readonly venueId: string;
  readonly id: string;
  readonly channel: 'public' | 'staff';
  readonly #token: string | null;
  readonly #onSignedOut: ((e: unknown) => void) | null;
  events = $state<WireEvent[]>([]);
  seq = $state(0);
  status = $state<Status>('connecting');
  /** serverTime − clientTime, in ms: add to Date.now() to get the server's clock. */
  offsetMs = $state(0);
  lastCue = $state<{ kind: string; at: number } | null>(null);
  /** The server's view (standings, clock, seating), patched by the frames as events arrive. */
  view = $state.raw<TournamentView | null>(null);
  /** Names the view held, when it came over the socket: the server's patches name their base. */
  #viewId: string | null = null;
  error = $state<string | null>(null);
  latest = $derived(this.events.at(-1) ?? null);
  #refreshing: Promise<void> | null = null;
  #again = false;

  #ws: WebSocket | null = null;
  #closed = false;
  #retry = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: LiveOptions) {
    this.venueId = options.venueId;
    this.id = options.id;
    this.channel = options.channel;
    this.#token = options.token ?? null;
    this.#onSignedOut = options.onSignedOut ?? null;
  }

  get #path(): string {
    const v = encodeURIComponent(this.venueId);
    const t = encodeURIComponent(this.id);
    return this.channel === 'public'
      ? `/public/venues/${v}/tournaments/${t}`
      : `/venues/${v}/tournaments/${t}`;
  }

  connect(): void {
    this.#closed = false;
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const protocols = this.channel === 'staff' && this.#token ? ['felt', `bearer.${this.#token}`] : ['felt'];
    const ws = new WebSocket(
      `${proto}//${location.host}/api/v1${this.#path}/live?after=${this.seq}`,
      protocols,
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
      this.#timer = setTimeout(() => this.connect(), delay);
    };
  }

  /**
   * Re-reads the view: over the socket when it is open (one incoming message, not a request),
   * else over HTTP; HTTP calls that arrive while one is running collapse into one more.
   */
  refresh(): void {
    if (this.#ws?.readyState === WebSocket.OPEN) {
      this.#ws.send(JSON.stringify({ type: 'view' }));
      return;
    }
    if (this.#refreshing) {
      this.#again = true;
      return;
    }
    const read =
      this.channel === 'public'
        ? publicApi.tournament(this.venueId, this.id)
        : call<TournamentView>(this.#path, { token: this.#token });
    this.#refreshing = read
      .then((v) => {
        // A view from the socket is at least as new and can take patches: keep it.
        if (this.#viewId === null) this.view = v;
        this.error = null;
      })
      .catch((e: unknown) => {
        if (isSignedOut(e)) this.#onSignedOut?.(e);
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

  /**
   * Connects and reads the view, untracked; returns the close. For `$effect(() => live.follow())`:
   * only `live` is tracked, since connecting reads the seq and an effect tracking it would
   * reconnect (and re-read the view) on every event.
   */
  follow(): () => void {
    untrack(() => {
      this.connect();
      this.refresh();
    });
    return () => this.close();
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#ws?.close();
  }

  /** Applies the server's change of the view; one that names another base asks for the whole. */
  #applyView(update: ViewUpdate): void {
    const held = this.view && this.#viewId ? { id: this.#viewId, view: this.view } : null;
    const next = applyViewUpdate(held, update);
    if (!next) {
      this.refresh();
      return;
    }
    this.view = next.view;
    this.#viewId = next.id;
  }

  #onMessage(msg: { type: string; [k: string]: unknown }): void {
    switch (msg.type) {
      case 'hello':
        this.status = 'live';
        this.offsetMs = Number(msg.serverTime) - Date.now();
        this.view = msg.view as TournamentView;
        this.#viewId = String(msg.viewId);
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
        }
        // Absent while catching up: a whole view follows the last catch-up frame.
        if (msg.view) this.#applyView(msg.view as ViewUpdate);
        break;
      }
      case 'view':
        this.#applyView(msg.view as ViewUpdate);
        break;
      case 'time': {
        const sent = Number(msg.clientTime);
        const rtt = Date.now() - sent;
        this.offsetMs = Number(msg.serverTime) - (sent + rtt / 2);
        break;
      }
      case 'cue':
        this.lastCue = msg.cue as { kind: string; at: number };
        if (msg.view) this.#applyView(msg.view as ViewUpdate);
        break;
      case 'error':
        this.error =
          (msg.error as { message?: string } | undefined)?.message ?? 'The live channel reported an error';
        break;
    }
  }
}
