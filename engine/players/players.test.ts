import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../core/errors.ts';
import {
  createPlayer,
  editPlayer,
  MAX_MERGE_CHAIN,
  mergePlayers,
  recordEntry,
  recordResult,
  resolvePlayer,
} from './players.ts';
import type { Player, PlayerHistoryRow } from './types.ts';

const base = (id: string, name: string, at = 1000): Player => createPlayer(id, { name }, at);
const row = (tournamentId: string, at: number, extra: Partial<PlayerHistoryRow> = {}): PlayerHistoryRow => ({
  tournamentId,
  entryIds: [`${tournamentId}-e`],
  place: null,
  prize: 0,
  at,
  ...extra,
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return undefined;
}

describe('createPlayer', () => {
  it('given only a name when created then the other fields are null and the times are now', () => {
    const p = createPlayer('p1', { name: 'Søren Kjærgaard' }, 42);
    expect(p).toEqual({
      id: 'p1',
      name: 'Søren Kjærgaard',
      nickname: null,
      email: null,
      phone: null,
      notes: null,
      display: null,
      createdAt: 42,
      updatedAt: 42,
      mergedFrom: [],
      mergedInto: null,
      history: [],
    });
  });
});

describe('editPlayer', () => {
  const p = createPlayer('p1', { name: 'Søren', email: 's@example.dk' }, 10);
  it('given a patch when applied then only the given fields change and updatedAt moves', () => {
    const e = editPlayer(p, { nickname: 'Big Søren', email: null }, 20);
    expect(e).toMatchObject({
      name: 'Søren',
      nickname: 'Big Søren',
      email: null,
      createdAt: 10,
      updatedAt: 20,
    });
  });
  it('given a patch that changes nothing when applied then the same record comes back', () => {
    expect(editPlayer(p, { name: 'Søren', email: 's@example.dk' }, 20)).toBe(p);
  });
  it('given a merged player when edited then PLAYER_MERGED is thrown', () => {
    const { dropped } = mergePlayers(base('k', 'Keep'), p, 30);
    expect(codeOf(() => editPlayer(dropped, { name: 'X' }, 40))).toBe('PLAYER_MERGED');
  });
});

describe('mergePlayers', () => {
  it('given two records when merged then keep wins its fields and fills its empty contact fields from drop', () => {
    const keep = createPlayer('k', { name: 'Søren Kjærgaard', phone: '+45 11 22 33 44' }, 500);
    const drop = createPlayer(
      'd',
      { name: 'Soren K', phone: '+45 99', email: 'soren@example.dk', nickname: 'Big S', display: 'initials' },
      100,
    );
    const { kept, dropped } = mergePlayers(keep, drop, 900);
    expect(kept).toMatchObject({
      id: 'k',
      name: 'Søren Kjærgaard',
      phone: '+45 11 22 33 44',
      email: 'soren@example.dk',
      nickname: 'Big S',
      display: 'initials',
      createdAt: 100,
      updatedAt: 900,
      mergedFrom: ['d'],
      mergedInto: null,
    });
    expect(dropped).toMatchObject({ id: 'd', mergedInto: 'k', updatedAt: 900, name: 'Soren K' });
  });

  it('given both have staff notes when merged then both notes are kept', () => {
    const keep = createPlayer('k', { name: 'A', notes: 'Prefers seat 1' }, 1);
    const drop = createPlayer('d', { name: 'B', notes: 'Owes 200 kr' }, 2);
    const { kept } = mergePlayers(keep, drop, 3);
    expect(kept.notes).toContain('Prefers seat 1');
    expect(kept.notes).toContain('Owes 200 kr');
  });

  it('given histories with a shared tournament when merged then rows combine and all are sorted by time', () => {
    const keep = { ...base('k', 'A'), history: [row('t1', 10, { place: 5, prize: 100 }), row('t3', 30)] };
    const drop = {
      ...base('d', 'B'),
      history: [row('t2', 20), row('t1', 12, { entryIds: ['t1-x'], place: 3, prize: 250 })],
    };
    const { kept } = mergePlayers(keep, drop, 99);
    expect(kept.history).toEqual([
      { tournamentId: 't1', entryIds: ['t1-e', 't1-x'], place: 3, prize: 350, at: 10 },
      row('t2', 20),
      row('t3', 30),
    ]);
  });

  it('given a record merged with itself when merged then PLAYER_MERGE_SELF is thrown', () => {
    const p = base('p', 'A');
    expect(codeOf(() => mergePlayers(p, p, 1))).toBe('PLAYER_MERGE_SELF');
  });

  it('given either record already merged when merged then PLAYER_MERGED is thrown', () => {
    const a = base('a', 'A');
    const b = base('b', 'B');
    const c = base('c', 'C');
    const { kept, dropped } = mergePlayers(a, b, 1);
    expect(codeOf(() => mergePlayers(kept, dropped, 2))).toBe('PLAYER_MERGED');
    expect(codeOf(() => mergePlayers(dropped, c, 2))).toBe('PLAYER_MERGED');
  });

  it('given a chain of merges when merged again then mergedFrom carries every absorbed id', () => {
    const { kept: bc } = mergePlayers(base('b', 'B'), base('c', 'C'), 1);
    const { kept } = mergePlayers(base('a', 'A'), bc, 2);
    expect(kept.mergedFrom).toEqual(['b', 'c']);
  });

  it('given any two histories when merged then no entry, prize or tournament is lost and rows are sorted', () => {
    const history = (prefix: string) =>
      fc
        .uniqueArray(
          fc.record({
            tournamentId: fc.constantFrom('t1', 't2', 't3', 't4', 't5'),
            at: fc.integer({ min: 0, max: 100 }),
            place: fc.option(fc.integer({ min: 1, max: 50 })),
            prize: fc.integer({ min: 0, max: 10_000 }),
          }),
          { selector: (r) => r.tournamentId },
        )
        .map((rows) => rows.map((r) => ({ ...r, entryIds: [`${prefix}-${r.tournamentId}`] })));
    fc.assert(
      fc.property(history('k'), history('d'), (hk, hd) => {
        const { kept } = mergePlayers(
          { ...base('k', 'K'), history: hk },
          { ...base('d', 'D'), history: hd },
          1,
        );
        const sum = (rows: readonly PlayerHistoryRow[]) => rows.reduce((n, r) => n + r.prize, 0);
        expect(sum(kept.history)).toBe(sum(hk) + sum(hd));
        expect(kept.history.flatMap((r) => r.entryIds).sort()).toEqual(
          [...hk, ...hd].flatMap((r) => r.entryIds).sort(),
        );
        expect(new Set(kept.history.map((r) => r.tournamentId))).toEqual(
          new Set([...hk, ...hd].map((r) => r.tournamentId)),
        );
        expect(kept.history.length).toBe(new Set(kept.history.map((r) => r.tournamentId)).size);
        for (let i = 1; i < kept.history.length; i++) {
          expect(kept.history[i]!.at).toBeGreaterThanOrEqual(kept.history[i - 1]!.at);
        }
      }),
    );
  });
});

describe('resolvePlayer', () => {
  it('given a chain of merges when an old id is resolved then the live record comes back', () => {
    const { kept: b1, dropped: c1 } = mergePlayers(base('b', 'B'), base('c', 'C'), 1);
    const { kept: a1, dropped: b2 } = mergePlayers(base('a', 'A'), b1, 2);
    const players = new Map([a1, b2, c1].map((p) => [p.id, p]));
    expect(resolvePlayer(players, 'c')?.id).toBe('a');
    expect(resolvePlayer(players, 'b')?.id).toBe('a');
    expect(resolvePlayer(players, 'a')?.id).toBe('a');
  });
  it('given an unknown id when resolved then undefined comes back', () => {
    expect(resolvePlayer(new Map(), 'x')).toBeUndefined();
  });
  it('given links that loop when resolved then undefined comes back instead of hanging', () => {
    const a = { ...base('a', 'A'), mergedInto: 'b' };
    const b = { ...base('b', 'B'), mergedInto: 'a' };
    expect(resolvePlayer(new Map([a, b].map((p) => [p.id, p])), 'a')).toBeUndefined();
  });
  it('given a chain longer than the bound when resolved then undefined comes back', () => {
    const chain = Array.from({ length: MAX_MERGE_CHAIN + 2 }, (_, i) => ({
      ...base(`p${i}`, `P${i}`),
      mergedInto: i === MAX_MERGE_CHAIN + 1 ? null : `p${i + 1}`,
    }));
    expect(resolvePlayer(new Map(chain.map((p) => [p.id, p])), 'p0')).toBeUndefined();
    expect(resolvePlayer(new Map(chain.map((p) => [p.id, p])), 'p10')?.id).toBe(`p${MAX_MERGE_CHAIN + 1}`);
  });
  it('given a link to a missing record when resolved then the last record found comes back', () => {
    const a = { ...base('a', 'A'), mergedInto: 'gone' };
    expect(resolvePlayer(new Map([[a.id, a]]), 'a')).toBe(a);
  });
});

describe('recordEntry and recordResult', () => {
  const p = base('p', 'Søren');
  it('given a new tournament when an entry is recorded then a row is added in time order', () => {
    const a = recordEntry(p, { tournamentId: 't2', entryId: 'e2', at: 200 });
    const b = recordEntry(a, { tournamentId: 't1', entryId: 'e1', at: 100 });
    expect(b.history.map((r) => r.tournamentId)).toEqual(['t1', 't2']);
    expect(b.history[0]).toEqual({ tournamentId: 't1', entryIds: ['e1'], place: null, prize: 0, at: 100 });
  });
  it('given a re-entry when recorded then the entry joins the same row and keeps the first time', () => {
    const a = recordEntry(p, { tournamentId: 't1', entryId: 'e1', at: 100 });
    const b = recordEntry(a, { tournamentId: 't1', entryId: 'e2', at: 150 });
    expect(b.history).toEqual([
      { tournamentId: 't1', entryIds: ['e1', 'e2'], place: null, prize: 0, at: 100 },
    ]);
  });
  it('given the same entry recorded twice when replayed then nothing changes', () => {
    const a = recordEntry(p, { tournamentId: 't1', entryId: 'e1', at: 100 });
    expect(recordEntry(a, { tournamentId: 't1', entryId: 'e1', at: 100 })).toBe(a);
  });
  it('given a result when recorded twice or corrected then it overwrites and never adds up', () => {
    const a = recordEntry(p, { tournamentId: 't1', entryId: 'e1', at: 100 });
    const b = recordResult(recordResult(a, 't1', 3, 5000), 't1', 3, 5000);
    expect(b.history[0]).toMatchObject({ place: 3, prize: 5000 });
    const c = recordResult(b, 't1', null, 0);
    expect(c.history[0]).toMatchObject({ place: null, prize: 0 });
  });
  it('given no entry in the tournament when a result is recorded then PLAYER_NOT_IN_TOURNAMENT is thrown', () => {
    expect(codeOf(() => recordResult(p, 't9', 1, 100))).toBe('PLAYER_NOT_IN_TOURNAMENT');
  });
  it('given a bad place or prize when recorded then PLAYER_RESULT_INVALID is thrown', () => {
    const a = recordEntry(p, { tournamentId: 't1', entryId: 'e1', at: 100 });
    expect(codeOf(() => recordResult(a, 't1', 0, 100))).toBe('PLAYER_RESULT_INVALID');
    expect(codeOf(() => recordResult(a, 't1', 1, -1))).toBe('PLAYER_RESULT_INVALID');
    expect(codeOf(() => recordResult(a, 't1', 1, 1.5))).toBe('PLAYER_RESULT_INVALID');
  });
  it('given a merged player when an entry is recorded then PLAYER_MERGED is thrown', () => {
    const { dropped } = mergePlayers(base('k', 'K'), p, 1);
    expect(codeOf(() => recordEntry(dropped, { tournamentId: 't1', entryId: 'e', at: 1 }))).toBe(
      'PLAYER_MERGED',
    );
  });
});
