/**
 * `felt-box backup` taken while the real box serves a stream of commands, restored with
 * `felt-box restore` into a new folder and served by a second box: every command the first box
 * acknowledged before the backup began is there, event for event; `felt-box doctor` passes on
 * it; a restore onto the running box is refused. The box's /metrics counts the commands.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/free-port.ts';
import { DEMO_VENUE, demoToken, seedDemo } from '../../scripts/lib/seed.ts';
import { type BoxProcess, spawnBoxCli, startBoxProcess } from './helpers/box-process.ts';

const root = mkdtempSync(join(tmpdir(), 'felt-backup-test-'));
const boxes: BoxProcess[] = [];

afterAll(async () => {
  for (const b of boxes) await b.interrupt();
  rmSync(root, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ code: number | null; out: string }> {
  const run = spawnBoxCli(args);
  const code = await run.exited;
  return { code, out: run.output() };
}

describe('felt-box backup and restore of the real box', () => {
  it('takes a backup under load that restores with nothing acknowledged missing', {
    timeout: 240_000,
  }, async () => {
    const data = join(root, 'box');
    const box = await startBoxProcess(data, await freePort());
    boxes.push(box);
    const { tournamentId } = await seedDemo(box.url);
    const { token } = await demoToken(box.url);
    const base = `${box.url}/api/v1/venues/${DEMO_VENUE.id}/tournaments/${tournamentId}`;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    // Two clients adding and taking off time as fast as the box answers.
    let acked = 0;
    let loading = true;
    const client = async (type: 'AddTime' | 'RemoveTime') => {
      while (loading) {
        const res = await fetch(`${base}/commands`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ commandId: crypto.randomUUID(), type, payload: { ms: 1000 } }),
        });
        expect(res.status, await res.clone().text()).toBe(201);
        acked = Math.max(acked, ((await res.json()) as { seq: number }).seq);
      }
    };
    const load = Promise.all([client('AddTime'), client('RemoveTime')]);
    await new Promise((r) => setTimeout(r, 1500));
    const ackedBeforeBackup = acked;
    const backupDir = join(root, 'backup');
    const backup = await cli(['backup', '--data-dir', data, '--out', backupDir]);
    const ackedAfterBackup = acked;
    expect(backup.code, backup.out).toBe(0);
    expect(backup.out).toMatch(/^Backed up \d+ tournaments/);
    await new Promise((r) => setTimeout(r, 300));
    loading = false;
    await load;
    console.log(
      JSON.stringify({
        ackedBeforeBackup,
        ackedDuringBackup: ackedAfterBackup - ackedBeforeBackup,
        last: acked,
      }),
    );
    expect(ackedAfterBackup, 'commands kept being answered while the backup ran').toBeGreaterThan(
      ackedBeforeBackup,
    );
    // The box's Prometheus metrics saw those commands.
    const metrics = await fetch(`${box.url}/api/v1/box/metrics`, { headers });
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    const text = await metrics.text();
    const count = Number(/^felt_command_duration_seconds_count (\d+)$/m.exec(text)?.[1]);
    expect(count).toBeGreaterThanOrEqual(acked - ackedBeforeBackup);
    expect(text).toMatch(/^felt_open_tournaments 1$/m);
    expect(text).toMatch(/^felt_sockets\{channel="public"\} \d+$/m);
    expect(text).toMatch(/^felt_last_sync_age_seconds NaN$/m);
    expect((await fetch(`${box.url}/api/v1/box/metrics`)).status, 'metrics need a sign-in').toBe(401);
    // The box prints one JSON line per request, naming the venue and tournament.
    const logged = box
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{') && l.includes('"msg":"request"'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged).toContainEqual(
      expect.objectContaining({
        runtime: 'box',
        method: 'POST',
        status: 201,
        venueId: DEMO_VENUE.id,
        tournamentId,
      }),
    );
    const original = (await (await fetch(`${base}/events?after=0&limit=1000`, { headers })).json()) as {
      events: { seq: number }[];
    };

    // Restoring onto the folder of the running box is refused and changes nothing.
    const onRunning = await cli(['restore', '--from', backupDir, '--data-dir', data, '--replace']);
    expect(onRunning.code).toBe(5);
    expect(onRunning.out).toContain('BOX_RUNNING');

    const restored = join(root, 'restored');
    const restore = await cli(['restore', '--from', backupDir, '--data-dir', restored]);
    expect(restore.code, restore.out).toBe(0);
    const second = await startBoxProcess(restored, await freePort());
    boxes.push(second);
    const doctor = await cli(['doctor', '--data-dir', restored, '--url', second.url]);
    expect(doctor.code, doctor.out).toBe(0);
    expect(doctor.out).toMatch(/^ok +database/m);

    // The same staff sign in on the restored box (its users and keys came along).
    const { token: again } = await demoToken(second.url);
    const copyBase = `${second.url}/api/v1/venues/${DEMO_VENUE.id}/tournaments/${tournamentId}`;
    const copy = (await (
      await fetch(`${copyBase}/events?after=0&limit=1000`, { headers: { authorization: `Bearer ${again}` } })
    ).json()) as { seq: number; events: { seq: number }[] };
    expect(copy.seq, 'every acknowledged command from before the backup').toBeGreaterThanOrEqual(
      ackedBeforeBackup,
    );
    expect(copy.events).toEqual(original.events.slice(0, copy.events.length));
    // And the restored tournament runs on from where the backup left it.
    const next = await fetch(`${copyBase}/commands`, {
      method: 'POST',
      headers: { authorization: `Bearer ${again}`, 'content-type': 'application/json' },
      body: JSON.stringify({ commandId: crypto.randomUUID(), type: 'AddTime', payload: { ms: 1000 } }),
    });
    expect(next.status).toBe(201);
    expect(((await next.json()) as { seq: number }).seq).toBe(copy.seq + 1);
  });
});
