/**
 * Leagues inside workerd: create, edit, delete and restore, attach tournaments; a Felt night's
 * results recorded when it finishes and removed when the TD undoes the finish; a TD3 import
 * counted from its file; refusals that change nothing; the public standings as published;
 * isolation: another venue can neither read nor touch a league.
 */
import { describe, expect, it } from 'vitest';
import mini from '../../engine/td3/testdata/mini.tdt?raw';
import { signUpVenue, type VenueSession } from '../contract/session.ts';
import { addStaff, json } from './api-routes.ts';
import { selfTarget } from './self-target.ts';

interface Row {
  rank: number;
  name: string;
  total: number;
  played: number;
  qualified: boolean;
  playerKey?: string;
  results: { tournamentId: string; place: number; points: number; dropped: boolean }[];
}
interface LeagueRead {
  league: { id: string; config: { name: string; formula: unknown }; tournamentIds: string[] };
  standings: { rows: Row[]; tournaments: { id: string }[] };
  pending: { id: string }[];
}

const LINEAR = {
  name: 'Thursday league',
  season: { name: '2026' },
  formula: { kind: 'builtin', name: 'linear' },
};

async function create(s: VenueSession, body: unknown = LINEAR): Promise<string> {
  const res = await s.post(`${s.base}/leagues`, body);
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await json(res)) as { league: { id: string } }).league.id;
}

const read = async (s: VenueSession, leagueId: string) =>
  (await json(await s.fetch(`${s.base}/leagues/${leagueId}`))) as unknown as LeagueRead;

const attach = (s: VenueSession, leagueId: string, tournamentId: string, method = 'PUT') =>
  s.fetch(`${s.base}/leagues/${leagueId}/tournaments/${tournamentId}`, { method });

async function ok(res: Promise<Response>, status = 201): Promise<Record<string, unknown>> {
  const r = await res;
  expect(r.status, await r.clone().text()).toBe(status);
  return json(r);
}

/** A night of four: Cleo out first, then Bo, then Dan; Ann wins. Answers the id and the finish command's id. */
async function playNight(
  s: VenueSession,
  name = 'Thursday #1',
  created: (id: string) => Promise<unknown> = async () => {},
): Promise<{ id: string; finish: string }> {
  const id = await s.newTournament(name);
  await created(id);
  await ok(s.command(id, 'OpenRegistration'));
  for (const [playerId, n] of [
    ['ann', 'Ann Andersen'],
    ['bo', 'Bo Berg'],
    ['cleo', 'Cleo Carlsen'],
    ['dan', 'Dan Dahl'],
  ])
    await ok(s.command(id, 'Register', { playerId, name: n }));
  await ok(s.command(id, 'StartTournament'));
  const entryOf = async (playerId: string) => {
    const v = (await json(await s.fetch(`${s.base}/tournaments/${id}`))) as {
      standings: { entries: { entryId: string; playerId: string }[] };
    };
    return v.standings.entries.find((e) => e.playerId === playerId)?.entryId;
  };
  for (const p of ['cleo', 'bo', 'dan'])
    await ok(s.command(id, 'BustPlayers', { busts: [{ entryId: await entryOf(p) }] }));
  const finish = crypto.randomUUID();
  await ok(s.command(id, 'FinishTournament', {}, finish));
  return { id, finish };
}

describe('leagues over HTTP', () => {
  it('records a night when it finishes, removes it when the finish is undone, and counts it again', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'league' });
    const leagueId = await create(s);
    const early = await s.newTournament('Thursday #1');
    await ok(attach(s, leagueId, early), 200);
    expect((await read(s, leagueId)).pending.map((p) => p.id)).toEqual([early]);

    // Attached before it finishes: recorded by the finish itself.
    const { id, finish } = await playNight(s, 'Thursday #2', (t) => ok(attach(s, leagueId, t), 200));
    let l = await read(s, leagueId);
    expect(l.standings.rows.map((r) => `${r.rank} ${r.name} ${r.total}`)).toEqual([
      '1 Ann Andersen 4',
      '2 Dan Dahl 3',
      '3 Bo Berg 2',
      '4 Cleo Carlsen 1',
    ]);
    expect(l.pending.map((p) => p.id)).toEqual([early]);

    // The TD undoes the finish: the night no longer counts; finished again, it does.
    await ok(s.command(id, 'Undo', { targetCommandId: finish }));
    l = await read(s, leagueId);
    expect(l.standings.rows).toEqual([]);
    expect(l.pending.map((p) => p.id).sort()).toEqual([early, id].sort());
    const undoAgain = crypto.randomUUID();
    await ok(s.command(id, 'FinishTournament', {}, undoAgain));
    // A repeated command changes nothing twice.
    await ok(s.command(id, 'FinishTournament', {}, undoAgain), 200);
    l = await read(s, leagueId);
    expect(l.standings.rows.map((r) => r.total)).toEqual([4, 3, 2, 1]);
    expect(l.standings.tournaments.map((t) => t.id)).toEqual([id]);
  });

  it('records a finished night when it is attached later, and a second league scores it its own way', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'league' });
    const { id } = await playNight(s);
    const linear = await create(s);
    const tenfold = await create(s, {
      ...LINEAR,
      name: 'Tenfold',
      formula: { kind: 'td3', text: '10 * (n - r + 1)' },
      finals: { top: 2 },
    });
    await ok(attach(s, linear, id), 200);
    await ok(attach(s, tenfold, id), 200);
    expect((await read(s, linear)).standings.rows.map((r) => r.total)).toEqual([4, 3, 2, 1]);
    const t = await read(s, tenfold);
    expect(t.standings.rows.map((r) => `${r.total}${r.qualified ? '*' : ''}`)).toEqual([
      '40*',
      '30*',
      '20',
      '10',
    ]);
    // Detached: no longer counted.
    await ok(attach(s, linear, id, 'DELETE'), 200);
    expect((await read(s, linear)).standings.rows).toEqual([]);
  });

  it('counts a TD3 import from its file, scored by the file formula when the league says so', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'league' });
    const imported = await ok(s.fetch(`${s.base}/imports/td3`, { method: 'POST', body: mini }));
    const tournament = imported.tournament as { id: string; status: string };
    expect(tournament.status).toBe('finished');
    const leagueId = await create(s, { ...LINEAR, useFileFormulas: true });
    await ok(attach(s, leagueId, tournament.id), 200);
    const l = await read(s, leagueId);
    expect(l.standings.rows.length).toBeGreaterThan(1);
    // engine/td3/formula.test.ts: the file's own formula gives n - r + 1 + hits to the top two, 1 to the rest.
    const n = l.standings.rows.length;
    const byRank = l.standings.rows.map((r) => r.total);
    expect(byRank.slice(2).every((p) => p === 1)).toBe(true);
    expect(byRank[0]).toBeGreaterThanOrEqual(n);
    // The players are the venue's (the import created them), not TD3's UUIDs.
    const players = (await json(await s.fetch(`${s.base}/players?limit=100`))) as {
      players: { player: { id: string } }[];
    };
    const ids = new Set(players.players.map((p) => p.player.id));
    for (const r of l.standings.rows) expect(ids.has(r.playerKey ?? '')).toBe(true);
  });

  it('refuses bad input with a 4xx naming the problem and changes nothing', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'league' });
    const bad = await s.post(`${s.base}/leagues`, { ...LINEAR, formula: { kind: 'td3', text: 'n - r + (' } });
    expect(bad.status).toBe(422);
    expect(((await json(bad)).error as { code: string }).code).toBe('FORMULA_SYNTAX');
    const unknown = await s.post(`${s.base}/leagues`, {
      ...LINEAR,
      formula: { kind: 'td3', text: 'n - bogus' },
    });
    expect(((await json(unknown)).error as { code: string; message: string }).message).toMatch(/bogus/);
    for (const body of [
      { ...LINEAR, name: '' },
      { ...LINEAR, season: { name: 'S', startsOn: '2026-03-01', endsOn: '2026-01-01' } },
      { ...LINEAR, counting: { mode: 'best', n: 0 } },
      { ...LINEAR, tiebreaks: ['wins', 'coinFlip'] },
      'not json',
    ]) {
      const res = await s.post(`${s.base}/leagues`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const leagueId = await create(s);
    expect(
      (await s.post(`${s.base}/leagues/${leagueId}`, { formula: { kind: 'td3', text: '1 / ' } }, 'PATCH'))
        .status,
    ).toBe(422);
    expect((await s.post(`${s.base}/leagues/${leagueId}`, { colour: 'red' }, 'PATCH')).status).toBe(400);
    expect((await attach(s, leagueId, 'no-such-tournament')).status).toBe(404);
    expect((await attach(s, leagueId, 'no-such-tournament', 'DELETE')).status).toBe(404);
    const l = await read(s, leagueId);
    expect(l.league.config.formula).toEqual(LINEAR.formula);
    expect(l.league.tournamentIds).toEqual([]);
    expect(((await json(await s.fetch(`${s.base}/leagues`))).leagues as unknown[]).length).toBe(1);
  });

  it('lets the owner and a TD manage, staff read, and undoes a delete by restoring', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'league' });
    const { session: floor } = await addStaff(selfTarget, s, 'floor');
    const { session: td } = await addStaff(selfTarget, s, 'td');
    const leagueId = await create(td);
    expect((await floor.fetch(`${s.base}/leagues/${leagueId}`)).status).toBe(200);
    expect((await floor.post(`${s.base}/leagues`, LINEAR)).status).toBe(403);
    expect((await floor.fetch(`${s.base}/leagues/${leagueId}`, { method: 'DELETE' })).status).toBe(403);
    await ok(s.post(`${s.base}/leagues/${leagueId}`, { name: 'Renamed' }, 'PATCH'), 200);
    await ok(s.fetch(`${s.base}/leagues/${leagueId}`, { method: 'DELETE' }), 200);
    expect((await s.fetch(`${s.base}/leagues/${leagueId}`)).status).toBe(404);
    await ok(s.fetch(`${s.base}/leagues/${leagueId}/restore`, { method: 'POST' }), 200);
    expect((await read(s, leagueId)).league.config.name).toBe('Renamed');
  });

  it('publishes public leagues as the venue publishes names, cacheable, and nothing unlisted', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'league' });
    const { id } = await playNight(s);
    const shown = await create(s);
    const hidden = await create(s, { ...LINEAR, name: 'Staff only', public: false });
    await ok(attach(s, shown, id), 200);
    await ok(attach(s, hidden, id), 200);
    const pub = async () => {
      const res = await selfTarget.fetch(`/api/v1/public/venues/${s.venueId}/leagues`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
      return (await json(res)).leagues as { name: string; rows: Row[] }[];
    };
    let leagues = await pub();
    expect(leagues.map((l) => l.name)).toEqual(['Thursday league']);
    expect(leagues[0]?.rows.map((r) => r.name)).toEqual([
      'Ann Andersen',
      'Dan Dahl',
      'Bo Berg',
      'Cleo Carlsen',
    ]);
    expect(JSON.stringify(leagues)).not.toMatch(/playerKey|"ann"/);
    await ok(s.post(`${s.base}`, { publish: { names: 'initials' } }, 'PATCH'), 200);
    leagues = await pub();
    expect(leagues[0]?.rows.map((r) => r.name)).toEqual(['A. A.', 'D. D.', 'B. B.', 'C. C.']);
    await ok(s.post(`${s.base}`, { publish: { listed: false } }, 'PATCH'), 200);
    expect(await pub()).toEqual([]);
    expect((await selfTarget.fetch('/api/v1/public/venues/no-such-venue/leagues')).status).toBe(404);
  });

  it("isolation: venue B can neither read nor change venue A's league, nor attach A's tournaments", async () => {
    const a = await signUpVenue(selfTarget, { prefix: 'league-a' });
    const b = await signUpVenue(selfTarget, { prefix: 'league-b' });
    const { id } = await playNight(a);
    const leagueA = await create(a);
    await ok(attach(a, leagueA, id), 200);
    const before = JSON.stringify(await read(a, leagueA));
    // B's token on A's routes: refused.
    for (const [method, path] of [
      ['GET', `/leagues`],
      ['GET', `/leagues/${leagueA}`],
      ['PATCH', `/leagues/${leagueA}`],
      ['DELETE', `/leagues/${leagueA}`],
      ['PUT', `/leagues/${leagueA}/tournaments/${id}`],
      ['DELETE', `/leagues/${leagueA}/tournaments/${id}`],
    ] as const) {
      const res = await b.fetch(`${a.base}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(method === 'PATCH' ? { body: JSON.stringify({ name: 'Mine now' }) } : {}),
      });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    // B's own routes do not reach A's league or tournament.
    expect((await b.fetch(`${b.base}/leagues/${leagueA}`)).status).toBe(404);
    const leagueB = await create(b);
    expect((await attach(b, leagueB, id)).status).toBe(404);
    expect(JSON.stringify(await read(a, leagueA))).toBe(before);
    const publicB = (await json(await selfTarget.fetch(`/api/v1/public/venues/${b.venueId}/leagues`)))
      .leagues as { rows: Row[] }[];
    expect(publicB.map((l) => l.rows.length)).toEqual([0]);
  });
});
