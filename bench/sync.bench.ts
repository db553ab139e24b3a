/**
 * Box ↔ cloud figures (issue #8), with the real processes on loopback: the local cloud
 * (`wrangler dev`) and a paired box (`felt-box serve`).
 * - sync.lag_p99_ms: a command's answer on the box → the event at a follower of the cloud.
 * - sync.catchup_50k_s: a box that was offline with 50,000 events in its outbox, until the
 *   cloud holds them all; sync.raw_insert_50k_s: the same rows straight into libSQL.
 * - box.rss_mb: the box's resident memory (its process and workerd) with 3 live tournaments
 *   and 300 LAN followers.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { LibsqlStorage } from '../durable-objects/storage/libsql.ts';
import { openLibsqlFile } from '../durable-objects/storage/libsql-open.ts';
import { namespacedStorage } from '../durable-objects/storage/namespaced.ts';
import type { NewEvent } from '../durable-objects/storage/port.ts';
import { startCloud } from '../scripts/lib/cloud.ts';
import { freePort } from '../scripts/lib/free-port.ts';
import { ROOT } from '../scripts/lib/paths.ts';
import { buildEvents } from './engine-replay.bench.ts';
import type { Figure } from './lib/figure.ts';
import { median, percentile, round } from './lib/measure.ts';
import { type BoxProcess, startBoxProcess, stopAll } from './lib/processes.ts';

const LAG_COMMANDS = 100;
const CATCHUP_EVENTS = 50_000;
const LAN_FOLLOWERS = 300;
const PASSWORD = 'bench-password-1';

async function call(url: string, init: { method?: string; body?: unknown; token?: string } = {}) {
  const res = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      'content-type': 'application/json',
      ...(init.token && { authorization: `Bearer ${init.token}` }),
    },
    ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
  });
  const text = await res.text();
  if (res.status >= 300)
    throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

async function until<T>(what: string, probe: () => Promise<T | null>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => null);
    if (v !== null) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Resident memory of a process and its descendants, in MB (from /proc). */
function treeRssMb(pid: number): number {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    try {
      const kids = execFileSync('pgrep', ['-P', String(pids[i])], { encoding: 'utf8' }).trim();
      for (const k of kids.split('\n').filter(Boolean)) pids.push(Number(k));
    } catch {
      // no children
    }
  }
  let kb = 0;
  for (const p of pids) {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
    kb += Number(m?.[1] ?? 0);
  }
  return kb / 1024;
}

function follow(url: string, onSeq: (seq: number) => void): Promise<WebSocket> {
  const ws = new WebSocket(url, ['felt'], { perMessageDeflate: false });
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as { type: string; seq?: number };
    if (msg.type === 'events' && typeof msg.seq === 'number') onSeq(msg.seq);
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

export async function run(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'felt-sync-bench-'));
  const figures: Figure[] = [];
  let box: BoxProcess | null = null;
  let cloud: Awaited<ReturnType<typeof startCloud>> | null = null;
  try {
    cloud = await startCloud({ port: await freePort(), persistTo: join(dir, 'cloud') });
    const venueId = `sync-${crypto.randomUUID().slice(0, 8)}`;
    const signedUp = await call(`${cloud.url}/api/v1/signup`, {
      body: {
        venue: { id: venueId, name: 'Sync Bench' },
        owner: { name: 'Owner', email: `owner@${venueId}.bench`, password: PASSWORD },
      },
    });
    const cloudToken = signedUp.token as string;
    const cloudVenue = `${cloud.url}/api/v1/venues/${venueId}`;
    const { code } = (await call(`${cloudVenue}/boxes/pairing-codes`, {
      body: { name: 'Bench box' },
      token: cloudToken,
    })) as {
      code: string;
    };
    const boxData = join(dir, 'box');
    const paired = spawnSync(
      process.execPath,
      [
        join(ROOT, 'edge-node', 'cli.ts'),
        'pair',
        '--cloud',
        cloud.url,
        '--code',
        code,
        '--data-dir',
        boxData,
      ],
      {
        encoding: 'utf8',
      },
    );
    if (paired.status !== 0) throw new Error(`pairing failed: ${paired.stderr}`);
    const port = await freePort();
    box = await startBoxProcess(boxData, port);
    const b = box;
    const boxVenue = `${b.url}/api/v1/venues/${venueId}`;
    const signIn = () =>
      call(`${boxVenue}/auth/password`, {
        body: { email: `owner@${venueId}.bench`, password: PASSWORD },
      }).then((r) => r.token as string);
    const boxToken = await until('the mirrored owner to sign in on the box', signIn, 30_000);

    // --- lag: box answer → cloud follower ---------------------------------------------
    const created = await call(`${boxVenue}/tournaments`, { body: { name: 'Lag Cup' }, token: boxToken });
    const id = (created.tournament as { id: string }).id;
    const command = (commandId: string, type: string, payload: Record<string, unknown>) =>
      call(`${boxVenue}/tournaments/${id}/commands`, { body: { commandId, type, payload }, token: boxToken });
    await command(`${id}-open`, 'OpenRegistration', {});
    await until(
      'the tournament to reach the cloud',
      async () => {
        const page = await call(`${cloudVenue}/tournaments/${id}/events?limit=1`, { token: cloudToken });
        return (page.seq as number) >= 2 ? true : null;
      },
      30_000,
    );
    let cloudSeq = 0;
    let waiter: (() => void) | null = null;
    const follower = await follow(
      `${cloud.url.replace('http', 'ws')}/api/v1/public/venues/${venueId}/tournaments/${id}/live?after=2`,
      (seq) => {
        cloudSeq = Math.max(cloudSeq, seq);
        waiter?.();
      },
    );
    const lags: number[] = [];
    for (let i = 0; i < LAG_COMMANDS; i++) {
      const answer = await command(`lag-${i}`, 'Register', { playerId: `lag-${i}`, name: `Lag Player ${i}` });
      const answeredAt = performance.now();
      const seq = answer.seq as number;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`event ${seq} never reached the cloud follower`)),
          30_000,
        );
        const check = () => {
          if (cloudSeq >= seq) {
            clearTimeout(timer);
            waiter = null;
            resolve();
          }
        };
        waiter = check;
        check();
      });
      lags.push(performance.now() - answeredAt);
      // A TD's pace, not a flood: the figure is per command.
      await new Promise((r) => setTimeout(r, 30));
    }
    follower.close();
    figures.push({
      name: 'sync.lag_p99_ms',
      value: round(percentile(lags, 99), 1),
      unit: 'ms',
      goal: '≤ 500 ms',
      note: `box (felt-box serve, pushing every 250 ms when its outbox is not empty) → local cloud (wrangler dev) → a public-channel follower; ${LAG_COMMANDS} Register commands, p50 ${round(percentile(lags, 50), 1)} ms, max ${round(Math.max(...lags), 1)} ms`,
    });

    // --- box memory: 3 live tournaments, 300 LAN followers ------------------------------
    const ids = [id];
    for (let t = 0; t < 2; t++) {
      const c = await call(`${boxVenue}/tournaments`, { body: { name: `Table ${t}` }, token: boxToken });
      ids.push((c.tournament as { id: string }).id);
    }
    const sockets: WebSocket[] = [];
    for (let f = 0; f < LAN_FOLLOWERS; f++) {
      const t = ids[f % ids.length] as string;
      sockets.push(
        await follow(
          `${b.url.replace('http', 'ws')}/api/v1/public/venues/${venueId}/tournaments/${t}/live`,
          () => {},
        ),
      );
    }
    for (let i = 0; i < 20; i++)
      await command(`rss-${i}`, 'Register', { playerId: `rss-${i}`, name: `Rss ${i}` });
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      samples.push(treeRssMb(b.pid));
      await new Promise((r) => setTimeout(r, 200));
    }
    for (const ws of sockets) ws.terminate();
    figures.push({
      name: 'box.rss_mb',
      value: round(median(samples), 1),
      unit: 'MB',
      goal: '≤ 250 MB',
      note: `resident memory of the box process and its workerd (VmRSS from /proc), median of 5 samples, with ${ids.length} live tournaments and ${LAN_FOLLOWERS} LAN WebSocket followers`,
    });

    // --- catch-up: 50,000 events in the outbox -----------------------------------------
    await b.stop();
    box = null;
    const events = buildEvents(CATCHUP_EVENTS).slice(0, CATCHUP_EVENTS);
    const rows = (base: number): NewEvent[][] => {
      const chunks: NewEvent[][] = [];
      for (let from = 0; from < events.length; from += 5000) {
        chunks.push(
          events.slice(from, from + 5000).map((e, i) => ({
            seq: base + from + i + 1,
            eventId: crypto.randomUUID(),
            epoch: 0,
            type: e.type,
            at: e.at,
            body: JSON.stringify(e),
          })),
        );
      }
      return chunks;
    };
    // The same rows straight into a fresh libSQL file (the raw limit).
    const rawClient = await openLibsqlFile(join(dir, 'raw.db'));
    const raw = new LibsqlStorage(rawClient);
    await raw.migrate();
    const rawStart = performance.now();
    let last = 0;
    for (const chunk of rows(0)) {
      await raw.batch([{ op: 'append', tournamentId: 'raw', expectedLastSeq: last, events: chunk }]);
      last += chunk.length;
    }
    const rawS = (performance.now() - rawStart) / 1000;
    rawClient.close();
    // The offline box's outbox: a tournament it ran with the link down, in its own database.
    const boxClient = await openLibsqlFile(join(boxData, 'felt.db'));
    const boxDb = new LibsqlStorage(boxClient);
    const offlineId = `offline${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const log = namespacedStorage(boxDb, `${venueId}/${offlineId}`);
    last = 0;
    for (const chunk of rows(0)) {
      await log.batch([{ op: 'append', tournamentId: offlineId, expectedLastSeq: last, events: chunk }]);
      last += chunk.length;
    }
    const now = Date.now();
    await boxDb.batch([
      {
        op: 'meta',
        scope: `v:${venueId}:tournaments`,
        key: offlineId,
        value: JSON.stringify({
          id: offlineId,
          name: 'Offline Cup',
          templateId: null,
          status: 'running',
          createdAt: now,
          updatedAt: now,
        }),
        updatedAt: now,
      },
    ]);
    boxClient.close();
    const catchStart = performance.now();
    box = await startBoxProcess(boxData, port);
    await until(
      'the cloud to hold the whole outbox',
      async () => {
        const page = await call(
          `${cloudVenue}/tournaments/${offlineId}/events?after=${CATCHUP_EVENTS - 1}&limit=1`,
          {
            token: cloudToken,
          },
        );
        return (page.seq as number) >= CATCHUP_EVENTS ? true : null;
      },
      600_000,
    );
    const catchS = (performance.now() - catchStart) / 1000;
    figures.push(
      {
        name: 'sync.catchup_50k_s',
        value: round(catchS, 2),
        unit: 's',
        goal: '≤ 10 s',
        note: `box restarted with a ${CATCHUP_EVENTS.toLocaleString('en')}-event outbox (the engine-replay bench mix), until the local cloud holds every event (batches of 500, each appended and applied by the cloud's TournamentDO); includes the box's start-up`,
      },
      {
        name: 'sync.raw_insert_50k_s',
        value: round(rawS, 2),
        unit: 's',
        note: 'the same 50,000 rows appended straight into a fresh libSQL file (WAL, synchronous=FULL), 5,000 per batch',
      },
    );
    return figures;
  } finally {
    await box?.stop().catch(() => {});
    await cloud?.stop().catch(() => {});
    await stopAll();
    rmSync(dir, { recursive: true, force: true });
  }
}
