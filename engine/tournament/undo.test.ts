import { describe, expect, it } from 'vitest';
import { seatOf } from '../seating/state.ts';
import { clockAt, standings } from './standings.ts';
import { getEntry } from './state.ts';
import { BUY_IN, Harness, MIN, REBUY, T0 } from './testing.ts';
import type { TournamentState } from './types.ts';

/** The state without the audit trail (log, event count), which undo/redo legitimately grows. */
function core(s: TournamentState): unknown {
  const { log: _log, eventCount: _n, lastCommandId: _c, ...rest } = s;
  return JSON.parse(JSON.stringify(rest));
}

describe('Undo', () => {
  it('given an older bust, when undone, then every later place is re-derived', () => {
    const h = new Harness();
    h.started(5);
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e5' }] }, T0 + MIN);
    const first = h.lastId;
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e4' }] });
    const place = (id: string) => standings(h.state).entries.find((e) => e.entryId === id)?.place;
    expect([place('e5'), place('e4')]).toEqual([5, 4]);
    const out = h.run({ type: 'Undo', targetCommandId: first });
    expect(out[0]).toMatchObject({ type: 'CommandUndone', target: first, base: first, effect: 'revert' });
    expect(getEntry(h.state, 'e5')?.status).toBe('active');
    expect(place('e4')).toBe(5);
    expect(place('e5')).toBeNull();
    expect(h.state.playersLeft).toBe(4);
  });
  it('given an undo, when the undo is undone (redo), then the state is back, modulo the audit trail', () => {
    const h = new Harness();
    h.started(5, {
      buyIn: { ...BUY_IN, price: 15_000, bounty: 5_000 },
      rules: { bountyMode: 'progressive' },
    });
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e5' }], hitmanEntryId: 'e1' }, T0 + MIN);
    const bust = h.lastId;
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e1' }], hitmanEntryId: 'e2' });
    const before = core(h.state);
    h.run({ type: 'Undo', targetCommandId: bust });
    expect(getEntry(h.state, 'e2')?.bountiesWon).toBe(2_500);
    const undo = h.lastId;
    h.run({ type: 'Undo', targetCommandId: undo });
    expect(core(h.state)).toEqual(before);
    const redo = h.lastId;
    expect(h.fail({ type: 'Undo', targetCommandId: undo }).code).toBe('ALREADY_UNDONE');
    h.run({ type: 'Undo', targetCommandId: redo });
    expect(getEntry(h.state, 'e5')?.status).toBe('active');
  });
  it('given a registration whose entry has since rebought, when undone, then UNDO_BLOCKED names the rebuy', () => {
    const h = new Harness().create({ rebuy: REBUY });
    h.run({ type: 'OpenRegistration' });
    h.register(2);
    const reg = h.lastId;
    h.run({ type: 'StartTournament' }, T0);
    h.run({ type: 'Rebuy', entryId: 'e2' }, T0 + MIN);
    const rebuy = h.lastId;
    const err = h.fail({ type: 'Undo', targetCommandId: reg });
    expect(err.code).toBe('UNDO_BLOCKED');
    expect(err.message).toContain('has rebought since');
    expect(err.details?.blockingCommandId).toBe(rebuy);
    h.run({ type: 'Undo', targetCommandId: rebuy });
    h.run({ type: 'Undo', targetCommandId: reg });
    expect(h.state.entrants).toBe(1);
    expect(standings(h.state).entries.map((e) => e.entryId)).toEqual(['e1']);
  });
  it('given a bust whose player re-entered, when the bust is undone, then UNDO_BLOCKED names the re-entry', () => {
    const h = new Harness();
    h.started(3, { rules: { reentry: true, maxEntriesPerPlayer: 2 } });
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e1' }] }, T0 + MIN);
    const bust = h.lastId;
    h.run({ type: 'Reenter', playerId: 'p1' });
    const err = h.fail({ type: 'Undo', targetCommandId: bust });
    expect(err.code).toBe('UNDO_BLOCKED');
    expect(err.details?.blockingCommandId).toBe(h.lastId.replace(/\d+$/, (n) => String(Number(n) - 1)));
  });
  it('given a clock change, when undone, then the anchors go back; an older one is blocked by the later change', () => {
    const h = new Harness();
    h.started(2);
    h.run({ type: 'AddTime', ms: 5 * MIN }, T0 + MIN);
    const add = h.lastId;
    h.run({ type: 'PauseClock' }, T0 + 2 * MIN);
    expect(h.fail({ type: 'Undo', targetCommandId: add }).code).toBe('UNDO_BLOCKED');
    h.run({ type: 'Undo', targetCommandId: h.lastId.replace(/\d+$/, (n) => String(Number(n) - 1)) });
    h.run({ type: 'Undo', targetCommandId: add });
    expect(clockAt(h.state, T0 + 2 * MIN)?.remainingMs).toBe(18 * MIN);
  });
  it('given chip counts, when undone, then the previous counts come back', () => {
    const h = new Harness();
    h.started(2);
    h.run({ type: 'SetChipCount', counts: [{ entryId: 'e1', chips: 100 }] }, T0 + MIN);
    h.run({ type: 'SetChipCount', counts: [{ entryId: 'e1', chips: 200 }] }, T0 + 2 * MIN);
    h.run({ type: 'Undo', targetCommandId: h.lastId });
    expect(getEntry(h.state, 'e1')?.chips).toBe(100);
  });
  it('given a finished tournament, when undoing a bust, then TOURNAMENT_FINISHED; undoing the finish reopens it', () => {
    const h = new Harness();
    h.started(2);
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e2' }] }, T0 + MIN);
    const bust = h.lastId;
    h.run({ type: 'FinishTournament' });
    expect(h.fail({ type: 'Undo', targetCommandId: bust }).code).toBe('TOURNAMENT_FINISHED');
    h.run({ type: 'Undo', targetCommandId: h.lastId.replace(/\d+$/, (n) => String(Number(n) - 1)) });
    expect(h.state.status).toBe('running');
    h.run({ type: 'Undo', targetCommandId: bust });
    expect(h.state.playersLeft).toBe(2);
  });
  it('given unknown or uncompensable commands, then UNDO_NOT_FOUND / UNDO_NOT_SUPPORTED', () => {
    const h = new Harness().create();
    expect(h.fail({ type: 'Undo', targetCommandId: 'nope' }).code).toBe('UNDO_NOT_FOUND');
    expect(h.fail({ type: 'Undo', targetCommandId: 'c1' }).code).toBe('UNDO_NOT_SUPPORTED');
  });
  it('given a promoted alternate, when the promotion is undone, then they are back on the waiting list', () => {
    const h = new Harness().create({ rules: { capacity: 2 } });
    h.run({ type: 'OpenRegistration' });
    h.register(2);
    h.run({ type: 'Register', playerId: 'p3', name: 'Carl' });
    h.run({ type: 'Unregister', entryId: 'e1' });
    h.run({ type: 'PromoteAlternate' });
    h.run({ type: 'Undo', targetCommandId: h.lastId });
    expect(h.state.waitingList.map((a) => a.playerId)).toEqual(['p3']);
    expect(h.state.playersLeft).toBe(1);
  });
  it('given a cancellation, when undone, then the tournament runs again', () => {
    const h = new Harness();
    h.started(2);
    h.run({ type: 'CancelTournament' });
    h.run({ type: 'Undo', targetCommandId: h.lastId });
    expect(h.state.status).toBe('running');
  });
});

describe('seating integration', () => {
  function seatedGame(): Harness {
    const h = new Harness();
    h.started(6);
    h.run({ type: 'AddTable', tableId: 't1', seats: 4 });
    h.run({ type: 'AddTable', tableId: 't2', seats: 4 });
    h.run({ type: 'DrawSeats' });
    return h;
  }
  it('given drawn seats, when a late player registers, then they get a seat in the same command', () => {
    const h = seatedGame();
    const out = h.run({ type: 'Register', playerId: 'late', name: 'Late' }, T0 + MIN);
    expect(out.map((e) => e.type)).toContain('EntrySeated');
    expect(out.every((e) => e.commandId === h.lastId)).toBe(true);
    expect(seatOf(h.state.seating, 'e7')).not.toBeNull();
  });
  it('given a seated player, when busted, then the seat is freed; when the bust is undone, they are back in their seat', () => {
    const h = seatedGame();
    const seat = seatOf(h.state.seating, 'e3');
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e3' }] }, T0 + MIN);
    expect(seatOf(h.state.seating, 'e3')).toBeNull();
    h.run({ type: 'Undo', targetCommandId: h.lastId });
    expect(seatOf(h.state.seating, 'e3')).toEqual(seat);
  });
  it('given a seated late registration, when undone, then the entry is voided and its seat freed', () => {
    const h = seatedGame();
    h.run({ type: 'Register', playerId: 'late', name: 'Late' }, T0 + MIN);
    expect(seatOf(h.state.seating, 'e7')).not.toBeNull();
    h.run({ type: 'Undo', targetCommandId: h.lastId });
    expect(seatOf(h.state.seating, 'e7')).toBeNull();
    expect(getEntry(h.state, 'e7')?.status).toBe('voided');
    expect(h.state.entrants).toBe(6);
  });
  it('given a seating command, when undone, then the seating compensates it', () => {
    const h = seatedGame();
    h.run({ type: 'AddTable', tableId: 't3', seats: 4 });
    expect(h.state.seating.tables).toHaveLength(3);
    h.run({ type: 'Undo', targetCommandId: h.lastId });
    expect(h.state.seating.tables).toHaveLength(2);
  });
  it('given hand-for-hand on, when busts are reported at two tables, then they share the hand key and tie', () => {
    const h = seatedGame();
    h.run({ type: 'StartHandForHand' }, T0 + MIN);
    const [a, b] = ['t1', 't2'].map((t) =>
      h.state.seating.tables.find((x) => x.id === t)?.occupants.find((o) => o !== null),
    );
    h.run({ type: 'BustPlayers', busts: [{ entryId: a as string }] });
    h.run({ type: 'BustPlayers', busts: [{ entryId: b as string }] });
    const rows = standings(h.state).entries.filter((e) => e.status === 'busted');
    expect(rows.map((r) => [r.place, r.placeTo])).toEqual([
      [5, 6],
      [5, 6],
    ]);
  });
});
