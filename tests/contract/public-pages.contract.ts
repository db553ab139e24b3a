/**
 * The public view of a large field in parts (engine/publish/paging.ts), through the real
 * Worker: the summary on GET and on the live channel's hello, the name search, one entry, the
 * standings pages and the tables, their 4xx answers to bad parameters, and hidden names staying
 * hidden from every one of them.
 */
import { describe, expect, it } from 'vitest';
import { signUpVenue, type VenueSession } from './session.ts';
import type { ApiTarget } from './target.ts';

const FIELD = 230;

async function json(res: Response): Promise<Record<string, unknown>> {
  return (await res.json()) as Record<string, unknown>;
}

/** A started, seated tournament of FIELD entries: players "Player 001" … */
async function largeField(owner: VenueSession): Promise<string> {
  const id = await owner.newTournament('Big Sunday');
  expect((await owner.command(id, 'OpenRegistration')).status).toBe(201);
  const numbers = Array.from({ length: FIELD }, (_, i) => i + 1);
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let i = numbers.shift(); i !== undefined; i = numbers.shift()) {
        const res = await owner.command(id, 'Register', {
          playerId: `pp-${i}`,
          name: `Player ${String(i).padStart(3, '0')}`,
        });
        expect(res.status).toBe(201);
      }
    }),
  );
  expect((await owner.command(id, 'DrawSeats')).status).toBe(201);
  expect((await owner.command(id, 'StartTournament')).status).toBe(201);
  return id;
}

export function definePublicPagesContract(getTarget: () => ApiTarget): void {
  describe(`the public view of a large field, in parts (${getTarget().name})`, () => {
    it('summarises the view, finds an entry by published name, reads it, pages standings and tables', async () => {
      const target = getTarget();
      const owner = await signUpVenue(target);
      const id = await largeField(owner);
      const base = `/api/v1/public/venues/${owner.venueId}/tournaments/${id}`;

      const res = await target.fetch(base);
      expect(res.status).toBe(200);
      const text = await res.text();
      const view = JSON.parse(text) as {
        partial: { entries: number; tables: number };
        standings: { entries: { entryId: string }[]; playersLeft: number };
        seating: { tables: unknown[]; tableSizes: Record<string, number> };
      };
      expect(view.partial).toMatchObject({ entries: FIELD, tables: Math.ceil(FIELD / 10) });
      expect(view.standings.entries).toHaveLength(30);
      expect(view.standings.playersLeft).toBe(FIELD);
      expect(view.seating.tables).toEqual([]);
      expect(text.length).toBeLessThan(50 * 1024);

      // The live channel's hello is the same summary, without the history of registrations.
      const ws = await target.openSocket(`${base}/live`);
      const hello = await ws.next();
      expect(hello.resync).toBe(true);
      expect((hello.view as { partial: unknown }).partial).toMatchObject({ entries: FIELD });
      expect(await ws.quiet(300)).toBe(true);
      ws.close();

      const search = (await json(await target.fetch(`${base}/entries?q=player%2004`))) as {
        entries: { entryId: string; name: string; status: string }[];
      };
      expect(search.entries.map((e) => e.name)).toEqual([
        'Player 040',
        'Player 041',
        'Player 042',
        'Player 043',
        'Player 044',
        'Player 045',
        'Player 046',
        'Player 047',
      ]);
      const picked = search.entries[2]!;
      // The shortest ids are those of entries 1-9 ("e1"): read as well.
      expect((await target.fetch(`${base}/entries/e1`)).status).toBe(200);
      const mine = (await json(await target.fetch(`${base}/entries/${picked.entryId}`))) as {
        entry: { name: string; status: string; chips: number; playerId: string };
        position: number;
        table: { name: string; number: number };
        seat: number;
      };
      expect(mine.entry).toMatchObject({ name: 'Player 042', status: 'active', playerId: '' });
      expect(mine.position).toBeGreaterThan(0);
      const table = (await json(await target.fetch(`${base}/tables?number=${mine.table.number}`))) as {
        total: number;
        tables: { name: string; seated: { seat: number; name: string }[] }[];
      };
      expect(table.total).toBe(1);
      expect(table.tables[0]!.seated).toContainEqual(
        expect.objectContaining({ seat: mine.seat, name: 'Player 042' }),
      );

      const pages = await Promise.all(
        [0, 100, 200].map(
          async (offset) =>
            (await json(await target.fetch(`${base}/standings?offset=${offset}&limit=100`))) as {
              total: number;
              entries: { entryId: string }[];
            },
        ),
      );
      expect(pages.map((p) => p.total)).toEqual([FIELD, FIELD, FIELD]);
      expect(new Set(pages.flatMap((p) => p.entries.map((e) => e.entryId))).size).toBe(FIELD);
      const tables = (await json(await target.fetch(`${base}/tables?offset=20&limit=50`))) as {
        total: number;
        tables: { seated: unknown[] }[];
      };
      expect(tables.total).toBe(23);
      expect(tables.tables.reduce((n, t) => n + t.seated.length, 0)).toBe(FIELD - 200);
    }, 120_000);

    it('refuses bad parameters with a 4xx naming them, and answers 404 for unknown entries', async () => {
      const target = getTarget();
      const owner = await signUpVenue(target);
      const id = await owner.newTournament();
      await owner.command(id, 'OpenRegistration');
      await owner.command(id, 'Register', { playerId: 'p-1', name: 'Anna Holm' });
      const base = `/api/v1/public/venues/${owner.venueId}/tournaments/${id}`;
      const bad = async (path: string, field: string) => {
        const res = await target.fetch(`${base}${path}`);
        expect(res.status, path).toBe(400);
        expect(JSON.stringify(await res.json()), path).toContain(field);
      };
      await bad('/entries?q=a', 'q');
      await bad('/entries', 'q');
      await bad(`/entries?q=${'x'.repeat(61)}`, 'q');
      await bad('/standings?limit=101', 'limit');
      await bad('/standings?offset=-1', 'offset');
      await bad('/standings?limit=ten', 'limit');
      await bad('/tables?limit=51', 'limit');
      await bad('/entries/no%20spaces', 'entryId');
      const unknown = await target.fetch(`${base}/entries/e-unknown`);
      expect(unknown.status).toBe(404);
      expect(((await json(unknown)).error as { code: string }).code).toBe('ENTRY_NOT_FOUND');
      const noTournament = `/api/v1/public/venues/${owner.venueId}/tournaments/t-nope`;
      for (const path of ['/entries?q=anna', '/entries/e-1', '/standings', '/tables'])
        expect((await target.fetch(`${noTournament}${path}`)).status, path).toBe(404);
      // Seating not drawn yet is an empty page; not published is a 404 saying so.
      expect(((await json(await target.fetch(`${base}/tables`))) as { total: number }).total).toBe(0);
      expect((await owner.post(owner.base, { publish: { seating: false } }, 'PATCH')).status).toBe(200);
      const hidden = await target.fetch(`${base}/tables`);
      expect(hidden.status).toBe(404);
      expect(((await json(hidden)).error as { code: string }).code).toBe('SEATING_NOT_PUBLISHED');
    });

    it('never reveals a hidden name: search, entry and pages see only what is published', async () => {
      const target = getTarget();
      const owner = await signUpVenue(target);
      const id = await owner.newTournament();
      await owner.command(id, 'OpenRegistration');
      await owner.command(id, 'Register', { playerId: 'p-1', name: 'Anna Holm' });
      await owner.command(id, 'Register', { playerId: 'p-2', name: 'Bo Jensen' });
      expect((await owner.post(owner.base, { publish: { names: 'hidden' } }, 'PATCH')).status).toBe(200);
      const base = `/api/v1/public/venues/${owner.venueId}/tournaments/${id}`;
      const found = (await json(await target.fetch(`${base}/entries?q=anna`))) as { entries: unknown[] };
      expect(found.entries).toEqual([]);
      const entries = (await json(await target.fetch(`${base}/entries?q=entry`))) as {
        entries: { entryId: string; name: string }[];
      };
      expect(entries.entries.map((e) => e.name).sort()).toEqual(['Entry 1', 'Entry 2']);
      const one = await target.fetch(`${base}/entries/${entries.entries[0]!.entryId}`);
      const page = await target.fetch(`${base}/standings`);
      for (const body of [await one.text(), await page.text()]) {
        expect(body).not.toContain('Anna');
        expect(body).not.toContain('Holm');
        expect(body).not.toContain('p-1');
      }
    });
  });
}
