/**
 * The service benches' load generator, run as its own Node process so the server under test
 * never shares an event loop (or a core's run queue slot) with the client: `node
 * bench/lib/load-worker.ts '<json task>'`. Prints one JSON line with the result on stdout.
 *
 * Tasks:
 * - `commands`: sequential command round trips (POST, wait for the answer, next).
 * - `fanout`: N WebSocket followers, then per command the time from its HTTP answer (and from
 *   sending it) until the last follower has the event frame carrying its seq.
 */
import WebSocket from 'ws';

export interface CommandsTask {
  readonly kind: 'commands';
  /** Extra request headers (the staff token). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Full URL of the commands endpoint. */
  readonly url: string;
  readonly warmup: number;
  readonly count: number;
  /** Makes player ids unique across repeats on the same tournament. */
  readonly prefix: string;
}

export interface FanoutTask {
  readonly kind: 'fanout';
  /** WebSocket URL the followers open. */
  readonly wsUrl: string;
  /** URL the commands are POSTed to. */
  readonly commandUrl: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly followers: number;
  readonly commands: number;
  readonly prefix: string;
  /** Connections opened at once while building the audience. */
  readonly connectConcurrency: number;
}

export type LoadTask = CommandsTask | FanoutTask;

export interface CommandsResult {
  readonly kind: 'commands';
  readonly latenciesMs: readonly number[];
  readonly errors: number;
}

export interface FanoutResult {
  readonly kind: 'fanout';
  readonly followers: number;
  readonly connectMs: number;
  /** Per command: HTTP answer → last follower has the event (negative: all had it first). */
  readonly answerToLastMs: readonly number[];
  /** Per command: request sent → last follower has the event. */
  readonly sendToLastMs: readonly number[];
  /** Per command: request sent → HTTP answer. */
  readonly roundTripMs: readonly number[];
  readonly timeouts: number;
}

function body(commandId: string, type: string, payload: Record<string, unknown>): string {
  return JSON.stringify({ commandId, type, payload });
}

async function post(
  url: string,
  text: string,
  headers: Readonly<Record<string, string>> = {},
): Promise<{ status: number; text: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: text,
  });
  return { status: res.status, text: await res.text() };
}

async function runCommands(task: CommandsTask): Promise<CommandsResult> {
  const latencies: number[] = [];
  let errors = 0;
  for (let i = 0; i < task.warmup + task.count; i++) {
    const id = `${task.prefix}-${i}`;
    const text = body(id, 'Register', { playerId: id, name: `Bench Player ${i}` });
    const start = performance.now();
    const res = await post(task.url, text, task.headers);
    const ms = performance.now() - start;
    if (res.status !== 201) {
      errors++;
      if (errors === 1) process.stderr.write(`command refused: ${res.status} ${res.text.slice(0, 300)}\n`);
      continue;
    }
    if (i >= task.warmup) latencies.push(ms);
  }
  return { kind: 'commands', latenciesMs: latencies, errors };
}

/** The seq an events frame carries: it is the frame's last field, so only its tail is read. */
const TAIL_SEQ = /"seq":(\d+)\}\s*$/;

async function runFanout(task: FanoutTask): Promise<FanoutResult> {
  const sockets: WebSocket[] = [];
  const lastSeq: number[] = [];
  // Followers whose lastSeq reached `waitingFor`; when it hits N the command is complete.
  let waitingFor = Number.POSITIVE_INFINITY;
  let reached = 0;
  const signal: { done: ((at: number) => void) | null } = { done: null };

  const onFrame = (i: number, data: Buffer) => {
    const tail = data.subarray(Math.max(0, data.length - 40)).toString('utf8');
    const m = TAIL_SEQ.exec(tail);
    if (!m || !data.subarray(0, 20).toString('utf8').includes('"events"')) return;
    const seq = Number(m[1]);
    const before = lastSeq[i] ?? 0;
    if (seq <= before) return;
    lastSeq[i] = seq;
    if (before < waitingFor && seq >= waitingFor) {
      reached++;
      if (reached === task.followers) signal.done?.(performance.now());
    }
  };

  const connectOne = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(task.wsUrl, { perMessageDeflate: false });
      sockets[i] = ws;
      lastSeq[i] = 0;
      let hello = false;
      const timer = setTimeout(() => reject(new Error(`follower ${i}: no hello in 60 s`)), 60_000);
      ws.on('message', (data: Buffer) => {
        if (!hello) {
          hello = true;
          clearTimeout(timer);
          resolve();
          return;
        }
        onFrame(i, data);
      });
      ws.on('error', (e) => {
        clearTimeout(timer);
        reject(
          new Error(
            `follower ${i} of ${task.followers} (${hello ? 'after' : 'before'} its hello): ${e.message}`,
          ),
        );
      });
    });

  const connectStart = performance.now();
  let next = 0;
  const lanes = Array.from({ length: Math.min(task.connectConcurrency, task.followers) }, async () => {
    while (next < task.followers) await connectOne(next++);
  });
  await Promise.all(lanes);
  const connectMs = performance.now() - connectStart;

  const answerToLast: number[] = [];
  const sendToLast: number[] = [];
  const roundTrip: number[] = [];
  let timeouts = 0;
  for (let c = 0; c < task.commands; c++) {
    const id = `${task.prefix}-f${c}`;
    reached = 0;
    waitingFor = Number.POSITIVE_INFINITY;
    let lastAt = 0;
    const done = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 60_000);
      signal.done = (at) => {
        clearTimeout(timer);
        lastAt = at;
        resolve(true);
      };
    });
    const sentAt = performance.now();
    const res = await post(
      task.commandUrl,
      body(id, 'Register', { playerId: id, name: `Follower Cup ${c}` }),
      task.headers,
    );
    const answeredAt = performance.now();
    if (res.status !== 201)
      throw new Error(`fanout command refused: ${res.status} ${res.text.slice(0, 300)}`);
    const seq = Number((JSON.parse(res.text) as { seq: number }).seq);
    // Frames may have arrived before the answer: count them now, then wait for the rest.
    waitingFor = seq;
    reached = lastSeq.filter((s) => s >= seq).length;
    if (reached === task.followers) signal.done?.(performance.now());
    const ok = await done;
    signal.done = null;
    if (!ok) {
      timeouts++;
      continue;
    }
    answerToLast.push(lastAt - answeredAt);
    sendToLast.push(lastAt - sentAt);
    roundTrip.push(answeredAt - sentAt);
    // Let the server settle between commands (the figure is per command, not under a burst).
    await new Promise((r) => setTimeout(r, 20));
  }
  for (const ws of sockets) ws.terminate();
  return {
    kind: 'fanout',
    followers: task.followers,
    connectMs,
    answerToLastMs: answerToLast,
    sendToLastMs: sendToLast,
    roundTripMs: roundTrip,
    timeouts,
  };
}

async function main(): Promise<void> {
  const task = JSON.parse(process.argv[2] ?? '{}') as LoadTask;
  const result = task.kind === 'commands' ? await runCommands(task) : await runFanout(task);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(
        `load worker failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
      );
      process.exit(1);
    },
  );
}
