import { describe, expect, it } from 'vitest';
import type { TournamentEventAny } from '../../../../../engine/tournament/types.ts';
import { describeEvent, type Names } from './describe.ts';

const names: Names = {
  entry: (id) => ({ e1: 'Anna Holm', e2: 'Bo Jensen', e3: 'Camilla Nørgaard' })[id] ?? id,
  table: (id) => ({ t1: 'Table 1', t2: 'Table 2' })[id] ?? id,
  money: (m) => `${m / 100} kr.`,
  level: (i) => `Level ${i + 1}`,
};
const base = { at: 0, actor: 'u1', commandId: 'c1' };
const say = (e: Record<string, unknown>) =>
  describeEvent({ ...base, ...e } as unknown as TournamentEventAny, names);

describe('events in words', () => {
  it('given a bust of two with a hitman, then the names, the hitman and who is left', () => {
    expect(
      say({
        type: 'PlayersBusted',
        busts: [{ entryId: 'e1' }, { entryId: 'e2' }],
        hitmanEntryId: 'e3',
        group: 'g',
        ranking: 'chips',
        playersLeftAfter: 18,
      }),
    ).toBe('Busted Anna Holm, Bo Jensen (by Camilla Nørgaard) · 18 left');
  });
  it('given clock changes, then what a TD would say', () => {
    expect(say({ type: 'ClockChanged', action: 'add-time', deltaMs: 120_000, levelIndex: null })).toBe(
      'Added 2 min',
    );
    expect(say({ type: 'ClockChanged', action: 'go-to-level', deltaMs: null, levelIndex: 3 })).toBe(
      'Went to Level 4',
    );
  });
  it('given seating events, then tables and seats by name', () => {
    const move = {
      moveId: 'm',
      entryId: 'e1',
      from: { tableId: 't2', seat: 4 },
      to: { tableId: 't1', seat: 7 },
    };
    expect(say({ type: 'PlayersMoved', moves: [move] })).toBe('Moved Anna Holm Table 2 · 4 → Table 1 · 7');
    expect(say({ type: 'TableBroken', table: { name: 'Table 2' }, moves: [move], locksReleased: [] })).toBe(
      'Broke Table 2: Anna Holm Table 2 · 4 → Table 1 · 7',
    );
  });
  it('given a registration and a refund, then the name, number and money', () => {
    expect(say({ type: 'EntryRegistered', name: 'Anna Holm', number: 21, kind: 'buyin' })).toBe(
      'Registered Anna Holm (#21)',
    );
    expect(
      say({ type: 'EntryUnregistered', entryId: 'e1', refund: { price: 18000, fee: 2000, bounty: 0 } }),
    ).toBe('Unregistered Anna Holm (refund 200 kr.)');
  });
});
