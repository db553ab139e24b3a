import { describe, expect, it } from 'vitest';
import { seatingPlan } from './seating.ts';
import type { Td3Table, Td3Tournament } from './types.ts';

function tables(...list: Partial<Td3Table>[]): Td3Tournament {
  const full = list.map((t) => ({
    id: null,
    name: 'Table',
    seatCount: 6,
    seats: [],
    locks: [],
    dealerButtonSeat: 0,
    ...t,
  }));
  return { tables: full } as unknown as Td3Tournament;
}

const name = (id: string) => id.toUpperCase();

describe("seatingPlan: TD3's room as Felt seating commands", () => {
  it('given names with and without digits, then numbers come from the digits and the rest take the next free one', () => {
    const plan = seatingPlan(
      tables({ name: 'Feature' }, { name: 'Table 2' }, { name: '2' }, { name: ' 1 ' }),
      new Map(),
      name,
    );
    expect(plan.tables.map((t) => [t.td3Name, t.tableId, t.number])).toEqual([
      ['Feature', 't3', 3],
      ['Table 2', 't2', 2],
      ['2', 't4', 4],
      ['1', 't1', 1],
    ]);
    expect(plan.drawn).toBe(false);
    expect(plan.commands.every((c) => c.type === 'AddTable')).toBe(true);
  });

  it('given a 1-seat table, then Felt gets 2 seats with the second out of use, and a note', () => {
    const plan = seatingPlan(
      tables({ name: 'Table 1', seatCount: 1, seats: ['a'] }),
      new Map([['a', 'e1']]),
      name,
    );
    expect(plan.commands).toEqual([
      { type: 'AddTable', tableId: 't1', name: 'Table 1', seats: 2, number: 1 },
      { type: 'SetSeatAvailable', tableId: 't1', seat: 2, available: false },
      { type: 'SeatEntry', entryId: 'e1', tableId: 't1', seat: 1 },
      { type: 'SetButton', tableId: 't1', seat: 1 },
      { type: 'DrawSeats' },
    ]);
    expect(plan.notes.join()).toMatch(/1 seat in TD3/);
  });

  it('given a 12-seat table, then seats past the 10th cannot be had: those players are unseated and the draw is left open', () => {
    const seats = Array.from({ length: 12 }, (_, i) => (i === 0 || i === 11 ? `p${i}` : null));
    const plan = seatingPlan(
      tables({ name: 'Big', seatCount: 12, seats }),
      new Map([
        ['p0', 'e1'],
        ['p11', 'e2'],
      ]),
      name,
    );
    expect(plan.tables[0]?.seats).toBe(10);
    expect(plan.seated).toBe(1);
    expect(plan.unseated).toEqual(['P11']);
    expect(plan.drawn).toBe(false);
    expect(plan.notes.join('\n')).toMatch(/12 seats in TD3/);
  });

  it('given a busted or unknown player in a seat, then that seat is left empty; a lock on it puts it out of use', () => {
    const plan = seatingPlan(
      tables({ name: 'T1', seats: ['gone', 'x', 'a'], locks: [true, false, true], dealerButtonSeat: 9 }),
      new Map([['a', 'e1']]),
      name,
    );
    expect(plan.commands.slice(1)).toEqual([
      { type: 'SetSeatAvailable', tableId: 't1', seat: 1, available: false },
      { type: 'SeatEntry', entryId: 'e1', tableId: 't1', seat: 3 },
      { type: 'LockSeat', entryId: 'e1', tableId: 't1', seat: 3 },
      { type: 'DrawSeats' },
    ]);
  });
});
