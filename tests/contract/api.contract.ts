/**
 * The API contract: the same requests and the same answers from the cloud runtime and the
 * box. Runs inside workerd (SELF) and over loopback against `wrangler dev` and the real box.
 */
import { describe, expect, it } from 'vitest';
import type { ApiTarget } from './target.ts';

async function json(res: Response): Promise<Record<string, unknown>> {
  return (await res.json()) as Record<string, unknown>;
}

function post(target: ApiTarget, path: string, body: unknown): Promise<Response> {
  return target.fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function uniqueVenueId(): string {
  return `v-${crypto.randomUUID().slice(0, 8)}`;
}

async function newTournament(target: ApiTarget): Promise<string> {
  const venueId = uniqueVenueId();
  expect((await post(target, '/api/v1/venues', { id: venueId, name: 'Contract Club' })).status).toBe(201);
  const res = await post(target, `/api/v1/venues/${venueId}/tournaments`, { name: 'Contract Cup' });
  expect(res.status).toBe(201);
  return ((await json(res)).tournament as { id: string }).id;
}

export function defineApiContract(getTarget: () => ApiTarget): void {
  describe('API contract', () => {
    it('GET /api/v1/health names the runtime, storage, version and migrations', async () => {
      const target = getTarget();
      const res = await target.fetch('/api/v1/health');
      expect(res.status).toBe(200);
      const body = await json(res);
      expect(body.ok).toBe(true);
      expect(body.runtime).toBe(target.runtime);
      expect(body.storage).toBe(target.runtime === 'box' ? 'libsql' : 'do-sqlite');
      expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
      const migrations = body.migrations as { applied: string[]; expected: string[] };
      expect(migrations.applied).toEqual(migrations.expected);
      expect(migrations.applied.length).toBeGreaterThan(0);
    });

    it('creates a venue with DKK by default and refuses a second with the same id', async () => {
      const target = getTarget();
      const id = uniqueVenueId();
      const res = await post(target, '/api/v1/venues', { id, name: 'Aarhus Poker' });
      expect(res.status).toBe(201);
      expect(((await json(res)).venue as { currency: string }).currency).toBe('DKK');
      const again = await post(target, '/api/v1/venues', { id, name: 'Other' });
      expect(again.status).toBe(409);
      expect(((await json(again)).error as { code: string }).code).toBe('VENUE_EXISTS');
      const got = await target.fetch(`/api/v1/venues/${id}`);
      expect(((await json(got)).venue as { name: string }).name).toBe('Aarhus Poker');
    });

    it('answers bad input with a 4xx naming the problem, and changes nothing', async () => {
      const target = getTarget();
      const bad = await post(target, '/api/v1/venues', '{"id": "x",');
      expect(bad.status).toBe(400);
      expect(((await json(bad)).error as { code: string }).code).toBe('BAD_JSON');
      const id = uniqueVenueId();
      const invalid = await post(target, '/api/v1/venues', { id, name: '', currency: 'kroner' });
      expect(invalid.status).toBe(400);
      const err = (await json(invalid)).error as { code: string; message: string };
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(err.message).toMatch(/name|currency/);
      expect((await target.fetch(`/api/v1/venues/${id}`)).status).toBe(404);
      const unknown = await target.fetch('/api/v1/nope');
      expect(unknown.status).toBe(404);
      expect(((await json(unknown)).error as { code: string }).code).toBe('ROUTE_NOT_FOUND');
      const badId = await target.fetch('/api/v1/tournaments/%3Cscript%3E/events');
      expect(badId.status).toBe(400);
      const missing = await target.fetch('/api/v1/tournaments/no-such-tournament/events');
      expect(missing.status).toBe(404);
    });

    it('appends notes to a tournament log and reads them back from a seq', async () => {
      const target = getTarget();
      const id = await newTournament(target);
      for (const text of ['Seat 4 needs a new deck', 'Break extended 5 minutes']) {
        expect((await post(target, `/api/v1/tournaments/${id}/notes`, { text })).status).toBe(201);
      }
      const all = await json(await target.fetch(`/api/v1/tournaments/${id}/events`));
      expect(all.seq).toBe(3);
      const events = all.events as { seq: number; type: string; event: { text?: string } }[];
      expect(events.map((e) => e.type)).toEqual(['TournamentCreated', 'NoteAdded', 'NoteAdded']);
      const tail = await json(await target.fetch(`/api/v1/tournaments/${id}/events?after=2`));
      expect((tail.events as { event: { text: string } }[]).map((e) => e.event.text)).toEqual([
        'Break extended 5 minutes',
      ]);
      const page = await json(await target.fetch(`/api/v1/tournaments/${id}/events?after=0&limit=1`));
      expect((page.events as unknown[]).length).toBe(1);
      expect((await target.fetch(`/api/v1/tournaments/${id}/events?limit=0`)).status).toBe(400);
    });

    it('returns the first answer to a repeated commandId and appends nothing', async () => {
      const target = getTarget();
      const id = await newTournament(target);
      const first = await json(
        await post(target, `/api/v1/tournaments/${id}/notes`, { text: 'x', commandId: 'c-1' }),
      );
      const second = await json(
        await post(target, `/api/v1/tournaments/${id}/notes`, { text: 'x', commandId: 'c-1' }),
      );
      expect(second.seq).toBe(first.seq);
      expect(second.repeated).toBe(true);
      expect((await json(await target.fetch(`/api/v1/tournaments/${id}/events`))).seq).toBe(2);
    });

    it('serializes concurrent appends: nothing lost, nothing doubled', async () => {
      const target = getTarget();
      const id = await newTournament(target);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          post(target, `/api/v1/tournaments/${id}/notes`, { text: `n${i}` }),
        ),
      );
      expect(results.every((r) => r.status === 201)).toBe(true);
      const all = await json(await target.fetch(`/api/v1/tournaments/${id}/events?limit=100`));
      const seqs = (all.events as { seq: number }[]).map((e) => e.seq);
      expect(seqs).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    });

    it('streams appended events to a live WebSocket follower after hello, and resumes from a seq', async () => {
      const target = getTarget();
      const id = await newTournament(target);
      const ws = await target.openSocket(`/api/v1/tournaments/${id}/live`);
      const hello = await ws.next();
      expect(hello.type).toBe('hello');
      expect(hello.seq).toBe(1);
      expect(typeof hello.serverTime).toBe('number');
      const catchUp = await ws.next();
      expect(catchUp.type).toBe('events');
      expect((catchUp.events as { type: string }[])[0]?.type).toBe('TournamentCreated');
      await post(target, `/api/v1/tournaments/${id}/notes`, { text: 'Table 3 breaks next' });
      const live = await ws.next();
      expect(live.type).toBe('events');
      expect(live.seq).toBe(2);
      expect((live.events as { event: { text: string } }[])[0]?.event.text).toBe('Table 3 breaks next');
      ws.send(JSON.stringify({ type: 'time', clientTime: 123 }));
      const time = await ws.next();
      expect(time.type).toBe('time');
      expect(time.clientTime).toBe(123);
      ws.send('{"type":"launch-missiles"}');
      expect((await ws.next()).type).toBe('error');
      ws.close();

      // A follower that reconnects with its last seq gets exactly what it missed.
      await post(target, `/api/v1/tournaments/${id}/notes`, { text: 'missed' });
      const again = await target.openSocket(`/api/v1/tournaments/${id}/live?after=2`);
      expect((await again.next()).type).toBe('hello');
      const missed = await again.next();
      expect((missed.events as { seq: number }[]).map((e) => e.seq)).toEqual([3]);
      expect(await again.quiet(200)).toBe(true);
      again.close();
    });

    it('refuses a plain GET on the live endpoint with 426', async () => {
      const target = getTarget();
      const id = await newTournament(target);
      const res = await target.fetch(`/api/v1/tournaments/${id}/live`);
      expect(res.status).toBe(426);
    });

    it('serves the web app for non-API paths', async () => {
      const target = getTarget();
      const res = await target.fetch('/');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      const html = await res.text();
      expect(html).toContain('<title>');
      const script = /["'(]\.?(\/_app\/immutable\/[^"')]+\.js)/.exec(html)?.[1];
      expect(script, 'the page links its JavaScript').toBeTruthy();
      const asset = await target.fetch(script!);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
    });
  });
}
