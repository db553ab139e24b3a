/**
 * A box paired with a cloud venue, for the sync tests: pair through a given cloud address (the
 * cloud itself, or a proxy in front of it), start the box with fast sync knobs, and sign the
 * venue's owner in on it with their PIN once the mirror has brought them over.
 */
import { expect } from 'vitest';
import { freePort } from '../../../scripts/lib/free-port.ts';
import { sessionFor, type VenueSession } from '../../contract/session.ts';
import { type BoxProcess, spawnBoxCli, startBoxProcess } from './box-process.ts';
import { httpTarget } from './node-target.ts';

/** Polls until `probe` answers non-null; on timeout the error carries `context()` (e.g. box output). */
export async function until<T>(
  what: string,
  probe: () => Promise<T | null>,
  options: { timeoutMs?: number; context?: () => string } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  let last: unknown = null;
  for (;;) {
    const v = await probe().catch((e: unknown) => {
      last = e;
      return null;
    });
    if (v !== null) return v;
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}\n${options.context?.() ?? ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Sync knobs for tests (milliseconds): outbox pushes, venue mirror, held-command pulls. */
export interface SyncKnobs {
  readonly syncMs: number;
  readonly mirrorMs: number;
  readonly heldMs?: number;
}

/** Makes a pairing code as the owner, pairs a box in `dataDir` through `cloudUrl`, starts it. */
export async function pairAndStartBox(
  owner: VenueSession,
  cloudUrl: string,
  dataDir: string,
  boxName: string,
  knobs: SyncKnobs,
): Promise<BoxProcess> {
  const made = await owner.post(`${owner.base}/boxes/pairing-codes`, { name: boxName });
  expect(made.status).toBe(201);
  const { code } = (await made.json()) as { code: string };
  const pair = spawnBoxCli(['pair', '--cloud', cloudUrl, '--code', code, '--data-dir', dataDir]);
  expect(await pair.exited, pair.output()).toBe(0);
  process.env.FELT_BOX_SYNC_MS = String(knobs.syncMs);
  process.env.FELT_BOX_MIRROR_MS = String(knobs.mirrorMs);
  if (knobs.heldMs !== undefined) process.env.FELT_BOX_HELD_MS = String(knobs.heldMs);
  return startBoxProcess(dataDir, await freePort());
}

/** The owner signed in on the box with their PIN (waits for the mirror to bring them over). */
export async function ownerOnBox(box: BoxProcess, owner: VenueSession, pin: string): Promise<VenueSession> {
  const token = await until(
    'the owner to sign in on the box',
    async () => {
      const res = await fetch(`${box.url}${owner.base}/auth/pin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: owner.userId, pin }),
      });
      return res.status === 200 ? ((await res.json()) as { token: string }).token : null;
    },
    { context: () => box.output().slice(-2000) },
  );
  return sessionFor(
    httpTarget('box', 'box', () => box.url),
    owner.venueId,
    token,
    owner.userId,
  );
}
