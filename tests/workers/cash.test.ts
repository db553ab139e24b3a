/**
 * Cash games inside workerd: the floor opens a game and its tables, adds players, calls and
 * seats them; a phone joins from the public route, sees its place, and leaves with its
 * ticket; a repeated command answers as the first; refusals change nothing.
 */
import { describe, expect, it } from 'vitest';
import { signUpVenue, type VenueSession } from '../contract/session.ts';
import { addStaff, json } from './api-routes.ts';
import { selfTarget } from './self-target.ts';

interface Board {
  seq: number;
  serverTime: number;
  games: {
    id: string;
    name: string;
    openSeats: number;
    tables: { id: string; taken: number; seats: number; seated: string[] }[];
    waitlist: { position: number; name: string; playerId: string | null; calledUntil: number | null }[];
  }[];
}

const send = (
  s: VenueSession,
  type: string,
  payload: Record<string, unknown>,
  commandId = crypto.randomUUID(),
) => s.post(`${s.base}/cash/commands`, { commandId, type, payload });

const board = async (venueId: string) =>
  (await json(await selfTarget.fetch(`/api/v1/public/venues/${venueId}/cash`))) as unknown as Board;

describe('cash games over HTTP', () => {
  it('runs a list from the floor and a phone: join, call, seat, leave', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'cash' });
    expect((await send(s, 'CreateGame', { gameId: 'nlh', name: 'NLH 5/10', callMinutes: 2 })).status).toBe(
      201,
    );
    expect(
      (await send(s, 'OpenTable', { tableId: 't1', gameId: 'nlh', name: 'Table 1', seats: 9 })).status,
    ).toBe(201);
    expect((await send(s, 'SetSeatsTaken', { tableId: 't1', taken: 8 })).status).toBe(201);
    expect((await send(s, 'JoinWaitlist', { gameId: 'nlh', playerId: 'p-anna', name: 'Anna' })).status).toBe(
      201,
    );

    const joined = await selfTarget.fetch(`/api/v1/public/venues/${s.venueId}/cash/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ gameId: 'nlh', name: 'Bo from the bar' }),
    });
    expect(joined.status, await joined.clone().text()).toBe(201);
    const phone = (await joined.json()) as { playerId: string; ticket: string };
    expect(phone.playerId).toMatch(/^phone-[0-9a-f]{12}$/);

    let b = await board(s.venueId);
    expect(b.games[0]).toMatchObject({ name: 'NLH 5/10', openSeats: 1 });
    // The phone finds itself by its id; a floor-added player's id is not published.
    expect(b.games[0]!.waitlist).toEqual([
      { position: 1, name: 'Anna', playerId: null, calledUntil: null },
      { position: 2, name: 'Bo from the bar', playerId: phone.playerId, calledUntil: null },
    ]);

    // One open seat: the first on the list is called, with the game's two minutes to come.
    const called = await send(s, 'CallNext', { gameId: 'nlh' }, 'call-1');
    expect(called.status).toBe(201);
    const again = await send(s, 'CallNext', { gameId: 'nlh' }, 'call-1');
    expect(again.status).toBe(200);
    b = await board(s.venueId);
    const until = b.games[0]!.waitlist[0]!.calledUntil!;
    expect(until - b.serverTime).toBeGreaterThan(100_000);
    expect(until - b.serverTime).toBeLessThanOrEqual(120_000);
    // No second call while the only seat is promised.
    const none = await send(s, 'CallNext', { gameId: 'nlh' });
    expect(none.status).toBe(422);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('NO_OPEN_SEAT');

    expect((await send(s, 'SeatPlayer', { gameId: 'nlh', playerId: 'p-anna', tableId: 't1' })).status).toBe(
      201,
    );
    b = await board(s.venueId);
    expect(b.games[0]!.openSeats).toBe(0);
    expect(b.games[0]!.waitlist.map((w) => w.position)).toEqual([1]);

    // The phone leaves with its ticket; a wrong ticket is refused and changes nothing.
    const leave = (ticket: string) =>
      selfTarget.fetch(`/api/v1/public/venues/${s.venueId}/cash/leave`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ gameId: 'nlh', ticket }),
      });
    expect((await leave('0'.repeat(32))).status).toBe(404);
    expect((await board(s.venueId)).games[0]!.waitlist).toHaveLength(1);
    expect((await leave(phone.ticket)).status).toBe(200);
    expect((await board(s.venueId)).games[0]!.waitlist).toEqual([]);

    // The floor's own view has the whole state.
    const floor = (await json(await s.fetch(`${s.base}/cash`))) as {
      tables: { id: string; seated: unknown[] }[];
    };
    expect(floor.tables[0]!.seated).toHaveLength(1);
  });

  it('refuses bad input and roles that may not run the floor, changing nothing', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'cash-r' });
    expect((await send(s, 'CreateGame', { gameId: 'plo', name: 'PLO 1/2' })).status).toBe(201);
    const before = await board(s.venueId);
    for (const [type, payload, status] of [
      ['OpenTable', { tableId: 't', gameId: 'plo', name: 'T', seats: 1 }, 422],
      ['OpenTable', { tableId: 't', gameId: 'nope', name: 'T', seats: 9 }, 404],
      ['CallNext', { gameId: 'plo' }, 422],
      ['ExpireCalls', {}, 400],
      ['CreateGame', { gameId: 'x' }, 400],
      ['Nonsense', {}, 400],
    ] as const) {
      const res = await send(s, type, payload);
      expect(res.status, `${type} ${JSON.stringify(payload)}`).toBe(status);
      expect(((await res.json()) as { error: { message: string } }).error.message.length).toBeGreaterThan(3);
    }
    expect((await board(s.venueId)).seq).toBe(before.seq);
    const dealer = (await addStaff(selfTarget, s, 'dealer')).session;
    expect((await send(dealer, 'CallNext', { gameId: 'plo' })).status).toBe(403);
    const phoneJoin = (body: unknown) =>
      selfTarget.fetch(`/api/v1/public/venues/${s.venueId}/cash/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await phoneJoin({ gameId: 'plo', name: 'x' })).status).toBe(400);
    expect((await phoneJoin({ gameId: 'nope', name: 'Bo' })).status).toBe(404);
    expect((await selfTarget.fetch('/api/v1/public/venues/no-such-venue/cash')).status).toBe(404);
  });
});

describe('a box-run cash room, the cloud side', () => {
  it('takes the box’s events, holds phone joins and floor commands for it, and refuses another box', async () => {
    const owner = await signUpVenue(selfTarget, { prefix: 'cash-box' });
    const pairBox = async (name: string) => {
      const made = (await json(await owner.post(`${owner.base}/boxes/pairing-codes`, { name }))) as {
        code: string;
      };
      return (await json(
        await selfTarget.fetch('/sync/v1/pair', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code: made.code }),
        }),
      )) as { boxId: string; credential: string };
    };
    const box = await pairBox('Bar box');
    const sync = (path: string, credential: string, body?: unknown) =>
      selfTarget.fetch(`/sync/v1/venues/${owner.venueId}/cash${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json', authorization: `Box ${credential}` },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
    const event = (seq: number, e: Record<string, unknown>) => ({
      seq,
      eventId: `e${seq}`,
      epoch: 0,
      type: String(e.type),
      at: 1000 + seq,
      body: JSON.stringify(e),
    });
    const events = [
      event(1, { type: 'GameCreated', gameId: 'nlh', name: 'NLH 5/10', callMinutes: 3 }),
      event(2, {
        type: 'TableOpened',
        tableId: 't1',
        gameId: 'nlh',
        name: 'Table 1',
        seats: 9,
        mustMove: false,
      }),
    ];
    expect((await sync('/events', 'nope.nope', { head: 2, events })).status).toBe(401);
    const pushed = await sync('/events', box.credential, { head: 2, events });
    expect(pushed.status, await pushed.clone().text()).toBe(200);
    expect(await pushed.json()).toEqual({ lastSeq: 2, held: 0 });
    // Sent again (a lost answer): nothing doubles.
    expect(await (await sync('/events', box.credential, { head: 2, events })).json()).toEqual({
      lastSeq: 2,
      held: 0,
    });
    expect((await board(owner.venueId)).games[0]?.tables).toHaveLength(1);

    // A phone joins through the cloud, and the office sends a floor command: both held.
    const joined = await selfTarget.fetch(`/api/v1/public/venues/${owner.venueId}/cash/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ gameId: 'nlh', name: 'Remote Rita' }),
    });
    expect(joined.status).toBe(201);
    const office = await send(
      owner,
      'JoinWaitlist',
      { gameId: 'nlh', playerId: 'p-o', name: 'Office Olle' },
      'office-1',
    );
    expect(((await office.json()) as { queued?: boolean }).queued).toBe(true);
    expect((await board(owner.venueId)).games[0]?.waitlist).toEqual([]);
    const queue = (await json(await sync('/queue', box.credential))) as {
      commands: { commandId: string; command: { type: string; name: string } }[];
    };
    expect(queue.commands.map((c) => c.command.name)).toEqual(['Remote Rita', 'Office Olle']);

    // Another box of the venue is not the room's home.
    const other = await pairBox('Other box');
    expect(
      (
        await sync('/events', other.credential, {
          head: 3,
          events: [event(3, { type: 'TableClosed', tableId: 't1' })],
        })
      ).status,
    ).toBe(409);
    expect((await sync('/queue', other.credential)).status).toBe(409);

    const acked = await sync('/queue/ack', box.credential, {
      commandIds: queue.commands.map((c) => c.commandId),
    });
    expect(await acked.json()).toEqual({ acked: 2 });
    expect(((await json(await sync('/queue', box.credential))) as { commands: unknown[] }).commands).toEqual(
      [],
    );
    expect((await sync('/events', box.credential, { head: 1, events: [{ seq: 0 }] })).status).toBe(400);
  });
});
