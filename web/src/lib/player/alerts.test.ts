import { describe, expect, it } from 'vitest';
import { alertsBetween, type PlayerSnapshot } from './alerts.ts';

const at = (table: string, seat: number) => ({ table, seat });
const snap = (over: Partial<PlayerSnapshot> = {}): PlayerSnapshot => ({
  seat: at('Table 1', 4),
  levelIndex: 0,
  isBreak: false,
  levelTitle: 'Level 1',
  blinds: '25 / 50',
  ...over,
});

describe('alertsBetween', () => {
  it('given the first view, then nothing is alerted', () => {
    expect(alertsBetween(null, snap())).toEqual([]);
  });

  it('given the same seat and level, then nothing is alerted', () => {
    expect(alertsBetween(snap(), snap())).toEqual([]);
  });

  it('given a move to another table, then the new seat is alerted with the old one', () => {
    expect(alertsBetween(snap(), snap({ seat: at('Table 2', 7) }))).toEqual([
      { kind: 'seat', title: 'Your seat has changed', text: 'Table 2, seat 7 (was Table 1, seat 4)' },
    ]);
  });

  it('given the draw seats the player, then their seat is alerted', () => {
    expect(alertsBetween(snap({ seat: null }), snap())).toEqual([
      { kind: 'seat', title: 'Your seat', text: 'Table 1, seat 4' },
    ]);
  });

  it('given the player is out (no seat now), then no seat alert', () => {
    expect(alertsBetween(snap(), snap({ seat: null }))).toEqual([]);
  });

  it('given a new level, a break, then the end of the break, then each is alerted', () => {
    const l2 = snap({ levelIndex: 1, levelTitle: 'Level 2', blinds: '50 / 100' });
    const brk = snap({ levelIndex: 2, isBreak: true, levelTitle: 'Break', blinds: null });
    const l3 = snap({ levelIndex: 3, levelTitle: 'Level 3', blinds: '75 / 150' });
    expect(alertsBetween(snap(), l2)).toEqual([{ kind: 'level', title: 'Level 2', text: '50 / 100' }]);
    expect(alertsBetween(l2, brk)).toEqual([
      { kind: 'break', title: 'Break', text: 'The clock is on a break' },
    ]);
    expect(alertsBetween(brk, l3)).toEqual([
      { kind: 'break-over', title: 'The break is over', text: 'Level 3: 75 / 150' },
    ]);
  });

  it('given a move and a new level at once, then the seat comes first', () => {
    const kinds = alertsBetween(snap(), snap({ seat: at('Table 3', 1), levelIndex: 1 })).map((a) => a.kind);
    expect(kinds).toEqual(['seat', 'level']);
  });
});
