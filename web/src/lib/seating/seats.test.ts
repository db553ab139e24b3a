import { describe, expect, it } from 'vitest';
import type { Move, SeatingView } from '../../../../engine/seating/types.ts';
import { alphabetical, moveHistory, openSeats, tableNames } from './seats.ts';

const seat = (
  n: number,
  entryId: string | null,
  more: Partial<{ locked: boolean; unavailable: boolean }> = {},
) => ({
  seat: n,
  entryId,
  locked: more.locked ?? false,
  unavailable: more.unavailable ?? false,
  button: false,
});

const view = {
  tables: [
    {
      id: 't1',
      name: 'Table 1',
      number: 1,
      seats: 3,
      players: 2,
      inPlay: true,
      button: null,
      seatMap: [seat(1, 'e1'), seat(2, 'e2'), seat(3, null)],
    },
    {
      id: 't2',
      name: 'Table 2',
      number: 2,
      seats: 3,
      players: 1,
      inPlay: true,
      button: null,
      seatMap: [seat(1, 'e3'), seat(2, null, { unavailable: true }), seat(3, null, { locked: true })],
    },
    {
      id: 't3',
      name: 'Spare',
      number: 3,
      seats: 2,
      players: 0,
      inPlay: false,
      button: null,
      seatMap: [seat(1, null), seat(2, null)],
    },
  ],
} as unknown as SeatingView;

const move = (entryId: string, from: [string, number], to: [string, number], reason = 'balance'): Move => ({
  moveId: `m-${entryId}`,
  entryId,
  from: { tableId: from[0], seat: from[1] },
  to: { tableId: to[0], seat: to[1] },
  reason,
  random: false,
});

describe('the seating sheet in name order', () => {
  it('given seated players, then one row each sorted by name (case-insensitive)', () => {
    const names: Record<string, string> = { e1: 'bo', e2: 'Anna', e3: 'Carl' };
    const rows = alphabetical(view, (id) => names[id] ?? id);
    expect(rows.map((r) => [r.name, r.tableName, r.seat])).toEqual([
      ['Anna', 'Table 1', 2],
      ['bo', 'Table 1', 1],
      ['Carl', 'Table 2', 1],
    ]);
  });
});

describe('open seats', () => {
  it('given locked and unavailable seats and a table not in play, then only free seats in play count', () => {
    expect(openSeats(view)).toBe(1);
  });
});

describe('the move history from the log', () => {
  const events = [
    {
      seq: 5,
      at: 1,
      type: 'PlayersMoved',
      event: {
        commandId: 'c1',
        moves: [move('e1', ['t2', 4], ['t1', 1], 'balance: Table 2 has 9, Table 1 has 7')],
      },
    },
    {
      seq: 7,
      at: 2,
      type: 'TableBroken',
      event: {
        commandId: 'c2',
        table: { id: 't9', name: 'Table 9' },
        moves: [move('e5', ['t9', 1], ['t1', 3])],
      },
    },
    {
      seq: 8,
      at: 3,
      type: 'PlayersMoved',
      event: { commandId: 'c3', moves: [move('e2', ['t1', 2], ['t2', 2])] },
    },
    {
      seq: 9,
      at: 4,
      type: 'FinalTableDrawn',
      event: {
        commandId: 'c4',
        tablesBroken: [{ id: 't2', name: 'Table 2' }],
        moves: [move('e1', ['t1', 1], ['t1', 1]), move('e3', ['t2', 1], ['t1', 2])],
      },
    },
    { seq: 10, at: 5, type: 'ClockChanged', event: { commandId: 'c5' } },
  ];

  it('given moves, breaks and a final-table draw, then every move newest first with its reason; seats that did not change are left out', () => {
    const rows = moveHistory(events, new Set());
    expect(rows.map((r) => [r.move.entryId, r.why])).toEqual([
      ['e3', 'final table draw'],
      ['e2', 'balance'],
      ['e5', 'Table 9 broken'],
      ['e1', 'balance: Table 2 has 9, Table 1 has 7'],
    ]);
  });

  it('given a command undone now, then its moves are not in the history', () => {
    expect(moveHistory(events, new Set(['c3'])).map((r) => r.move.entryId)).toEqual(['e3', 'e5', 'e1']);
  });

  it('given a broken table, then its name comes from the log; tables in the view win', () => {
    const names = tableNames(view, events);
    expect(names.get('t9')).toBe('Table 9');
    expect(names.get('t3')).toBe('Spare');
    expect(names.get('t2')).toBe('Table 2');
  });
});
