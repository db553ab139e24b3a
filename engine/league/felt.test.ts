/** A finished Felt tournament as a league records it: players folded, places, TD3's variables. */
import { describe, expect, it } from 'vitest';
import { evaluatePoints } from '../td3/formula.ts';
import { BUILTIN_FORMULAS } from '../td3/points.ts';
import { standings } from '../tournament/standings.ts';
import { ADD_ON, BUY_IN, Harness, MIN, REBUY, T0 } from '../tournament/testing.ts';
import { feltResult } from './felt.ts';

/** Five players; p3 busts and re-enters, p2 takes an add-on; busted out p5, p3, p4, p2; p1 wins. */
function finishedNight(): Harness {
  const h = new Harness();
  h.started(5, { rebuy: REBUY, addOn: ADD_ON, rules: { reentry: true, maxEntriesPerPlayer: 2 } });
  h.run({ type: 'AddOn', entryId: 'e2' }, T0 + MIN);
  h.run({ type: 'BustPlayers', busts: [{ entryId: 'e3' }], hitmanEntryId: 'e1' }, T0 + 2 * MIN);
  h.run({ type: 'Reenter', playerId: 'p3' }, T0 + 3 * MIN);
  h.run({ type: 'BustPlayers', busts: [{ entryId: 'e5' }], hitmanEntryId: 'e1' }, T0 + 4 * MIN);
  h.run({ type: 'BustPlayers', busts: [{ entryId: 'e6' }], hitmanEntryId: 'e2' }, T0 + 5 * MIN);
  h.run({ type: 'BustPlayers', busts: [{ entryId: 'e4' }], hitmanEntryId: 'e1' }, T0 + 6 * MIN);
  h.run({ type: 'BustPlayers', busts: [{ entryId: 'e2' }], hitmanEntryId: 'e1' }, T0 + 7 * MIN);
  h.run({ type: 'FinishTournament' }, T0 + 8 * MIN);
  return h;
}

describe('feltResult', () => {
  const h = finishedNight();
  const config = h.state.config;
  if (config === null) throw new Error('no config');
  const result = feltResult(standings(h.state), config, T0 + 8 * MIN);

  it('given a finished night with a re-entry, when recorded, then one row per player ranked among players', () => {
    expect(h.state.status).toBe('finished');
    expect(result.rows.map((r) => `${r.place} ${r.playerKey}`)).toEqual([
      '1 p1',
      '2 p2',
      '3 p4',
      '4 p3',
      '5 p5',
    ]);
    expect(result.source).toBe('felt');
    expect(result.at).toBe(T0 + 8 * MIN);
  });

  it("given the night, when TD3's variables are read, then the field, costs and knockouts are the night's", () => {
    const byKey = new Map(result.rows.map((r) => [r.playerKey, r.vars]));
    const p1 = byKey.get('p1');
    const p2 = byKey.get('p2');
    const p3 = byKey.get('p3');
    expect(p1).toMatchObject({
      buyins: 5,
      rank: 1,
      position: 5,
      numberOfHits: 4,
      totalRebuys: 1,
      totalAddOns: 1,
    });
    const buyin = (BUY_IN.price + BUY_IN.fee) / 100;
    expect(p1?.totalCost).toBe(buyin);
    expect(p2).toMatchObject({
      addOnCost: (ADD_ON.price + ADD_ON.fee) / 100,
      numberOfAddOns: 1,
      numberOfHits: 1,
    });
    expect(p3).toMatchObject({ numberOfRebuys: 1, totalCost: 2 * buyin, rebuyCost: buyin });
    expect(p1?.totalBuyinsAmount).toBe(5 * buyin);
    // The winner is paid; the pot is the prize pool.
    expect(p1?.inTheMoney).toBe(1);
    expect(p1?.pot).toBe(standings(h.state).prizePool.total / 100);
  });

  it('given the built-in formulas, when scoring the recorded rows, then they evaluate as for a TD3 file', () => {
    const linear = result.rows.map((r) => evaluatePoints(BUILTIN_FORMULAS.linear, r.vars));
    expect(linear).toEqual([5, 4, 3, 2, 1]);
    for (const f of Object.values(BUILTIN_FORMULAS)) {
      for (const r of result.rows) expect(Number.isFinite(evaluatePoints(f, r.vars))).toBe(true);
    }
  });
});
