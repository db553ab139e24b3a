/**
 * The free-tier meter (durable-objects/usage/meter.ts), on here through FELT_METER=1: what a
 * command, a follower and a sign-in cost, as the free-tier benchmark counts them.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { UsageReport } from '../../durable-objects/usage/meter.ts';
import { signUpVenue } from '../contract/session.ts';
import { selfTarget } from './self-target.ts';

async function usage(): Promise<UsageReport> {
  const res = await selfTarget.fetch('/api/v1/support/usage', {
    headers: { 'x-felt-admin-key': env.FELT_ADMIN_KEY ?? '' },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as UsageReport;
}

describe('the usage meter', () => {
  it('is for the operator only', async () => {
    const res = await selfTarget.fetch('/api/v1/support/usage', { headers: { 'x-felt-admin-key': 'wrong' } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
  });

  it('counts the Worker request, the Durable Object calls and the rows a command writes', async () => {
    const session = await signUpVenue(selfTarget, { prefix: 'meter', name: 'Meter Club' });
    const id = await session.newTournament('Metered Cup');
    const before = await usage();
    const res = await session.command(id, 'ConfigureSeating', { config: { defaultSeatsPerTable: 9 } });
    expect(res.status).toBe(201);
    const after = await usage();
    // The command and the second usage read.
    expect(after.workerRequests - before.workerRequests).toBe(2);
    // The venue's permission check and the tournament's decision: two billed calls.
    expect(after.durableObjects.rpc - before.durableObjects.rpc).toBe(2);
    expect(after.durableObjects.byClass.venue.requests - before.durableObjects.byClass.venue.requests).toBe(
      1,
    );
    // The event, its command result and their index entries.
    expect(after.rowsWritten - before.rowsWritten).toBeGreaterThanOrEqual(2);
    expect(after.durableObjects.awakeMs).toBeGreaterThanOrEqual(before.durableObjects.awakeMs);
  });

  it('bills a follower one call to connect and its messages 20:1', async () => {
    const session = await signUpVenue(selfTarget, { prefix: 'meterws', name: 'Meter WS Club' });
    const id = await session.newTournament('Followed Cup');
    const before = await usage();
    const socket = await selfTarget.openSocket(
      `/api/v1/public/venues/${session.venueId}/tournaments/${id}/live`,
      ['felt'],
    );
    expect((await socket.next()).type).toBe('hello');
    for (let i = 0; i < 4; i++) socket.send(JSON.stringify({ type: 'time', clientTime: i }));
    let answers = 0;
    // (The hello's catch-up frame comes first.)
    while (answers < 4) if ((await socket.next()).type === 'time') answers++;
    const after = await usage();
    expect(after.durableObjects.rpc - before.durableObjects.rpc).toBe(1);
    expect(after.durableObjects.websocketMessages - before.durableObjects.websocketMessages).toBe(4);
    expect(after.durableObjects.billedRequests - before.durableObjects.billedRequests).toBeCloseTo(
      1 + 4 / 20,
      6,
    );
    socket.close();
  });
});
