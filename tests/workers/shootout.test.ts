/**
 * Shootouts through the real routes inside workerd: create a shootout from a set-up of its
 * own, draw 20 players onto two tables, bust one table down to its winner (TableWon, nobody
 * balanced in from the other table), a bust at the won table is refused, the next round is
 * refused while a table plays, then drawn (and undone, and redone), the final plays to the
 * end and the standings put everyone out in round 1 below the finalists; bad shootout
 * settings get a 4xx naming the problem and create nothing.
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
interface Shootout {
  advancePerTable: number;
  round: number;
  shootoutRound: boolean;
  wins: { round: number; tableId: string; tableName: string; winners: { entryId: string; name: string }[] }[];
  tablesPlaying: string[];
  roundWon: boolean;
  roundCommandId: string | null;
}
interface View {
  standings: {
    status: string;
    playersLeft: number;
    entries: { entryId: string; place: number | null; status: string; outInRound?: number }[];
    shootout: Shootout | null;
  };
  seating: {
    tables: { id: string; name: string; players: number; seatMap: { entryId: string | null }[] }[];
    pendingMoves: unknown[];
  };
}

async function regular(s: VenueSession): Promise<Template> {
  const list = (await json(await s.fetch(`${s.base}/templates`))) as unknown as { templates: Template[] };
  const t = list.templates.find((x) => x.id === 'regular');
  if (!t) throw new Error('no regular template');
  return t;
}

function create(s: VenueSession, t: Template, shootout: unknown): Promise<Response> {
  return s.post(`${s.base}/tournaments`, {
    name: 'Friday Shootout',
    setup: { structure: t.structure, buyIn: t.buyIn, settings: { shootout } },
  });
}

async function view(s: VenueSession, id: string): Promise<View> {
  return (await json(await s.fetch(`${s.base}/tournaments/${id}`))) as unknown as View;
}

async function ok(res: Promise<Response>): Promise<string> {
  const r = await res;
  const body = await r.text();
  expect(r.status, body).toBe(201);
  return body;
}

async function refused(res: Promise<Response>, code: string): Promise<string> {
  const r = await res;
  const body = await r.text();
  expect(r.status, body).toBeGreaterThanOrEqual(400);
  expect(r.status, body).toBeLessThan(500);
  expect((JSON.parse(body) as { error: { code: string } }).error.code).toBe(code);
  return body;
}

const playersAt = (v: View, tableId: string): string[] =>
  (v.seating.tables.find((t) => t.id === tableId)?.seatMap ?? [])
    .map((x) => x.entryId)
    .filter((x): x is string => x !== null);

describe('shootouts over HTTP', () => {
  it('plays each table down to its winner, refuses a bust at a won table, draws the final and places by round', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'shoot' });
    const t = await regular(s);
    const created = await create(s, t, { advancePerTable: 1 });
    expect(created.status, await created.clone().text()).toBe(201);
    const id = ((await created.json()) as { tournament: { id: string } }).tournament.id;

    await ok(s.command(id, 'OpenRegistration'));
    for (let i = 1; i <= 20; i++)
      await ok(s.command(id, 'Register', { playerId: `p${i}`, name: `Player ${i}` }));
    await ok(s.command(id, 'DrawSeats'));
    await ok(s.command(id, 'StartTournament'));
    let v = await view(s, id);
    const inPlay = v.seating.tables.filter((x) => x.players > 0);
    expect(inPlay.map((x) => x.players)).toEqual([10, 10]);
    expect(v.standings.shootout).toMatchObject({ advancePerTable: 1, round: 1, shootoutRound: true });
    const [a, b] = inPlay as [View['seating']['tables'][number], View['seating']['tables'][number]];

    // Table A busts down to one: no moves are proposed from the full table B.
    const atA = playersAt(v, a.id);
    for (const entryId of atA.slice(0, 8)) await ok(s.command(id, 'BustPlayers', { busts: [{ entryId }] }));
    const lastBust = await ok(s.command(id, 'BustPlayers', { busts: [{ entryId: atA[8] }] }, 'win-a'));
    expect(lastBust).toContain('TableWon');
    v = await view(s, id);
    expect(v.seating.pendingMoves).toEqual([]);
    expect(v.seating.tables.find((x) => x.id === b.id)?.players).toBe(10);
    const winnerA = atA[9] as string;
    expect(v.standings.shootout?.wins).toEqual([
      {
        round: 1,
        tableId: a.id,
        tableName: a.name,
        winners: [{ entryId: winnerA, name: expect.any(String) }],
        commandId: 'win-a',
      },
    ]);
    expect(v.standings.shootout?.tablesPlaying).toEqual([b.id]);

    // The won table has stopped; the next round waits for table B.
    const onWon = await refused(
      s.command(id, 'BustPlayers', { busts: [{ entryId: winnerA }] }),
      'SHOOTOUT_TABLE_WON',
    );
    expect(onWon).toContain(a.name);
    expect(await refused(s.command(id, 'StartNextRound'), 'SHOOTOUT_TABLES_PLAYING')).toContain(b.name);
    expect(await refused(s.command(id, 'BreakTable'), 'SHOOTOUT_TABLES_FIXED')).toMatch(/shootout/);

    const atB = playersAt(v, b.id);
    for (const entryId of atB.slice(0, 9)) await ok(s.command(id, 'BustPlayers', { busts: [{ entryId }] }));
    v = await view(s, id);
    expect(v.standings.shootout?.roundWon).toBe(true);
    const winnerB = atB[9] as string;

    // Round 2: the two winners redrawn at one table; undo puts them back, redo draws again.
    const round2 = await ok(s.command(id, 'StartNextRound', {}, 'round-2'));
    expect(round2).toContain('ShootoutRoundStarted');
    v = await view(s, id);
    expect(v.seating.tables.filter((x) => x.players > 0)).toHaveLength(1);
    expect(v.standings.shootout).toMatchObject({ round: 2, shootoutRound: false, roundCommandId: 'round-2' });
    await refused(s.command(id, 'Undo', { targetCommandId: 'win-a' }), 'UNDO_BLOCKED');
    await ok(s.command(id, 'Undo', { targetCommandId: 'round-2' }, 'undo-round-2'));
    v = await view(s, id);
    expect(playersAt(v, a.id)).toEqual([winnerA]);
    expect(playersAt(v, b.id)).toEqual([winnerB]);
    expect(v.standings.shootout).toMatchObject({ round: 1, roundWon: true });
    await ok(s.command(id, 'Undo', { targetCommandId: 'undo-round-2' }));
    expect((await view(s, id)).standings.shootout?.round).toBe(2);

    // The final plays as a normal tournament to the end.
    await ok(s.command(id, 'BustPlayers', { busts: [{ entryId: winnerB }] }));
    await ok(s.command(id, 'FinishTournament'));
    v = await view(s, id);
    expect(v.standings.status).toBe('finished');
    const place = (entryId: string) => v.standings.entries.find((e) => e.entryId === entryId)?.place;
    expect([place(winnerA), place(winnerB)]).toEqual([1, 2]);
    const roundOne = v.standings.entries.filter((e) => e.outInRound === 1);
    expect(roundOne).toHaveLength(18);
    expect(roundOne.map((e) => e.place).sort((x, y) => (x ?? 0) - (y ?? 0))).toEqual(
      Array.from({ length: 18 }, (_, i) => i + 3),
    );
    expect(v.standings.entries.find((e) => e.entryId === winnerB)?.outInRound).toBe(2);
  });

  it('refuses bad shootout settings with a 4xx naming the problem, and creates nothing', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'shootbad' });
    const t = await regular(s);
    const count = async () =>
      ((await json(await s.fetch(`${s.base}/tournaments`))) as unknown as { tournaments: unknown[] })
        .tournaments.length;
    const before = await count();
    for (const [shootout, pattern] of [
      [{ advancePerTable: 0 }, /SHOOTOUT_ADVANCE_INVALID/],
      [{ advancePerTable: 2.5 }, /advancePerTable/],
      [{ advancePerTable: 10 }, /SHOOTOUT_ADVANCE_TOO_MANY/],
      [{ advancePerTable: 'one' }, /advancePerTable/],
    ] as const) {
      const res = await create(s, t, shootout);
      const text = await res.text();
      expect(res.status, text).toBeGreaterThanOrEqual(400);
      expect(res.status, text).toBeLessThan(500);
      expect(text).toMatch(pattern);
    }
    expect(await count()).toBe(before);

    // A regular tournament has no rounds; a shootout's Configure is checked the same way.
    const made = await s.post(`${s.base}/tournaments`, { name: 'Plain', templateId: 'regular' });
    const plain = ((await made.json()) as { tournament: { id: string } }).tournament.id;
    await ok(s.command(plain, 'OpenRegistration'));
    for (let i = 1; i <= 2; i++)
      await ok(s.command(plain, 'Register', { playerId: `p${i}`, name: `P ${i}` }));
    await ok(s.command(plain, 'StartTournament'));
    await refused(s.command(plain, 'StartNextRound'), 'NOT_A_SHOOTOUT');
    const other = await create(s, t, { advancePerTable: 2 });
    const otherId = ((await other.json()) as { tournament: { id: string } }).tournament.id;
    await refused(
      s.command(otherId, 'Configure', { shootout: { advancePerTable: 12 } }),
      'SHOOTOUT_ADVANCE_TOO_MANY',
    );
    expect((await view(s, otherId)).standings.shootout?.advancePerTable).toBe(2);
  });
});
