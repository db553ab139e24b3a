/**
 * A screen's link to its venue, for /display: it asks for a pairing code once, keeps its
 * identity (id and key) in localStorage so a power cut brings it back as the same screen, and
 * once paired follows its assignment over a WebSocket. Every drop goes through the same
 * path: ask the server what this screen is now (paired, removed, still waiting), then act.
 */
import { type Announcement, type DisplayAssignment, type Slide, screenApi } from './api.ts';

const STORE = 'felt.display';
const POLL_MS = 2000;
const PING_MS = 25_000;
const PONG_WAIT_MS = 10_000;

interface Identity {
  readonly displayId: string;
  readonly key: string;
}

export interface AssignedDisplay {
  readonly id: string;
  readonly name: string;
  readonly assignment: DisplayAssignment;
  readonly announcement: Announcement | null;
}

type Phase = 'starting' | 'pending' | 'paired';
type Message =
  | { type: 'display'; venueId: string; display: AssignedDisplay; slides: Slide[]; serverTime: number }
  | { type: 'removed' }
  | { type: 'pong'; serverTime: number };

function readIdentity(): Identity | null {
  try {
    const raw = localStorage.getItem(STORE);
    return raw ? (JSON.parse(raw) as Identity) : null;
  } catch {
    return null;
  }
}

function writeIdentity(id: Identity | null): void {
  if (id) localStorage.setItem(STORE, JSON.stringify(id));
  else localStorage.removeItem(STORE);
}

export class ScreenLink {
  phase = $state<Phase>('starting');
  code = $state<string | null>(null);
  codeExpiresAt = $state(0);
  venueId = $state<string | null>(null);
  display = $state.raw<AssignedDisplay | null>(null);
  slides = $state.raw<Slide[]>([]);
  /** serverTime − Date.now(): announcements end by the server's clock. */
  offsetMs = $state(0);
  connected = $state(false);
  problem = $state<string | null>(null);

  #identity: Identity | null = null;
  #ws: WebSocket | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #ping: ReturnType<typeof setInterval> | undefined;
  #pongDue: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;
  #failures = 0;

  /** Starts the link; returns the stop (an $effect's teardown). */
  start(): () => void {
    this.#stopped = false;
    this.#identity = readIdentity();
    void this.#check();
    return () => this.#stop();
  }

  #stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#closeSocket();
  }

  #later(ms: number): void {
    clearTimeout(this.#timer);
    if (!this.#stopped) this.#timer = setTimeout(() => void this.#check(), ms);
  }

  /** Backs off on repeated failures (a box restarting, the line down): 1 s up to 15 s. */
  #retry(problem: string): void {
    this.#failures += 1;
    this.problem = problem;
    this.connected = false;
    this.#later(Math.min(15_000, 1000 * 2 ** Math.min(this.#failures - 1, 4)));
  }

  async #newIdentity(): Promise<void> {
    const made = await screenApi.create();
    this.#identity = { displayId: made.displayId, key: made.key };
    writeIdentity(this.#identity);
    this.display = null;
    this.venueId = null;
    this.code = made.code;
    this.codeExpiresAt = made.expiresAt;
    this.phase = 'pending';
  }

  /** Where this screen stands, and the next step. */
  async #check(): Promise<void> {
    if (this.#stopped) return;
    try {
      if (!this.#identity) {
        await this.#newIdentity();
        this.#failures = 0;
        this.problem = null;
        this.#later(POLL_MS);
        return;
      }
      const s = await screenApi.status(this.#identity.displayId, this.#identity.key).catch((e: unknown) => {
        // A screen the server has never heard of (its data was reset): start over.
        if ((e as { status?: number }).status === 404) return { state: 'removed' as const };
        throw e;
      });
      this.#failures = 0;
      this.problem = null;
      switch (s.state) {
        case 'pending':
          this.phase = 'pending';
          this.code = s.code;
          this.codeExpiresAt = s.expiresAt;
          this.#later(POLL_MS);
          return;
        case 'expired':
        case 'removed':
          this.#identity = null;
          writeIdentity(null);
          await this.#check();
          return;
        case 'paired':
          this.venueId = s.venueId;
          this.#connect();
          return;
      }
    } catch (e) {
      this.#retry(e instanceof Error ? e.message : 'Cannot reach the server');
    }
  }

  #connect(): void {
    const id = this.#identity;
    if (!id || this.#stopped) return;
    this.#closeSocket();
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(
      `${proto}//${location.host}/api/v1/displays/${id.displayId}/live?key=${encodeURIComponent(id.key)}`,
    );
    this.#ws = ws;
    ws.onmessage = (m) => this.#onMessage(JSON.parse(String(m.data)) as Message);
    ws.onopen = () => {
      this.connected = true;
      this.#ping = setInterval(() => {
        ws.send('ping');
        clearTimeout(this.#pongDue);
        // No answer: the line is dead without the socket knowing yet (a cable pulled).
        this.#pongDue = setTimeout(() => ws.close(), PONG_WAIT_MS);
      }, PING_MS);
    };
    ws.onclose = () => {
      if (this.#ws !== ws) return;
      this.#closeSocket();
      this.#retry('Reconnecting…');
    };
  }

  #closeSocket(): void {
    clearInterval(this.#ping);
    clearTimeout(this.#pongDue);
    const ws = this.#ws;
    this.#ws = null;
    this.connected = false;
    if (ws && ws.readyState <= WebSocket.OPEN) ws.close();
  }

  #onMessage(m: Message): void {
    switch (m.type) {
      case 'display':
        this.phase = 'paired';
        this.venueId = m.venueId;
        this.display = m.display;
        this.slides = m.slides;
        this.offsetMs = m.serverTime - Date.now();
        this.connected = true;
        this.problem = null;
        return;
      case 'removed':
        this.#closeSocket();
        this.#identity = null;
        writeIdentity(null);
        this.phase = 'starting';
        void this.#check();
        return;
      case 'pong':
        clearTimeout(this.#pongDue);
        this.offsetMs = m.serverTime - Date.now();
        return;
    }
  }
}
