/**
 * A player's own history (/me, cloud) includes nights a paired box ran: the venue's record of
 * a player known in the cloud learns the box's entries when the box pushes them, and the place
 * and prize come from the cloud's copy of the box's tournament once its finish is synced. A
 * player the box itself created arrives with the box's history. Real processes on loopback:
 * `wrangler dev` and the paired box.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCloud, startCloud } from '../../scripts/lib/cloud.ts';
import { freePort } from '../../scripts/lib/free-port.ts';
import { signUpVenue, type VenueSession } from '../contract/session.ts';
import type { BoxProcess } from './helpers/box-process.ts';
import { httpTarget } from './helpers/node-target.ts';
import { ownerOnBox, pairAndStartBox, until } from './helpers/paired-box.ts';

const PASSWORD = 'a long enough passphrase 7';

interface HistoryRow {
  tournamentId: string;
  tournamentName: string;
  status: string | null;
  place: number | null;
  prize: number;
}

describe("a box-run night in the player's own history", () => {
  const dir = mkdtempSync(join(tmpdir(), 'felt-box-history-'));
  let cloud: RunningCloud;
  let box: BoxProcess;
  let owner: VenueSession;
  let onBox: VenueSession;
  let playerToken: string;
  let lenaId: string;

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${cloud.url}/api/v1${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        'cf-connecting-ip': '198.51.100.77',
        ...(playerToken && { authorization: `Bearer ${playerToken}` }),
        ...init.headers,
      },
    });

  beforeAll(async () => {
    cloud = await startCloud({ port: await freePort(), persistTo: join(dir, 'cloud') });
    owner = await signUpVenue(
      httpTarget('cloud', 'cloud', () => cloud.url),
      { prefix: 'boxhist', pin: '5827' },
    );
    // Lena is the venue's player in the cloud, linked to her Felt account before the box runs.
    const added = await owner.post(`${owner.base}/players`, {
      name: 'Lena Berg',
      email: 'lena@players.test',
    });
    expect(added.status).toBe(201);
    lenaId = ((await added.json()) as { player: { id: string } }).player.id;
    const issued = await owner.fetch(`${owner.base}/players/${lenaId}/link-code`, { method: 'POST' });
    expect(issued.status).toBe(201);
    const { code } = (await issued.json()) as { code: string };
    const signup = await api('/me/auth/signup', {
      method: 'POST',
      body: JSON.stringify({ email: 'lena@players.test', password: PASSWORD }),
    });
    expect(signup.status, await signup.clone().text()).toBe(201);
    playerToken = ((await signup.json()) as { token: string }).token;
    const linked = await api('/me/links', { method: 'POST', body: JSON.stringify({ code }) });
    expect(linked.status, await linked.clone().text()).toBe(201);

    box = await pairAndStartBox(owner, cloud.url, join(dir, 'box'), 'Floor box', {
      syncMs: 300,
      mirrorMs: 500,
    });
    onBox = await ownerOnBox(box, owner, '5827');
  }, 180_000);

  afterAll(async () => {
    await box?.interrupt();
    await cloud?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the night, her place and prize once the box has pushed the finish', async () => {
    // The mirror has brought Lena to the box (the owner's sign-in came with the same mirror).
    await until('Lena on the box', async () => {
      const res = await onBox.fetch(`${onBox.base}/players?q=Lena`);
      const body = (await res.json()) as { players?: { player: { id: string } }[] };
      return body.players?.some((p) => p.player.id === lenaId) ? true : null;
    });
    // A player only the box knows: created there, offline from the cloud's point of view.
    const local = await onBox.post(`${onBox.base}/players`, { name: 'Ola Dahl' });
    expect(local.status).toBe(201);
    const olaId = ((await local.json()) as { player: { id: string } }).player.id;

    const id = await onBox.newTournament('Box Monday');
    const run = async (type: string, payload: Record<string, unknown> = {}) => {
      const res = await onBox.command(id, type, payload);
      expect(res.status, `${type}: ${await res.clone().text()}`).toBe(201);
    };
    await run('OpenRegistration');
    await run('Register', { playerId: lenaId, name: 'Lena Berg' });
    await run('Register', { playerId: olaId, name: 'Ola Dahl' });
    await run('StartTournament');
    await run('BustPlayers', { busts: [{ entryId: 'e2' }], hitmanEntryId: 'e1' });
    await run('FinishTournament');

    let seen = '';
    const row = await until(
      'the box-run night with its result in /me/history',
      async () => {
        const res = await api('/me/history');
        seen = await res.text();
        const { rows } = JSON.parse(seen) as { rows: HistoryRow[] };
        const r = rows.find((x) => x.tournamentId === id);
        return r && r.place !== null ? r : null;
      },
      { timeoutMs: 30_000, context: () => `last /me/history: ${seen}\n${box.output()}` },
    );
    expect(row).toMatchObject({ tournamentName: 'Box Monday', status: 'finished', place: 1 });
    expect(row.prize).toBeGreaterThan(0);

    // Ola's record reached the cloud with the box's history of him (placed 2nd, from the copy).
    const ola = await until('Ola in the cloud with his history', async () => {
      const res = await owner.fetch(`${owner.base}/players/${olaId}`);
      if (res.status !== 200) return null;
      const body = (await res.json()) as { player: { history: { tournamentId: string }[] } };
      return body.player.history.some((h) => h.tournamentId === id) ? body.player : null;
    });
    expect(ola.history.map((h) => h.tournamentId)).toContain(id);
  }, 90_000);
});
