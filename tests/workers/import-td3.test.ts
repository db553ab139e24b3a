import { describe, expect, it } from 'vitest';
// A small hand-written TD3 file (engine/td3/testdata), inlined by Vite as text.
import mini from '../../engine/td3/testdata/mini.tdt?raw';
import { signUpVenue, type VenueSession } from '../contract/session.ts';
import { selfTarget } from './self-target.ts';

const upload = (s: VenueSession, query: string, body: string) =>
  s.fetch(`${s.base}/imports/td3${query}`, { method: 'POST', body });

async function listed(s: VenueSession): Promise<{ id: string }[]> {
  return ((await (await s.fetch(`${s.base}/tournaments`)).json()) as { tournaments: { id: string }[] })
    .tournaments;
}

describe('POST /api/v1/venues/:venueId/imports/td3', () => {
  it('previews a file with ?dryRun=true and creates nothing', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'import' });
    const res = await upload(s, '?dryRun=true', mini);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { report: { file: { entrants: number } }; commands: number };
    expect(body.commands).toBeGreaterThan(0);
    expect(await listed(s)).toEqual([]);
  });

  it('imports a file as a new tournament whose log replays to the same standings', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'import' });
    const res = await upload(s, '', mini);
    const body = (await res.json()) as { tournament: { id: string; seq: number } };
    expect(res.status, JSON.stringify(body)).toBe(201);
    const view = (await (await s.fetch(`${s.base}/tournaments/${body.tournament.id}`)).json()) as {
      seq: number;
      standings: { entrants: number };
    };
    expect(view.seq).toBe(body.tournament.seq);
    expect(view.standings.entrants).toBeGreaterThan(0);
    expect((await listed(s)).map((t) => t.id)).toEqual([body.tournament.id]);
  });

  it('matches the file’s players to the venue’s database by name, creating the unknown ones once', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'import' });
    type Report = {
      report: { players: { matched: { playerId: string }[]; created: { playerId: string }[] } };
    };
    const first = (await (await upload(s, '', mini)).json()) as Report;
    expect(first.report.players.created.length).toBeGreaterThan(0);
    const players = (await (await s.fetch(`${s.base}/players?limit=100`)).json()) as {
      players: { player: { id: string } }[];
    };
    expect(players.players.map((p) => p.player.id).sort()).toEqual(
      first.report.players.created.map((p) => p.playerId).sort(),
    );
    const second = (await (await upload(s, '', mini)).json()) as Report;
    expect(second.report.players.created).toEqual([]);
    expect(second.report.players.matched.map((p) => p.playerId).sort()).toEqual(
      first.report.players.created.map((p) => p.playerId).sort(),
    );
  });

  it('imports just the structure as a venue template with ?mode=structure', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'import' });
    const res = await upload(s, '?mode=structure', mini);
    const body = (await res.json()) as { template: { id: string; source: string } };
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.template.source).toBe('td3');
    const templates = (await (await s.fetch(`${s.base}/templates`)).json()) as {
      templates: { id: string }[];
    };
    expect(templates.templates.map((t) => t.id)).toContain(body.template.id);
    expect(await listed(s)).toEqual([]);
    // A tournament runs from the imported template.
    const id = await s.newTournament('From TD3', body.template.id);
    expect((await s.command(id, 'OpenRegistration')).status).toBe(201);
  });

  it('refuses a corrupt file with 400 and the position, a huge one with 413, and needs a sign-in', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'import' });
    const bad = await upload(s, '', 'new Tournament({ "Title": "x", ');
    expect(bad.status).toBe(400);
    const err = ((await bad.json()) as { error: { code: string; details: { line: number } } }).error;
    expect(err.details.line).toBe(1);
    const huge = await upload(s, '', 'x'.repeat(8 * 1024 * 1024 + 1));
    expect(huge.status).toBe(413);
    const anonymous = await selfTarget.fetch(`${s.base}/imports/td3`, { method: 'POST', body: mini });
    expect(anonymous.status).toBe(401);
    expect(await listed(s)).toEqual([]);
  });

  it('suggests venue players with close names, imports the confirmed ones under their ids, and refuses a bad match', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'import' });
    const bergh = (await (await s.post(`${s.base}/players`, { name: 'Bob Bergh' })).json()) as {
      player: { id: string };
    };
    const venueId = bergh.player.id;
    type Report = {
      report: {
        players: {
          matched: { name: string; playerId: string }[];
          suggested: { name: string; playerId: string; candidates: { name: string; playerId: string }[] }[];
        };
      };
    };
    const check = (await (await upload(s, '?dryRun=true', mini)).json()) as Report;
    expect(check.report.players.matched).toEqual([]);
    expect(check.report.players.suggested).toEqual([
      { name: 'Bob Berg', playerId: 'td3-p-b', candidates: [{ name: 'Bob Bergh', playerId: venueId }] },
    ]);
    // A venue player that does not exist, or a TD3 id the file lacks: refused, nothing made.
    const unknownPlayer = await upload(s, '?matches=td3-p-b=nobody', mini);
    expect(unknownPlayer.status).toBe(422);
    expect(((await unknownPlayer.json()) as { error: { code: string } }).error.code).toBe('PLAYER_NOT_FOUND');
    const unknownId = await upload(s, `?matches=td3-zz=${venueId}`, mini);
    expect(unknownId.status).toBe(422);
    expect(((await unknownId.json()) as { error: { code: string } }).error.code).toBe('TD3_MATCH_UNKNOWN');
    expect((await upload(s, '?matches=garbage', mini)).status).toBe(400);
    expect(await listed(s)).toEqual([]);

    const res = await upload(s, `?matches=td3-p-b=${venueId}`, mini);
    const body = (await res.json()) as Report & { tournament: { id: string } };
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.report.players.matched).toEqual([{ name: 'Bob Berg', playerId: venueId }]);
    // The venue's Bob Bergh now has the night in his history, and no second Bob was made.
    const history = (await (await s.fetch(`${s.base}/players/${venueId}`)).json()) as {
      player: { history: { tournamentId: string }[] };
    };
    expect(JSON.stringify(history)).toContain(body.tournament.id);
    const cleo = await (await s.fetch(`${s.base}/players/td3-p-c`)).json();
    expect(JSON.stringify(cleo), 'a new player has the night too').toContain(body.tournament.id);
    const players = (await (await s.fetch(`${s.base}/players?limit=100`)).json()) as {
      players: { player: { id: string } }[];
    };
    expect(players.players.map((p) => p.player.id)).not.toContain('td3-p-b');
  });

  it('keeps other prices in a template, and a tournament made from it has them', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'import' });
    const template = (await (await upload(s, '?mode=structure', mini)).json()) as {
      template: Record<string, unknown> & { id: string };
    };
    const { id: _id, createdAt: _c, source: _s, ...body } = template.template;
    const double = {
      id: 'double',
      name: 'Double rebuy',
      kind: 'rebuy',
      price: 20_000,
      fee: 0,
      chips: 20_000,
      bounty: 0,
    };
    const saved = await s.post(`${s.base}/templates`, {
      ...body,
      name: 'With a double rebuy',
      settings: { ...(body.settings as object), profiles: [double] },
    });
    const savedBody = (await saved.json()) as { template: { id: string } };
    expect(saved.status, JSON.stringify(savedBody)).toBe(201);
    const id = await s.newTournament('Double Cup', savedBody.template.id);
    const view = (await (await s.fetch(`${s.base}/tournaments/${id}`)).json()) as {
      config: { profiles?: unknown[] };
    };
    expect(view.config.profiles).toEqual([double]);
  });
});
