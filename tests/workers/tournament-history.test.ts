/**
 * Time travel inside workerd: the view as it was right after a seq, the changes between two
 * seqs, nothing written to the live tournament, refusals for seqs it never had, and each
 * support read in the venue's audit log with what it read.
 */
import { describe, expect, it, vi } from 'vitest';
import { signUpVenue, type VenueSession } from '../contract/session.ts';
import { json, supportSession } from './api-routes.ts';
import { selfTarget } from './self-target.ts';

type View = {
  seq: number;
  standings: { status: string; entrants: number; entries: { entryId: string; status: string }[] };
};

async function night(s: VenueSession): Promise<{ id: string; seqs: Record<string, number> }> {
  const id = await s.newTournament('Time Cup');
  const seqs: Record<string, number> = {};
  const run = async (name: string, type: string, payload: Record<string, unknown> = {}) => {
    const res = await s.command(id, type, payload);
    const body = (await res.json()) as { seq: number };
    expect(res.status, `${type}: ${JSON.stringify(body)}`).toBe(201);
    seqs[name] = body.seq;
  };
  await run('open', 'OpenRegistration');
  for (const [i, name] of ['Anna', 'Bo', 'Cai'].entries()) {
    await run(`reg${i + 1}`, 'Register', { playerId: `p${i + 1}`, name });
  }
  await run('start', 'StartTournament');
  await run('bust', 'BustPlayers', { busts: [{ entryId: 'e3' }], hitmanEntryId: 'e1' });
  return { id, seqs };
}

describe('GET …/tournaments/:id/history/:seq and …/history-diff', () => {
  it('shows the tournament as it was at a seq, and what changed between two, without touching it', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'tt' });
    const { id, seqs } = await night(s);
    const before = (await (await s.fetch(`${s.base}/tournaments/${id}`)).json()) as View;

    const at = async (seq: number) => {
      const res = await s.fetch(`${s.base}/tournaments/${id}/history/${seq}`);
      expect(res.status).toBe(200);
      return (await res.json()) as { seq: number; lastSeq: number; view: View };
    };
    const first = await at(1);
    expect(first.view.seq).toBe(1);
    expect(first.view.standings).toMatchObject({ status: 'announced', entrants: 0 });
    expect(first.lastSeq).toBe(before.seq);
    const two = await at(seqs.reg2!);
    expect(two.view.standings.entrants).toBe(2);
    expect(two.view.standings.entries.map((e) => e.entryId)).toEqual(['e1', 'e2']);
    // The last seq is the live state (the clock aside, which is as it stood then).
    const last = await at(before.seq);
    expect(last.view.standings.entries).toEqual(before.standings.entries);

    const res = await s.fetch(`${s.base}/tournaments/${id}/history-diff?from=${seqs.start}&to=${seqs.bust}`);
    expect(res.status).toBe(200);
    const diff = (await res.json()) as { changes: { path: string; from: unknown; to: unknown }[] };
    expect(diff.changes).toContainEqual({
      path: '/standings/entries/e3/status',
      from: 'active',
      to: 'busted',
    });
    expect(diff.changes.some((c) => c.path.startsWith('/standings/entries/e2/'))).toBe(false);
    const none = (await (
      await s.fetch(`${s.base}/tournaments/${id}/history-diff?from=${seqs.bust}&to=${seqs.bust}`)
    ).json()) as { changes: unknown[] };
    expect(none.changes).toEqual([]);

    // Nothing was written: the live tournament is where it was, and runs on from there.
    const after = (await (await s.fetch(`${s.base}/tournaments/${id}`)).json()) as View;
    expect(after.seq).toBe(before.seq);
    const next = await s.command(id, 'PauseClock');
    expect(((await next.json()) as { seq: number }).seq).toBe(before.seq + 1);
  });

  it('refuses seqs the log never had and tournaments that do not exist, naming them', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'tt' });
    const { id } = await night(s);
    const beyond = await s.fetch(`${s.base}/tournaments/${id}/history/999`);
    expect(beyond.status).toBe(404);
    const err = ((await beyond.json()) as { error: { code: string; message: string } }).error;
    expect(err.code).toBe('SEQ_NOT_FOUND');
    expect(err.message).toContain('999');
    expect((await s.fetch(`${s.base}/tournaments/${id}/history/0`)).status).toBe(400);
    expect((await s.fetch(`${s.base}/tournaments/${id}/history/two`)).status).toBe(400);
    expect((await s.fetch(`${s.base}/tournaments/${id}/history-diff?from=1`)).status).toBe(400);
    expect((await s.fetch(`${s.base}/tournaments/${id}/history-diff?from=1&to=999`)).status).toBe(404);
    expect((await s.fetch(`${s.base}/tournaments/nope/history/1`)).status).toBe(404);
    expect((await selfTarget.fetch(`${s.base}/tournaments/${id}/history/1`)).status).toBe(401);
  });

  it('audits each support read with the tournament and the seqs it read', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'tt-s' });
    const { id, seqs } = await night(s);
    const support = await supportSession(selfTarget);
    const asSupport = (path: string) =>
      selfTarget.fetch(path, { headers: { authorization: `Bearer ${support.token}` } });
    expect((await asSupport(`${s.base}/tournaments/${id}/history/2`)).status).toBe(200);
    expect((await asSupport(`${s.base}/tournaments/${id}/history-diff?from=1&to=${seqs.bust}`)).status).toBe(
      200,
    );

    const audit = (await json(await s.fetch(`${s.base}/audit?limit=100`))) as {
      entries: { actorId: string; action: string; target: string; details: unknown }[];
    };
    const lines = audit.entries.filter((e) => e.actorId === support.userId);
    expect(lines.map((l) => l.details)).toEqual(
      expect.arrayContaining([
        { tournamentId: id, seq: 2 },
        { tournamentId: id, from: 1, to: seqs.bust },
      ]),
    );
    expect(lines.every((l) => l.action === 'support.read' && l.target === 'tournaments.read')).toBe(true);
  });
});

describe('GET /api/v1/box/metrics in the cloud', () => {
  it('is not there: metrics are the box’s (404 NOT_A_BOX, after the sign-in check)', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'metrics' });
    const res = await s.fetch('/api/v1/box/metrics');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_A_BOX');
    expect((await selfTarget.fetch('/api/v1/box/metrics')).status).toBe(401);
  });
});

describe('request logs', () => {
  it('writes one JSON line per request with its id, venue and tournament, and returns the id', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'logs' });
    const id = await s.newTournament('Log Cup');
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    });
    try {
      const res = await s.fetch(`${s.base}/tournaments/${id}`, {
        headers: { 'x-request-id': 'support-case-42' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-request-id')).toBe('support-case-42');
      const bad = await s.fetch(`${s.base}/tournaments/${id}`, {
        headers: { 'x-request-id': 'no spaces allowed' },
      });
      expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      spy.mockRestore();
    }
    const parsed = lines.flatMap((l) => {
      try {
        return [JSON.parse(l) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
    expect(parsed).toContainEqual(
      expect.objectContaining({
        msg: 'request',
        requestId: 'support-case-42',
        runtime: 'cloud',
        method: 'GET',
        status: 200,
        venueId: s.venueId,
        tournamentId: id,
      }),
    );
  });
});
