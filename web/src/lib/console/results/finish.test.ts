import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../../engine/core/errors.ts';
import { standings } from '../../../../../engine/tournament/standings.ts';
import { Harness, T0 } from '../../../../../engine/tournament/testing.ts';
import { finishBlocker } from './finish.ts';

/** The blocker is null exactly when the decider accepts FinishTournament. */
function agrees(h: Harness): string | null {
  const blocker = finishBlocker(standings(h.state));
  const before = h.state;
  const out = h.try({ type: 'FinishTournament' });
  h.state = before;
  expect(blocker === null).toBe(!(out instanceof DomainError));
  return blocker;
}

describe('finishBlocker', () => {
  it('names what is left, and agrees with the decider', () => {
    const h = new Harness();
    h.started(4);
    expect(agrees(h)).toBe(
      '4 players are still in: bust players on the Entries tab until one is left, or make a deal with nothing left to play for on the Money tab.',
    );
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e4' }] }, T0 + 60_000);
    const stacks = [
      { entryId: 'e1', chips: 3 },
      { entryId: 'e2', chips: 2 },
      { entryId: 'e3', chips: 1 },
    ];
    h.run({ type: 'MakeDeal', kind: 'icm', stacks, leaveToPlayFor: 100 });
    expect(agrees(h)).toMatch(/^3 players are still in and the deal left money to play for/);
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e3' }] });
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e2' }] });
    expect(agrees(h)).toBeNull();
  });

  it('says a satellite stops by itself at the seats, and agrees with the decider', () => {
    const h = new Harness();
    // 20 buy-ins of 180 to the pool buy 3 seats of 1.000.
    h.started(20, { satellite: { seatValue: 100_000, remainder: 'bubble' } });
    for (let n = 20; n > 4; n--) h.run({ type: 'BustPlayers', busts: [{ entryId: `e${n}` }] });
    expect(agrees(h)).toBe(
      '4 players are still in for 3 seats: bust players on the Entries tab; play stops by itself when 3 are left.',
    );
    h.run({ type: 'BustPlayers', busts: [{ entryId: 'e4' }] });
    expect(finishBlocker(standings(h.state))).toBe('The tournament is finished.');
  });

  it('lets a chop with nothing left to play for finish at once', () => {
    const h = new Harness();
    h.started(3);
    h.run({
      type: 'MakeDeal',
      kind: 'even-chop',
      stacks: [
        { entryId: 'e1', chips: 3 },
        { entryId: 'e2', chips: 2 },
        { entryId: 'e3', chips: 1 },
      ],
    });
    expect(agrees(h)).toBeNull();
    h.run({ type: 'FinishTournament' });
    expect(finishBlocker(standings(h.state))).toBe('The tournament is finished.');
  });
});
