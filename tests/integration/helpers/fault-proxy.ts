/**
 * An HTTP proxy between the box and the cloud that misbehaves on a seeded schedule: it drops
 * requests (no answer), delays them, sends them twice, replays an old one later (reordering),
 * cuts a response in the middle, and holds long partitions. The box must still converge.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type Fault = 'drop' | 'delay' | 'duplicate' | 'replay-old' | 'cut-response' | 'pass';

export interface FaultProxy {
  readonly url: string;
  /** Faults on (with the given share of requests affected) or off. */
  setFaulty(share: number): void;
  partition(on: boolean): void;
  readonly counts: Readonly<Record<Fault | 'partitioned', number>>;
  close(): Promise<void>;
}

interface Captured {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startFaultProxy(targetUrl: string, seed = 20261123): Promise<FaultProxy> {
  const rnd = seeded(seed);
  let share = 0;
  let partitioned = false;
  const counts: Record<Fault | 'partitioned', number> = {
    drop: 0,
    delay: 0,
    duplicate: 0,
    'replay-old': 0,
    'cut-response': 0,
    pass: 0,
    partitioned: 0,
  };
  const history: Captured[] = [];

  const forward = async (c: Captured): Promise<Response> =>
    fetch(`${targetUrl}${c.path}`, {
      method: c.method,
      headers: c.headers,
      ...(c.method !== 'GET' && c.method !== 'HEAD' && { body: new Uint8Array(c.body) }),
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === 'string' && k !== 'host' && k !== 'connection' && k !== 'content-length')
        headers[k] = v;
    }
    const captured: Captured = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers,
      body: Buffer.concat(chunks),
    };
    if (partitioned) {
      counts.partitioned++;
      req.socket.destroy();
      return;
    }
    const roll = rnd();
    const faults: Fault[] = ['drop', 'delay', 'duplicate', 'replay-old', 'cut-response'];
    const fault: Fault = roll < share ? (faults[Math.floor(rnd() * faults.length)] as Fault) : 'pass';
    counts[fault]++;
    if (fault === 'drop') {
      // Half the time the cloud got it and only the answer is lost (the worse case).
      if (rnd() < 0.5) await forward(captured).catch(() => undefined);
      req.socket.destroy();
      return;
    }
    if (fault === 'delay') await new Promise((r) => setTimeout(r, Math.floor(rnd() * 600)));
    if (fault === 'duplicate') await forward(captured).catch(() => undefined);
    if (fault === 'replay-old' && history.length > 0) {
      // An old request arrives again after newer ones.
      const old = history[Math.floor(rnd() * history.length)] as Captured;
      await forward(old).catch(() => undefined);
    }
    if (captured.method === 'POST') {
      history.push(captured);
      if (history.length > 50) history.shift();
    }
    let upstream: Response;
    try {
      upstream = await forward(captured);
    } catch {
      req.socket.destroy();
      return;
    }
    const body = Buffer.from(await upstream.arrayBuffer());
    const out: Record<string, string> = {};
    upstream.headers.forEach((v, k) => {
      if (k !== 'content-length' && k !== 'content-encoding' && k !== 'transfer-encoding') out[k] = v;
    });
    if (fault === 'cut-response') {
      res.writeHead(upstream.status, { ...out, 'content-length': String(body.length) });
      res.write(body.subarray(0, Math.floor(body.length / 2)));
      setTimeout(() => req.socket.destroy(), 10);
      return;
    }
    res.writeHead(upstream.status, { ...out, 'content-length': String(body.length) });
    res.end(body);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    setFaulty(s) {
      share = s;
    },
    partition(on) {
      partitioned = on;
    },
    counts,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
