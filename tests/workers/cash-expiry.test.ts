/**
 * A call nobody answers, inside workerd: the cash room's own alarm takes the player off the
 * list when the call runs out (a minute here, the shortest a game allows), and the next on
 * the list can be called. Real time: this test waits for the alarm.
 */
import { describe, expect, it } from 'vitest';
import { signUpVenue } from '../contract/session.ts';
import { json } from './api-routes.ts';
import { selfTarget } from './self-target.ts';

describe('an unanswered call', () => {
  it('bumps the player off the list when it runs out, by the room’s alarm', {
    timeout: 120_000,
  }, async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'cash-exp' });
    const send = (type: string, payload: Record<string, unknown>) =>
      s.post(`${s.base}/cash/commands`, { commandId: crypto.randomUUID(), type, payload });
    for (const [type, payload] of [
      ['CreateGame', { gameId: 'nlh', name: 'NLH 5/10', callMinutes: 1 }],
      ['OpenTable', { tableId: 't1', gameId: 'nlh', name: 'Table 1', seats: 9 }],
      ['SetSeatsTaken', { tableId: 't1', taken: 8 }],
      ['JoinWaitlist', { gameId: 'nlh', playerId: 'p-anna', name: 'Anna' }],
      ['JoinWaitlist', { gameId: 'nlh', playerId: 'p-bo', name: 'Bo' }],
      ['CallNext', { gameId: 'nlh' }],
    ] as const) {
      expect((await send(type, payload)).status, type).toBe(201);
    }
    const list = async () =>
      (
        (await json(await selfTarget.fetch(`/api/v1/public/venues/${s.venueId}/cash`))) as {
          games: { waitlist: { name: string; calledUntil: number | null }[] }[];
        }
      ).games[0]!.waitlist;
    expect((await list())[0]).toMatchObject({ name: 'Anna' });
    expect((await list())[0]!.calledUntil).not.toBeNull();
    // While Anna's call runs, the only seat is promised.
    expect((await send('CallNext', { gameId: 'nlh' })).status).toBe(422);
    await expect
      .poll(async () => (await list()).map((w) => w.name), { timeout: 90_000, interval: 2000 })
      .toEqual(['Bo']);
    expect((await send('CallNext', { gameId: 'nlh' })).status).toBe(201);
  });
});
