import { describe, expect, it } from 'vitest';
import { mergePlayers } from '../../engine/players/players.ts';
import { player } from '../../engine/players/test-fixtures.ts';
import type { Player } from '../../engine/players/types.ts';
import { anonymised, FORGOTTEN_NAME, groupOwner, type LinkRow, mergeGroup } from './player-links.ts';

const linked = (identityId: string, linkedAt = 1): LinkRow => ({ state: 'linked', identityId, linkedAt });

function merged(keep: Player, drop: Player): Map<string, Player> {
  const { kept, dropped } = mergePlayers(keep, drop, 10);
  return new Map([
    [kept.id, kept],
    [dropped.id, dropped],
  ]);
}

describe('player links', () => {
  it('given a merged-away id, then its group is the survivor and everything merged into it', () => {
    const keep = player({ name: 'Anna Holm' });
    const drop = player({ name: 'Anna H' });
    const players = merged(keep, drop);
    expect(mergeGroup(players, drop.id)).toEqual({ survivor: players.get(keep.id), ids: [keep.id, drop.id] });
    expect(mergeGroup(players, 'nobody')).toBeNull();
  });

  it('given the links of a group, then it belongs to one account, none, or is in conflict', () => {
    expect(groupOwner(new Map(), ['a', 'b'])).toBe('none');
    expect(groupOwner(new Map([['b', linked('id1', 5)]]), ['a', 'b'])).toEqual({
      identityId: 'id1',
      linkedAt: 5,
    });
    expect(
      groupOwner(
        new Map([
          ['a', linked('id1', 7)],
          ['b', linked('id1', 3)],
        ]),
        ['a', 'b'],
      ),
    ).toEqual({ identityId: 'id1', linkedAt: 3 });
    // Two accounts in one group: neither reads it (a merge made before links were checked).
    expect(
      groupOwner(
        new Map([
          ['a', linked('id1')],
          ['b', linked('id2')],
        ]),
        ['a', 'b'],
      ),
    ).toBe('conflict');
    expect(groupOwner(new Map([['a', { state: 'forgotten', at: 1 }]]), ['a', 'b'])).toBe('forgotten');
    // Links outside the group do not count.
    expect(groupOwner(new Map([['c', linked('id1')]]), ['a', 'b'])).toBe('none');
  });

  it('given a record, when anonymised, then nothing names or reaches the person and the results stay', () => {
    const p: Player = {
      ...player({
        name: 'Dora Delete',
        nickname: 'D',
        email: 'd@x.test',
        phone: '+45 1',
        notes: 'corner seat',
      }),
      history: [{ tournamentId: 't1', entryIds: ['e1'], place: 2, prize: 5000, at: 1 }],
    };
    const a = anonymised(p, 99);
    expect(a).toMatchObject({
      name: FORGOTTEN_NAME,
      nickname: null,
      email: null,
      phone: null,
      notes: null,
      display: 'hidden',
      updatedAt: 99,
    });
    expect(a.history).toEqual(p.history);
    expect(JSON.stringify(a)).not.toMatch(/Dora|d@x|\+45|corner/);
  });
});
