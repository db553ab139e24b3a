import { describe, expect, it } from 'vitest';
import { advanceText, roundHeadline, roundWins, shootoutFrom, winText } from './shootout.ts';

const standing = {
  advancePerTable: 1,
  round: 1,
  shootoutRound: true,
  wins: [
    {
      round: 1,
      tableId: 't1',
      tableName: 'Table 1',
      winners: [{ entryId: 'e3', name: 'Anna' }],
      commandId: 'c9',
    },
  ],
  tablesPlaying: ['t2'],
  roundWon: false,
  roundCommandId: null,
  roundUndoable: false,
};

describe('shootout words', () => {
  it('given a won table, then the banner names the table and its winners', () => {
    expect(winText(standing.wins[0] as never)).toBe('Table 1 won by Anna');
    const two = {
      ...standing.wins[0],
      winners: [
        { entryId: 'a', name: 'A' },
        { entryId: 'b', name: 'B' },
      ],
    };
    expect(winText(two as never)).toBe('Table 1 won by A and B');
    expect(advanceText(1)).toBe('1 player per table goes through');
    expect(advanceText(2)).toBe('2 players per table go through');
  });
  it('given the round, then the headline says how many tables still play, or that all are won', () => {
    expect(roundHeadline(standing)).toBe('Round 1: 1 table still playing');
    expect(roundHeadline({ ...standing, tablesPlaying: [], roundWon: true })).toBe(
      'Round 1: every table won',
    );
    expect(roundHeadline({ ...standing, round: 2, shootoutRound: false })).toBe('Round 2: played to the end');
    expect(roundWins({ ...standing, round: 2 })).toEqual([]);
  });
  it('given the form, then off is null, a bad count is a message, else the config', () => {
    expect(shootoutFrom({ on: false, advance: '' })).toBeNull();
    expect(shootoutFrom({ on: true, advance: '0' })).toMatch(/whole number/);
    expect(shootoutFrom({ on: true, advance: '1.5' })).toMatch(/whole number/);
    expect(shootoutFrom({ on: true, advance: '10' })).toMatch(/fewer than the 10 seats/);
    expect(shootoutFrom({ on: true, advance: ' 2 ' })).toEqual({ advancePerTable: 2 });
  });
});
