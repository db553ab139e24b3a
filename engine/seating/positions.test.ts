import { describe, expect, it } from 'vitest';
import { bigBlindNextSeat, blindsOf, worstOpenSeat } from './positions.ts';
import { openSeats, tableById } from './state.ts';
import { range, seated, table } from './testing.ts';
import type { TableState } from './types.ts';

function tableAt(seats: readonly number[], button: number | null): TableState {
  const state = seated([table('t1', 10, button)], { t1: seats });
  return tableById(state, 't1') as TableState;
}

describe('blind positions from the recorded button', () => {
  it('given a full table with the button on 3, then SB is 4, BB is 5 and big blind next is 6', () => {
    const t = tableAt(range(1, 10), 3);
    const blinds = blindsOf(t);
    expect(blinds).toEqual({ button: 3, smallBlind: 4, bigBlind: 5 });
    expect(bigBlindNextSeat(t, blinds!, () => true)).toBe(6);
  });

  it('given empty seats after the blinds, then big blind next skips them (and wraps past seat 10)', () => {
    const t = tableAt([1, 2, 8, 9], 8);
    const blinds = blindsOf(t)!;
    expect(blinds.smallBlind).toBe(9);
    expect(blinds.bigBlind).toBe(1);
    expect(bigBlindNextSeat(t, blinds, () => true)).toBe(2);
  });

  it('given the button seat emptied by a bust (dead button), then SB is the next player after it', () => {
    const t = tableAt([1, 2, 5, 6], 3);
    expect(blindsOf(t)).toEqual({ button: 3, smallBlind: 5, bigBlind: 6 });
  });

  it('given heads-up, then the button posts the small blind and is big blind next', () => {
    const t = tableAt([2, 7], 2);
    const blinds = blindsOf(t)!;
    expect(blinds).toEqual({ button: 2, smallBlind: 2, bigBlind: 7 });
    expect(bigBlindNextSeat(t, blinds, () => true)).toBe(2);
  });

  it('given the big-blind-next player may not move (locked), then the next player clockwise moves', () => {
    const t = tableAt(range(1, 10), 3);
    expect(bigBlindNextSeat(t, blindsOf(t)!, (seat) => seat !== 6)).toBe(7);
  });

  it('given no button recorded, then there are no positions', () => {
    expect(blindsOf(tableAt(range(1, 6), null))).toBeNull();
  });
});

describe('worst position at the short table', () => {
  it('given an open seat right after the big blind, then that seat (posts the big blind next hand)', () => {
    // players 1,2,3,5,6,8; button 1 → SB 2, BB 3; open 4,7,9,10.
    const t = tableAt([1, 2, 3, 5, 6, 8], 1);
    expect(worstOpenSeat(t, blindsOf(t)!, openSeats(t))).toEqual({ seat: 4, smallBlindGap: false });
  });

  it('given an open seat between the SB and the BB, then it is never chosen while another is open', () => {
    // players 1,2,3,5,6,8; button 2 → SB 3, BB 5: open seat 4 lies between them.
    const t = tableAt([1, 2, 3, 5, 6, 8], 2);
    const blinds = blindsOf(t)!;
    expect(blinds).toEqual({ button: 2, smallBlind: 3, bigBlind: 5 });
    expect(worstOpenSeat(t, blinds, openSeats(t))).toEqual({ seat: 7, smallBlindGap: false });
  });

  it('given the other open seats are all in the small-blind gap, then the seat behind the button', () => {
    // players 1..6, 8; button 6 → SB 8, BB 1; open 7, 9, 10. Seats 9 and 10 lie between the
    // SB and the BB; 7 sits between the button and the SB and is the only fair seat.
    const t = tableAt([1, 2, 3, 4, 5, 6, 8], 6);
    expect(worstOpenSeat(t, blindsOf(t)!, openSeats(t))).toEqual({ seat: 7, smallBlindGap: false });
  });

  it('given the only open seat lies between the SB and the BB, then it is flagged (player waits for the button)', () => {
    const t = tableAt([1, 2, 3, 5, 6, 7, 8, 9, 10], 2);
    expect(worstOpenSeat(t, blindsOf(t)!, openSeats(t))).toEqual({ seat: 4, smallBlindGap: true });
  });
});
