/**
 * Multi-day events through the real routes inside workerd: two flights, a player surviving
 * both (best stack kept), bagging, advancing into Day 2 (entries, stacks, pool), a retry that
 * carries nothing twice, refusals that change nothing, and isolation across venues.
 */
import { describe, expect, it } from 'vitest';
import { signUpVenue, type VenueSession } from '../contract/session.ts';
import { addStaff, json } from './api-routes.ts';
import { selfTarget } from './self-target.ts';

interface View {
  seq: number;
  standings: {
    status: string;
    chipsInPlay: number;
    playersLeft: number;
    prizePool: { total: number };
    payouts: { place: number; amount: number }[];
    entries: { entryId: string; playerId: string; name: string; status: string; chips: number | null }[];
  };
  day: {
    bag: { survivors: { playerId: string; chips: number }[]; pool: number; entrants: number } | null;
    carried: { entries: { playerId: string; chips: number; fromFlight: string }[]; pool: number } | null;
  };
}

async function view(s: VenueSession, id: string): Promise<View> {
  const res = await s.fetch(`${s.base}/tournaments/${id}`);
  expect(res.status).toBe(200);
  return (await res.json()) as View;
}

async function ok(res: Promise<Response>, status = 201): Promise<Record<string, unknown>> {
  const r = await res;
  expect(r.status, await r.clone().text()).toBe(status);
  return json(r);
}

async function errorOf(res: Promise<Response>, status: number): Promise<string> {
  const r = await res;
  expect(r.status, await r.clone().text()).toBe(status);
  return ((await r.json()) as { error: { code: string } }).error.code;
}

/** A flight played to its bag: `players` registered, `bust` out, the others bagged with `stacks`. */
async function playFlight(
  s: VenueSession,
  name: string,
  players: Record<string, string>,
  bust: string[],
  stacks: Record<string, number>,
  bag = true,
): Promise<string> {
  const id = await s.newTournament(name);
  await ok(s.command(id, 'OpenRegistration'));
  for (const [playerId, who] of Object.entries(players))
    await ok(s.command(id, 'Register', { playerId, name: who }));
  await ok(s.command(id, 'StartTournament'));
  const entryOf = async (playerId: string) =>
    (await view(s, id)).standings.entries.find((e) => e.playerId === playerId && e.status === 'active')
      ?.entryId;
  for (const p of bust) await ok(s.command(id, 'BustPlayers', { busts: [{ entryId: await entryOf(p) }] }));
  const counts = [];
  for (const [p, chips] of Object.entries(stacks)) counts.push({ entryId: await entryOf(p), chips });
  await ok(s.command(id, 'SetChipCount', { counts }));
  if (bag) await ok(s.command(id, 'BagChips', {}));
  return id;
}

describe('multi-day events over HTTP', () => {
  it('two flights with a player in both: bag, advance with the best stack, Day 2 entries and pool; a retry carries nothing twice', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'flights' });
    // 3 × 20,000 chips in 1A, 2 × 20,000 in 1B (the regular template's stack).
    const a = await playFlight(s, 'Day 1A', { 'p-anna': 'Anna', 'p-bo': 'Bo', 'p-cy': 'Cy' }, ['p-cy'], {
      'p-anna': 45_000,
      'p-bo': 15_000,
    });
    const b = await playFlight(
      s,
      'Day 1B',
      { 'p-anna': 'Anna', 'p-dan': 'Dan' },
      [],
      { 'p-anna': 12_000, 'p-dan': 28_000 },
      false,
    );
    const day2 = await s.newTournament('Day 2');
    const poolA = (await view(s, a)).day.bag?.pool ?? 0;
    expect(poolA).toBeGreaterThan(0);

    const created = await ok(s.post(`${s.base}/events`, { name: 'Main Event', flights: [a, b], day2 }));
    const event = created.event as { id: string; rules: { twoFlights: string; flightsPay: boolean } };
    expect(event.rules).toEqual({ twoFlights: 'best-stack', flightsPay: false });
    const listed = await ok(s.fetch(`${s.base}/events`), 200);
    expect((listed.events as { id: string }[]).map((e) => e.id)).toEqual([event.id]);

    // 1B is not bagged yet: the advance is refused and Day 2 is untouched.
    const before = await view(s, day2);
    expect(await errorOf(s.post(`${s.base}/events/${event.id}/advance`, {}), 409)).toBe('FLIGHT_NOT_BAGGED');
    expect((await view(s, day2)).seq).toBe(before.seq);
    let status = await ok(s.fetch(`${s.base}/events/${event.id}`), 200);
    expect((status.flights as { id: string; bag: unknown }[]).map((f) => [f.id, f.bag !== null])).toEqual([
      [a, true],
      [b, false],
    ]);
    expect(status.preview).toBeNull();

    await ok(s.command(b, 'BagChips', {}));
    status = await ok(s.fetch(`${s.base}/events/${event.id}`), 200);
    const preview = status.preview as {
      entries: { playerId: string; chips: number }[];
      setAside: { playerId: string }[];
    };
    expect(preview.entries.map((e) => [e.playerId, e.chips])).toEqual([
      ['p-anna', 45_000],
      ['p-dan', 28_000],
      ['p-bo', 15_000],
    ]);
    expect(preview.setAside.map((x) => x.playerId)).toEqual(['p-anna']);

    const advanced = await ok(s.post(`${s.base}/events/${event.id}/advance`, {}));
    expect(advanced.advanced).toBe(true);
    const d2 = await view(s, day2);
    expect(
      d2.standings.entries
        .map((e) => [e.playerId, e.chips, e.status])
        .sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    ).toEqual([
      ['p-anna', 45_000, 'active'],
      ['p-bo', 15_000, 'active'],
      ['p-dan', 28_000, 'active'],
    ]);
    expect(d2.day.carried?.entries.find((e) => e.playerId === 'p-anna')?.fromFlight).toBe(a);
    const poolB = (await view(s, b)).day.bag?.pool ?? 0;
    expect(d2.standings.prizePool.total).toBe(poolA + poolB);
    expect(d2.standings.chipsInPlay).toBe(88_000);

    // A retry, and a second tap: nothing carried again, the same field stands.
    const again = await ok(s.post(`${s.base}/events/${event.id}/advance`, {}), 200);
    expect(again.advanced).toBe(false);
    const after = await view(s, day2);
    expect(after.seq).toBe(d2.seq);
    expect(after.standings.playersLeft).toBe(3);
    const ev = await ok(s.fetch(`${s.base}/events/${event.id}`), 200);
    expect((ev.event as { advanced: { players: number } }).advanced.players).toBe(3);

    // Once advanced, the event's days are fixed; Day 2 then plays as any tournament.
    expect(await errorOf(s.post(`${s.base}/events/${event.id}`, { flights: [a] }, 'PATCH'), 409)).toBe(
      'EVENT_ADVANCED',
    );
    await ok(s.command(day2, 'OpenRegistration'));
    await ok(s.command(day2, 'StartTournament'));
  });

  it('undoing the carry on Day 2 un-advances the event: its days can change and it advances again', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'flights-undo' });
    const a = await playFlight(s, 'Day 1A', { 'p-anna': 'Anna', 'p-bo': 'Bo' }, [], {
      'p-anna': 25_000,
      'p-bo': 15_000,
    });
    const day2 = await s.newTournament('Day 2');
    const created = await ok(s.post(`${s.base}/events`, { name: 'Weekend', flights: [a], day2 }));
    const eventId = (created.event as { id: string }).id;
    const advanced = await ok(s.post(`${s.base}/events/${eventId}/advance`, {}));
    const carry = (advanced.event as { advanced: { commandId: string } }).advanced.commandId;
    expect((await view(s, day2)).standings.playersLeft).toBe(2);

    await ok(s.command(day2, 'Undo', { targetCommandId: carry }));
    expect((await view(s, day2)).day.carried).toBeNull();
    const status = await ok(s.fetch(`${s.base}/events/${eventId}`), 200);
    expect((status.event as { advanced: unknown }).advanced).toBeNull();
    expect((status.preview as { entries: unknown[] }).entries).toHaveLength(2);
    // The rules can change again (they were fixed while advanced), and the advance runs anew.
    await ok(s.post(`${s.base}/events/${eventId}`, { rules: { twoFlights: 'last-flight' } }, 'PATCH'), 200);
    const again = await ok(s.post(`${s.base}/events/${eventId}/advance`, {}));
    expect(again.advanced).toBe(true);
    expect((await view(s, day2)).standings.playersLeft).toBe(2);
    const audit = (await ok(s.fetch(`${s.base}/audit?limit=50`), 200)) as { entries: { action: string }[] };
    expect(audit.entries.map((e) => e.action)).toContain('event.advance-undone');
  });

  it('refuses a Day 2 that has started, a tournament of another venue, bad bodies and roles without the right', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'flightsx' });
    const other = await signUpVenue(selfTarget, { prefix: 'flightsy' });
    const a = await playFlight(s, 'Day 1A', { 'p-anna': 'Anna', 'p-bo': 'Bo' }, [], {
      'p-anna': 30_000,
      'p-bo': 10_000,
    });
    const started = await s.newTournament('Day 2');
    await ok(s.command(started, 'OpenRegistration'));
    await ok(s.command(started, 'Register', { playerId: 'p-zed', name: 'Zed' }));
    await ok(s.command(started, 'StartTournament'));
    const { event } = (await ok(
      s.post(`${s.base}/events`, { name: 'Late', flights: [a], day2: started }),
    )) as {
      event: { id: string };
    };
    const seq = (await view(s, started)).seq;
    expect(await errorOf(s.post(`${s.base}/events/${event.id}/advance`, {}), 409)).toBe(
      'DAY2_ALREADY_STARTED',
    );
    expect((await view(s, started)).seq).toBe(seq);

    // The other venue's tournament is unknown here, and this venue's event is unknown there.
    const theirs = await other.newTournament('Their Day 1');
    expect(await errorOf(s.post(`${s.base}/events`, { name: 'Mixed', flights: [a, theirs] }), 404)).toBe(
      'TOURNAMENT_NOT_FOUND',
    );
    expect(await errorOf(other.fetch(`${other.base}/events/${event.id}`), 404)).toBe('EVENT_NOT_FOUND');
    expect(await errorOf(other.post(`${other.base}/events/${event.id}/advance`, {}), 404)).toBe(
      'EVENT_NOT_FOUND',
    );
    expect((await ok(other.fetch(`${other.base}/events`), 200)).events).toEqual([]);
    // A flight can belong to one event only.
    expect(await errorOf(s.post(`${s.base}/events`, { name: 'Twice', flights: [a] }), 409)).toBe(
      'TOURNAMENT_IN_ANOTHER_EVENT',
    );

    expect(await errorOf(s.post(`${s.base}/events`, { name: '', flights: [] }), 400)).toBe(
      'VALIDATION_FAILED',
    );
    expect(await errorOf(s.post(`${s.base}/events`, { name: 'X', flights: [a, a] }), 400)).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      await errorOf(s.post(`${s.base}/events`, { name: 'X', rules: { twoFlights: 'biggest' } }), 400),
    ).toBe('VALIDATION_FAILED');

    const floor = await addStaff(selfTarget, s, 'floor');
    expect(await errorOf(floor.session.post(`${s.base}/events`, { name: 'Floor event' }), 403)).toBe(
      'FORBIDDEN',
    );
    expect(await errorOf(floor.session.post(`${s.base}/events/${event.id}/advance`, {}), 403)).toBe(
      'FORBIDDEN',
    );
    // Reading is open to every staff role, as the tournament list is.
    await ok(floor.session.fetch(`${s.base}/events/${event.id}`), 200);
    expect((await ok(s.fetch(`${s.base}/events`), 200)).events).toHaveLength(1);
  });
});
