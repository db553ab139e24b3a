/**
 * Satellites through the real routes inside workerd: create a satellite from a set-up of its
 * own, register and bust down through the commands API; play stops at the seat bubble (the
 * stop reaches the venue's list as "finished"), the results say seats, a further bust is
 * refused, undoing the last bust resumes play; bad satellite settings get a 4xx and change nothing.
 */
import { describe, expect, it } from 'vitest';
import { signUpVenue, type VenueSession } from '../contract/session.ts';
import { json } from './api-routes.ts';
import { selfTarget } from './self-target.ts';

interface Template {
  id: string;
  structure: unknown;
  buyIn: { price: number; fee: number; bounty: number; chips: number };
}
interface Standings {
  status: string;
  playersLeft: number;
  prizePool: { total: number };
  payouts: { place: number; amount: number; seat?: boolean }[];
  entries: { entryId: string; name: string; place: number | null; placeTo: number | null; prize: number }[];
  satellite: {
    seatValue: number;
    seats: number;
    remainder: number;
    remainderTo: string;
    won: boolean;
    winners: string[];
  } | null;
}

async function regular(s: VenueSession): Promise<Template> {
  const list = (await json(await s.fetch(`${s.base}/templates`))) as unknown as { templates: Template[] };
  const t = list.templates.find((x) => x.id === 'regular');
  if (!t) throw new Error('no regular template');
  return t;
}

async function create(s: VenueSession, t: Template, satellite: unknown): Promise<Response> {
  return s.post(`${s.base}/tournaments`, {
    name: 'Main Event Satellite',
    setup: { structure: t.structure, buyIn: t.buyIn, settings: { satellite } },
  });
}

async function standings(s: VenueSession, id: string): Promise<Standings> {
  const view = (await json(await s.fetch(`${s.base}/tournaments/${id}`))) as unknown as {
    standings: Standings;
  };
  return view.standings;
}

async function ok(res: Promise<Response>): Promise<Record<string, unknown>> {
  const r = await res;
  const body = await r.text();
  expect(r.status, body).toBe(201);
  return JSON.parse(body) as Record<string, unknown>;
}

describe('satellites over HTTP', () => {
  it('plays down to the seats, stops at the bubble, says seats, and undoing the last bust resumes play', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'sat' });
    const t = await regular(s);
    // Ten buy-ins buy two seats of 3.5 buy-ins; half a buy-in is left for the bubble.
    const seatValue = Math.round(t.buyIn.price * 3.5);
    const created = await create(s, t, { seatValue, remainder: 'bubble' });
    expect(created.status, await created.clone().text()).toBe(201);
    const id = ((await created.json()) as { tournament: { id: string } }).tournament.id;

    await ok(s.command(id, 'OpenRegistration'));
    for (let i = 1; i <= 10; i++)
      await ok(s.command(id, 'Register', { playerId: `p${i}`, name: `Player ${i}` }));
    let st = await standings(s, id);
    expect(st.satellite).toMatchObject({
      seatValue,
      seats: 2,
      remainder: 10 * t.buyIn.price - 2 * seatValue,
    });
    expect(st.payouts.filter((p) => p.seat).map((p) => p.amount)).toEqual([seatValue, seatValue]);
    await ok(s.command(id, 'CloseRegistration'));
    await ok(s.command(id, 'StartTournament'));

    for (let n = 10; n >= 4; n--) await ok(s.command(id, 'BustPlayers', { busts: [{ entryId: `e${n}` }] }));
    st = await standings(s, id);
    expect([st.status, st.playersLeft, st.satellite?.won]).toEqual(['running', 3, false]);

    // The bubble: 3 left for 2 seats; the bust leaves 2, who both win a seat.
    const stop = await ok(s.command(id, 'BustPlayers', { busts: [{ entryId: 'e3' }] }, 'bubble-bust'));
    expect(JSON.stringify(stop)).toContain('SeatsWon');
    st = await standings(s, id);
    expect(st.status).toBe('finished');
    expect(st.satellite?.won).toBe(true);
    expect([...(st.satellite?.winners ?? [])].sort()).toEqual(['e1', 'e2']);
    const prize = (entryId: string) => st.entries.find((e) => e.entryId === entryId)?.prize;
    expect([prize('e1'), prize('e2'), prize('e3'), prize('e4')]).toEqual([
      seatValue,
      seatValue,
      st.satellite?.remainder,
      0,
    ]);
    const list = (await json(await s.fetch(`${s.base}/tournaments`))) as unknown as {
      tournaments: { id: string; status: string }[];
    };
    expect(list.tournaments.find((x) => x.id === id)?.status).toBe('finished');

    // Results are final: no more busts.
    const more = await s.command(id, 'BustPlayers', { busts: [{ entryId: 'e2' }] });
    expect(more.status).toBe(422);
    expect(((await more.json()) as { error: { code: string } }).error.code).toBe('TOURNAMENT_FINISHED');

    // Undo the bubble bust: play resumes with three in.
    await ok(s.command(id, 'Undo', { targetCommandId: 'bubble-bust' }));
    st = await standings(s, id);
    expect([st.status, st.playersLeft, st.satellite?.won]).toEqual(['running', 3, false]);
  });

  it('refuses bad satellite settings with a 4xx naming the problem, and creates nothing', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'satbad' });
    const t = await regular(s);
    const before = (
      (await json(await s.fetch(`${s.base}/tournaments`))) as unknown as { tournaments: unknown[] }
    ).tournaments.length;
    for (const [satellite, pattern] of [
      [{ seatValue: 0, remainder: 'bubble' }, /seatValue|seat value/i],
      [{ seatValue: -100, remainder: 'bubble' }, /seatValue|seat value/i],
      [{ seatValue: t.buyIn.price, remainder: 'bubble' }, /worth more than one buy-in/],
      [{ seatValue: 1_000_000, remainder: 'winner' }, /remainder/],
    ] as const) {
      const res = await create(s, t, satellite);
      const text = await res.text();
      expect(res.status, text).toBeGreaterThanOrEqual(400);
      expect(res.status, text).toBeLessThan(500);
      expect(text).toMatch(pattern);
    }
    const after = (
      (await json(await s.fetch(`${s.base}/tournaments`))) as unknown as { tournaments: unknown[] }
    ).tournaments.length;
    expect(after).toBe(before);

    // A satellite whose pool buys no seat cannot start; a deal is refused in one that runs.
    const created = await create(s, t, { seatValue: t.buyIn.price * 5, remainder: 'bubble' });
    const id = ((await created.json()) as { tournament: { id: string } }).tournament.id;
    await ok(s.command(id, 'OpenRegistration'));
    for (let i = 1; i <= 3; i++) await ok(s.command(id, 'Register', { playerId: `p${i}`, name: `P ${i}` }));
    const start = await s.command(id, 'StartTournament');
    expect(start.status).toBeGreaterThanOrEqual(400);
    expect(start.status).toBeLessThan(500);
    expect(((await start.json()) as { error: { code: string } }).error.code).toBe('SATELLITE_NO_SEATS');
    expect((await standings(s, id)).status).toBe('registration');
    const badConfigure = await s.command(id, 'Configure', { satellite: { seatValue: 0 } });
    expect(badConfigure.status).toBe(400);
  });
});
