import { describe, expect, it } from 'vitest';
import { keyedById, viewDiff } from './view-diff.ts';

describe('viewDiff', () => {
  it('given a busted entry in a reordered list, then only that entry’s fields change, by id', () => {
    const before = {
      standings: {
        playersLeft: 3,
        entries: [
          { entryId: 'e1', chips: 100, status: 'active' },
          { entryId: 'e2', chips: 50, status: 'active' },
        ],
      },
    };
    const after = {
      standings: {
        playersLeft: 2,
        entries: [
          { entryId: 'e2', chips: 0, status: 'busted' },
          { entryId: 'e1', chips: 150, status: 'active' },
        ],
      },
    };
    expect(viewDiff(before, after).sort((x, y) => (x.path < y.path ? -1 : 1))).toEqual([
      { path: '/standings/entries/e1/chips', from: 100, to: 150 },
      { path: '/standings/entries/e2/chips', from: 50, to: 0 },
      { path: '/standings/entries/e2/status', from: 'active', to: 'busted' },
      { path: '/standings/playersLeft', from: 3, to: 2 },
    ]);
  });

  it('given a record added or removed, then it is one change with null on the missing side', () => {
    expect(
      viewDiff({ entries: [{ entryId: 'e1' }] }, { entries: [{ entryId: 'e1' }, { entryId: 'e2' }] }),
    ).toEqual([{ path: '/entries/e2', from: null, to: { entryId: 'e2' } }]);
    expect(viewDiff({ deal: { kind: 'chop' } }, { deal: null })).toEqual([
      { path: '/deal', from: { kind: 'chop' }, to: null },
    ]);
  });

  it('given a seat map, then seats are keyed by number whether or not someone sits there', () => {
    const before = {
      seatMap: [
        { seat: 1, entryId: 'e1' },
        { seat: 2, entryId: 'e2' },
      ],
    };
    const after = {
      seatMap: [
        { seat: 1, entryId: 'e1' },
        { seat: 2, entryId: null },
      ],
    };
    expect(viewDiff(before, after)).toEqual([{ path: '/seatMap/2/entryId', from: 'e2', to: null }]);
  });

  it('given equal views, then nothing changed; lists without ids stay lists', () => {
    expect(viewDiff({ a: [1, 2] }, { a: [1, 2] })).toEqual([]);
    expect(keyedById([{ x: 1 }, { x: 2 }])).toEqual([{ x: 1 }, { x: 2 }]);
    // Ids must be distinct to key by them.
    expect(keyedById([{ id: 'a' }, { id: 'a' }])).toEqual([{ id: 'a' }, { id: 'a' }]);
  });
});
