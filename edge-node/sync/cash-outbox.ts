/**
 * The box's side of the cash room's sync (the cloud's is workers/sync/cash-routes.ts): push
 * the room's events the cloud has not acknowledged, in order, then run the commands the cloud
 * holds for the box (phones that joined from outside) and acknowledge them. The same pattern
 * as a tournament's outbox in reconciler.ts; the room's log is `cash` under `<venue>/cash`.
 */
import { namespacedStorage } from '../../durable-objects/storage/namespaced.ts';
import type { StoragePort } from '../../durable-objects/storage/port.ts';
import type { Pairing } from './pairing.ts';

const OUTBOX_SCOPE = 'box:outbox';
const PUSH_BATCH = 500;

export interface CashOutboxOptions {
  readonly storage: StoragePort;
  readonly localUrl: string;
  readonly localKey: string;
  readonly now: () => number;
}

export interface CashSync {
  readonly lastSeq: number;
  readonly ackedSeq: number;
  readonly backlog: number;
  readonly held: number;
}

export async function syncCashRoom(
  o: CashOutboxOptions,
  p: Pairing,
  pullHeld: boolean,
): Promise<CashSync | null> {
  const key = `${p.venueId}/cash`;
  const log = namespacedStorage(o.storage, key);
  const last = await log.lastSeq('cash');
  if (last === 0) return null;
  const base = `${p.cloudUrl}/sync/v1/venues/${encodeURIComponent(p.venueId)}/cash`;
  const auth = { authorization: `Box ${p.credential}` };
  let acked = Number((await o.storage.getMeta(OUTBOX_SCOPE, key)) ?? '0');
  let held = 0;
  while (acked < last) {
    const events = (await log.readEvents('cash', acked, PUSH_BATCH)).map(({ tournamentId: _t, ...e }) => e);
    const res = await fetch(`${base}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ head: last, events }),
      signal: AbortSignal.timeout(30_000),
    });
    const answer = (await res.json()) as { lastSeq?: number; held?: number };
    if (res.status !== 200 || typeof answer.lastSeq !== 'number')
      throw new Error(
        `the cloud refused the cash room's events (${res.status}): ${JSON.stringify(answer).slice(0, 200)}`,
      );
    held = answer.held ?? 0;
    const moved = answer.lastSeq !== acked;
    acked = answer.lastSeq;
    await o.storage.batch([
      { op: 'meta', scope: OUTBOX_SCOPE, key, value: String(acked), updatedAt: o.now() },
    ]);
    if (!moved) break;
  }
  let ran = 0;
  if (pullHeld || held > 0) ran = await runHeld(o, p, base, auth);
  return { lastSeq: last, ackedSeq: acked, backlog: last - acked, held: ran };
}

/** Runs the held commands in order on the box; a repeat (a lost acknowledgement) runs once. */
async function runHeld(
  o: CashOutboxOptions,
  p: Pairing,
  base: string,
  auth: Record<string, string>,
): Promise<number> {
  const res = await fetch(`${base}/queue`, { headers: auth, signal: AbortSignal.timeout(15_000) });
  if (res.status !== 200) return 0;
  const { commands } = (await res.json()) as { commands: { commandId: string; command: unknown }[] };
  const done: string[] = [];
  for (const item of commands) {
    const local = await fetch(
      `${o.localUrl}/api/v1/box/venues/${encodeURIComponent(p.venueId)}/cash/commands`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-felt-box-key': o.localKey },
        body: JSON.stringify({ commandId: item.commandId, command: item.command }),
      },
    );
    // Decided, or refused by a rule (final too): done. Anything else: again next round.
    if (local.status !== 200) break;
    done.push(item.commandId);
  }
  if (done.length > 0) {
    const acked = await fetch(`${base}/queue/ack`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ commandIds: done }),
      signal: AbortSignal.timeout(15_000),
    });
    if (acked.status !== 200) throw new Error(`the cloud refused the cash acknowledgement (${acked.status})`);
  }
  return done.length;
}
