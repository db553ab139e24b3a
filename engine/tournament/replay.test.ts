import { describe, expect, it } from 'vitest';
import { isDomainError } from '../core/errors.ts';
import { seededRandom } from '../core/random.ts';
import { missingForCommand, withCommandEvents } from './command-log.ts';
import { commandSchema, isTournamentCommand } from './commands.schema.ts';
import { decide } from './decide.ts';
import { evolve } from './evolve.ts';
import { mapHas, mapValues } from './pmap.ts';
import { replay, restore, snapshot } from './replay.ts';
import { standings } from './standings.ts';
import { getEntry } from './state.ts';
import { BUY_IN, Harness, MIN, T0, testStructure, withAllCommandEvents } from './testing.ts';
import { commandIds } from './undo.ts';

describe('replay and snapshots', () => {
  it('given a played tournament, when its events are replayed, then the state is the same', () => {
    const h = new Harness();
    h.started(5);
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e5' }], hitmanEntryId: 'e1' });
    expect(replay(h.events, 't-1')).toEqual(h.state);
  });
  it('given a snapshot, when restored, then it is the state without the command events, as plain JSON', () => {
    const h = new Harness();
    h.started(3);
    const restored = restore(snapshot(h.state));
    if (isDomainError(restored)) throw restored;
    expect(withAllCommandEvents(restored, h.events)).toEqual(JSON.parse(JSON.stringify(h.state)));
    expect(mapValues(restored.log).every((r) => r.events === null)).toBe(true);
    expect(commandIds(restored)).toEqual(commandIds(h.state));
  });
  it('given a snapshot, then it is much smaller than the state: the events stay in the event log', () => {
    const h = new Harness();
    h.started(40);
    expect(snapshot(h.state).length).toBeLessThan(JSON.stringify(h.state).length * 0.75);
  });
  it('given a restored snapshot, when a command from before it is undone, then its events are read back and the undo works', () => {
    const h = new Harness();
    h.started(5);
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e5' }], hitmanEntryId: 'e1' }, T0 + MIN);
    const bust = h.lastId;
    const restored = restore(snapshot(h.state));
    if (isDomainError(restored)) throw restored;
    const undo = { commandId: 'u1', type: 'Undo', targetCommandId: bust } as const;
    const ctx = { now: T0 + 2 * MIN, actor: { id: 'td', role: 'td' as const }, random: seededRandom('u1') };
    // Without its events the undo is refused, not guessed at.
    expect(decide(restored, undo, ctx)).toMatchObject({ code: 'UNDO_HISTORY_NOT_LOADED' });
    const spans = missingForCommand(restored, undo);
    expect(spans).toEqual([{ commandId: bust, seq: h.events.length - 1, count: 1 }]);
    const loaded = withCommandEvents(restored, bust, h.events.slice(-1));
    expect(missingForCommand(loaded, undo)).toEqual([]);
    const out = decide(loaded, undo, ctx);
    if (isDomainError(out)) throw out;
    let s = loaded;
    for (const e of out) s = evolve(s, e);
    expect(getEntry(s, 'e5')?.status).toBe('active');
    expect(getEntry(s, 'e1')?.knockouts).toBe(0);
    // The redo names the undo (in memory) whose base (the bust) is now loaded too.
    const redo = { commandId: 'u2', type: 'Undo', targetCommandId: 'u1' } as const;
    expect(missingForCommand(s, redo)).toEqual([]);
  });
  it('given a restored snapshot, then views work without building the command log; deciding builds it', () => {
    const h = new Harness();
    h.started(4);
    const [headLine] = snapshot(h.state).split('\n');
    // A log line that cannot be read shows when (and only when) the log is first used.
    const broken = restore(`${headLine}\n[1]`);
    if (isDomainError(broken)) throw broken;
    expect(standings(broken, T0).entries).toHaveLength(4);
    expect(() => mapHas(broken.log, 'c1')).toThrow(/does not hold/);
    const restored = restore(snapshot(h.state));
    if (isDomainError(restored)) throw restored;
    expect(mapHas(restored.log, 'c1')).toBe(true);
    expect(restored.log.size).toBe(h.state.log.size);
  });
  it("given events that are not the command's own, when loaded back, then refused", () => {
    const h = new Harness();
    h.started(2);
    const restored = restore(snapshot(h.state));
    if (isDomainError(restored)) throw restored;
    const last = h.events.at(-1);
    if (last === undefined) throw new Error('no events');
    expect(() => withCommandEvents(restored, 'c1', [last])).toThrow(/not its 1 events/);
  });
  it('given another format or garbage, when restored, then SNAPSHOT_VERSION / SNAPSHOT_INVALID', () => {
    const h = new Harness().create();
    // Format 1 (the whole state, events included) is refused: the host then replays the log.
    expect(restore(JSON.stringify(h.state))).toMatchObject({ code: 'SNAPSHOT_VERSION' });
    const [headLine, logLine] = snapshot(h.state).split('\n');
    const current = JSON.parse(headLine ?? '') as { state: Record<string, unknown> };
    expect(
      restore(`${JSON.stringify({ ...current, state: { ...current.state, version: 0 } })}\n${logLine}`),
    ).toMatchObject({
      code: 'SNAPSHOT_VERSION',
    });
    expect(restore('{')).toMatchObject({ code: 'SNAPSHOT_INVALID' });
    expect(restore('{"format":2}')).toMatchObject({ code: 'SNAPSHOT_INVALID' });
    // The state without its log line.
    expect(restore(JSON.stringify(current))).toMatchObject({ code: 'SNAPSHOT_INVALID' });
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
