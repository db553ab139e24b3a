/**
 * The TournamentHost over a real libSQL file: a cold start restores a snapshot that leaves the
 * command log's events out, and an undo of a command from before the snapshot still works,
 * because the host reads that command's events back from the event log first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../engine/core/ctx.ts';
import { mapGet } from '../../engine/tournament/pmap.ts';
import { replay } from '../../engine/tournament/replay.ts';
import { getEntry } from '../../engine/tournament/state.ts';
import { BUY_IN, testStructure } from '../../engine/tournament/testing.ts';
import type { TournamentCommand, TournamentEventAny } from '../../engine/tournament/types.ts';
import { type TimedCommand, TournamentHost } from '../tournament/host.ts';
import { TournamentLog } from '../tournament/log.ts';
import { LibsqlStorage } from './libsql.ts';
import { openLibsqlFile } from './libsql-open.ts';

const TD: Actor = { id: 'td-1', role: 'td' };
const T0 = 1_700_000_000_000;
const ID = 't-cold';

let dir = '';
let close: () => void = () => undefined;
let storage: LibsqlStorage;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'felt-host-'));
  const client = await openLibsqlFile(join(dir, 'felt.db'));
  close = () => client.close();
  storage = new LibsqlStorage(client);
  await storage.migrate();
});

afterEach(() => {
  close();
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh host as after a restart: snapshot + tail from storage. */
function coldHost(): Promise<TournamentHost> {
  return TournamentHost.load(new TournamentLog(storage, ID));
}

function cmd(commandId: string, body: Record<string, unknown>): TournamentCommand {
  return { ...body, commandId } as TournamentCommand;
}

/** Created, open, 6 players in, started: imported in one batch, which writes a snapshot. */
async function imported(): Promise<TournamentHost> {
  const host = await coldHost();
  const history: TimedCommand[] = [
    {
      command: cmd('c-create', {
        type: 'CreateTournament',
        name: 'Friday',
        structure: testStructure(),
        buyIn: BUY_IN,
      }),
      at: T0 - 3_600_000,
    },
    { command: cmd('c-open', { type: 'OpenRegistration' }), at: T0 - 3_000_000 },
    ...[1, 2, 3, 4, 5, 6].map((i) => ({
      command: cmd(`c-reg-${i}`, { type: 'Register', playerId: `p${i}`, name: `Player ${i}` }),
      at: T0 - 2_000_000 + i,
    })),
    { command: cmd('c-start', { type: 'StartTournament' }), at: T0 },
    {
      command: cmd('c-bust-6', { type: 'BustPlayers', busts: [{ entryId: 'e6' }], hitmanEntryId: 'e1' }),
      at: T0 + 60_000,
    },
  ];
  const answer = await host.importHistory(history, TD, T0 + 60_000);
  expect(answer.ok).toBe(true);
  // The box packs its snapshots (snapshot-codec.ts).
  expect((await storage.loadSnapshot(ID))?.body.startsWith('deflate-raw;base64,')).toBe(true);
  return host;
}

async function allEvents(): Promise<TournamentEventAny[]> {
  return (await storage.readEvents(ID, 0, 10_000)).map((e) => JSON.parse(e.body) as TournamentEventAny);
}

describe('TournamentHost cold start', () => {
  it('given a snapshot, when the host starts cold, then the command events stay in the event log, not in memory', async () => {
    await imported();
    const cold = await coldHost();
    expect(mapGet(cold.state.log, 'c-bust-6')?.events).toBeNull();
    expect(cold.seq).toBe((await allEvents()).length);
  });

  it('given a restart, when a command from before the snapshot is undone, then it is undone as if there had been no restart', async () => {
    await imported();
    const cold = await coldHost();
    const answer = await cold.command(
      cmd('u-1', { type: 'Undo', targetCommandId: 'c-bust-6' }),
      TD,
      T0 + 120_000,
    );
    expect(answer.ok).toBe(true);
    expect(getEntry(cold.state, 'e6')?.status).toBe('active');
    expect(getEntry(cold.state, 'e1')?.knockouts).toBe(0);
    // The state equals a full replay of the log, once both forget the events replay keeps.
    const full = replay(await allEvents(), ID);
    expect(getEntry(cold.state, 'e6')).toEqual(getEntry(full, 'e6'));
    expect(cold.state.playersLeft).toBe(full.playersLeft);
  });

  it('given an undo in the tail naming a command from before the snapshot, when the host restarts, then the tail replays', async () => {
    const host = await imported();
    expect(
      (await host.command(cmd('u-1', { type: 'Undo', targetCommandId: 'c-bust-6' }), TD, T0 + 120_000)).ok,
    ).toBe(true);
    // A redo in the tail too: it names the undo (in the tail) whose base is before the snapshot.
    expect(
      (await host.command(cmd('u-2', { type: 'Undo', targetCommandId: 'u-1' }), TD, T0 + 180_000)).ok,
    ).toBe(true);
    const cold = await coldHost();
    expect(getEntry(cold.state, 'e6')?.status).toBe('busted');
    expect(getEntry(cold.state, 'e1')?.knockouts).toBe(1);
    // And the redo can itself be undone after the restart.
    expect(
      (await cold.command(cmd('u-3', { type: 'Undo', targetCommandId: 'u-2' }), TD, T0 + 240_000)).ok,
    ).toBe(true);
    expect(getEntry(cold.state, 'e6')?.status).toBe('active');
  });

  it('given a repeated commandId after a restart, then the first answer comes back and nothing is appended', async () => {
    const host = await imported();
    const first = await host.command(
      cmd('u-1', { type: 'Undo', targetCommandId: 'c-bust-6' }),
      TD,
      T0 + 120_000,
    );
    const cold = await coldHost();
    const again = await cold.command(
      cmd('u-1', { type: 'Undo', targetCommandId: 'c-bust-6' }),
      TD,
      T0 + 180_000,
    );
    expect(again).toMatchObject({ ok: true, repeated: true, seq: first.ok ? first.seq : -1 });
    expect(cold.seq).toBe(first.ok ? first.seq : -1);
  });
});
