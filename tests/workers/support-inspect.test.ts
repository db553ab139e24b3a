/**
 * The support console's reads inside workerd: a tournament's object inspected (log, snapshot,
 * storage, sockets, alarm and cues, sync with its box), its log filtered by type, actor and
 * time, venues found by name, id, code or box, and every support read in the venue's audit log.
 */
import { describe, expect, it } from 'vitest';
import { signUpVenue, type VenueSession } from '../contract/session.ts';
import { addStaff, json, supportSession } from './api-routes.ts';
import { selfTarget } from './self-target.ts';

interface Inspection {
  tournamentId: string;
  runtime: string;
  lastSeq: number;
  status: string;
  home: { home: string; epoch: number };
  snapshot: { seq: number; bytes: number; behind: number } | null;
  storage: { events: number; eventBytes: number; snapshotBytes: number; databaseBytes: number | null };
  sockets: Record<string, number>;
  alarm: { at: number | null };
  cues: { kind: string; at: number }[];
  heldForBox: number;
  conflicts: number;
  sync: { lastPush: { head: number | null; appended: number } | null; backlog: number | null } | null;
}

interface EventPage {
  seq: number;
  scannedTo: number;
  more: boolean;
  events: { seq: number; type: string; at: number; event: { actor: string } }[];
}

async function night(s: VenueSession): Promise<string> {
  const id = await s.newTournament('Inspect Cup');
  const run = async (type: string, payload: Record<string, unknown> = {}) => {
    const res = await s.command(id, type, payload);
    expect(res.status, `${type}: ${await res.clone().text()}`).toBe(201);
  };
  await run('OpenRegistration');
  for (const [i, name] of ['Anna', 'Bo', 'Cai', 'Dan'].entries()) {
    await run('Register', { playerId: `p${i + 1}`, name });
  }
  await run('StartTournament');
  await run('BustPlayers', { busts: [{ entryId: 'e4' }], hitmanEntryId: 'e1' });
  return id;
}

const asSupport = (token: string) => (path: string) =>
  selfTarget.fetch(path, { headers: { authorization: `Bearer ${token}` } });

describe('GET …/tournaments/:id/inspect', () => {
  it("shows the object's log, storage, sockets, alarm and cues, and writes nothing", async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'insp' });
    const id = await night(s);
    const read = async () => {
      const res = await s.fetch(`${s.base}/tournaments/${id}/inspect`);
      expect(res.status).toBe(200);
      return (await res.json()) as Inspection;
    };
    const first = await read();
    expect(first).toMatchObject({
      tournamentId: id,
      runtime: 'cloud',
      status: 'running',
      home: { home: 'cloud', epoch: 0 },
      heldForBox: 0,
      conflicts: 0,
      sync: null,
    });
    expect(first.storage.events).toBe(first.lastSeq);
    expect(first.storage.eventBytes).toBeGreaterThan(first.lastSeq * 50);
    expect(first.storage.databaseBytes).toBeGreaterThan(first.storage.eventBytes);
    if (first.snapshot) expect(first.snapshot.behind).toBe(first.lastSeq - first.snapshot.seq);
    // The clock runs: the end of the level (and its last minute) are armed, the alarm at the first.
    expect(first.cues.map((c) => c.kind)).toEqual(['last-minute', 'level-change']);
    expect(first.alarm.at).toBe(first.cues[0]!.at);
    expect(first.sockets).toEqual({ staff: 0, public: 0 });

    const ws = await s.staffSocket(id);
    try {
      await expect.poll(async () => (await read()).sockets.staff, { timeout: 5000 }).toBe(1);
    } finally {
      ws.close();
    }
    // Reading wrote nothing: the log is where it was.
    expect((await read()).lastSeq).toBe(first.lastSeq);

    expect((await s.fetch(`${s.base}/tournaments/nope/inspect`)).status).toBe(404);
    expect((await selfTarget.fetch(`${s.base}/tournaments/${id}/inspect`)).status).toBe(401);
    const floor = (await addStaff(selfTarget, s, 'floor')).session;
    const refused = await floor.fetch(`${s.base}/tournaments/${id}/inspect`);
    expect(refused.status).toBe(403);
  });

  it("shows a box-run tournament's home, epoch, last push and backlog as the box reported them", async () => {
    const owner = await signUpVenue(selfTarget, { prefix: 'insp-box' });
    // Events made by the engine in another venue stand in for the box's own log.
    const source = await signUpVenue(selfTarget, { prefix: 'insp-src' });
    const sourceId = await night(source);
    const log = (await json(await source.fetch(`${source.base}/tournaments/${sourceId}/events`))) as {
      events: { seq: number; eventId: string; type: string; at: number; event: unknown }[];
    };
    const made = (await json(await owner.post(`${owner.base}/boxes/pairing-codes`, { name: 'Bar box' }))) as {
      code: string;
    };
    const paired = (await json(
      await selfTarget.fetch('/sync/v1/pair', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: made.code }),
      }),
    )) as { boxId: string; credential: string };
    const id = 'boxrun1';
    const sent = log.events.slice(0, 5).map((e) => ({
      seq: e.seq,
      eventId: e.eventId,
      epoch: 0,
      type: e.type,
      at: e.at,
      body: JSON.stringify(e.event),
    }));
    const push = await selfTarget.fetch(`/sync/v1/venues/${owner.venueId}/tournaments/${id}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Box ${paired.credential}` },
      body: JSON.stringify({
        name: 'Box Cup',
        status: 'running',
        createdAt: Date.now(),
        epoch: 0,
        head: log.events.length,
        events: sent,
      }),
    });
    expect(push.status, await push.clone().text()).toBe(200);

    const seen = (await json(
      await owner.fetch(`${owner.base}/tournaments/${id}/inspect`),
    )) as unknown as Inspection;
    expect(seen.home).toEqual({ home: paired.boxId, epoch: 0 });
    expect(seen.lastSeq).toBe(5);
    expect(seen.sync?.lastPush).toMatchObject({ head: log.events.length, appended: 5 });
    expect(seen.sync?.backlog).toBe(log.events.length - 5);
    // The venue's list names the box as the tournament's home.
    const list = (await json(await owner.fetch(`${owner.base}/tournaments`))) as {
      tournaments: { id: string; home?: string }[];
    };
    expect(list.tournaments.find((t) => t.id === id)?.home).toBe(paired.boxId);

    // Support finds the venue by the box's id.
    const support = await supportSession(selfTarget);
    const found = (await json(
      await asSupport(support.token)(`/api/v1/support/find?q=${encodeURIComponent(paired.boxId)}`),
    )) as { venues: { id: string; matched: string; box?: { id: string } }[] };
    expect(found.venues).toEqual([
      expect.objectContaining({
        id: owner.venueId,
        matched: 'box',
        box: expect.objectContaining({ id: paired.boxId }),
      }),
    ]);
  });

  it('audits a support inspection with the tournament it read', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'insp-s' });
    const id = await night(s);
    const support = await supportSession(selfTarget);
    expect((await asSupport(support.token)(`${s.base}/tournaments/${id}/inspect`)).status).toBe(200);
    const audit = (await json(await s.fetch(`${s.base}/audit?limit=50`))) as {
      entries: { actorId: string; action: string; target: string; details: unknown }[];
    };
    expect(audit.entries.filter((e) => e.actorId === support.userId)).toContainEqual(
      expect.objectContaining({
        action: 'support.read',
        target: 'tournaments.inspect',
        details: { tournamentId: id },
      }),
    );
  });
});

describe('GET …/tournaments/:id/events/search', () => {
  it('filters the log by type, actor and time, paged on from where it stopped', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'evs' });
    const id = await night(s);
    const search = async (query: string) => {
      const res = await s.fetch(`${s.base}/tournaments/${id}/events/search?${query}`);
      expect(res.status, await res.clone().text()).toBe(200);
      return (await res.json()) as EventPage;
    };
    const all = await search('');
    expect(all.events.length).toBe(all.seq);
    expect(all.more).toBe(false);

    const regs = await search('type=EntryRegistered');
    expect(regs.events.map((e) => e.type)).toEqual(Array(4).fill('EntryRegistered'));
    const two = await search('type=EntryRegistered&limit=2');
    expect(two.events).toHaveLength(2);
    expect(two.more).toBe(true);
    const rest = await search(`type=EntryRegistered&limit=2&after=${two.scannedTo}`);
    expect([...two.events, ...rest.events].map((e) => e.seq)).toEqual(regs.events.map((e) => e.seq));

    const either = await search('type=EntryRegistered,PlayersBusted,TournamentStarted');
    expect(new Set(either.events.map((e) => e.type)).size).toBeGreaterThanOrEqual(2);
    expect(
      either.events.every((e) => ['EntryRegistered', 'PlayersBusted', 'TournamentStarted'].includes(e.type)),
    ).toBe(true);

    const mine = await search(`actor=${encodeURIComponent(s.userId)}`);
    expect(mine.events.length).toBe(all.events.length);
    expect((await search('actor=someone-else')).events).toEqual([]);

    const third = all.events[2]!;
    const fifth = all.events[4]!;
    const window = await search(`from=${third.at}&to=${fifth.at}`);
    expect(window.events.every((e) => e.at >= third.at && e.at <= fifth.at)).toBe(true);
    expect(window.events.map((e) => e.seq)).toEqual(expect.arrayContaining([3, 4, 5]));

    // Refusals name the problem and change nothing.
    for (const [query, code] of [
      ['type=not%20a%20type', 400],
      ['from=20&to=10', 400],
      ['limit=0', 400],
      ['after=-1', 400],
    ] as const) {
      const res = await s.fetch(`${s.base}/tournaments/${id}/events/search?${query}`);
      expect(res.status, query).toBe(code);
      expect(((await res.json()) as { error: { message: string } }).error.message.length).toBeGreaterThan(5);
    }
    expect((await s.fetch(`${s.base}/tournaments/nope/events/search`)).status).toBe(404);
  });

  it('audits a support search with its filter', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'evs-s' });
    const id = await night(s);
    const support = await supportSession(selfTarget);
    const res = await asSupport(support.token)(
      `${s.base}/tournaments/${id}/events/search?type=PlayersBusted`,
    );
    expect(res.status).toBe(200);
    const audit = (await json(await s.fetch(`${s.base}/audit?limit=50`))) as {
      entries: { actorId: string; target: string; details: unknown }[];
    };
    expect(audit.entries.filter((e) => e.actorId === support.userId)).toContainEqual(
      expect.objectContaining({
        target: 'tournaments.read',
        details: { tournamentId: id, after: 0, type: 'PlayersBusted' },
      }),
    );
  });
});

describe('GET /api/v1/support/find', () => {
  it('finds venues by name words, id and public code, for support staff only', async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    const s = await signUpVenue(selfTarget, { prefix: 'find', name: `Riverside Card Room ${tag}` });
    const venue = (await json(await s.fetch(s.base))) as { venue: { publicCode: string } };
    const support = await supportSession(selfTarget);
    const find = async (q: string) =>
      (await json(await asSupport(support.token)(`/api/v1/support/find?q=${encodeURIComponent(q)}`))) as {
        venues: { id: string; name: string; code: string | null; matched: string }[];
      };
    expect((await find(`riverside ${tag}`)).venues).toEqual([
      { id: s.venueId, name: `Riverside Card Room ${tag}`, code: venue.venue.publicCode, matched: 'name' },
    ]);
    expect((await find(s.venueId)).venues[0]).toMatchObject({ id: s.venueId, matched: 'id' });
    expect((await find(venue.venue.publicCode.toLowerCase())).venues[0]).toMatchObject({
      id: s.venueId,
      matched: 'code',
    });
    expect((await find(`nowhere-${tag}`)).venues).toEqual([]);

    // A renamed venue is found by its new name.
    expect((await s.post(s.base, { name: `Harbour Poker ${tag}` }, 'PATCH')).status).toBe(200);
    expect((await find(`harbour ${tag}`)).venues.map((v) => v.id)).toEqual([s.venueId]);

    // Venue staff, even owners, do not search across venues; a query is required.
    const asOwner = await s.fetch(`/api/v1/support/find?q=${tag}`);
    expect(asOwner.status).toBe(403);
    expect((await selfTarget.fetch(`/api/v1/support/find?q=${tag}`)).status).toBe(401);
    expect((await asSupport(support.token)('/api/v1/support/find')).status).toBe(400);
  });
});
