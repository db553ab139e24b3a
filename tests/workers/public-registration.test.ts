/**
 * Online pre-registration inside workerd, for a cloud-run tournament: registered, on the
 * waiting list when full, refused while closed or switched off, bad input a 400 that changes
 * nothing, the per-client rate limit, a retry answering the first registration; and the
 * venue's public summary never lists another venue's or an unlisted venue's tournaments.
 */
import { describe, expect, it } from 'vitest';
import { signUpVenue, type VenueSession } from '../contract/session.ts';
import { json } from './api-routes.ts';
import { selfTarget } from './self-target.ts';

const registrations = (venueId: string, id: string) =>
  `/api/v1/public/venues/${venueId}/tournaments/${id}/registrations`;

const preRegister = (venueId: string, id: string, body: Record<string, unknown>, ip = '198.51.100.7') =>
  selfTarget.fetch(registrations(venueId, id), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip },
    body: JSON.stringify(body),
  });

const newRequestId = () => crypto.randomUUID();

async function setOnline(s: VenueSession, on: boolean, listed = true): Promise<void> {
  const res = await s.post(s.base, { publish: { onlineRegistration: on, listed } }, 'PATCH');
  expect(res.status, await res.clone().text()).toBe(200);
}

/** An open tournament with `capacity` seats and a waiting list. */
async function openTournament(s: VenueSession, capacity: number | null = null, name = 'Friday Freezeout') {
  const id = await s.newTournament(name);
  if (capacity !== null) {
    const configured = await s.command(id, 'Configure', { rules: { capacity, waitingList: true } });
    expect(configured.status, await configured.clone().text()).toBe(201);
  }
  expect((await s.command(id, 'OpenRegistration')).status).toBe(201);
  return id;
}

interface Standings {
  entries: { entryId: string; playerId: string; name: string; status: string; number: number }[];
  waitingList: { playerId: string; name: string }[];
}
const standings = async (s: VenueSession, id: string) =>
  ((await json(await s.fetch(`${s.base}/tournaments/${id}`))) as { standings: Standings }).standings;

describe('online pre-registration (cloud-run)', () => {
  it('registers, then puts the next one on the waiting list when full; the TD sees both', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'prereg' });
    await setOnline(s, true);
    const id = await openTournament(s, 2);

    const annaRequest = newRequestId();
    const first = await preRegister(s.venueId, id, {
      requestId: annaRequest,
      name: 'Anna Andersen',
      email: 'Anna@Example.com',
    });
    expect(first.status, await first.clone().text()).toBe(201);
    const a = (await first.json()) as { outcome: { kind: string; number: number; entryId: string } };
    expect(a.outcome).toMatchObject({ kind: 'registered', number: 1 });
    const bo = await preRegister(s.venueId, id, { requestId: newRequestId(), name: 'Bo Berg' });
    expect(((await bo.json()) as { outcome: unknown }).outcome).toMatchObject({
      kind: 'registered',
      number: 2,
    });

    const third = await preRegister(s.venueId, id, {
      requestId: newRequestId(),
      name: 'Cleo Clausen',
      phone: '+45 12 34 56 78',
    });
    expect(third.status).toBe(201);
    expect(((await third.json()) as { outcome: unknown }).outcome).toEqual({ kind: 'waiting', position: 1 });

    const st = await standings(s, id);
    expect(st.entries.map((e) => e.name).sort()).toEqual(['Anna Andersen', 'Bo Berg']);
    expect(st.waitingList.map((w) => w.name)).toEqual(['Cleo Clausen']);
    // The registrants became venue players, with the contact data they gave (staff only).
    const players = (await json(await s.fetch(`${s.base}/players?q=Anna`))) as {
      players: { player: { id: string; email: string | null; history: { tournamentId: string }[] } }[];
    };
    const anna = players.players.find((p) => p.player.email === 'anna@example.com');
    expect(anna?.player.history.map((h) => h.tournamentId)).toEqual([id]);

    // The same email next time is the same player: the TD takes Anna off, she registers again.
    expect((await s.command(id, 'Unregister', { entryId: a.outcome.entryId })).status).toBe(201);
    const withdrawn = await selfTarget.fetch(`${registrations(s.venueId, id)}/${annaRequest}`);
    expect(((await withdrawn.json()) as { outcome: unknown }).outcome).toEqual({ kind: 'withdrawn' });
    const again = await preRegister(s.venueId, id, {
      requestId: newRequestId(),
      name: 'Anna A.',
      email: 'anna@example.com',
    });
    // Cleo is waiting for the free seat: Anna queues behind her, under her old player id.
    expect(((await again.json()) as { outcome: unknown }).outcome).toEqual({ kind: 'waiting', position: 2 });
    const after = await standings(s, id);
    expect(after.waitingList.map((w) => w.playerId)).toEqual([expect.any(String), anna?.player.id]);
    // Her first confirmation now reads her place on the waiting list (the same player).
    const confirmation = await selfTarget.fetch(`${registrations(s.venueId, id)}/${annaRequest}`);
    expect(((await confirmation.json()) as { outcome: unknown }).outcome).toEqual({
      kind: 'waiting',
      position: 2,
    });
  });

  it('answers a retry with the first registration and makes nothing twice', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'prereg' });
    await setOnline(s, true);
    const id = await openTournament(s);
    const requestId = newRequestId();
    const body = { requestId, name: 'Carl Christensen' };
    expect((await preRegister(s.venueId, id, body)).status).toBe(201);
    const retry = await preRegister(s.venueId, id, body);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({
      requestId,
      repeated: true,
      outcome: { kind: 'registered', number: 1 },
    });
    expect((await standings(s, id)).entries).toHaveLength(1);
    const players = (await json(await s.fetch(`${s.base}/players?q=Carl`))) as { players: unknown[] };
    expect(players.players).toHaveLength(1);
    // The confirmation page reads the same.
    const confirmation = await selfTarget.fetch(`${registrations(s.venueId, id)}/${requestId}`);
    expect(confirmation.status).toBe(200);
    expect(await confirmation.json()).toMatchObject({
      name: 'Carl Christensen',
      outcome: { kind: 'registered' },
    });
    // The same id for someone else is refused.
    const reused = await preRegister(s.venueId, id, { requestId, name: 'Dora Dahl' });
    expect(reused.status).toBe(409);
    expect((await standings(s, id)).entries).toHaveLength(1);
  });

  it('shows a withdrawn registration on its confirmation page after the TD removes it (the undo)', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'prereg' });
    await setOnline(s, true);
    const id = await openTournament(s);
    const requestId = newRequestId();
    const taken = (await (await preRegister(s.venueId, id, { requestId, name: 'Eva Eriksen' })).json()) as {
      outcome: { entryId: string };
    };
    const st = await standings(s, id);
    // The console marks it: the entry's command id says it came online.
    const view = (await json(await s.fetch(`${s.base}/tournaments/${id}`))) as {
      standings: { entries: { entryId: string }[] };
    };
    expect(view.standings.entries[0]?.entryId).toBe(taken.outcome.entryId);
    expect(st.entries[0]?.name).toBe('Eva Eriksen');
    expect((await s.command(id, 'Unregister', { entryId: taken.outcome.entryId })).status).toBe(201);
    const confirmation = await selfTarget.fetch(`${registrations(s.venueId, id)}/${requestId}`);
    expect(((await confirmation.json()) as { outcome: unknown }).outcome).toEqual({ kind: 'withdrawn' });
  });

  it('refuses while registration is not open, closed, or online registration is off, and changes nothing', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'prereg' });
    const announced = await s.newTournament('Announced Cup');
    const open = await openTournament(s, null, 'Open Cup');

    // Off by default.
    const off = await preRegister(s.venueId, open, { requestId: newRequestId(), name: 'Finn Friis' });
    expect(off.status).toBe(403);
    expect(((await off.json()) as { error: { code: string } }).error.code).toBe('ONLINE_REGISTRATION_OFF');

    await setOnline(s, true);
    const early = await preRegister(s.venueId, announced, { requestId: newRequestId(), name: 'Finn Friis' });
    expect(early.status).toBe(409);
    expect(((await early.json()) as { error: { code: string } }).error.code).toBe('REGISTRATION_NOT_OPEN');

    expect((await s.command(open, 'CloseRegistration')).status).toBe(201);
    const closed = await preRegister(s.venueId, open, { requestId: newRequestId(), name: 'Finn Friis' });
    expect(closed.status).toBe(409);
    expect(((await closed.json()) as { error: { code: string } }).error.code).toBe('REGISTRATION_CLOSED');

    const unknown = await preRegister(s.venueId, 'no-such-tournament', {
      requestId: newRequestId(),
      name: 'Finn Friis',
    });
    expect(unknown.status).toBe(404);

    // Unlisted: the venue publishes no tournaments, so none takes registrations.
    const reopened = await openTournament(s, null, 'Second Cup');
    await setOnline(s, true, false);
    const unlisted = await preRegister(s.venueId, reopened, {
      requestId: newRequestId(),
      name: 'Finn Friis',
    });
    expect(unlisted.status).toBe(404);

    for (const t of [announced, open, reopened]) expect((await standings(s, t)).entries).toHaveLength(0);
    const players = (await json(await s.fetch(`${s.base}/players?q=Finn`))) as { players: unknown[] };
    expect(players.players).toHaveLength(0);
  });

  it('refuses bad input with a 400 naming the field, and changes nothing', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'prereg' });
    await setOnline(s, true);
    const id = await openTournament(s);
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'Gus' }, 'requestId'],
      [{ requestId: 'short', name: 'Gus' }, 'requestId'],
      [{ requestId: newRequestId(), name: 'G' }, 'name'],
      [{ requestId: newRequestId(), name: 'x'.repeat(81) }, 'name'],
      [{ requestId: newRequestId(), name: 'Gus\u202eGus' }, 'name'],
      [{ requestId: newRequestId(), name: 'Gus', email: 'not-an-email' }, 'email'],
      [{ requestId: newRequestId(), name: 'Gus', phone: 'call me' }, 'phone'],
      [{ requestId: newRequestId(), name: 'Gus', extra: 1 }, ''],
    ];
    for (const [body, field] of cases) {
      const res = await preRegister(s.venueId, id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const e = ((await res.json()) as { error: { code: string; message: string } }).error;
      expect(e.code).toBe('VALIDATION_FAILED');
      if (field) expect(e.message).toContain(field);
    }
    const notJson = await selfTarget.fetch(registrations(s.venueId, id), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"requestId":',
    });
    expect(notJson.status).toBe(400);
    expect((await standings(s, id)).entries).toHaveLength(0);
    const players = (await json(await s.fetch(`${s.base}/players?q=Gus`))) as { players: unknown[] };
    expect(players.players).toHaveLength(0);
  });

  it('limits one client to a few registrations per tournament; retries and other clients are not counted', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'prereg' });
    await setOnline(s, true);
    const id = await openTournament(s);
    const ip = '203.0.113.9';
    const ids = Array.from({ length: 5 }, newRequestId);
    for (const [i, requestId] of ids.entries())
      expect((await preRegister(s.venueId, id, { requestId, name: `Player ${i + 1}` }, ip)).status).toBe(201);
    // A retry still answers.
    expect((await preRegister(s.venueId, id, { requestId: ids[0], name: 'Player 1' }, ip)).status).toBe(200);
    const sixth = await preRegister(s.venueId, id, { requestId: newRequestId(), name: 'Player 6' }, ip);
    expect(sixth.status).toBe(429);
    expect(((await sixth.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    // Another address, or the same address for another tournament, is not limited.
    expect(
      (await preRegister(s.venueId, id, { requestId: newRequestId(), name: 'Player 7' }, '203.0.113.10'))
        .status,
    ).toBe(201);
    const other = await openTournament(s, null, 'Other Cup');
    expect(
      (await preRegister(s.venueId, other, { requestId: newRequestId(), name: 'Player 8' }, ip)).status,
    ).toBe(201);
    expect((await standings(s, id)).entries).toHaveLength(6);
    const players = (await json(await s.fetch(`${s.base}/players?q=Player 6`))) as {
      players: { player: { name: string } }[];
    };
    expect(players.players.filter((p) => p.player.name === 'Player 6')).toHaveLength(0);
  });
});

describe("a venue's public summary", () => {
  interface Summary {
    venue: { id: string };
    onlineRegistration: boolean;
    live: { id: string; name: string; live: { level: number | null; playersLeft: number } | null }[];
    upcoming: { id: string; name: string; registration: { online: boolean; entrants: number } | null }[];
    results: { id: string; top: { place: number; name: string }[] }[];
  }
  const summary = async (venueId: string) => {
    const res = await selfTarget.fetch(`/api/v1/public/venues/${venueId}/summary`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+.*stale-while-revalidate=\d+/);
    return (await res.json()) as Summary;
  };

  it("lists only its own venue's tournaments, and none while unlisted", async () => {
    const a = await signUpVenue(selfTarget, { prefix: 'puba' });
    const b = await signUpVenue(selfTarget, { prefix: 'pubb' });
    const aOpen = await openTournament(a, null, 'A Open');
    const bOpen = await openTournament(b, null, 'B Open');
    await setOnline(a, true);
    const sa = await summary(a.venueId);
    const sb = await summary(b.venueId);
    expect(sa.upcoming.map((t) => t.id)).toEqual([aOpen]);
    expect(sa.upcoming[0]?.registration?.online).toBe(true);
    expect(sb.upcoming.map((t) => t.id)).toEqual([bOpen]);
    // B has not switched online registration on.
    expect(sb.upcoming[0]?.registration?.online).toBe(false);
    expect(JSON.stringify(sa)).not.toContain(bOpen);
    expect(JSON.stringify(sb)).not.toContain(aOpen);

    await setOnline(a, true, false);
    const unlisted = await summary(a.venueId);
    expect(unlisted).toMatchObject({ live: [], upcoming: [], results: [], onlineRegistration: false });
    expect((await selfTarget.fetch('/api/v1/public/venues/no-such-venue/summary')).status).toBe(404);
  });

  it('shows a running tournament with its level and field, and a finished one with its winner', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'pubc' });
    await setOnline(s, true);
    const id = await openTournament(s, null, 'Live Cup');
    for (const name of ['Ida', 'Jens', 'Karl'])
      expect((await preRegister(s.venueId, id, { requestId: newRequestId(), name })).status).toBe(201);
    expect((await s.command(id, 'StartTournament')).status).toBe(201);
    let sum = await summary(s.venueId);
    expect(sum.live).toEqual([
      { id, name: 'Live Cup', live: expect.objectContaining({ level: 1, playersLeft: 3, entrants: 3 }) },
    ]);
    const entries = (await standings(s, id)).entries;
    const entryOf = (n: string) => entries.find((e) => e.name === n)?.entryId;
    for (const name of ['Karl', 'Jens']) {
      const bust = await s.command(id, 'BustPlayers', { busts: [{ entryId: entryOf(name) }] });
      expect(bust.status, await bust.clone().text()).toBe(201);
    }
    const finish = await s.command(id, 'FinishTournament');
    expect(finish.status, await finish.clone().text()).toBe(201);
    sum = await summary(s.venueId);
    expect(sum.live).toEqual([]);
    expect(sum.results[0]?.top.map((p) => [p.place, p.name])).toEqual([
      [1, 'Ida'],
      [2, 'Jens'],
      [3, 'Karl'],
    ]);
  });
});
