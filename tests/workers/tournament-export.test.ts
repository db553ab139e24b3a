/**
 * Export / import (docs/EXPORT.md) inside workerd: a tournament's file imports into another
 * venue as a new tournament whose state hashes equal, for the demo tournament and for one of
 * 10,000 events made through real commands; each broken file is refused with a 4xx naming the
 * problem and creates nothing; a support export is in the venue's audit log.
 */
import { env, SELF } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_OWNER, DEMO_VENUE, seedDemo } from '../../scripts/lib/seed.ts';
import { tournamentStub } from '../../workers/api/stubs.ts';
import type { Env } from '../../workers/env.ts';
import { signUpVenue, type VenueSession } from '../contract/session.ts';
import { API, json, postJson, supportSession } from './api-routes.ts';
import { selfTarget } from './self-target.ts';

interface ExportFile {
  format: string;
  version: number;
  seq: number;
  stateHash: string;
  name: string;
  config: Record<string, unknown> | null;
  events: { seq: number; type: string; at: number; actor: string; body: Record<string, unknown> }[];
}

const exportOf = async (s: VenueSession, id: string) => {
  const res = await s.fetch(`${s.base}/tournaments/${id}/export`);
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get('content-disposition')).toContain(`tournament-${id}.felt.json`);
  return (await res.json()) as ExportFile;
};
const importInto = (s: VenueSession, body: string) =>
  s.fetch(`${s.base}/imports/tournament`, { method: 'POST', body });
const listed = async (s: VenueSession) =>
  ((await (await s.fetch(`${s.base}/tournaments`)).json()) as { tournaments: { id: string }[] }).tournaments;

/** Imports `file` into `into` and answers the new tournament's own export (its hash is fresh). */
async function roundTrip(into: VenueSession, file: ExportFile): Promise<ExportFile> {
  const res = await importInto(into, JSON.stringify(file));
  const body = (await res.json()) as { tournament: { id: string; seq: number } };
  expect(res.status, JSON.stringify(body)).toBe(201);
  expect(body.tournament.seq).toBe(file.seq);
  return exportOf(into, body.tournament.id);
}

/** The parts of a view that an import must reproduce (ids and the clock's "now" differ). */
const viewOf = async (s: VenueSession, id: string) => {
  const v = (await (await s.fetch(`${s.base}/tournaments/${id}`)).json()) as Record<string, unknown>;
  // The clock is computed at the moment of the request, and the id is the new tournament's.
  const { clock: _clock, tournamentId: _id, ...standings } = v.standings as Record<string, unknown>;
  return { seq: v.seq, standings, seating: v.seating };
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('GET …/tournaments/:id/export and POST …/imports/tournament', () => {
  it('round-trips the demo tournament into another venue: same events, same state hash, same view', async () => {
    // seedDemo is the box's own first-start seeding; it speaks HTTP, here to the Worker itself.
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => SELF.fetch(input, init));
    const demo = await seedDemo('http://felt.test');
    vi.unstubAllGlobals();
    const signIn = await postJson(selfTarget, `${API}/venues/${DEMO_VENUE.id}/auth/password`, {
      email: DEMO_OWNER.email,
      password: DEMO_OWNER.password,
    });
    const owner = (await json(signIn)) as { token: string; user: { id: string } };
    const { sessionFor } = await import('../contract/session.ts');
    const source = sessionFor(selfTarget, DEMO_VENUE.id, owner.token, owner.user.id);

    const file = await exportOf(source, demo.tournamentId);
    expect(file).toMatchObject({ format: 'felt-tournament', version: 1, name: 'Friday Night Deepstack' });
    expect(file.events.map((e) => e.seq)).toEqual(file.events.map((_, i) => i + 1));
    expect(file.events.length).toBe(file.seq);

    const other = await signUpVenue(selfTarget, { prefix: 'imp' });
    const copy = await roundTrip(other, file);
    expect(copy.stateHash).toBe(file.stateHash);
    expect(copy.events).toEqual(file.events);
    const [t] = await listed(other);
    expect(t).toBeDefined();
    expect(await viewOf(other, t!.id)).toEqual(await viewOf(source, demo.tournamentId));
    // The imported tournament runs on: a new command is its seq + 1.
    const next = await other.command(t!.id, 'PauseClock');
    expect(next.status, await next.clone().text()).toBe(201);
    expect(((await next.json()) as { seq: number }).seq).toBe(file.seq + 1);
  });

  it('round-trips a tournament of 10,000 events made through real commands', async () => {
    const source = await signUpVenue(selfTarget, { prefix: 'exp' });
    const id = await source.newTournament('Marathon', 'regular');
    // Straight to the tournament's object (the API route adds only the venue's permission check).
    const stub = tournamentStub(env as unknown as Env, source.venueId, id);
    const td = { id: source.userId, role: 'owner' } as const;
    let n = 0;
    const run = async (body: Record<string, unknown>) => {
      const answer = await stub.command(id, { commandId: `m-${++n}`, ...body } as never, td);
      if (!answer.ok) throw new Error(`${String(body.type)}: ${JSON.stringify(answer.error)}`);
      return answer.seq;
    };
    await run({ type: 'OpenRegistration' });
    for (let i = 0; i < 200; i++) await run({ type: 'Register', playerId: `p-${i}`, name: `Player ${i}` });
    await run({ type: 'DrawSeats' });
    let seq = await run({ type: 'StartTournament' });
    for (let i = 0; seq < 10_000; i++) {
      seq = await run(
        i % 3 === 2 ? { type: 'AddTime', ms: 1000 } : { type: i % 3 === 0 ? 'PauseClock' : 'ResumeClock' },
      );
    }
    expect(seq).toBeGreaterThanOrEqual(10_000);

    const started = Date.now();
    const file = await exportOf(source, id);
    const exportMs = Date.now() - started;
    expect(file.seq).toBe(seq);
    const text = JSON.stringify(file);
    const other = await signUpVenue(selfTarget, { prefix: 'imp' });
    const t0 = Date.now();
    const copy = await roundTrip(other, file);
    console.log(
      JSON.stringify({
        events: file.seq,
        bytes: text.length,
        exportMs,
        importAndReexportMs: Date.now() - t0,
      }),
    );
    expect(copy.stateHash).toBe(file.stateHash);
    expect(copy.events.length).toBe(file.events.length);
  }, 300_000);

  describe('refusals: a 4xx naming the problem, and no tournament created', () => {
    let file: ExportFile;
    let into: VenueSession;
    const refused = async (body: string, status: number, code: string) => {
      const res = await importInto(into, body);
      const err = ((await res.json()) as { error: { code: string; message: string } }).error;
      expect([res.status, err.code], err.message).toEqual([status, code]);
      expect(await listed(into)).toEqual([]);
      return err;
    };
    const edited = (edit: (f: ExportFile) => void) => {
      const f = structuredClone(file);
      edit(f);
      return JSON.stringify(f);
    };

    it('refuses wrong formats, versions, seqs, events, hashes and sizes', async () => {
      const source = await signUpVenue(selfTarget, { prefix: 'exp' });
      const id = await source.newTournament('Refusals Cup');
      for (const [i, name] of ['Anna', 'Bo', 'Cai'].entries()) {
        if (i === 0) expect((await source.command(id, 'OpenRegistration')).status).toBe(201);
        expect((await source.command(id, 'Register', { playerId: `p${i}`, name })).status).toBe(201);
      }
      file = await exportOf(source, id);
      into = await signUpVenue(selfTarget, { prefix: 'imp' });

      await refused('', 400, 'EMPTY_BODY');
      await refused('{"format": "felt-tournament", ', 400, 'BAD_JSON');
      await refused(
        edited((f) => {
          f.format = 'td3';
        }),
        400,
        'EXPORT_FORMAT',
      );
      const v = await refused(
        edited((f) => {
          f.version = 2;
        }),
        400,
        'EXPORT_VERSION',
      );
      expect(v.message).toContain('version 2');
      // A gap in the seqs.
      const gap = await refused(
        edited((f) => {
          f.events.splice(2, 1);
          f.seq -= 1;
          for (const e of f.events.slice(2)) e.body = { ...e.body };
        }),
        422,
        'HISTORY_SEQ',
      );
      expect(gap.message).toContain('seq');
      // The record and its body disagree.
      await refused(
        edited((f) => {
          f.events[1]!.type = 'EntryRegistered';
        }),
        400,
        'EXPORT_EVENT_MISMATCH',
      );
      // An event the engine refuses: a player busted who never entered.
      const refusedEvent = await refused(
        edited((f) => {
          const last = f.events.at(-1)!;
          const body = {
            type: 'PlayersBusted',
            at: last.at + 1,
            actor: last.actor,
            commandId: 'forged',
            busts: [{ entryId: 'nobody', place: 3 }],
          };
          f.events.push({ seq: last.seq + 1, type: body.type, at: body.at, actor: body.actor, body });
          f.seq += 1;
        }),
        422,
        'HISTORY_EVENT_REFUSED',
      );
      expect(refusedEvent.message).toContain(`event ${file.seq + 1}`);
      // An unknown event type.
      await refused(
        edited((f) => {
          const last = f.events.at(-1)!;
          const body = { type: 'ChipsPrinted', at: last.at, actor: last.actor, commandId: 'x' };
          f.events.push({ seq: last.seq + 1, type: body.type, at: body.at, actor: body.actor, body });
          f.seq += 1;
        }),
        422,
        'HISTORY_EVENT_REFUSED',
      );
      // A renamed player: the events still fold, but not to the state the file hashed.
      await refused(
        edited((f) => {
          const reg = f.events.find((e) => e.type === 'EntryRegistered')!;
          reg.body = { ...reg.body, name: 'Mallory' };
        }),
        422,
        'HISTORY_HASH_MISMATCH',
      );
      await refused(
        edited((f) => {
          f.stateHash = 'md5:1234';
        }),
        400,
        'VALIDATION_FAILED',
      );
      // Too big: refused before it is read whole.
      await refused(
        `{"format":"felt-tournament","pad":"${'x'.repeat(32 * 1024 * 1024)}"}`,
        413,
        'BODY_TOO_LARGE',
      );
      // Nobody signed in, and staff who may not import.
      const anonymous = await selfTarget.fetch(`${into.base}/imports/tournament`, {
        method: 'POST',
        body: JSON.stringify(file),
      });
      expect(anonymous.status).toBe(401);
      expect(await listed(into)).toEqual([]);
    }, 120_000);
  });

  it('lets support export (audited with the tournament’s id) and never import', async () => {
    const venue = await signUpVenue(selfTarget, { prefix: 'exp-s' });
    const id = await venue.newTournament('Support Cup');
    const support = await supportSession(selfTarget);
    const asSupport = (path: string, init: RequestInit = {}) =>
      selfTarget.fetch(path, { ...init, headers: { authorization: `Bearer ${support.token}` } });

    const res = await asSupport(`${venue.base}/tournaments/${id}/export`);
    expect(res.status).toBe(200);
    const file = (await res.json()) as ExportFile;
    const imported = await asSupport(`${venue.base}/imports/tournament`, {
      method: 'POST',
      body: JSON.stringify(file),
    });
    expect(imported.status).toBe(403);
    expect((await listed(venue)).map((t) => t.id)).toEqual([id]);

    const audit = (await json(await venue.fetch(`${venue.base}/audit?limit=100`))) as {
      entries: { actorId: string; action: string; target: string; details: unknown }[];
    };
    const lines = audit.entries.filter((e) => e.actorId === support.userId);
    expect(lines).toEqual([
      expect.objectContaining({
        action: 'support.read',
        target: 'tournaments.export',
        details: { tournamentId: id },
      }),
    ]);
  });
});
