import { describe, expect, it } from 'vitest';
import { decideSeating } from './decide.ts';
import { handForHandKey } from './hand-for-hand.ts';
import { unseatEntries } from './hooks.ts';
import { ctxOf, fold, ok, range, seated, table } from './testing.ts';
import type { SeatingState } from './types.ts';
import { seatingView } from './view.ts';

const tables = [table('t1'), table('t2'), table('t3')];
// 24 players, 20 paid: the bubble is 21 left.
const layout = { t1: range(1, 8), t2: range(1, 8), t3: range(1, 8) };

function report(state: SeatingState, tableId: string): SeatingState {
  return fold(state, ok(decideSeating(state, { type: 'ReportHandFinished', tableId }, ctxOf())));
}

describe('hand-for-hand', () => {
  it('given busts down to paid places + 1, then hand-for-hand starts automatically as hand 1', () => {
    let state = seated(tables, layout);
    state = fold(state, unseatEntries(state, ['t1s1', 't2s1'], ctxOf(), 22, 20));
    expect(handForHandKey(state)).toBeNull();
    state = fold(state, unseatEntries(state, ['t3s1'], ctxOf(), 21, 20));
    expect(handForHandKey(state)).toBe('hfh-1');
  });

  it('given autoHandForHandAtBubble off, then it does not start by itself', () => {
    const state = seated(tables, layout, { autoHandForHandAtBubble: false });
    expect(handForHandKey(fold(state, unseatEntries(state, ['t1s1'], ctxOf(), 21, 20)))).toBeNull();
  });

  it('given hand-for-hand on, when every table reports, then the next hand begins', () => {
    let state = seated(tables, layout);
    state = fold(state, ok(decideSeating(state, { type: 'StartHandForHand' }, ctxOf())));
    state = report(state, 't1');
    state = report(state, 't3');
    expect(seatingView(state).handForHand.tablesPlaying).toEqual(['t2']);
    expect(handForHandKey(state)).toBe('hfh-1');
    state = report(state, 't2');
    expect(handForHandKey(state)).toBe('hfh-2');
    expect(seatingView(state).handForHand.tablesPlaying).toEqual(['t1', 't2', 't3']);
  });

  it('given a table already reported this hand, when it reports again, then an error', () => {
    let state = seated(tables, layout);
    state = fold(state, ok(decideSeating(state, { type: 'StartHandForHand' }, ctxOf())));
    state = report(state, 't1');
    expect(decideSeating(state, { type: 'ReportHandFinished', tableId: 't1' }, ctxOf())).toMatchObject({
      code: 'HAND_ALREADY_REPORTED',
    });
  });

  it('given the bubble bursts mid-hand, then the hand still finishes (busts share it), then hand-for-hand stops', () => {
    // 30 players, 26 paid: no table breaks on the way, so all three tables play the bubble hand.
    let state = seated(tables, { t1: range(1, 10), t2: range(1, 10), t3: range(1, 10) });
    state = fold(state, unseatEntries(state, ['t1s1', 't2s1', 't3s1'], ctxOf(), 27, 26));
    expect(handForHandKey(state)).toBe('hfh-1');
    state = report(state, 't1');
    state = fold(state, unseatEntries(state, ['t2s2'], ctxOf(), 26, 26));
    expect(handForHandKey(state)).toBe('hfh-1');
    state = fold(state, unseatEntries(state, ['t3s2'], ctxOf(), 25, 26));
    expect(handForHandKey(state)).toBe('hfh-1');
    state = report(state, 't2');
    state = report(state, 't3');
    expect(handForHandKey(state)).toBeNull();
  });

  it('given the TD stops it, then it is off; starting twice is an error', () => {
    let state = seated(tables, layout);
    state = fold(state, ok(decideSeating(state, { type: 'StartHandForHand' }, ctxOf())));
    expect(decideSeating(state, { type: 'StartHandForHand' }, ctxOf())).toMatchObject({
      code: 'HAND_FOR_HAND_ALREADY_ON',
    });
    state = fold(state, ok(decideSeating(state, { type: 'StopHandForHand' }, ctxOf())));
    expect(handForHandKey(state)).toBeNull();
    state = fold(state, ok(decideSeating(state, { type: 'StartHandForHand' }, ctxOf())));
    // Hand numbers keep counting so keys never repeat within a tournament.
    expect(handForHandKey(state)).toBe('hfh-2');
  });
});
