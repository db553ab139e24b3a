import { describe, expect, it } from 'vitest';
import type { PublicCashView } from '../../../../durable-objects/cash/cash-view.ts';
import { whereIs } from './where.ts';

const view = (
  waitlist: PublicCashView['games'][number]['waitlist'],
  seated: string[] = [],
): PublicCashView => ({
  seq: 1,
  serverTime: 0,
  games: [
    {
      id: 'nlh',
      name: 'NLH 5/10',
      openSeats: 1,
      callMinutes: 3,
      tables: [{ id: 't1', name: 'Table 1', seats: 9, taken: 8, mustMove: false, seated }],
      waitlist,
    },
  ],
});

describe('where a phone stands', () => {
  it('reads its place, its call, its seat, or that it is gone', () => {
    const me = 'phone-aa';
    const anna = { position: 1, name: 'Anna', playerId: null, calledUntil: null };
    expect(
      whereIs(view([anna, { position: 2, name: 'Bo', playerId: me, calledUntil: null }]), 'nlh', me),
    ).toEqual({
      kind: 'waiting',
      game: 'NLH 5/10',
      position: 2,
      of: 2,
    });
    expect(whereIs(view([{ position: 1, name: 'Bo', playerId: me, calledUntil: 99 }]), 'nlh', me)).toEqual({
      kind: 'called',
      game: 'NLH 5/10',
      until: 99,
    });
    expect(whereIs(view([], [me]), 'nlh', me)).toEqual({
      kind: 'seated',
      game: 'NLH 5/10',
      table: 'Table 1',
    });
    expect(whereIs(view([anna]), 'nlh', me)).toEqual({ kind: 'gone', game: 'NLH 5/10' });
    expect(whereIs(view([anna]), 'plo', me).kind).toBe('gone');
  });
});
