import { describe, expect, it } from 'vitest';
import { commandSchema, isTournamentCommand } from './commands.schema.ts';
import { replay, restore, snapshot } from './replay.ts';
import { BUY_IN, Harness, testStructure } from './testing.ts';

describe('replay and snapshots', () => {
  it('given a played tournament, when its events are replayed, then the state is the same', () => {
    const h = new Harness();
    h.started(5);
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e5' }], hitmanEntryId: 'e1' });
    expect(replay(h.events, 't-1')).toEqual(h.state);
  });
  it('given a snapshot, when restored, then it equals the state and is plain JSON', () => {
    const h = new Harness();
    h.started(3);
    const restored = restore(snapshot(h.state));
    expect(restored).toEqual(JSON.parse(JSON.stringify(h.state)));
  });
  it('given another version or garbage, when restored, then SNAPSHOT_VERSION / SNAPSHOT_INVALID', () => {
    const h = new Harness().create();
    const old = JSON.stringify({ ...h.state, version: 0 });
    expect(restore(old)).toMatchObject({ code: 'SNAPSHOT_VERSION' });
    expect(restore('{')).toMatchObject({ code: 'SNAPSHOT_INVALID' });
    expect(restore('{"version":1}')).toMatchObject({ code: 'SNAPSHOT_INVALID' });
  });
});

describe('command schema', () => {
  it('given well-formed commands, then they pass; malformed ones do not', () => {
    expect(isTournamentCommand({ commandId: 'c1', type: 'Register', playerId: 'p1', name: 'Anna' })).toBe(
      true,
    );
    expect(
      isTournamentCommand({
        commandId: 'c0',
        type: 'CreateTournament',
        name: 'Friday',
        structure: testStructure(),
        buyIn: BUY_IN,
        rules: { capacity: 100 },
      }),
    ).toBe(true);
    expect(
      isTournamentCommand({
        commandId: 'c2',
        type: 'BustPlayers',
        busts: [{ entryId: 'e1', chipsAtStartOfHand: 100 }],
      }),
    ).toBe(true);
    expect(isTournamentCommand({ commandId: 'c3', type: 'AddTable', seats: 9 })).toBe(true);
    expect(isTournamentCommand({ type: 'Register', playerId: 'p1', name: 'Anna' })).toBe(false);
    expect(isTournamentCommand({ commandId: 'c4', type: 'Register', playerId: 'p1' })).toBe(false);
    expect(isTournamentCommand({ commandId: 'c5', type: 'AddTime', ms: -5 })).toBe(false);
    expect(isTournamentCommand({ commandId: 'c6', type: 'Explode' })).toBe(false);
    expect(isTournamentCommand(null)).toBe(false);
    expect(commandSchema.safeParse({ commandId: 'c7', type: 'Undo', targetCommandId: 'c1' }).success).toBe(
      true,
    );
  });
});
