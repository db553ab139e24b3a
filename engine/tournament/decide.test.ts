import { describe, expect, it } from 'vitest';
import { clockAt, phaseAt, standings } from './standings.ts';
import { getEntry } from './state.ts';
import { ADD_ON, BUY_IN, Harness, LEVEL_MS, MIN, REBUY, T0, testStructure } from './testing.ts';

describe('CreateTournament / Configure', () => {
  it('given a new tournament, when created, then the config is resolved with defaults (DKK, no bounties)', () => {
    const h = new Harness().create();
    expect(h.state.config?.currency).toBe('DKK');
    expect(h.state.config?.rules.bountyMode).toBe('none');
    expect(h.state.status).toBe('announced');
    expect(phaseAt(h.state, T0)).toBe('announced');
  });
  it('given a created tournament, when created again, then TOURNAMENT_EXISTS', () => {
    const h = new Harness().create();
    expect(
      h.fail({ type: 'CreateTournament', name: 'x', structure: testStructure(), buyIn: BUY_IN }).code,
    ).toBe('TOURNAMENT_EXISTS');
  });
  it('given an invalid structure, when created, then the structure error comes back', () => {
    const h = new Harness();
    const bad = testStructure({ levels: [] });
    expect(h.fail({ type: 'CreateTournament', name: 'x', structure: bad, buyIn: BUY_IN }).code).toMatch(
      /^STRUCTURE|CLOCK|INVALID/,
    );
  });
  it('given a bad currency, when created, then INVALID_CONFIGURATION names it', () => {
    const h = new Harness();
    const err = h.fail({
      type: 'CreateTournament',
      name: 'x',
      structure: testStructure(),
      buyIn: BUY_IN,
      currency: 'XXQ',
    });
    expect(err.code).toBe('INVALID_CONFIGURATION');
    expect(err.message).toContain('XXQ');
  });
  it('given a bounty part but bounty mode none, when created, then it is refused', () => {
    const h = new Harness();
    const err = h.fail({
      type: 'CreateTournament',
      name: 'x',
      structure: testStructure(),
      buyIn: { ...BUY_IN, bounty: 5_000 },
    });
    expect(err.code).toBe('INVALID_CONFIGURATION');
  });
  it('given no tournament, when any other command comes, then TOURNAMENT_NOT_CREATED', () => {
    expect(new Harness().fail({ type: 'OpenRegistration' }).code).toBe('TOURNAMENT_NOT_CREATED');
  });
  it('given an announced tournament, when configured, then the change merges over the config', () => {
    const h = new Harness().create();
    h.run({ type: 'Configure', rules: { capacity: 50 }, guarantee: 1_000_000 });
    expect(h.state.config?.rules.capacity).toBe(50);
    expect(h.state.config?.rules.maxEntriesPerPlayer).toBe(1);
    expect(h.state.config?.guarantee).toBe(1_000_000);
  });
  it('given a running tournament, when configured, then CONFIG_LOCKED', () => {
    const h = new Harness();
    h.started(2);
    expect(h.fail({ type: 'Configure', name: 'Other' }).code).toBe('CONFIG_LOCKED');
  });
  it('given a duplicate command id, when decided, then DUPLICATE_COMMAND_ID', async () => {
    const h = new Harness().create();
    const { decide } = await import('./decide.ts');
    const { ctxAt } = await import('./testing.ts');
    const out = decide(h.state, { type: 'OpenRegistration', commandId: 'c1' }, ctxAt(T0, 'x'));
    expect(out).toMatchObject({ code: 'DUPLICATE_COMMAND_ID' });
  });
});

describe('registration', () => {
  it('given an announced tournament, when a player registers, then REGISTRATION_NOT_OPEN', () => {
    const h = new Harness().create();
    expect(h.fail({ type: 'Register', playerId: 'p1', name: 'Anna' }).code).toBe('REGISTRATION_NOT_OPEN');
  });
  it('given open registration, when a player registers, then an entry is charged the buy-in', () => {
    const h = new Harness().create();
    h.run({ type: 'OpenRegistration' });
    expect(phaseAt(h.state, T0)).toBe('registration-open');
    const [id] = h.register(1);
    const e = getEntry(h.state, id as string);
    expect(e?.status).toBe('active');
    expect(e?.paid).toEqual({ price: 18_000, fee: 2_000, bounty: 0, chips: 20_000 });
    expect(h.state.entrants).toBe(1);
    expect(standings(h.state).prizePool.total).toBe(18_000);
  });
  it('given a registered player, when registering again, then PLAYER_ALREADY_REGISTERED', () => {
    const h = new Harness().create();
    h.run({ type: 'OpenRegistration' });
    h.register(1);
    expect(h.fail({ type: 'Register', playerId: 'p1', name: 'Player 1' }).code).toBe(
      'PLAYER_ALREADY_REGISTERED',
    );
  });
  it('given a blank name, when registering, then INVALID_PLAYER', () => {
    const h = new Harness().create();
    h.run({ type: 'OpenRegistration' });
    expect(h.fail({ type: 'Register', playerId: 'p1', name: ' ' }).code).toBe('INVALID_PLAYER');
  });
  it('given registration closed by the TD, when a player registers, then REGISTRATION_CLOSED; reopening works', () => {
    const h = new Harness().create();
    h.run({ type: 'OpenRegistration' });
    h.run({ type: 'CloseRegistration' });
    expect(h.fail({ type: 'Register', playerId: 'p1', name: 'A' }).code).toBe('REGISTRATION_CLOSED');
    expect(h.fail({ type: 'CloseRegistration' }).code).toBe('REGISTRATION_CLOSED');
    h.run({ type: 'OpenRegistration' });
    h.register(1);
    expect(h.fail({ type: 'OpenRegistration' }).code).toBe('REGISTRATION_ALREADY_OPEN');
  });
  it('given a full tournament, when a player registers, then they join the waiting list with the TD message', () => {
    const h = new Harness().create({ rules: { capacity: 2 } });
    h.run({ type: 'OpenRegistration' });
    h.register(2);
    const out = h.run({ type: 'Register', playerId: 'p3', name: 'Carl' });
    expect(out[0]).toMatchObject({ type: 'AlternateAdded', position: 1 });
    expect(out[0]?.type === 'AlternateAdded' && out[0].message).toMatch(
      /^Tournament full: 2 of 2 seats taken \(added to the waiting list/,
    );
    expect(h.state.waitingList.map((a) => a.playerId)).toEqual(['p3']);
    expect(h.fail({ type: 'Register', playerId: 'p3', name: 'Carl' }).code).toBe('ALREADY_ON_WAITING_LIST');
  });
  it('given a full tournament without a waiting list, when a player registers, then TOURNAMENT_FULL', () => {
    const h = new Harness().create({ rules: { capacity: 2, waitingList: false } });
    h.run({ type: 'OpenRegistration' });
    h.register(2);
    const err = h.fail({ type: 'Register', playerId: 'p3', name: 'Carl' });
    expect(err.code).toBe('TOURNAMENT_FULL');
    expect(err.message).toBe('Tournament full: 2 of 2 seats taken');
  });
  it('given an alternate and a freed seat, when the TD promotes, then the alternate gets an entry', () => {
    const h = new Harness().create({ rules: { capacity: 2 } });
    h.run({ type: 'OpenRegistration' });
    const [a] = h.register(2);
    h.run({ type: 'Register', playerId: 'p3', name: 'Carl' });
    expect(h.fail({ type: 'PromoteAlternate' }).code).toBe('TOURNAMENT_FULL');
    h.run({ type: 'Unregister', entryId: a as string });
    const out = h.run({ type: 'PromoteAlternate' });
    expect(out.map((e) => e.type)).toEqual(['AlternatePromoted', 'EntryRegistered']);
    expect(h.state.waitingList).toEqual([]);
    expect(h.state.playersLeft).toBe(2);
    expect(h.fail({ type: 'PromoteAlternate' }).code).toBe('NO_ALTERNATES');
    expect(h.fail({ type: 'PromoteAlternate', playerId: 'zz' }).code).toBe('ALTERNATE_NOT_FOUND');
  });
  it('given a seat free but alternates waiting, when a newcomer registers, then they queue behind', () => {
    const h = new Harness().create({ rules: { capacity: 2 } });
    h.run({ type: 'OpenRegistration' });
    const [a] = h.register(2);
    h.run({ type: 'Register', playerId: 'p3', name: 'Carl' });
    h.run({ type: 'Unregister', entryId: a as string });
    expect(h.run({ type: 'Register', playerId: 'p4', name: 'Dora' })[0]?.type).toBe('AlternateAdded');
  });
  it('given a registered entry before the start, when unregistered, then it is refunded and leaves the field', () => {
    const h = new Harness().create();
    h.run({ type: 'OpenRegistration' });
    const [a] = h.register(2);
    const out = h.run({ type: 'Unregister', entryId: a as string });
    expect(out[0]).toMatchObject({ type: 'EntryUnregistered', refund: { price: 18_000, fee: 2_000 } });
    expect(h.state.entrants).toBe(1);
    expect(h.state.money.fromEntries).toBe(18_000);
    expect(h.fail({ type: 'Unregister', entryId: a as string }).code).toBe('ENTRY_NOT_ACTIVE');
    expect(h.fail({ type: 'Unregister', entryId: 'nope' }).code).toBe('ENTRY_NOT_FOUND');
  });
  it('given a running tournament, when unregistering, then UNREGISTER_AFTER_START', () => {
    const h = new Harness();
    const [a] = h.started(2);
    expect(h.fail({ type: 'Unregister', entryId: a as string }).code).toBe('UNREGISTER_AFTER_START');
  });
  it('given late registration until level 4, when registering in level 4 then in the break after it, then open then closed', () => {
    const h = new Harness();
    h.started(2);
    h.now = T0 + 3 * LEVEL_MS + MIN;
    h.run({ type: 'Register', playerId: 'late', name: 'Late Larry' });
    expect(standings(h.state, h.now).lateRegistrationOpen).toBe(true);
    const err = h.fail({ type: 'Register', playerId: 'later', name: 'Too Late' }, T0 + 4 * LEVEL_MS + MIN);
    expect(err.code).toBe('LATE_REGISTRATION_CLOSED');
    expect(err.message).toBe('Late registration closed after level 4');
  });
  it('given the TD closed late registration, when registering in the window, then LATE_REGISTRATION_CLOSED', () => {
    const h = new Harness();
    h.started(2);
    h.run({ type: 'CloseRegistration' });
    expect(h.fail({ type: 'Register', playerId: 'x', name: 'X' }).code).toBe('LATE_REGISTRATION_CLOSED');
  });
});

describe('re-entry', () => {
  function reentryGame(max = 2): Harness {
    const h = new Harness();
    h.started(3, { rules: { reentry: true, maxEntriesPerPlayer: max } });
    return h;
  }
  it('given a busted player in late reg, when re-entering, then a NEW entry counts as an entrant and is charged again', () => {
    const h = reentryGame();
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e1' }] }, T0 + MIN);
    const out = h.run({ type: 'Reenter', playerId: 'p1' });
    expect(out[0]).toMatchObject({
      type: 'EntryRegistered',
      entryId: 'e4',
      kind: 'reentry',
      previousEntryId: 'e1',
    });
    expect(h.state.entrants).toBe(4);
    expect(h.state.playersLeft).toBe(3);
    expect(h.state.money.reentries).toBe(1);
    expect(h.state.money.fromEntries).toBe(4 * 18_000);
  });
  it('given a player still in, when re-entering, then PLAYER_STILL_IN', () => {
    expect(reentryGame().fail({ type: 'Reenter', playerId: 'p1' }).code).toBe('PLAYER_STILL_IN');
  });
  it('given the max entries used, when re-entering, then MAX_ENTRIES_REACHED', () => {
    const h = reentryGame(2);
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e1' }] }, T0 + MIN);
    h.run({ type: 'Reenter', playerId: 'p1' });
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e4' }] });
    const err = h.fail({ type: 'Reenter', playerId: 'p1' });
    expect(err.code).toBe('MAX_ENTRIES_REACHED');
    expect(err.message).toBe('Player 1 has used 2 of 2 entries allowed per player');
  });
  it('given re-entry not allowed, when re-entering, then REENTRY_NOT_ALLOWED; registering again says re-entry is required', () => {
    const h = new Harness();
    h.started(3);
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e1' }] }, T0 + MIN);
    expect(h.fail({ type: 'Reenter', playerId: 'p1' }).code).toBe('REENTRY_NOT_ALLOWED');
    expect(h.fail({ type: 'Register', playerId: 'p1', name: 'Player 1' }).code).toBe('REENTRY_REQUIRED');
  });
  it('given late registration over, when re-entering, then LATE_REGISTRATION_CLOSED', () => {
    const h = reentryGame();
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e1' }] }, T0 + 5 * LEVEL_MS);
    expect(h.fail({ type: 'Reenter', playerId: 'p1' }).code).toBe('LATE_REGISTRATION_CLOSED');
  });
  it('given an unknown player, when re-entering, then PLAYER_NOT_FOUND', () => {
    expect(reentryGame().fail({ type: 'Reenter', playerId: 'ghost' }).code).toBe('PLAYER_NOT_FOUND');
  });
});

describe('rebuys and add-ons', () => {
  function rebuyGame(rules = {}): Harness {
    const h = new Harness();
    h.started(3, {
      rebuy: REBUY,
      addOn: ADD_ON,
      rules: { maxRebuysPerEntry: 2, rebuyMaxChips: 20_000, ...rules },
    });
    return h;
  }
  it('given the rebuy window, when a short stack rebuys, then the same entry is charged and gets chips', () => {
    const h = rebuyGame();
    h.run({ type: 'Rebuy', entryId: 'e1', chips: 5_000 }, T0 + MIN);
    expect(getEntry(h.state, 'e1')?.rebuys).toHaveLength(1);
    expect(h.state.entrants).toBe(3);
    expect(h.state.money.chipsIssued).toBe(80_000);
    expect(h.state.money.fromEntries).toBe(4 * 18_000);
  });
  it('given a stack above the threshold, when rebuying, then REBUY_STACK_TOO_HIGH; no count, REBUY_CHIPS_REQUIRED', () => {
    const h = rebuyGame();
    h.now = T0 + MIN;
    const err = h.fail({ type: 'Rebuy', entryId: 'e1', chips: 25_000 });
    expect(err.code).toBe('REBUY_STACK_TOO_HIGH');
    expect(err.message).toBe('Rebuys are allowed at 20000 chips or fewer; Player 1 has 25000');
    expect(h.fail({ type: 'Rebuy', entryId: 'e1' }).code).toBe('REBUY_CHIPS_REQUIRED');
  });
  it('given the limit used, when rebuying again, then REBUY_LIMIT_REACHED', () => {
    const h = rebuyGame();
    h.now = T0 + MIN;
    h.run({ type: 'Rebuy', entryId: 'e1', chips: 0 });
    h.run({ type: 'Rebuy', entryId: 'e1', chips: 0 });
    const err = h.fail({ type: 'Rebuy', entryId: 'e1', chips: 0 });
    expect(err.code).toBe('REBUY_LIMIT_REACHED');
    expect(err.message).toBe('Entry #1 (Player 1) has used 2 of 2 rebuys');
  });
  it('given level 5, when rebuying, then "Rebuys closed after level 4"', () => {
    const h = rebuyGame();
    const err = h.fail({ type: 'Rebuy', entryId: 'e1', chips: 0 }, T0 + 4 * LEVEL_MS + 11 * MIN);
    expect(err.code).toBe('REBUY_CLOSED');
    expect(err.message).toBe('Rebuys closed after level 4');
  });
  it('given no rebuy profile, when rebuying, then REBUY_NOT_OFFERED; before the start, TOURNAMENT_NOT_RUNNING', () => {
    const h = new Harness();
    h.started(2);
    expect(h.fail({ type: 'Rebuy', entryId: 'e1' }).code).toBe('REBUY_NOT_OFFERED');
    const g = new Harness().create({ rebuy: REBUY });
    g.run({ type: 'OpenRegistration' });
    g.register(1);
    expect(g.fail({ type: 'Rebuy', entryId: 'e1' }).code).toBe('TOURNAMENT_NOT_RUNNING');
  });
  it('given the break after level 4, when taking the add-on, then it is charged once; twice is refused', () => {
    const h = rebuyGame();
    h.run({ type: 'AddOn', entryId: 'e2' }, T0 + 4 * LEVEL_MS + MIN);
    expect(getEntry(h.state, 'e2')?.addOn).not.toBeNull();
    expect(h.state.money.addOns).toBe(1);
    expect(h.fail({ type: 'AddOn', entryId: 'e2' }).code).toBe('ADDON_ALREADY_TAKEN');
  });
  it('given level 5, when taking the add-on, then ADDON_CLOSED', () => {
    const h = rebuyGame();
    expect(h.fail({ type: 'AddOn', entryId: 'e2' }, T0 + 5 * LEVEL_MS).code).toBe('ADDON_CLOSED');
  });
});

describe('clock commands', () => {
  it('given a started tournament, when pausing, adding time and resuming, then the derived clock follows', () => {
    const h = new Harness();
    h.started(2);
    expect(h.fail({ type: 'StartTournament' }).code).toBe('TOURNAMENT_ALREADY_STARTED');
    h.run({ type: 'PauseClock' }, T0 + 5 * MIN);
    expect(clockAt(h.state, T0 + 50 * MIN)?.remainingMs).toBe(15 * MIN);
    h.run({ type: 'AddTime', ms: 2 * MIN });
    h.run({ type: 'ResumeClock' }, T0 + 10 * MIN);
    expect(clockAt(h.state, T0 + 10 * MIN)?.remainingMs).toBeGreaterThan(16 * MIN);
    h.run({ type: 'RemoveTime', ms: MIN });
    h.run({ type: 'GoToLevel', levelIndex: 2 });
    expect(clockAt(h.state, h.now)?.playLevelNumber).toBe(3);
    h.run({ type: 'RestartLevel' }, h.now + MIN);
    expect(clockAt(h.state, h.now)?.remainingMs).toBe(LEVEL_MS);
  });
  it('given a clock error, when pausing twice, then the clock module error comes back', () => {
    const h = new Harness();
    h.started(2);
    h.run({ type: 'PauseClock' }, T0 + MIN);
    expect(h.fail({ type: 'PauseClock' }).code).toBe('CLOCK_NOT_RUNNING');
    expect(h.fail({ type: 'AddTime', ms: 0 }).code).toBe('INVALID_TIME');
  });
  it('given a running clock, when resuming or jumping to a level that does not exist, then the clock errors', () => {
    const h = new Harness();
    h.started(2);
    expect(h.fail({ type: 'ResumeClock' }, T0 + MIN).code).toBe('CLOCK_NOT_PAUSED');
    expect(h.fail({ type: 'GoToLevel', levelIndex: 999 }).code).toBe('CLOCK_BAD_LEVEL');
    expect(h.fail({ type: 'RemoveTime', ms: 1.5 }).code).toBe('INVALID_TIME');
  });
  it('given a tournament not started, when pausing, then TOURNAMENT_NOT_RUNNING', () => {
    const h = new Harness().create();
    expect(h.fail({ type: 'PauseClock' }).code).toBe('TOURNAMENT_NOT_RUNNING');
  });
  it('given level 2 running, when editing future levels, then later levels change and the current one cannot', () => {
    const h = new Harness();
    h.started(2);
    h.now = T0 + LEVEL_MS + MIN;
    const levels = h.state.config?.structure.levels ?? [];
    const longer = levels.map((l, i) => (i >= 3 ? { ...l, durationMs: 30 * MIN } : l));
    h.run({ type: 'EditFutureLevels', levels: longer });
    expect(h.state.config?.structure.levels[3]?.durationMs).toBe(30 * MIN);
    const changed = levels.map((l, i) => (i === 1 ? { ...l, durationMs: 5 * MIN } : l));
    expect(h.fail({ type: 'EditFutureLevels', levels: changed }).code).toBe('STRUCTURE_PAST_LEVEL_CHANGED');
  });
  it('given a running tournament, when on the break, then the phase is on-break', () => {
    const h = new Harness();
    h.started(20);
    expect(phaseAt(h.state, T0 + MIN)).toBe('running');
    expect(phaseAt(h.state, T0 + 4 * LEVEL_MS + MIN)).toBe('on-break');
  });
});

describe('chip counts', () => {
  it('given active entries, when counts are entered, then they show in standings by stack', () => {
    const h = new Harness();
    h.started(3);
    h.run(
      {
        type: 'SetChipCount',
        counts: [
          { entryId: 'e2', chips: 30_000 },
          { entryId: 'e3', chips: 10_000 },
        ],
      },
      T0 + MIN,
    );
    const s = standings(h.state);
    expect(s.entries.map((e) => e.entryId).slice(0, 2)).toEqual(['e2', 'e3']);
    expect(s.entries[0]?.chips).toBe(30_000);
  });
  it('given bad counts, then INVALID_CHIP_COUNT, DUPLICATE_ENTRY, NO_CHIP_COUNTS, ENTRY_NOT_FOUND', () => {
    const h = new Harness();
    h.started(2);
    expect(h.fail({ type: 'SetChipCount', counts: [{ entryId: 'e1', chips: -1 }] }).code).toBe(
      'INVALID_CHIP_COUNT',
    );
    expect(
      h.fail({
        type: 'SetChipCount',
        counts: [
          { entryId: 'e1', chips: 1 },
          { entryId: 'e1', chips: 2 },
        ],
      }).code,
    ).toBe('DUPLICATE_ENTRY');
    expect(h.fail({ type: 'SetChipCount', counts: [] }).code).toBe('NO_CHIP_COUNTS');
    expect(h.fail({ type: 'SetChipCount', counts: [{ entryId: 'zz', chips: 1 }] }).code).toBe(
      'ENTRY_NOT_FOUND',
    );
  });
});

describe('money commands', () => {
  it('given a guarantee above the entries, then overlay is shown and the pool is the guarantee', () => {
    const h = new Harness();
    h.started(5);
    h.run({ type: 'SetGuarantee', amount: 200_000 });
    h.run({ type: 'SetAddedMoney', amount: 50_000 });
    const s = standings(h.state);
    expect(s.prizePool.fromEntries).toBe(90_000);
    expect(s.prizePool.overlay).toBe(200_000 - 140_000);
    expect(s.prizePool.total).toBe(200_000);
    expect(h.fail({ type: 'SetGuarantee', amount: -5 }).code).toBe('INVALID_AMOUNT');
  });
  it('given a fixed rake, then the house takes it off the entries; a negative one is refused', () => {
    const h = new Harness();
    h.started(5, { fixedRake: 2_000 });
    const pool = standings(h.state).prizePool;
    expect(pool.fromEntries).toBe(90_000);
    expect(pool.fixedRake).toBe(2_000);
    expect(pool.total).toBe(88_000);
    expect(standings(h.state).payouts.reduce((a, l) => a + l.amount, 0)).toBe(88_000);
    const c = new Harness().create();
    expect(c.fail({ type: 'Configure', fixedRake: -1 }).code).toBe('INVALID_CONFIGURATION');
  });
  it('given prizes fixed below the pool and payout.unawarded, then the rest is a line of its own, not 1st place', () => {
    const h = new Harness();
    h.started(5, { payout: { roundTo: 1, percentages: [6000, 4000], unawarded: 'carried' } });
    expect(standings(h.state).unawarded).toBeNull();
    h.run({ type: 'EditPayouts', manual: [50_000, 30_000] });
    const s = standings(h.state);
    expect(s.payouts.map((l) => l.amount)).toEqual([50_000, 30_000]);
    expect(s.unawarded).toEqual({ amount: 10_000, keptAs: 'carried' });
    const plain = new Harness();
    plain.started(5, { payout: { roundTo: 1, percentages: [6000, 4000] } });
    expect(plain.fail({ type: 'EditPayouts', manual: [50_000, 30_000] }).code).toBe(
      'PAYOUT_POOL_NOT_DISTRIBUTED',
    );
  });
  it('given manual payouts, when edited, then the line is fixed and the rest recomputed; too much is refused', () => {
    const h = new Harness();
    h.started(20);
    const total = standings(h.state).prizePool.total;
    h.run({ type: 'EditPayouts', manual: [null, 100_000] });
    const lines = standings(h.state).payouts;
    expect(lines[1]).toMatchObject({ amount: 100_000, manual: true });
    expect(lines.reduce((a, l) => a + l.amount, 0)).toBe(total);
    expect(h.fail({ type: 'EditPayouts', manual: [total + 1] }).code).toBe('PAYOUT_EXCEEDS_POOL');
  });
  it('given paid places, when locked, then their amounts stay when the pool grows', () => {
    const h = new Harness();
    h.started(20);
    const before = standings(h.state).payouts[2]?.amount;
    h.run({ type: 'LockPayouts', places: [3] });
    h.run({ type: 'SetAddedMoney', amount: 100_000 });
    expect(standings(h.state).payouts[2]).toMatchObject({ amount: before, locked: true });
    expect(h.fail({ type: 'LockPayouts', places: [99] }).code).toBe('PLACE_NOT_PAID');
  });
});

describe('finish and cancel', () => {
  it('given two players left, when finishing, then PLAYERS_STILL_IN', () => {
    const h = new Harness();
    h.started(2);
    expect(h.fail({ type: 'FinishTournament' }).code).toBe('PLAYERS_STILL_IN');
  });
  it('given one player left, when finishing, then the tournament and its clock are finished', () => {
    const h = new Harness();
    h.started(2);
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e2' }], hitmanEntryId: 'e1' }, T0 + MIN);
    h.run({ type: 'FinishTournament' });
    expect(h.state.status).toBe('finished');
    expect(clockAt(h.state, T0 + 100 * MIN)?.finished).toBe(true);
    expect(h.fail({ type: 'PauseClock' }).code).toBe('TOURNAMENT_FINISHED');
  });
  it('given a finished tournament, when cancelled, then TOURNAMENT_FINISHED', () => {
    const h = new Harness();
    h.started(2);
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e2' }] }, T0 + MIN);
    h.run({ type: 'FinishTournament' });
    expect(h.fail({ type: 'CancelTournament' }).code).toBe('TOURNAMENT_FINISHED');
  });
  it('given a running tournament, when cancelled, then every later command is refused', () => {
    const h = new Harness();
    h.started(2);
    h.run({ type: 'CancelTournament', reason: 'storm' });
    expect(h.state.status).toBe('cancelled');
    expect(phaseAt(h.state, T0)).toBe('cancelled');
    expect(h.fail({ type: 'PauseClock' }).code).toBe('TOURNAMENT_CANCELLED');
  });
});

describe('deals', () => {
  it('given three left, when an ICM deal with money left to play for is made, then amounts are recorded and finish pays them', () => {
    const h = new Harness();
    h.started(10);
    for (let i = 10; i > 3; i--) h.run({ type: 'BustPlayers', busts: [{ entryId: `e${i}` }] }, T0 + MIN);
    const stacks = [
      { entryId: 'e1', chips: 100_000 },
      { entryId: 'e2', chips: 60_000 },
      { entryId: 'e3', chips: 40_000 },
    ];
    expect(h.fail({ type: 'MakeDeal', kind: 'icm', stacks: stacks.slice(0, 2) }).code).toBe(
      'DEAL_PLAYERS_MISMATCH',
    );
    const out = h.run({ type: 'MakeDeal', kind: 'icm', stacks, leaveToPlayFor: 10_000 });
    expect(out[0]).toMatchObject({ type: 'DealMade', leftToPlayFor: 10_000 });
    expect(h.fail({ type: 'MakeDeal', kind: 'icm', stacks }).code).toBe('DEAL_ALREADY_MADE');
    expect(h.fail({ type: 'SetAddedMoney', amount: 1 }).code).toBe('DEAL_MADE');
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e3' }] });
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e2' }] });
    h.run({ type: 'FinishTournament' });
    const s = standings(h.state);
    const sum = s.entries.reduce((a, e) => a + e.prize, 0);
    expect(sum).toBe(s.prizePool.total);
    const winner = s.entries.find((e) => e.place === 1);
    const share = out[0]?.type === 'DealMade' ? out[0].shares.find((x) => x.entryId === 'e1')?.amount : 0;
    expect(winner?.prize).toBe((share ?? 0) + 10_000);
  });
  it('given a chip chop with nothing left to play for, when finishing, then the deal players are placed by chips', () => {
    const h = new Harness();
    h.started(4);
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e4' }] }, T0 + MIN);
    h.run({
      type: 'MakeDeal',
      kind: 'chip-chop',
      stacks: [
        { entryId: 'e1', chips: 10_000 },
        { entryId: 'e2', chips: 50_000 },
        { entryId: 'e3', chips: 20_000 },
      ],
    });
    h.run({ type: 'FinishTournament' });
    const s = standings(h.state);
    expect(s.entries.filter((e) => e.place !== null).map((e) => [e.entryId, e.place])).toEqual([
      ['e2', 1],
      ['e3', 2],
      ['e1', 3],
      ['e4', 4],
    ]);
    expect(s.entries.reduce((a, e) => a + e.prize, 0)).toBe(s.prizePool.total);
  });
});

describe('other prices (several profiles per kind)', () => {
  const CHEAP_REENTRY = { ...BUY_IN, id: 'reentry-nofee', name: 'Re-entry (no fee)', fee: 0 };
  const DOUBLE_REBUY = {
    ...REBUY,
    id: 'double',
    name: 'Double rebuy',
    price: 36_000,
    fee: 4_000,
    chips: 40_000,
  };
  const BIG_ADDON = { ...ADD_ON, id: 'addon-big', name: 'Big add-on', price: 20_000, chips: 60_000 };
  function game(): Harness {
    const h = new Harness();
    h.started(3, {
      rebuy: REBUY,
      addOn: ADD_ON,
      profiles: [CHEAP_REENTRY, DOUBLE_REBUY, BIG_ADDON],
      rules: { reentry: true, maxEntriesPerPlayer: 3 },
    });
    return h;
  }
  it('given another re-entry price, when a busted player re-enters at it, then that price is charged, not the buy-in', () => {
    const h = game();
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e1' }] }, T0 + MIN);
    h.run({ type: 'Reenter', playerId: 'p1', profileId: 'reentry-nofee' });
    expect(getEntry(h.state, 'e4')?.paid).toMatchObject({ price: 18_000, fee: 0 });
    expect(h.state.money.fromEntries).toBe(4 * 18_000);
    expect(h.state.money.fees).toBe(3 * 2_000);
  });
  it('given a double rebuy and a big add-on, when taken, then the entry pays and gets what those prices say', () => {
    const h = game();
    h.now = T0 + MIN;
    h.run({ type: 'Rebuy', entryId: 'e2', profileId: 'double' });
    h.run({ type: 'AddOn', entryId: 'e2', profileId: 'addon-big' });
    const paid = getEntry(h.state, 'e2')?.paid;
    expect(paid).toMatchObject({
      price: 18_000 + 36_000 + 20_000,
      fee: 2_000 + 4_000,
      chips: 20_000 + 40_000 + 60_000,
    });
    h.run({ type: 'Rebuy', entryId: 'e3' });
    expect(getEntry(h.state, 'e3')?.paid.price).toBe(36_000);
  });
  it('given a price of another kind or an unknown one, then it is refused and nothing is charged', () => {
    const h = game();
    h.now = T0 + MIN;
    const wrong = h.fail({ type: 'Rebuy', entryId: 'e1', profileId: 'addon-big' });
    expect(wrong.code).toBe('PROFILE_WRONG_KIND');
    expect(wrong.message).toBe('"Big add-on" is not a price for a rebuy (it is for an add-on)');
    expect(h.fail({ type: 'AddOn', entryId: 'e1', profileId: 'nope' }).code).toBe('PROFILE_NOT_FOUND');
    expect(h.fail({ type: 'Register', playerId: 'p9', name: 'P9', profileId: 'double' }).code).toBe(
      'PROFILE_WRONG_KIND',
    );
    expect(h.state.money.fromEntries).toBe(3 * 18_000);
  });
  it('given other prices, when configured badly, then INVALID_CONFIGURATION names the problem', () => {
    const h = new Harness().create();
    expect(h.fail({ type: 'Configure', profiles: [{ ...CHEAP_REENTRY, id: 'buyin' }] }).message).toBe(
      'Two prices have the id "buyin"',
    );
    expect(h.fail({ type: 'Configure', profiles: [DOUBLE_REBUY] }).message).toContain(
      'the tournament offers no rebuys',
    );
    expect(h.fail({ type: 'Configure', profiles: [{ ...CHEAP_REENTRY, fee: -5 }] }).code).toBe(
      'INVALID_CONFIGURATION',
    );
    h.run({ type: 'Configure', profiles: [CHEAP_REENTRY] });
    expect(h.state.config?.profiles).toEqual([CHEAP_REENTRY]);
  });
  it('given a charge at another price, when undone, then the money goes back as it was paid', () => {
    const h = game();
    h.now = T0 + MIN;
    const before = h.state.money.fromEntries;
    h.run({ type: 'Rebuy', entryId: 'e1', profileId: 'double' });
    const rebuyId = h.state.lastCommandId as string;
    h.run({ type: 'Undo', targetCommandId: rebuyId });
    expect(h.state.money.fromEntries).toBe(before);
  });
});
