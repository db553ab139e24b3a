import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../core/errors.ts';
import { commandSchema } from './commands.schema.ts';
import { standings } from './standings.ts';
import { BUY_IN, Harness, MIN, T0, testStructure } from './testing.ts';

/** 180 DKK to the pool per buy-in; a seat of 1,000 DKK: 20 players buy 3 seats + 600 DKK. */
const SEAT = 100_000;
const SATELLITE = { satellite: { seatValue: SEAT, remainder: 'bubble' as const } };

function bust(h: Harness, entryId: string, at = T0 + MIN) {
  return h.run({ type: 'BustPlayers', busts: [{ entryId }], hitmanEntryId: 'e1' }, at);
}

/** Busts e20, e19, … until `left` players are in. */
function bustDownTo(h: Harness, left: number): void {
  for (let n = h.state.playersLeft; n > left; n--) bust(h, `e${n}`);
}

function prizeOf(h: Harness, entryId: string): number {
  return standings(h.state).entries.find((e) => e.entryId === entryId)?.prize ?? -1;
}

describe('Satellite: seats from the pool', () => {
  it('given 20 players at 180 into the pool and a 1,000 seat, then 3 seats and 600 to the bubble', () => {
    const h = new Harness();
    h.started(20, SATELLITE);
    const s = standings(h.state);
    expect(s.prizePool.total).toBe(360_000);
    expect(s.satellite).toMatchObject({
      seatValue: SEAT,
      seats: 3,
      remainder: 60_000,
      remainderTo: 'bubble',
    });
    expect(s.payouts.map((l) => [l.place, l.amount, l.seat ?? false])).toEqual([
      [1, SEAT, true],
      [2, SEAT, true],
      [3, SEAT, true],
      [4, 60_000, false],
    ]);
  });
  it('given re-entries during late registration, then the seats follow the pool', () => {
    const h = new Harness();
    h.started(20, { ...SATELLITE, rules: { reentry: true, maxEntriesPerPlayer: 3 } });
    expect(standings(h.state).satellite?.seats).toBe(3);
    for (const n of [20, 19, 18]) {
      bust(h, `e${n}`);
      h.run({ type: 'Reenter', playerId: `p${n}` }, T0 + 2 * MIN);
    }
    // 23 entries × 180 = 4,140: 4 seats and 140 left over.
    const s = standings(h.state).satellite;
    expect([s?.seats, s?.remainder]).toEqual([4, 14_000]);
  });
  it('given the remainder shared among the seat winners, then it rides on the seats and the bubble gets nothing', () => {
    const h = new Harness();
    h.started(20, { satellite: { seatValue: SEAT, remainder: 'seat-winners' } });
    expect(standings(h.state).payouts.map((l) => l.amount)).toEqual([120_000, 120_000, 120_000]);
  });
});

describe('Satellite: play stops when the seats are won', () => {
  it('given 3 seats, when the bubble (4th) busts, then play stops, the three still in win a seat each and the bubble gets the cash', () => {
    const h = new Harness();
    h.started(20, SATELLITE);
    bustDownTo(h, 4);
    expect(h.state.status).toBe('running');
    const out = bust(h, 'e4', T0 + 30 * MIN);
    const stop = out.find((e) => e.type === 'SeatsWon');
    expect(stop).toMatchObject({ type: 'SeatsWon', seats: 3, seatValue: SEAT, entryIds: ['e1', 'e2', 'e3'] });
    expect(h.state.status).toBe('finished');
    expect(h.state.clock.status).toBe('finished');
    const s = standings(h.state);
    expect(s.satellite?.won).toBe(true);
    expect(s.satellite?.winners).toEqual(['e1', 'e2', 'e3']);
    for (const id of ['e1', 'e2', 'e3']) {
      const row = s.entries.find((e) => e.entryId === id);
      expect([row?.place, row?.placeTo, row?.prize]).toEqual([1, 3, SEAT]);
    }
    expect(prizeOf(h, 'e4')).toBe(60_000);
    expect(prizeOf(h, 'e5')).toBe(0);
    const paid = s.entries.reduce((a, e) => a + e.prize, 0);
    expect(paid).toBe(s.prizePool.total);
  });
  it('given play stopped at the bubble, when another bust is reported, then it is refused (results are final)', () => {
    const h = new Harness();
    h.started(20, SATELLITE);
    bustDownTo(h, 3);
    const err = h.fail({ type: 'BustPlayers', busts: [{ entryId: 'e3' }] });
    expect(err.code).toBe('TOURNAMENT_FINISHED');
    // The words say how to play on: there is no finish to undo, only the bubble bust.
    expect(err.message).toBe('The seats are won and play has stopped: undo the last bust to play on');
    expect(h.fail({ type: 'ResumeClock' }).code).toBe('TOURNAMENT_FINISHED');
  });
  it('given play stopped at the bubble, when the last bust is undone, then play resumes with the clock where it was', () => {
    const h = new Harness();
    h.started(20, SATELLITE);
    bustDownTo(h, 4);
    const clockBefore = h.state.clock;
    bust(h, 'e4', T0 + 30 * MIN);
    const bubbleBust = h.lastId;
    h.run({ type: 'Undo', targetCommandId: bubbleBust }, T0 + 31 * MIN);
    expect(h.state.status).toBe('running');
    expect(h.state.clock).toEqual(clockBefore);
    expect(h.state.playersLeft).toBe(4);
    expect(standings(h.state).satellite?.won).toBe(false);
    // And the TD can take the bust again: the stop comes with it.
    const out = bust(h, 'e3', T0 + 32 * MIN);
    expect(out.some((e) => e.type === 'SeatsWon')).toBe(true);
  });
  it('given play stopped, when an earlier bust is undone, then it is refused until the stopping bust is undone', () => {
    const h = new Harness();
    h.started(20, SATELLITE);
    bust(h, 'e20');
    const early = h.lastId;
    bustDownTo(h, 3);
    expect(h.fail({ type: 'Undo', targetCommandId: early }).code).toBe('TOURNAMENT_FINISHED');
  });
  it('given two players bust in one hand from 4 to 2 left, then the bigger stack takes the last seat and play stops', () => {
    const h = new Harness();
    h.started(20, SATELLITE);
    bustDownTo(h, 4);
    h.run({
      type: 'BustPlayers',
      busts: [
        { entryId: 'e3', chipsAtStartOfHand: 9_000 },
        { entryId: 'e4', chipsAtStartOfHand: 4_000 },
      ],
    });
    expect(h.state.status).toBe('finished');
    const s = standings(h.state);
    expect([...(s.satellite?.winners ?? [])].sort()).toEqual(['e1', 'e2', 'e3']);
    expect(prizeOf(h, 'e3')).toBe(SEAT);
    expect(prizeOf(h, 'e4')).toBe(60_000);
  });
  it('given two equal stacks bust across the last seat, then SATELLITE_TIE_FOR_SEAT and nothing changes', () => {
    const h = new Harness();
    h.started(20, SATELLITE);
    bustDownTo(h, 4);
    const before = h.state;
    const err = h.fail({
      type: 'BustPlayers',
      busts: [
        { entryId: 'e3', chipsAtStartOfHand: 5_000 },
        { entryId: 'e4', chipsAtStartOfHand: 5_000 },
      ],
    });
    expect(err.code).toBe('SATELLITE_TIE_FOR_SEAT');
    expect(h.state).toBe(before);
  });
});

describe('Satellite: configuration', () => {
  it('given a zero or negative seat value, then INVALID_CONFIGURATION naming the seat value', () => {
    for (const seatValue of [0, -5, 1.5]) {
      const h = new Harness();
      const err = h.fail({
        type: 'CreateTournament',
        name: 'Sat',
        structure: testStructure(),
        buyIn: BUY_IN,
        satellite: { seatValue, remainder: 'bubble' },
      });
      expect(err.code).toBe('INVALID_CONFIGURATION');
      expect(err.message).toMatch(/seat value/);
    }
  });
  it('given a seat worth no more than one buy-in, then refused: everyone would win', () => {
    const h = new Harness();
    expect(() => h.create({ satellite: { seatValue: BUY_IN.price, remainder: 'bubble' } })).toThrow(
      /worth more than one buy-in/,
    );
  });
  it('given a payout table, then refused: a satellite pays seats', () => {
    const h = new Harness();
    expect(() => h.create({ ...SATELLITE, payout: { percentages: [10_000] } })).toThrow(/pays seats/);
  });
  it('given a pool smaller than one seat at the start, then SATELLITE_NO_SEATS', () => {
    const h = new Harness();
    h.create(SATELLITE);
    h.run({ type: 'OpenRegistration' });
    h.register(5);
    const err = h.fail({ type: 'StartTournament' }, T0);
    expect(err.code).toBe('SATELLITE_NO_SEATS');
    expect(err.message).toMatch(/does not buy one seat/);
  });
  it('given a guarantee that buys a seat for everyone, then SATELLITE_EVERYONE_WINS at the start', () => {
    const h = new Harness();
    h.create({ ...SATELLITE, guarantee: 1_000_000 });
    h.run({ type: 'OpenRegistration' });
    h.register(5);
    expect(h.fail({ type: 'StartTournament' }, T0).code).toBe('SATELLITE_EVERYONE_WINS');
  });
  it('given a running satellite, then a deal and payout edits are refused', () => {
    const h = new Harness();
    const ids = h.started(20, SATELLITE);
    const deal = h.fail({
      type: 'MakeDeal',
      kind: 'chip-chop',
      stacks: ids.map((entryId) => ({ entryId, chips: 20_000 })),
    });
    expect(deal.code).toBe('SATELLITE_NO_DEAL');
    expect(h.fail({ type: 'EditPayouts', manual: [200_000] }).code).toBe('SATELLITE_PAYOUTS');
    expect(h.fail({ type: 'LockPayouts', places: [1] }).code).toBe('SATELLITE_PAYOUTS');
  });
  it('given a satellite, when configured with satellite null before the start, then it is a regular tournament again', () => {
    const h = new Harness();
    h.create(SATELLITE);
    h.run({ type: 'Configure', satellite: null });
    expect(h.state.config?.satellite).toBeUndefined();
  });
  it('given the command schema, then a seat value of 0 is a shape error and the remainder defaults to the bubble', () => {
    const bad = commandSchema.safeParse({ commandId: 'c', type: 'Configure', satellite: { seatValue: 0 } });
    expect(bad.success).toBe(false);
    const ok = commandSchema.safeParse({ commandId: 'c', type: 'Configure', satellite: { seatValue: 5 } });
    expect(ok.success && ok.data.type === 'Configure' && ok.data.satellite).toEqual({
      seatValue: 5,
      remainder: 'bubble',
    });
  });
});

describe('Satellite: property', () => {
  it('whatever the field and the busts, seats × seat value + remainder == pool, never more seat winners than seats, and play stops exactly at the seats', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 6, max: 40 }),
        fc.integer({ min: 20_000, max: 300_000 }),
        fc.constantFrom('bubble' as const, 'seat-winners' as const),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 40 }),
        (players, seatValue, remainder, hands) => {
          const h = new Harness();
          h.create({ satellite: { seatValue, remainder } });
          h.run({ type: 'OpenRegistration' });
          h.register(players);
          if (h.try({ type: 'StartTournament' }, T0) instanceof DomainError) return;
          let chips = 1_000;
          for (const size of hands) {
            if (h.state.status !== 'running') break;
            const alive = standings(h.state).entries.filter((e) => e.status === 'active');
            const out = alive.slice(1, 1 + size);
            if (out.length === 0) break;
            h.try({
              type: 'BustPlayers',
              busts: out.map((e) => ({ entryId: e.entryId, chipsAtStartOfHand: chips++ })),
            });
          }
          const s = standings(h.state);
          const sat = s.satellite;
          if (sat === null) throw new Error('not a satellite');
          expect(sat.seats * seatValue + sat.remainder).toBe(s.prizePool.total);
          expect(sat.winners.length).toBeLessThanOrEqual(sat.seats);
          if (h.state.status === 'finished') {
            expect(sat.won).toBe(true);
            expect(h.state.playersLeft).toBeLessThanOrEqual(sat.seats);
            expect(sat.winners.length).toBe(sat.seats);
            expect(s.entries.reduce((a, e) => a + e.prize, 0)).toBe(s.prizePool.total);
          } else {
            expect(h.state.playersLeft).toBeGreaterThan(sat.seats);
          }
        },
      ),
    );
  });
});
