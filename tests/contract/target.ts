/**
 * How the API contract suite reaches a Felt server: through `SELF` inside workerd, or over
 * real HTTP/WebSocket on loopback to the local cloud runtime or the box.
 */
/** `closed()` when the server's close frame arrived but the connection has not ended yet. */
export const CLOSING = -2;

export interface TestSocket {
  /** Next JSON message (waits up to timeoutMs). */
  next(timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves true if no message arrives within ms. */
  quiet(ms: number): Promise<boolean>;
  send(data: string): void;
  close(): void;
  /**
   * Resolves when the server closes the socket: with its close code, or CLOSING when only the
   * close frame has been seen so far (rejects after timeoutMs).
   */
  closed(timeoutMs?: number): Promise<number>;
}

export interface ApiTarget {
  readonly name: string;
  readonly runtime: 'cloud' | 'box';
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Opens a WebSocket; `protocols` are offered as subprotocols (the staff token rides in one). */
  openSocket(path: string, protocols?: readonly string[]): Promise<TestSocket>;
}

/** Wraps anything with addEventListener('message') into a queue of parsed messages. */
export function queueSocket(ws: {
  addEventListener(type: 'message', fn: (e: { data: unknown }) => void): void;
  addEventListener(type: 'close', fn: (e: { code: number }) => void): void;
  readonly readyState?: number;
  send(data: string): void;
  close(): void;
}): TestSocket {
  const messages: Record<string, unknown>[] = [];
  const waiters: ((m: Record<string, unknown>) => void)[] = [];
  let closeCode: number | null = null;
  const closeWaiters: ((code: number) => void)[] = [];
  ws.addEventListener('close', (e) => {
    closeCode = e.code;
    for (const w of closeWaiters.splice(0)) w(e.code);
  });
  ws.addEventListener('message', (e) => {
    const msg = JSON.parse(
      typeof e.data === 'string' ? e.data : new TextDecoder().decode(e.data as ArrayBuffer),
    );
    const w = waiters.shift();
    if (w) w(msg);
    else messages.push(msg);
  });
  return {
    next(timeoutMs = 5000) {
      const m = messages.shift();
      if (m) return Promise.resolve(m);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          const i = waiters.indexOf(done);
          if (i >= 0) waiters.splice(i, 1);
          reject(new Error(`no WebSocket message within ${timeoutMs} ms`));
        }, timeoutMs);
        const done = (msg: Record<string, unknown>) => {
          clearTimeout(timer);
          resolve(msg);
        };
        waiters.push(done);
      });
    },
    async quiet(ms) {
      if (messages.length > 0) return false;
      await new Promise((r) => setTimeout(r, ms));
      return messages.length === 0;
    },
    send: (d) => ws.send(d),
    close: () => ws.close(),
    closed(timeoutMs = 5000) {
      if (closeCode !== null) return Promise.resolve(closeCode);
      return new Promise((resolve, reject) => {
        // Node's WebSocket reports the server's close frame at once (readyState CLOSING) but
        // its close event only when the TCP connection ends, which workerd may delay.
        const poll = setInterval(() => {
          if ((ws.readyState ?? 0) >= 2) finish(closeCode ?? CLOSING);
        }, 50);
        const timer = setTimeout(() => {
          clearInterval(poll);
          reject(new Error(`socket still open after ${timeoutMs} ms`));
        }, timeoutMs);
        const finish = (code: number) => {
          clearInterval(poll);
          clearTimeout(timer);
          resolve(code);
        };
        closeWaiters.push(finish);
      });
    },
  };
}
