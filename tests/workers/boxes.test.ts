import { describe, expect, it } from 'vitest';
import { signUpVenue } from '../contract/session.ts';
import { selfTarget } from './self-target.ts';

const pair = (code: string) =>
  selfTarget.fetch('/sync/v1/pair', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });

describe('pairing a box (cloud side)', () => {
  it('given a one-time code, when a box exchanges it, then it gets a credential that reads the venue mirror until unpaired', async () => {
    const owner = await signUpVenue(selfTarget, { prefix: 'boxes', pin: '5827' });
    const made = await owner.post(`${owner.base}/boxes/pairing-codes`, { name: 'Bar box' });
    expect(made.status).toBe(201);
    const { code } = (await made.json()) as { code: string };
    expect((await pair('WRONGCODE1')).status).toBe(401);
    const paired = await pair(code.toLowerCase());
    const body = (await paired.json()) as { venueId: string; boxId: string; credential: string };
    expect(paired.status, JSON.stringify(body)).toBe(201);
    expect(body.venueId).toBe(owner.venueId);
    expect((await pair(code)).status).toBe(401);
    const mirror = (url: string, credential: string) =>
      selfTarget.fetch(url, { headers: { authorization: `Box ${credential}` } });
    const m = await mirror(`/sync/v1/venues/${owner.venueId}/mirror`, body.credential);
    expect(m.status).toBe(200);
    const data = (await m.json()) as { staff: { id: string; pinHash: string | null }[] };
    expect(data.staff.find((s) => s.id === owner.userId)?.pinHash).toMatch(/^pbkdf2-sha256\$/);
    // Another venue's mirror with this credential: refused.
    const other = await signUpVenue(selfTarget, { prefix: 'boxes' });
    expect((await mirror(`/sync/v1/venues/${other.venueId}/mirror`, body.credential)).status).toBe(401);
    // Staff cannot make codes or unpair; the owner can, and the credential stops at once.
    expect((await owner.fetch(`${owner.base}/boxes`)).status).toBe(200);
    expect((await owner.fetch(`${owner.base}/boxes/${body.boxId}`, { method: 'DELETE' })).status).toBe(200);
    expect((await mirror(`/sync/v1/venues/${owner.venueId}/mirror`, body.credential)).status).toBe(401);
    expect((await selfTarget.fetch('/sync/v1/nope')).status).toBe(404);
    // The box-only routes do not exist in the cloud.
    const local = await selfTarget.fetch(`/api/v1/box/venues/${owner.venueId}/mirror`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-felt-box-key': 'guess' },
      body: '{}',
    });
    expect(local.status).toBe(404);
  });
});
