/**
 * The owner's free-tier usage in workerd: requests, Durable Object requests and rows written
 * counted per venue and UTC day, added to the venue's row, and read by owner and support only.
 */
import { describe, expect, it } from 'vitest';
import { signUpVenue } from '../contract/session.ts';
import { addStaff, json, supportSession } from './api-routes.ts';
import { selfTarget } from './self-target.ts';

interface Usage {
  runtime: string;
  days: { day: string; workerRequests: number; doRequests: number; rowsWritten: number }[];
  limits: { workerRequests: number; doRequests: number; rowsWritten: number };
}

describe('GET /api/v1/venues/:venueId/usage', () => {
  it("counts the venue's requests and rows of the day, and nobody else's", async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'use' });
    const other = await signUpVenue(selfTarget, { prefix: 'use-other' });
    const id = await s.newTournament('Usage Cup');
    for (const [i, name] of ['Anna', 'Bo', 'Cai'].entries()) {
      if (i === 0) expect((await s.command(id, 'OpenRegistration')).status).toBe(201);
      expect((await s.command(id, 'Register', { playerId: `p${i}`, name })).status).toBe(201);
    }
    expect((await s.fetch(`${s.base}/tournaments/${id}`)).status).toBe(200);
    await other.newTournament('Elsewhere');

    const first = (await json(await s.fetch(`${s.base}/usage`))) as unknown as Usage;
    expect(first.runtime).toBe('cloud');
    expect(first.limits).toMatchObject({
      workerRequests: 100_000,
      doRequests: 100_000,
      rowsWritten: 100_000,
    });
    const today = new Date().toISOString().slice(0, 10);
    expect(first.days.map((d) => d.day)).toEqual([today]);
    const day = first.days[0]!;
    // Create, four commands and a view: six API requests of this venue (sign-up names none).
    expect(day.workerRequests).toBe(6);
    // Each made more than one call to the venue's objects (the check, then the work).
    expect(day.doRequests).toBeGreaterThan(6);
    // At least each event and each command's stored answer.
    expect(day.rowsWritten).toBeGreaterThanOrEqual(10);

    // The page's own request counts too, the next time.
    const second = (await json(await s.fetch(`${s.base}/usage`))) as unknown as Usage;
    expect(second.days[0]!.workerRequests).toBe(7);
    const theirs = (await json(await other.fetch(`${other.base}/usage`))) as unknown as Usage;
    expect(theirs.days[0]!.workerRequests).toBe(1);
  });

  it('is for the owner and support staff; a TD is refused, bad days too', async () => {
    const s = await signUpVenue(selfTarget, { prefix: 'use-r' });
    const td = (await addStaff(selfTarget, s, 'td')).session;
    expect((await td.fetch(`${s.base}/usage`)).status).toBe(403);
    const support = await supportSession(selfTarget);
    const read = await selfTarget.fetch(`${s.base}/usage?days=30`, {
      headers: { authorization: `Bearer ${support.token}` },
    });
    expect(read.status).toBe(200);
    for (const bad of ['days=0', 'days=36', 'days=week']) {
      expect((await s.fetch(`${s.base}/usage?${bad}`)).status, bad).toBe(400);
    }
    expect((await selfTarget.fetch(`${s.base}/usage`)).status).toBe(401);
  });
});
