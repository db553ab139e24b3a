/**
 * The API contract: the same requests and the same answers from the cloud runtime and the
 * box. Runs inside workerd (SELF) and over loopback against `wrangler dev` and the real box.
 */
import { describe, expect, it } from 'vitest';
import { signUpVenue, TEST_PASSWORD, type VenueSession } from './session.ts';
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

async function newTournament(target: ApiTarget): Promise<{ s: VenueSession; id: string }> {
  const s = await signUpVenue(target);
  return { s, id: await s.newTournament() };
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

    it('signs up a venue (DKK by default) with its owner, and refuses a second with the same id', async () => {
      const target = getTarget();
      const s = await signUpVenue(target, { name: 'Aarhus Poker' });
      const got = await s.fetch(s.base);
      expect(got.status).toBe(200);
      const venue = (await json(got)).venue as { name: string; currency: string; publicCode: string };
      expect(venue.name).toBe('Aarhus Poker');
      expect(venue.currency).toBe('DKK');
      expect(venue.publicCode).toMatch(/^[2-9A-Z]{6}$/);
      const again = await post(target, '/api/v1/signup', {
        venue: { id: s.venueId, name: 'Other' },
        owner: { name: 'X', email: 'x@example.test', password: TEST_PASSWORD },
      });
      expect(again.status).toBe(409);
      expect(((await json(again)).error as { code: string }).code).toBe('VENUE_EXISTS');
      // The public page needs no sign-in; the staff page does.
      const page = await json(await target.fetch(`/api/v1/public/venues/${s.venueId}`));
      expect((page.venue as { name: string }).name).toBe('Aarhus Poker');
      const code = await json(await target.fetch(`/api/v1/public/codes/${venue.publicCode}`));
      expect(code.venueId).toBe(s.venueId);
      expect((await target.fetch(s.base)).status).toBe(401);
    });

    it('answers bad input with a 4xx naming the problem, and changes nothing', async () => {
      const target = getTarget();
      const bad = await post(target, '/api/v1/signup', '{"venue": {"id": "x",');
      expect(bad.status).toBe(400);
      expect(((await json(bad)).error as { code: string }).code).toBe('BAD_REQUEST');
      const id = `v-${crypto.randomUUID().slice(0, 8)}`;
      const invalid = await post(target, '/api/v1/signup', {
        venue: { id, name: '', currency: 'kroner' },
        owner: { name: 'A', email: 'a@example.test', password: TEST_PASSWORD },
      });
      expect(invalid.status).toBe(400);
      const err = (await json(invalid)).error as { code: string; message: string };
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(err.message).toMatch(/name|currency/);
      expect((await target.fetch(`/api/v1/public/venues/${id}`)).status).toBe(404);
      const weak = await post(target, '/api/v1/signup', {
        venue: { id, name: 'Weak Club' },
        owner: { name: 'A', email: 'a@example.test', password: 'short' },
      });
      expect(weak.status).toBe(422);
      expect(((await json(weak)).error as { code: string }).code).toBe('WEAK_PASSWORD');
      expect((await target.fetch(`/api/v1/public/venues/${id}`)).status).toBe(404);
      const unknown = await target.fetch('/api/v1/nope');
      expect(unknown.status).toBe(404);
      expect(((await json(unknown)).error as { code: string }).code).toBe('ROUTE_NOT_FOUND');
      const s = await signUpVenue(target);
      const badId = await s.fetch(`${s.base}/tournaments/%3Cscript%3E/events`);
      expect(badId.status).toBe(400);
      const missing = await s.fetch(`${s.base}/tournaments/no-such-tournament/events`);
      expect(missing.status).toBe(404);
      const noTournament = await s.command('no-such-tournament', 'OpenRegistration');
      expect(noTournament.status).toBe(404);
      expect(((await json(noTournament)).error as { code: string }).code).toBe('TOURNAMENT_NOT_FOUND');
      const badTemplate = await s.post(`${s.base}/tournaments`, {
        name: 'X',
        templateId: 'no-such-template',
      });
      expect(badTemplate.status).toBe(404);
    });

    it('runs commands and reads the log back from a seq', async () => {
      const target = getTarget();
      const { s, id } = await newTournament(target);
      const created = await json(await s.fetch(`${s.base}/tournaments/${id}/events`));
      const start = created.seq as number;
      expect((created.events as { type: string }[])[0]?.type).toBe('TournamentCreated');
      expect((await s.command(id, 'OpenRegistration')).status).toBe(201);
      for (const name of ['Anna Holm', 'Bo Jensen']) {
        const res = await s.command(id, 'Register', {
          playerId: name.toLowerCase().replace(' ', '-'),
          name,
        });
        expect(res.status).toBe(201);
      }
      const all = await json(await s.fetch(`${s.base}/tournaments/${id}/events?after=${start}`));
      const types = (all.events as { type: string }[]).map((e) => e.type);
      expect(types).toEqual(['RegistrationOpened', 'EntryRegistered', 'EntryRegistered']);
      const page = await json(await s.fetch(`${s.base}/tournaments/${id}/events?after=0&limit=1`));
      expect((page.events as unknown[]).length).toBe(1);
      expect((await s.fetch(`${s.base}/tournaments/${id}/events?limit=0`)).status).toBe(400);
      const view = await json(await s.fetch(`${s.base}/tournaments/${id}`));
      const standings = view.standings as { entrants: number; playersLeft: number; name: string };
      expect(standings.entrants).toBe(2);
      expect(standings.name).toBe('Contract Cup');
      expect(view.seq).toBe(all.seq);
      for (const part of ['standings', 'seating', 'payouts', 'clock']) {
        const res = await s.fetch(`${s.base}/tournaments/${id}/${part}`);
        expect(res.status, part).toBe(200);
        expect(Object.keys(await json(res))).toEqual(['seq', 'serverTime', part]);
      }
      expect((await s.fetch(`${s.base}/tournaments/${id}/secrets`)).status).toBe(404);
    });

    it('refuses a command that breaks a rule with a 4xx naming it, and appends nothing', async () => {
      const target = getTarget();
      const { s, id } = await newTournament(target);
      const before = (await json(await s.fetch(`${s.base}/tournaments/${id}/events`))).seq;
      const early = await s.command(id, 'Register', { playerId: 'p1', name: 'Early Bird' });
      expect(early.status).toBe(422);
      const err = (await json(early)).error as { code: string; message: string };
      expect(err.code).toMatch(/^[A-Z_]+$/);
      expect(err.message.length).toBeGreaterThan(5);
      const malformed = await s.command(id, 'Register', { playerId: 7 });
      expect(malformed.status).toBe(400);
      const unknownType = await s.command(id, 'DealMeIn', {});
      expect(unknownType.status).toBe(400);
      expect((await json(await s.fetch(`${s.base}/tournaments/${id}/events`))).seq).toBe(before);
    });

    it('returns the first answer to a repeated commandId and appends nothing', async () => {
      const target = getTarget();
      const { s, id } = await newTournament(target);
      await s.command(id, 'OpenRegistration');
      const first = await json(await s.command(id, 'Register', { playerId: 'p1', name: 'Ida' }, 'c-1'));
      const again = await s.command(id, 'Register', { playerId: 'p1', name: 'Ida' }, 'c-1');
      expect(again.status).toBe(200);
      const second = await json(again);
      expect(second.seq).toBe(first.seq);
      expect(second.repeated).toBe(true);
      expect((await json(await s.fetch(`${s.base}/tournaments/${id}/events`))).seq).toBe(first.seq);
    });

    it('serializes concurrent commands: nothing lost, nothing doubled', async () => {
      const target = getTarget();
      const { s, id } = await newTournament(target);
      await s.command(id, 'OpenRegistration');
      const start = (await json(await s.fetch(`${s.base}/tournaments/${id}/events`))).seq as number;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          s.command(id, 'Register', { playerId: `p${i}`, name: `Player ${i}` }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(results.map(() => 201));
      const all = await json(await s.fetch(`${s.base}/tournaments/${id}/events?after=${start}&limit=100`));
      const seqs = (all.events as { seq: number }[]).map((e) => e.seq);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => start + i + 1));
      const view = await json(await s.fetch(`${s.base}/tournaments/${id}`));
      expect((view.standings as { entrants: number }).entrants).toBe(20);
    });

    it('streams appended events to a live WebSocket follower after hello, and resumes from a seq', async () => {
      const target = getTarget();
      const { s, id } = await newTournament(target);
      const start = (await json(await s.fetch(`${s.base}/tournaments/${id}/events`))).seq as number;
      const ws = await s.staffSocket(id);
      const hello = await ws.next();
      expect(hello.type).toBe('hello');
      expect(hello.seq).toBe(start);
      expect(typeof hello.serverTime).toBe('number');
      expect(hello.resync).toBe(false);
      expect((hello.view as { standings: { name: string } }).standings.name).toBe('Contract Cup');
      const catchUp = await ws.next();
      expect(catchUp.type).toBe('events');
      expect((catchUp.events as { type: string }[])[0]?.type).toBe('TournamentCreated');
      await s.command(id, 'OpenRegistration');
      const live = await ws.next();
      expect(live.type).toBe('events');
      expect(live.seq).toBe(start + 1);
      expect((live.events as { type: string }[])[0]?.type).toBe('RegistrationOpened');
      ws.send(JSON.stringify({ type: 'time', clientTime: 123 }));
      const time = await ws.next();
      expect(time.type).toBe('time');
      expect(time.clientTime).toBe(123);
      ws.send('{"type":"launch-missiles"}');
      expect((await ws.next()).type).toBe('error');
      ws.close();

      // A follower that reconnects with its last seq gets exactly what it missed.
      await s.command(id, 'Register', { playerId: 'late', name: 'Late Larsen' });
      const again = await s.staffSocket(id, start + 1);
      expect((await again.next()).type).toBe('hello');
      const missed = await again.next();
      expect((missed.events as { seq: number }[]).map((e) => e.seq)).toEqual([start + 2]);
      expect(await again.quiet(200)).toBe(true);
      again.close();

      // A follower from another timeline (ahead of the log) starts over from a fresh view.
      const lost = await s.staffSocket(id, 999999);
      const fresh = await lost.next();
      expect(fresh.resync).toBe(true);
      expect(fresh.seq).toBe(start + 2);
      expect(await lost.quiet(200)).toBe(true);
      lost.close();
    });

    it('refuses a plain GET on the live endpoint with 426', async () => {
      const target = getTarget();
      const { s, id } = await newTournament(target);
      const res = await s.fetch(`${s.base}/tournaments/${id}/live`);
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
