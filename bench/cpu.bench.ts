/**
 * Issue 16 part 5: `service.cpu_per_request_p99_ms`, CPU time per request on the local cloud
 * runtime (wrangler dev: the Worker and its Durable Objects in one workerd process), against
 * the 10 ms CPU per invocation that Workers Free allows.
 *
 * How CPU is measured, not wall time: the load runs in this process, one request at a time,
 * and workerd's CPU is read before and after each from Linux's per-thread scheduler counters
 * (bench/lib/process-cpu.ts: nanoseconds, every workerd thread summed). Wall time is no guide
 * locally: here it includes the loopback, the storage's fsync and the scheduler of a shared
 * 2-core machine; in production Cloudflare bills CPU only. Each sample is the Worker's
 * invocation plus the Durable Object call(s) it makes (both run in that one process), so it
 * bounds each of them from above; workerd's idle CPU over the same span (measured with no
 * request in flight) is subtracted.
 *
 * The requests are those of the free-tier scenario (bench/free-tier.bench.ts: a 120-entry
 * tournament, its TD's commands, followers' view reads and socket messages), played
 * sequentially, plus the heavy ones it has once per tournament or per sign-in: sign-up and
 * sign-in (PBKDF2, workers/auth/secret-hash.ts), a TD3 import of the largest fixture, and the
 * first request to a tournament's object after a restart (a cold start: constructor, restore
 * from the snapshot and the event tail, the view).
 *
 * Over 10 ms when first measured (2026-12-08, net of the health floor): sign-up ~30 ms and
 * sign-in ~15 ms (PBKDF2 at 100,000 iterations, Cloudflare's own ceiling for PBKDF2), a TD3
 * import of the 215 KB fixture ~40–75 ms, a cold start of a 120-entry tournament up to ~25 ms
 * (of a 100,000-event one far more: service.cold_start_ms). Routes that keep each under, not
 * yet built: sign-in by a client-side stretch (the browser runs the PBKDF2, the server a single
 * cheap hash of its result, old hashes verified and rehashed at their next sign-in); a TD3 file
 * parsed in the browser (engine/td3 is pure) and its events sent in batches; lazy restore and
 * views in parts (issue 16 item 2). The Durable Objects limits page gives 30 s of CPU per
 * request; 10 ms is the Workers Free figure, kept here as the goal for both.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { type RunningCloud, startCloud } from '../scripts/lib/cloud.ts';
import { freePort } from '../scripts/lib/free-port.ts';
import { PASSWORD_KDF } from '../workers/auth/secret-hash.ts';
import { call } from './lib/call.ts';
import type { Figure } from './lib/figure.ts';
import { median, percentile, round } from './lib/measure.ts';
import { cpuNs, processesInGroup } from './lib/process-cpu.ts';

const LIMIT_MS = 10;
const ENTRIES = 120;
/** Left to workerd after an answer for work that follows it (fan-out, storage callbacks). */
const SETTLE_MS = 15;

type Kind =
  | 'health'
  | 'command'
  | 'view_get'
  | 'socket_message'
  | 'signin'
  | 'signup'
  | 'td3_import'
  | 'cold_start';

interface Sample {
  readonly cpuMs: number;
  readonly wallMs: number;
}

class CpuMeter {
  readonly samples = new Map<Kind, Sample[]>();
  #pids: number[] = [];
  /** workerd's own CPU per ms with nothing in flight (timers, GC), subtracted from samples. */
  idleNsPerMs = 0;

  attach(cloud: RunningCloud): void {
    this.#pids = processesInGroup(cloud.pid, 'workerd');
    if (this.#pids.length === 0) throw new Error(`no workerd process in group ${cloud.pid}`);
  }

  async calibrate(): Promise<void> {
    const spans: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      const c = cpuNs(this.#pids);
      await sleep(100);
      spans.push((cpuNs(this.#pids) - c) / (performance.now() - t));
    }
    this.idleNsPerMs = median(spans);
  }

  /** Runs `fn` (one request, awaited to its last byte) and records workerd's CPU for it. */
  async measure<T>(kind: Kind, fn: () => Promise<T>): Promise<T> {
    const t = performance.now();
    const c = cpuNs(this.#pids);
    const out = await fn();
    const wallMs = performance.now() - t;
    await sleep(SETTLE_MS);
    const spanMs = performance.now() - t;
    const ns = cpuNs(this.#pids) - c - this.idleNsPerMs * spanMs;
    const list = this.samples.get(kind) ?? [];
    list.push({ cpuMs: Math.max(0, ns / 1e6), wallMs });
    this.samples.set(kind, list);
    return out;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function ok(what: string, res: { status: number; json: unknown }): void {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.json).slice(0, 300)}`);
}

/** The largest real TD3 save in ../shared/fixtures/td3, or null when the folder is absent. */
function largestTd3(): { name: string; bytes: Uint8Array } | null {
  const dir = fileURLToPath(new URL('../../shared/fixtures/td3/', import.meta.url));
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir)
    .filter((n) => n.endsWith('.tdt'))
    .map((n) => ({ name: n, size: statSync(join(dir, n)).size }))
    .sort((a, b) => b.size - a.size);
  const top = files[0];
  return top ? { name: top.name, bytes: new Uint8Array(readFileSync(join(dir, top.name))) } : null;
}

/** A follower's socket: one message sent, its answer awaited. */
async function openSocket(
  url: string,
): Promise<{ ask: (msg: unknown, want: string) => Promise<void>; close: () => void }> {
  const ws = new WebSocket(url, ['felt']);
  const waiting: { want: string; resolve: () => void }[] = [];
  ws.on('message', (data) => {
    const type = (JSON.parse(String(data)) as { type: string }).type;
    const i = waiting.findIndex((w) => w.want === type);
    if (i >= 0) waiting.splice(i, 1)[0]?.resolve();
  });
  await new Promise<void>((resolve, reject) => {
    waiting.push({ want: 'hello', resolve });
    ws.once('error', reject);
  });
  return {
    ask: (msg, want) =>
      new Promise<void>((resolve) => {
        waiting.push({ want, resolve });
        ws.send(JSON.stringify(msg));
      }),
    close: () => ws.close(),
  };
}

interface Venue {
  readonly base: string;
  readonly venueId: string;
  readonly email: string;
  readonly password: string;
  readonly auth: Record<string, string>;
}

async function playTournament(m: CpuMeter, v: Venue): Promise<string> {
  const venueUrl = `${v.base}/api/v1/venues/${v.venueId}`;
  const created = await m.measure('command', () =>
    call('POST', `${venueUrl}/tournaments`, { name: 'Saturday Regular', templateId: 'regular' }, v.auth),
  );
  ok('create', created);
  const id = (created.json.tournament as { id: string }).id;
  const command = async (type: string, payload: Record<string, unknown> = {}) => {
    const res = await m.measure('command', () =>
      call(
        'POST',
        `${venueUrl}/tournaments/${id}/commands`,
        { commandId: crypto.randomUUID(), type, payload },
        v.auth,
      ),
    );
    ok(type, res);
  };
  const publicUrl = `${v.base}/api/v1/public/venues/${v.venueId}/tournaments/${id}`;
  const socket = await openSocket(`${publicUrl.replace(/^http/, 'ws')}/live`);
  await command('Configure', { rules: { reentry: true, maxEntriesPerPlayer: 2 } });
  await command('OpenRegistration');
  await command('ConfigureSeating', { config: { defaultSeatsPerTable: 9 } });
  for (let i = 0; i < ENTRIES; i++) {
    await command('Register', { playerId: `p${i}`, name: `Player ${i + 1}` });
    // Followers as in the free-tier scenario: view reads and socket messages between commands.
    if (i % 4 === 0) ok('public view', await m.measure('view_get', () => call('GET', publicUrl)));
    if (i % 4 === 2) await m.measure('socket_message', () => socket.ask({ type: 'view' }, 'view'));
    if (i % 4 === 3)
      await m.measure('socket_message', () => socket.ask({ type: 'time', clientTime: Date.now() }, 'time'));
  }
  await command('DrawSeats');
  await command('StartTournament');
  for (let i = 0; i < 40; i++) {
    const staff = await m.measure('view_get', () =>
      call('GET', `${venueUrl}/tournaments/${id}`, undefined, v.auth),
    );
    ok('staff view', staff);
    const view = staff.json as {
      standings: { entries: { entryId: string; status: string }[] };
      seating: { pendingMoves: unknown[]; handForHand: { on: boolean; tablesPlaying: string[] } };
    };
    if (view.seating.handForHand.on) {
      for (const tableId of view.seating.handForHand.tablesPlaying)
        await command('ReportHandFinished', { tableId });
    }
    const active = view.standings.entries.filter((e) => e.status === 'active');
    const victim = active[1 + (i % (active.length - 1))];
    if (!victim) break;
    await command('BustPlayers', { busts: [{ entryId: victim.entryId }], hitmanEntryId: active[0]?.entryId });
    const after = await call('GET', `${venueUrl}/tournaments/${id}`, undefined, v.auth);
    if ((after.json as typeof view).seating.pendingMoves.length > 0) await command('ApplyAllMoves');
    ok('public view', await m.measure('view_get', () => call('GET', publicUrl)));
  }
  socket.close();
  return id;
}

async function signUp(m: CpuMeter, base: string): Promise<Venue> {
  const venueId = `cpu-${crypto.randomUUID().slice(0, 8)}`;
  const email = `owner@${venueId}.bench`;
  const password = 'bench-password-1';
  const res = await m.measure('signup', () =>
    call('POST', `${base}/api/v1/signup`, {
      venue: { id: venueId, name: 'CPU Club' },
      owner: { name: 'Owner', email, password },
    }),
  );
  ok('signup', res);
  return { base, venueId, email, password, auth: { authorization: `Bearer ${res.json.token as string}` } };
}

function stats(samples: readonly Sample[]) {
  const cpu = samples.map((s) => s.cpuMs);
  const wall = samples.map((s) => s.wallMs);
  return {
    n: samples.length,
    p50: round(median(cpu), 2),
    p99: round(percentile(cpu, 99), 2),
    max: round(Math.max(...cpu), 2),
    wallP50: round(median(wall), 1),
  };
}

export async function run(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'felt-cpu-'));
  const persistTo = join(dir, 'cloud');
  const m = new CpuMeter();
  const td3 = largestTd3();
  let cloud = await startCloud({ port: await freePort(), persistTo });
  let coldTargets: { url: string; auth: Record<string, string>; what: string }[] = [];
  try {
    m.attach(cloud);
    // Warm the isolate: its start-up is Cloudflare's separate 1 s start-up limit, not a request's.
    for (let i = 0; i < 5; i++) await call('GET', `${cloud.url}/api/v1/health`);
    await m.calibrate();
    // The floor: the same path for the lightest request (the Worker and one small object call).
    for (let i = 0; i < 30; i++) await m.measure('health', () => call('GET', `${cloud.url}/api/v1/health`));
    const venue = await signUp(m, cloud.url);
    for (let i = 0; i < 10; i++) {
      const res = await m.measure('signin', () =>
        call('POST', `${cloud.url}/api/v1/venues/${venue.venueId}/auth/password`, {
          email: venue.email,
          password: venue.password,
        }),
      );
      ok('signin', res);
    }
    for (let r = 0; r < 2; r++) {
      const id = await playTournament(m, venue);
      coldTargets.push({
        url: `${cloud.url}/api/v1/public/venues/${venue.venueId}/tournaments/${id}`,
        auth: {},
        what: `${ENTRIES}-entry tournament`,
      });
    }
    if (td3) {
      for (let i = 0; i < 5; i++) {
        const res = await m.measure('td3_import', () =>
          call('POST', `${cloud.url}/api/v1/venues/${venue.venueId}/imports/td3`, td3.bytes, venue.auth),
        );
        ok('td3 import', res);
        const t = res.json.tournament as { id: string } | undefined;
        if (t && i === 0)
          coldTargets.push({
            url: `${cloud.url}/api/v1/public/venues/${venue.venueId}/tournaments/${t.id}`,
            auth: {},
            what: `TD3 import of ${td3.name}`,
          });
      }
    }
    // Cold starts: a restart evicts every object; the Worker is warmed on /health first, so
    // the sample is the tournament object's first request (constructor, restore, view).
    for (let r = 0; r < 3; r++) {
      await cloud.stop();
      cloud = await startCloud({ port: await freePort(), persistTo });
      m.attach(cloud);
      for (let i = 0; i < 5; i++) await call('GET', `${cloud.url}/api/v1/health`);
      coldTargets = coldTargets.map((t) => ({ ...t, url: t.url.replace(/^http:\/\/[^/]+/, cloud.url) }));
      for (const t of coldTargets) ok('cold start', await m.measure('cold_start', () => call('GET', t.url)));
    }
  } finally {
    await cloud.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  const floor = stats(m.samples.get('health') ?? []);
  m.samples.delete('health');
  const all = [...m.samples.values()].flat();
  const overall = stats(all);
  const per = [...m.samples.entries()].map(([kind, s]) => ({ kind, ...stats(s) }));
  const over = per.filter((k) => k.p99 > LIMIT_MS).map((k) => k.kind);
  const perText = per
    .map(
      (k) =>
        `${k.kind} p50 ${k.p50} / p99 ${k.p99} / max ${k.max} ms CPU (n ${k.n}, wall p50 ${k.wallP50} ms; ` +
        `p99 less the health floor's p50 ≈ ${round(Math.max(0, k.p99 - floor.p50), 1)} ms)`,
    )
    .join('; ');
  const method =
    `CPU of workerd (wrangler dev: Worker + Durable Objects in one process) from /proc/PID/task/*/schedstat around each request, ` +
    `sent one at a time from a separate process, ${SETTLE_MS} ms left after each answer, idle CPU ` +
    `(${round(m.idleNsPerMs / 1000, 1)} µs per ms) subtracted; an upper bound on the Worker invocation and on the DO request each: it also counts what production does not bill as the ` +
    `isolate's CPU (HTTP parsing, wrangler's proxy workers, SQLite's writes): GET /api/v1/health (the Worker and one Durable Object call ` +
    `reading its migrations list) costs p50 ${floor.p50} / p99 ${floor.p99} ms here (n ${floor.n})`;
  const figures: Figure[] = [
    {
      name: 'service.cpu_per_request_p99_ms',
      value: overall.p99,
      unit: 'ms',
      goal: '≤ 10 ms (free tier)',
      note:
        `p99 over all ${overall.n} requests (p50 ${overall.p50} ms). ${method}. Per kind: ${perText}. ` +
        `Over 10 ms at p99: ${over.length === 0 ? 'none' : over.join(', ')}. ` +
        `Sign-in/sign-up run PBKDF2-SHA256 at ${PASSWORD_KDF.iterations.toLocaleString('en')} iterations; ` +
        `cold starts: ${coldTargets.map((t) => t.what).join(', ')} (a 100,000-event tournament: see service.cold_start_ms)`,
    },
  ];
  for (const k of per) {
    figures.push({
      name: `service.cpu_${k.kind}_p99_ms`,
      value: k.p99,
      unit: 'ms',
      goal: '≤ 10 ms (free tier)',
      note: `${k.n} requests, p50 ${k.p50} ms, max ${k.max} ms CPU, wall p50 ${k.wallP50} ms; as service.cpu_per_request_p99_ms`,
    });
  }
  return figures;
}
