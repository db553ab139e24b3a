import { describe, expect, it } from 'vitest';
import { changeText, meaningful } from './changes.ts';

const names = { entry: (id: string) => ({ e3: 'Cai' })[id] ?? id };

describe('changeText', () => {
  it('given an entry change, then it names the player, not the id', () => {
    expect(changeText({ path: '/standings/entries/e3/status', from: 'active', to: 'busted' }, names)).toBe(
      'Cai · status: active → busted',
    );
  });
  it('given a part the view nests, then it says which part; missing sides are a dash', () => {
    expect(changeText({ path: '/standings/prizePool/total', from: 30000, to: 40000 }, names)).toBe(
      'prize pool · total: 30000 → 40000',
    );
    expect(changeText({ path: '/standings/entries/e9', from: null, to: { entryId: 'e9' } }, names)).toBe(
      'e9: added',
    );
  });
  it('given a time, then it reads as a time of day', () => {
    const at = new Date(2026, 11, 7, 21, 5, 0).getTime();
    expect(changeText({ path: '/standings/entries/e3/bustedAt', from: null, to: at }, names)).toBe(
      'Cai · bustedAt: — → 21:05:00',
    );
  });
  it('given a whole list filled at once, then how many it held before and after', () => {
    expect(changeText({ path: '/standings/entries', from: [], to: { e1: {}, e2: {} } }, names)).toBe(
      'entries: 0 → 2',
    );
  });
  it('given the clock’s running counts and the seq, then they are not changes a TD reads', () => {
    const all = [
      { path: '/seq', from: 3, to: 9 },
      { path: '/standings/clock/remainingMs', from: 1, to: 2 },
      { path: '/standings/clock/levelIndex', from: 0, to: 1 },
    ];
    expect(meaningful(all).map((c) => c.path)).toEqual(['/standings/clock/levelIndex']);
  });
});
