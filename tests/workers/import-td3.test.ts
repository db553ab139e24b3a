import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
// A small hand-written TD3 file (engine/td3/testdata), inlined by Vite as text.
import mini from '../../engine/td3/testdata/mini.tdt?raw';

async function venue(id: string) {
  const res = await SELF.fetch('http://felt.test/api/v1/venues', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id, name: 'Import Club' }),
  });
  expect(res.status).toBe(201);
}

describe('POST /api/v1/venues/:venueId/imports/td3', () => {
  it('previews a file with ?dryRun=true and creates nothing', async () => {
    await venue('import-a');
    const res = await SELF.fetch('http://felt.test/api/v1/venues/import-a/imports/td3?dryRun=true', {
      method: 'POST',
      body: mini,
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { report: { file: { entrants: number } }; commands: number };
    expect(body.commands).toBeGreaterThan(0);
    const list = await SELF.fetch('http://felt.test/api/v1/venues/import-a/tournaments');
    expect(((await list.json()) as { tournaments: unknown[] }).tournaments).toEqual([]);
  });

  it('imports a file as a new tournament whose log replays to the same standings', async () => {
    await venue('import-b');
    const res = await SELF.fetch('http://felt.test/api/v1/venues/import-b/imports/td3', {
      method: 'POST',
      body: mini,
    });
    const body = (await res.json()) as { tournament: { id: string; seq: number } };
    expect(res.status, JSON.stringify(body)).toBe(201);
    const view = (await (
      await SELF.fetch(`http://felt.test/api/v1/tournaments/${body.tournament.id}`)
    ).json()) as {
      seq: number;
      standings: { entrants: number };
    };
    expect(view.seq).toBe(body.tournament.seq);
    expect(view.standings.entrants).toBeGreaterThan(0);
    const list = await SELF.fetch('http://felt.test/api/v1/venues/import-b/tournaments');
    expect(((await list.json()) as { tournaments: { id: string }[] }).tournaments.map((t) => t.id)).toEqual([
      body.tournament.id,
    ]);
  });

  it('refuses a corrupt file with 400 and the position, and an unknown venue with 404', async () => {
    await venue('import-c');
    const bad = await SELF.fetch('http://felt.test/api/v1/venues/import-c/imports/td3', {
      method: 'POST',
      body: 'new Tournament({ "Title": "x", ',
    });
    expect(bad.status).toBe(400);
    const err = ((await bad.json()) as { error: { code: string; details: { line: number } } }).error;
    expect(err.details.line).toBe(1);
    const huge = await SELF.fetch('http://felt.test/api/v1/venues/import-c/imports/td3', {
      method: 'POST',
      body: 'x'.repeat(8 * 1024 * 1024 + 1),
    });
    expect(huge.status).toBe(413);
    const none = await SELF.fetch('http://felt.test/api/v1/venues/nope-venue/imports/td3', {
      method: 'POST',
      body: mini,
    });
    expect(none.status).toBe(404);
    const list = await SELF.fetch('http://felt.test/api/v1/venues/import-c/tournaments');
    expect(((await list.json()) as { tournaments: unknown[] }).tournaments).toEqual([]);
  });
});
