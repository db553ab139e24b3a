import { describe, expect, it } from 'vitest';
import { replay, restore, snapshot } from './replay.ts';
import { payouts, prizePool } from './results.ts';
import { getEntry } from './state.ts';
import { Harness, MIN, T0 } from './testing.ts';

/** A flight of `n` players (20,000 chips each) running since T0, counts not yet entered. */
function flight(n = 4): { h: Harness; ids: string[] } {
  const h = new Harness('day1a');
  const ids = h.started(n);
  h.now = T0 + 30 * MIN;
  return { h, ids };
}

describe('BagChips', () => {
  it('given counts entered with SetChipCount, when the day is bagged, then the survivors and their bags are fixed and the clock stops', () => {
    const { h, ids } = flight(3);
    h.run({ type: 'BustPlayers', busts: [{ entryId: ids[2] as string }] });
    h.run({
      type: 'SetChipCount',
      counts: [
        { entryId: ids[0] as string, chips: 35_000 },
        { entryId: ids[1] as string, chips: 25_000 },
      ],
    });
    h.run({ type: 'BagChips' });
    expect(h.state.bag?.survivors.map((s) => [s.playerId, s.chips])).toEqual([
      ['p1', 35_000],
      ['p2', 25_000],
    ]);
    expect(h.state.bag?.total).toBe(60_000);
    expect(h.state.bag?.chipsInPlay).toBe(60_000);
    expect(h.state.bag?.pool).toBe(3 * 18_000);
    expect(h.state.bag?.entrants).toBe(3);
    expect(h.state.clock.status).toBe('paused');
  });

  it('given counts in the command, when bagged, then they replace the earlier counts', () => {
    const { h, ids } = flight(2);
    h.run({ type: 'SetChipCount', counts: [{ entryId: ids[0] as string, chips: 1 }] });
    h.run({
      type: 'BagChips',
      counts: [
        { entryId: ids[0] as string, chips: 22_000 },
        { entryId: ids[1] as string, chips: 18_000 },
      ],
    });
    expect(getEntry(h.state, ids[0] as string)?.chips).toBe(22_000);
    expect(h.state.bag?.survivors.find((s) => s.entryId === ids[0])?.chips).toBe(22_000);
  });

  it('given a survivor without a count, when bagged, then BAG_COUNT_MISSING names them and nothing changes', () => {
    const { h, ids } = flight(3);
    h.run({ type: 'SetChipCount', counts: [{ entryId: ids[0] as string, chips: 60_000 }] });
    const before = h.state;
    const err = h.fail({ type: 'BagChips' });
    expect(err.code).toBe('BAG_COUNT_MISSING');
    expect(err.message).toContain('Player 2');
    expect(err.message).toContain('Player 3');
    expect(err.details?.entryIds).toEqual([ids[1], ids[2]]);
    expect(h.state).toBe(before);
  });

  it('given bags that do not add up to the chips in play, when bagged, then BAG_TOTAL_MISMATCH unless the TD confirms', () => {
    const { h, ids } = flight(2);
    const counts = [
      { entryId: ids[0] as string, chips: 21_000 },
      { entryId: ids[1] as string, chips: 18_000 },
    ];
    const err = h.fail({ type: 'BagChips', counts });
    expect(err.code).toBe('BAG_TOTAL_MISMATCH');
    expect(err.message).toContain('39,000');
    expect(err.message).toContain('1,000 short');
    h.run({ type: 'BagChips', counts, confirmMismatch: true });
    expect(h.state.bag?.confirmedMismatch).toBe(true);
    expect(h.state.bag?.total).toBe(39_000);
  });

  it('given a zero count, when bagged, then BAG_COUNT_ZERO asks for a bust instead', () => {
    const { h, ids } = flight(2);
    const err = h.fail({
      type: 'BagChips',
      counts: [
        { entryId: ids[0] as string, chips: 40_000 },
        { entryId: ids[1] as string, chips: 0 },
      ],
    });
    expect(err.code).toBe('BAG_COUNT_ZERO');
  });

  it('given a tournament not started, when bagged, then TOURNAMENT_NOT_RUNNING', () => {
    const h = new Harness().create();
    expect(h.fail({ type: 'BagChips' }).code).toBe('TOURNAMENT_NOT_RUNNING');
  });

  it('given a bagged day, when anything else is tried (busts, registrations, the clock, counts, undo of an earlier command), then DAY_ENDED', () => {
    const { h, ids } = flight(2);
    h.run({ type: 'BustPlayers', busts: [{ entryId: ids[1] as string }] });
    const bust = h.lastId;
    h.run({ type: 'BagChips', counts: [{ entryId: ids[0] as string, chips: 40_000 }] });
    expect(h.fail({ type: 'Register', playerId: 'p9', name: 'Late' }).code).toBe('DAY_ENDED');
    expect(h.fail({ type: 'ResumeClock' }).code).toBe('DAY_ENDED');
    expect(h.fail({ type: 'SetChipCount', counts: [{ entryId: ids[0] as string, chips: 1 }] }).code).toBe(
      'DAY_ENDED',
    );
    expect(h.fail({ type: 'AddTable' }).code).toBe('DAY_ENDED');
    expect(h.fail({ type: 'BagChips' }).code).toBe('DAY_ENDED');
    expect(h.fail({ type: 'Undo', targetCommandId: bust }).code).toBe('DAY_ENDED');
  });

  it('given a bagged day, when the bag is undone and redone, then counts, clock and survivors go back and forth', () => {
    const { h, ids } = flight(2);
    h.run({ type: 'SetChipCount', counts: [{ entryId: ids[0] as string, chips: 10_000 }] });
    const clock = h.state.clock;
    h.run({
      type: 'BagChips',
      counts: [
        { entryId: ids[0] as string, chips: 30_000 },
        { entryId: ids[1] as string, chips: 10_000 },
      ],
    });
    const bag = h.lastId;
    const bagged = h.state;
    h.run({ type: 'Undo', targetCommandId: bag });
    const undo = h.lastId;
    expect(h.state.bag).toBeUndefined();
    expect(h.state.clock).toEqual(clock);
    expect(getEntry(h.state, ids[0] as string)?.chips).toBe(10_000);
    expect(getEntry(h.state, ids[1] as string)?.chips).toBeNull();
    h.run({ type: 'BustPlayers', busts: [{ entryId: ids[1] as string }] }, T0 + 40 * MIN);
    const bust = h.lastId;
    expect(h.fail({ type: 'Undo', targetCommandId: undo }).code).toBe('REDO_BLOCKED');
    h.run({ type: 'Undo', targetCommandId: bust });
    h.run({ type: 'Undo', targetCommandId: undo });
    expect(h.state.bag).toEqual(bagged.bag);
  });

  it('given a bagged day, when snapshotted and replayed, then the bag survives both', () => {
    const { h, ids } = flight(2);
    h.run({
      type: 'BagChips',
      counts: [
        { entryId: ids[0] as string, chips: 25_000 },
        { entryId: ids[1] as string, chips: 15_000 },
      ],
    });
    const restored = restore(snapshot(h.state));
    expect(restored instanceof Error ? restored : restored.bag).toEqual(h.state.bag);
    expect(replay(h.events, 'day1a').bag).toEqual(h.state.bag);
  });
});

describe('CarryEntries', () => {
  const field = [
    { playerId: 'p1', name: 'Anna', chips: 55_000, fromFlight: 'day1a' },
    { playerId: 'p2', name: 'Bo', chips: 31_000, fromFlight: 'day1b' },
  ];

  function day2(): Harness {
    const h = new Harness('day2');
    h.create();
    h.run({ type: 'OpenRegistration' });
    return h;
  }

  it('given an announced Day 2, when the field is carried, then each player has an entry with their stack, no buy-in, and the flights’ money in the pool', () => {
    const h = day2();
    h.run({ type: 'CarryEntries', entries: field, pool: 300_000, flightEntries: 20 });
    const entries = ['e1', 'e2'].map((id) => getEntry(h.state, id));
    expect(entries.map((e) => [e?.playerId, e?.chips, e?.paid.price, e?.status])).toEqual([
      ['p1', 55_000, 0, 'active'],
      ['p2', 31_000, 0, 'active'],
    ]);
    expect(h.state.money.buyIns).toBe(0);
    expect(h.state.money.chipsIssued).toBe(86_000);
    expect(h.state.playersLeft).toBe(2);
    expect(prizePool(h.state).total).toBe(300_000);
    // The payout table is sized by the flights' 20 entries: more than Day 2's 2 places paid.
    const lines = payouts(h.state);
    expect(lines instanceof Error ? lines : lines.length).toBeGreaterThan(2);
    expect(h.state.carried?.entries.map((e) => e.fromFlight)).toEqual(['day1a', 'day1b']);
  });

  it('given a carried field, when carried again, then ALREADY_CARRIED', () => {
    const h = day2();
    h.run({ type: 'CarryEntries', entries: field, pool: 0 });
    expect(h.fail({ type: 'CarryEntries', entries: field, pool: 0 }).code).toBe('ALREADY_CARRIED');
  });

  it('given a started Day 2, when a field is carried, then DAY_ALREADY_STARTED', () => {
    const h = new Harness('day2');
    h.started(2);
    expect(h.fail({ type: 'CarryEntries', entries: field, pool: 0 }).code).toBe('DAY_ALREADY_STARTED');
  });

  it('given a player twice, or one already registered in Day 2, when carried, then refused by name', () => {
    const h = day2();
    expect(h.fail({ type: 'CarryEntries', entries: [field[0]!, field[0]!], pool: 0 }).code).toBe(
      'DUPLICATE_PLAYER',
    );
    h.run({ type: 'Register', playerId: 'p2', name: 'Bo' });
    const err = h.fail({ type: 'CarryEntries', entries: field, pool: 0 });
    expect(err.code).toBe('PLAYER_ALREADY_REGISTERED');
    expect(err.message).toContain('Bo');
  });

  it('given a carried field, when undone before the start, then the entries are voided and the pool is back; redo restores them', () => {
    const h = day2();
    h.run({ type: 'CarryEntries', entries: field, pool: 300_000 });
    const carry = h.lastId;
    h.run({ type: 'Undo', targetCommandId: carry });
    const undo = h.lastId;
    expect(h.state.playersLeft).toBe(0);
    expect(h.state.carried).toBeUndefined();
    expect(prizePool(h.state).total).toBe(0);
    expect(getEntry(h.state, 'e1')?.status).toBe('voided');
    h.run({ type: 'Undo', targetCommandId: undo });
    expect(h.state.playersLeft).toBe(2);
    expect(getEntry(h.state, 'e1')?.status).toBe('active');
    expect(h.state.money.chipsIssued).toBe(86_000);
  });

  it('given a carried Day 2 played and bagged again, when bagged, then the carried stacks count as chips in play', () => {
    const h = day2();
    h.run({ type: 'CarryEntries', entries: field, pool: 0 });
    h.run({ type: 'StartTournament' }, T0);
    expect(h.fail({ type: 'Undo', targetCommandId: 'c3' }).code).toBe('UNDO_BLOCKED');
    h.run({
      type: 'BagChips',
      counts: [
        { entryId: 'e1', chips: 60_000 },
        { entryId: 'e2', chips: 26_000 },
      ],
    });
    expect(h.state.bag?.total).toBe(86_000);
  });
});
