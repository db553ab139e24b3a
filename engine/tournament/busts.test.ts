import { describe, expect, it } from 'vitest';
import { standings } from './standings.ts';
import { getEntry } from './state.ts';
import { BUY_IN, Harness, MIN, T0 } from './testing.ts';

function placeOf(h: Harness, entryId: string): [number | null, number | null] {
  const e = standings(h.state).entries.find((x) => x.entryId === entryId);
  return [e?.place ?? null, e?.placeTo ?? null];
}

describe('BustPlayers: places', () => {
  it('given 10 players, when one busts, then they finish 10th', () => {
    const h = new Harness();
    h.started(10);
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e7' }], hitmanEntryId: 'e1' }, T0 + MIN);
    expect(placeOf(h, 'e7')).toEqual([10, 10]);
    expect(h.state.playersLeft).toBe(9);
    expect(getEntry(h.state, 'e7')?.bust?.hitmanEntryId).toBe('e1');
  });
  it('given two busts in one hand, when ranked by chips at the start of the hand, then the bigger stack finishes better', () => {
    const h = new Harness();
    h.started(6);
    h.run(
      {
        type: 'BustPlayers',
        busts: [
          { entryId: 'e2', chipsAtStartOfHand: 5_000 },
          { entryId: 'e3', chipsAtStartOfHand: 9_000 },
        ],
        hitmanEntryId: 'e1',
      },
      T0 + MIN,
    );
    expect(placeOf(h, 'e3')).toEqual([5, 5]);
    expect(placeOf(h, 'e2')).toEqual([6, 6]);
  });
  it('given equal stacks busted in one hand, then they tie and share the prizes of the tied places', () => {
    const h = new Harness();
    h.started(10);
    for (const id of ['e10', 'e9', 'e8', 'e7', 'e6', 'e5', 'e4'])
      h.run({ type: 'BustPlayers', busts: [{ entryId: id }] }, T0 + MIN);
    h.run({
      type: 'BustPlayers',
      busts: [
        { entryId: 'e2', chipsAtStartOfHand: 7_000 },
        { entryId: 'e3', chipsAtStartOfHand: 7_000 },
      ],
    });
    expect(placeOf(h, 'e2')).toEqual([2, 3]);
    expect(placeOf(h, 'e3')).toEqual([2, 3]);
    const s = standings(h.state);
    const second = s.payouts[1]?.amount ?? 0;
    const third = s.payouts[2]?.amount ?? 0;
    const [a = 0, b = 0] = ['e2', 'e3'].map((id) => s.entries.find((e) => e.entryId === id)?.prize ?? 0);
    expect(a + b).toBe(second + third);
    expect(Math.abs(a - b)).toBeLessThanOrEqual(1);
  });
  it('given a multi-bust without chips, then BUST_CHIPS_REQUIRED', () => {
    const h = new Harness();
    h.started(4);
    expect(
      h.fail({ type: 'BustPlayers', busts: [{ entryId: 'e2' }, { entryId: 'e3' }] }, T0 + MIN).code,
    ).toBe('BUST_CHIPS_REQUIRED');
  });
  it('given hand-for-hand busts at two tables reported separately with one hand key, then they tie (default) as one hand', () => {
    const h = new Harness();
    h.started(6);
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e5' }], handKey: 'hfh-1' }, T0 + MIN);
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e6' }], handKey: 'hfh-1' });
    expect(placeOf(h, 'e5')).toEqual([5, 6]);
    expect(placeOf(h, 'e6')).toEqual([5, 6]);
  });
  it('given hand-for-hand ranking by starting stack, then separately reported busts of one hand are ranked by chips', () => {
    const h = new Harness();
    h.started(6);
    h.run({ type: 'ConfigureSeating', config: { handForHandRanking: 'starting-stack' } });
    expect(h.fail({ type: 'BustPlayers', busts: [{ entryId: 'e5' }], handKey: 'k' }, T0 + MIN).code).toBe(
      'BUST_CHIPS_REQUIRED',
    );
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e5', chipsAtStartOfHand: 1_000 }], handKey: 'k' });
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e6', chipsAtStartOfHand: 3_000 }], handKey: 'k' });
    expect(placeOf(h, 'e6')).toEqual([5, 5]);
    expect(placeOf(h, 'e5')).toEqual([6, 6]);
  });
  it('given late registration after a bust, then the early bust place counts the late entrants', () => {
    const h = new Harness();
    h.started(5);
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e5' }] }, T0 + MIN);
    h.register(3, 6);
    expect(placeOf(h, 'e5')).toEqual([8, 8]);
  });
  it('given one player left, then they are 1st', () => {
    const h = new Harness();
    h.started(3);
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e3' }] }, T0 + MIN);
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e2' }] });
    expect(placeOf(h, 'e1')).toEqual([1, 1]);
  });
  it('given rule violations, then the right codes', () => {
    const h = new Harness();
    h.started(3);
    h.now = T0 + MIN;
    expect(h.fail({ type: 'BustPlayers', busts: [] }).code).toBe('NO_BUSTS');
    expect(h.fail({ type: 'BustPlayers', busts: [{ entryId: 'e1' }], hitmanEntryId: 'e1' }).code).toBe(
      'HITMAN_BUSTED',
    );
    expect(h.fail({ type: 'BustPlayers', busts: [{ entryId: 'e1' }], hitmanEntryId: 'zz' }).code).toBe(
      'ENTRY_NOT_FOUND',
    );
    expect(
      h.fail({
        type: 'BustPlayers',
        busts: [
          { entryId: 'e1', chipsAtStartOfHand: 1 },
          { entryId: 'e2', chipsAtStartOfHand: 1 },
          { entryId: 'e3', chipsAtStartOfHand: 1 },
        ],
      }).code,
    ).toBe('CANNOT_BUST_EVERYONE');
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e1' }] });
    expect(h.fail({ type: 'BustPlayers', busts: [{ entryId: 'e1' }] }).code).toBe('ENTRY_NOT_ACTIVE');
    const g = new Harness().create();
    expect(g.fail({ type: 'BustPlayers', busts: [{ entryId: 'e1' }] }).code).toBe('TOURNAMENT_NOT_RUNNING');
  });
});

describe('bounties', () => {
  const KO = { ...BUY_IN, price: 15_000, bounty: 5_000 };
  it('given fixed bounties, when a hitman busts two players in one hand, then they collect both bounties', () => {
    const h = new Harness();
    h.started(4, { buyIn: KO, rules: { bountyMode: 'fixed' } });
    h.run(
      {
        type: 'BustPlayers',
        busts: [
          { entryId: 'e2', chipsAtStartOfHand: 100 },
          { entryId: 'e3', chipsAtStartOfHand: 200 },
        ],
        hitmanEntryId: 'e1',
      },
      T0 + MIN,
    );
    const e1 = getEntry(h.state, 'e1');
    expect(e1?.bountiesWon).toBe(10_000);
    expect(e1?.knockouts).toBe(2);
    expect(e1?.bountyOnHead).toBe(5_000);
    expect(standings(h.state).prizePool.total).toBe(60_000);
  });
  it('given progressive knockouts, then half goes to the hitman as cash and half onto their head', () => {
    const h = new Harness();
    h.started(3, { buyIn: KO, rules: { bountyMode: 'progressive' } });
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e3' }], hitmanEntryId: 'e2' }, T0 + MIN);
    expect(getEntry(h.state, 'e2')).toMatchObject({ bountiesWon: 2_500, bountyOnHead: 7_500 });
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e2' }], hitmanEntryId: 'e1' });
    expect(getEntry(h.state, 'e1')).toMatchObject({ bountiesWon: 3_750, bountyOnHead: 8_750 });
    h.run({ type: 'FinishTournament' });
    const s = standings(h.state);
    // The winner keeps their own head: every bounty øre ends up with a player.
    const won = s.entries.reduce((a, e) => a + e.bountiesWon, 0);
    expect(won).toBe(15_000);
    expect(s.bounties.byPlayer[0]).toMatchObject({ playerId: 'p1', bountiesWon: 3_750 + 8_750 });
  });
  it('given a bust without a hitman, then the bounty is unclaimed (kept by the house)', () => {
    const h = new Harness();
    h.started(3, { buyIn: KO, rules: { bountyMode: 'fixed' } });
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e3' }] }, T0 + MIN);
    expect(standings(h.state).bounties.unclaimed).toBe(5_000);
  });
});

describe('standings', () => {
  it('given buy-ins, rebuys and add-ons, then chips in play equal chips issued and the average is over players left', () => {
    const h = new Harness();
    h.started(4);
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e4' }] }, T0 + MIN);
    const s = standings(h.state, T0 + MIN);
    expect(s.chipsInPlay).toBe(80_000);
    expect(s.averageStack).toBe(Math.round(80_000 / 3));
    expect(s.entrants).toBe(4);
    expect(s.playersLeft).toBe(3);
    expect(s.phase).toBe('final-table');
    expect(s.clock?.playLevelNumber).toBe(1);
  });
});
