import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PUBLISH_DEFAULTS, publicView } from '../publish/publish.ts';
import { seatOf } from '../seating/state.ts';
import { replay, restore, snapshot } from './replay.ts';
import { phaseAt, standings } from './standings.ts';
import { activeEntries } from './state.ts';
import { BUY_IN, Harness, MIN, T0, testStructure } from './testing.ts';
import type { TournamentEventAny, TournamentState } from './types.ts';

const SHOOTOUT = { shootout: { advancePerTable: 1 } };
/** Events that move players between tables or break tables: never in a shootout round. */
const MOVING = new Set(['MovesProposed', 'PlayersMoved', 'TableBroken', 'FinalTableDrawn']);

/** Created, n players registered, seats drawn (tables of `seats`), started at T0. */
function drawnShootout(n: number, advancePerTable = 1, seats = 10): Harness {
  const h = new Harness();
  h.create({ shootout: { advancePerTable } });
  if (seats !== 10) h.run({ type: 'ConfigureSeating', config: { defaultSeatsPerTable: seats } });
  h.run({ type: 'OpenRegistration' });
  h.register(n);
  h.run({ type: 'DrawSeats' });
  h.run({ type: 'StartTournament' }, T0);
  return h;
}

function tableOf(state: TournamentState, entryId: string): string {
  const at = seatOf(state.seating, entryId);
  if (at === null) throw new Error(`${entryId} has no seat`);
  return at.tableId;
}

function playersAt(state: TournamentState, tableId: string): string[] {
  const t = state.seating.tables.find((x) => x.id === tableId);
  return (t?.occupants ?? []).filter((x): x is string => x !== null);
}

function sizes(state: TournamentState): Record<string, number> {
  return Object.fromEntries(state.seating.tables.map((t) => [t.id, t.players]));
}

function bust(h: Harness, entryId: string): readonly TournamentEventAny[] {
  return h.run({ type: 'BustPlayers', busts: [{ entryId }] }, T0 + MIN);
}

/** Busts players at `tableId` (highest entry number first) until `left` remain there. */
function bustTableDownTo(h: Harness, tableId: string, left: number): readonly TournamentEventAny[] {
  let last: readonly TournamentEventAny[] = [];
  for (;;) {
    const at = playersAt(h.state, tableId).sort((a, b) => Number(b.slice(1)) - Number(a.slice(1)));
    if (at.length <= left) return last;
    last = bust(h, at[0] as string);
  }
}

function tableIds(state: TournamentState): string[] {
  return state.seating.tables
    .filter((t) => t.players > 0)
    .map((t) => t.id)
    .sort();
}

describe('Shootout: configuration', () => {
  it('given advancePerTable 0, 1.5 or "2", then the create is refused with SHOOTOUT_ADVANCE_INVALID', () => {
    for (const advancePerTable of [0, -1, 1.5, '2' as unknown as number]) {
      const h = new Harness();
      const e = h.fail({
        type: 'CreateTournament',
        name: 'Shootout',
        structure: testStructure(),
        buyIn: BUY_IN,
        shootout: { advancePerTable },
      });
      expect(e.code).toBe('SHOOTOUT_ADVANCE_INVALID');
      expect(e.message).toMatch(/whole number/);
      expect(h.state.config).toBeNull();
    }
  });
  it('given as many to advance as a table seats, then SHOOTOUT_ADVANCE_TOO_MANY names the seats', () => {
    const h = new Harness();
    h.create();
    const e = h.fail({ type: 'Configure', shootout: { advancePerTable: 10 } });
    expect([e.code, e.details?.seatsPerTable]).toEqual(['SHOOTOUT_ADVANCE_TOO_MANY', 10]);
    expect(h.state.config?.shootout).toBeUndefined();
    h.run({ type: 'ConfigureSeating', config: { defaultSeatsPerTable: 6 } });
    expect(h.fail({ type: 'Configure', shootout: { advancePerTable: 6 } }).message).toMatch(/seat 6/);
    h.run({ type: 'Configure', shootout: { advancePerTable: 5 } });
    expect(h.state.config?.shootout).toEqual({ advancePerTable: 5 });
  });
  it('given a satellite, then a shootout on top is refused; null makes it a regular tournament again', () => {
    const h = new Harness();
    h.create(SHOOTOUT);
    const e = h.fail({ type: 'Configure', satellite: { seatValue: 100_000, remainder: 'bubble' } });
    expect(e.code).toBe('SHOOTOUT_WITH_SATELLITE');
    h.run({ type: 'Configure', shootout: null });
    expect(h.state.config?.shootout).toBeUndefined();
    expect(h.state.seating.fixedTables).toBeUndefined();
  });
});

describe('Shootout: a round', () => {
  it('given 30 players at 3 tables, when a table busts down to 1, then TableWon names the winner and nobody moves between tables', () => {
    const h = drawnShootout(30);
    expect(tableIds(h.state)).toHaveLength(3);
    const [t1] = tableIds(h.state) as [string];
    const before = sizes(h.state);
    const start = h.events.length;
    const last = bustTableDownTo(h, t1, 1);
    const won = last.find((e) => e.type === 'TableWon');
    const winner = playersAt(h.state, t1);
    expect(won).toMatchObject({ type: 'TableWon', round: 1, tableId: t1, winners: winner });
    expect(h.events.slice(start).filter((e) => MOVING.has(e.type))).toEqual([]);
    // Only the busting table shrank; nobody was balanced in from the full tables.
    expect(sizes(h.state)).toEqual({ ...before, [t1]: 1 });
    const s = standings(h.state).shootout;
    expect(s).toMatchObject({ round: 1, shootoutRound: true, roundWon: false, advancePerTable: 1 });
    expect(s?.wins.map((w) => [w.tableId, w.winners.map((x) => x.entryId)])).toEqual([[t1, winner]]);
    expect(s?.tablesPlaying).toHaveLength(2);
  });
  it('given a won table, when its winner is busted, then SHOOTOUT_TABLE_WON and nothing changes', () => {
    const h = drawnShootout(30);
    const [t1] = tableIds(h.state) as [string];
    bustTableDownTo(h, t1, 1);
    // 21 left across three tables: a shootout round has no final table.
    expect(phaseAt(h.state, T0 + MIN)).not.toBe('final-table');
    const winner = playersAt(h.state, t1)[0] as string;
    const e = h.fail({ type: 'BustPlayers', busts: [{ entryId: winner }] });
    expect([e.code, e.details?.tableId]).toEqual(['SHOOTOUT_TABLE_WON', t1]);
    expect(e.message).toMatch(/has been won/);
    expect(h.state.playersLeft).toBe(21);
  });
  it('given 3 at a table with 2 to advance, when 2 bust in one hand there, then SHOOTOUT_TOO_MANY_BUSTS', () => {
    const h = drawnShootout(30, 2);
    const [t1] = tableIds(h.state) as [string];
    bustTableDownTo(h, t1, 3);
    const [a, b] = playersAt(h.state, t1) as [string, string];
    const e = h.fail({
      type: 'BustPlayers',
      busts: [
        { entryId: a, chipsAtStartOfHand: 1000 },
        { entryId: b, chipsAtStartOfHand: 2000 },
      ],
    });
    expect(e.code).toBe('SHOOTOUT_TOO_MANY_BUSTS');
  });
  it('given a shootout round, then breaking a table, late entries and deals are refused', () => {
    const h = drawnShootout(30);
    expect(h.fail({ type: 'BreakTable' }).code).toBe('SHOOTOUT_TABLES_FIXED');
    expect(h.fail({ type: 'RedrawFinalTable' }).code).toBe('SHOOTOUT_TABLES_FIXED');
    expect(h.fail({ type: 'Register', playerId: 'late', name: 'Late' }, T0 + MIN).code).toBe(
      'SHOOTOUT_LATE_ENTRY',
    );
    const stacks = activeEntries(h.state).map((e) => ({ entryId: e.entryId, chips: 20_000 }));
    expect(h.fail({ type: 'MakeDeal', kind: 'chip-chop', stacks }).code).toBe('SHOOTOUT_NO_DEAL');
  });
  it('given a table drawn with no more players than go through, then the start is refused with SHOOTOUT_TABLE_TOO_SMALL', () => {
    const h = new Harness();
    h.create({ shootout: { advancePerTable: 2 } });
    h.run({ type: 'OpenRegistration' });
    h.register(12);
    h.run({ type: 'DrawSeats' });
    const late = h.register(9, 13);
    // The two tables are full (10 + 10): the last late entries open a third table.
    expect(late).toHaveLength(9);
    const third = h.state.seating.tables.find((t) => t.players > 0 && t.players <= 2);
    expect(third).toBeDefined();
    const e = h.fail({ type: 'StartTournament' }, T0);
    expect([e.code, e.details?.tableId]).toEqual(['SHOOTOUT_TABLE_TOO_SMALL', third?.id]);
    expect(h.state.status).toBe('registration');
  });
  it('given no seat draw, when a player busts, then SHOOTOUT_NOT_SEATED', () => {
    const h = new Harness();
    h.started(12, SHOOTOUT);
    expect(h.fail({ type: 'BustPlayers', busts: [{ entryId: 'e3' }] }).code).toBe('SHOOTOUT_NOT_SEATED');
  });
  it('given tables still playing, when StartNextRound, then SHOOTOUT_TABLES_PLAYING names them', () => {
    const h = drawnShootout(30);
    const [t1, t2, t3] = tableIds(h.state) as [string, string, string];
    bustTableDownTo(h, t1, 1);
    const e = h.fail({ type: 'StartNextRound' });
    expect(e.code).toBe('SHOOTOUT_TABLES_PLAYING');
    expect(e.details?.tableIds).toEqual([t2, t3].sort());
    expect(e.message).toMatch(/are still playing/);
  });
  it('given a regular tournament, when StartNextRound, then NOT_A_SHOOTOUT', () => {
    const h = new Harness();
    h.started(4);
    expect(h.fail({ type: 'StartNextRound' }).code).toBe('NOT_A_SHOOTOUT');
  });
});

describe('Shootout: next round, final and places', () => {
  it('given every table won, when StartNextRound, then the 3 winners are redrawn at one final table that plays to the end, places by round', () => {
    const h = drawnShootout(30);
    const tables = tableIds(h.state);
    for (const t of tables) bustTableDownTo(h, t, 1);
    const winners = activeEntries(h.state)
      .map((e) => e.entryId)
      .sort();
    expect(winners).toHaveLength(3);
    expect(standings(h.state).shootout?.roundWon).toBe(true);
    const out = h.run({ type: 'StartNextRound' });
    expect(out.map((e) => e.type)).toEqual(['ShootoutRoundStarted', 'FinalTableDrawn']);
    expect(out[0]).toMatchObject({ round: 2, fixed: false, entryIds: winners });
    expect(tableIds(h.state)).toHaveLength(1);
    expect(h.state.seating.fixedTables).toBeUndefined();
    const s = standings(h.state).shootout;
    expect([s?.round, s?.shootoutRound, s?.roundWon, s?.roundUndoable]).toEqual([2, false, false, true]);
    expect(phaseAt(h.state, T0 + MIN)).toBe('final-table');
    expect(h.fail({ type: 'StartNextRound' }).code).toBe('SHOOTOUT_ROUNDS_OVER');

    // The final plays as a normal tournament: bust to one, finish.
    const [a, b] = winners as [string, string, string];
    bust(h, a);
    expect(standings(h.state).shootout?.roundUndoable).toBe(false);
    bust(h, b);
    h.run({ type: 'FinishTournament' }, T0 + 2 * MIN);
    const rows = standings(h.state).entries;
    const place = (id: string) => rows.find((r) => r.entryId === id)?.place;
    expect([place(a), place(b)]).toEqual([3, 2]);
    // Everyone out in round 1 finishes below all three who reached round 2.
    const roundOne = rows.filter((r) => r.outInRound === 1);
    expect(roundOne).toHaveLength(27);
    expect(Math.min(...roundOne.map((r) => r.place ?? 0))).toBe(4);
    expect(rows.filter((r) => r.outInRound === 2).map((r) => r.entryId)).toEqual([b, a]);
    expect(rows[0]?.place).toBe(1);
  });
  it('given 2 advance from 6 tables of 9, then round 2 is another shootout on 2 tables of 6, then a final of 4', () => {
    const h = drawnShootout(54, 2, 9);
    expect(tableIds(h.state)).toHaveLength(6);
    for (const t of tableIds(h.state)) bustTableDownTo(h, t, 2);
    expect(h.state.playersLeft).toBe(12);
    const out = h.run({ type: 'StartNextRound' });
    expect(out.map((e) => e.type)).toEqual(['ShootoutRoundStarted', 'PlayersMoved']);
    expect(out[0]).toMatchObject({ round: 2, fixed: true });
    const round2 = tableIds(h.state);
    expect(round2).toHaveLength(2);
    expect(round2.map((t) => playersAt(h.state, t).length)).toEqual([6, 6]);
    expect(h.state.seating.fixedTables).toBe(true);
    const start = h.events.length;
    for (const t of round2) bustTableDownTo(h, t, 2);
    expect(h.events.slice(start).filter((e) => MOVING.has(e.type))).toEqual([]);
    expect(h.events.slice(start).filter((e) => e.type === 'TableWon')).toHaveLength(2);
    h.run({ type: 'StartNextRound' });
    expect(tableIds(h.state)).toHaveLength(1);
    expect(standings(h.state).shootout).toMatchObject({ round: 3, shootoutRound: false });
    const rows = standings(h.state).entries;
    const worst2 = Math.max(...rows.filter((r) => r.outInRound === 2).map((r) => r.placeTo ?? 0));
    const best1 = Math.min(...rows.filter((r) => r.outInRound === 1).map((r) => r.place ?? 99));
    expect([worst2, best1]).toEqual([12, 13]);
  });
  it('given the same seed and log, then replay and snapshots give the same shootout', () => {
    const h = drawnShootout(30);
    for (const t of tableIds(h.state)) bustTableDownTo(h, t, 1);
    h.run({ type: 'StartNextRound' });
    const again = replay(h.events, 't-1');
    expect(standings(again)).toEqual(standings(h.state));
    const back = restore(snapshot(h.state));
    expect(back instanceof Error ? back : standings(back)).toEqual(standings(h.state));
  });
});

describe('Shootout: the public view', () => {
  it('given hidden names, then the table winners are shown as their entries are, not by name', () => {
    const h = drawnShootout(30);
    const [t1] = tableIds(h.state) as [string];
    bustTableDownTo(h, t1, 1);
    const winner = playersAt(h.state, t1)[0] as string;
    const view = { standings: standings(h.state) } as unknown as Record<string, unknown>;
    const pub = publicView(view, { publish: { ...PUBLISH_DEFAULTS, names: 'hidden' }, players: {} });
    const shown = JSON.stringify((pub.standings as { shootout: unknown }).shootout);
    expect(shown).toContain(`Entry ${winner.slice(1)}`);
    expect(shown).not.toMatch(/Player \d/);
  });
});

describe('Shootout: undo', () => {
  it('given a table won, when its last bust is undone, then the table plays again; redo wins it again', () => {
    const h = drawnShootout(30);
    const [t1] = tableIds(h.state) as [string];
    bustTableDownTo(h, t1, 1);
    const winningBust = h.lastId;
    h.run({ type: 'Undo', targetCommandId: winningBust });
    expect(playersAt(h.state, t1)).toHaveLength(2);
    expect(standings(h.state).shootout?.wins).toEqual([]);
    const undoId = h.lastId;
    h.run({ type: 'Undo', targetCommandId: undoId });
    expect(playersAt(h.state, t1)).toHaveLength(1);
    expect(standings(h.state).shootout?.wins.map((w) => w.tableId)).toEqual([t1]);
  });
  it('given round 2 drawn, when it is undone, then every winner is back at their round-1 seat; redo draws the same', () => {
    const h = drawnShootout(30);
    for (const t of tableIds(h.state)) bustTableDownTo(h, t, 1);
    const seatsBefore = activeEntries(h.state).map((e) => [e.entryId, seatOf(h.state.seating, e.entryId)]);
    const tablesBefore = h.state.seating.tables.map((t) => t.id);
    h.run({ type: 'StartNextRound' });
    const startId = h.lastId;
    const seatsAfter = activeEntries(h.state).map((e) => [e.entryId, seatOf(h.state.seating, e.entryId)]);
    // An earlier round's bust is fixed once the next round is drawn.
    const e = h.fail({ type: 'Undo', targetCommandId: 'c40' });
    expect(e.code).toBe('UNDO_BLOCKED');
    expect(e.details?.blockingCommandId).toBe(startId);
    h.run({ type: 'Undo', targetCommandId: startId });
    expect(activeEntries(h.state).map((x) => [x.entryId, seatOf(h.state.seating, x.entryId)])).toEqual(
      seatsBefore,
    );
    expect(h.state.seating.tables.map((t) => t.id).sort()).toEqual([...tablesBefore].sort());
    expect(h.state.seating.fixedTables).toBe(true);
    expect(standings(h.state).shootout).toMatchObject({ round: 1, roundWon: true });
    h.run({ type: 'Undo', targetCommandId: h.lastId });
    expect(activeEntries(h.state).map((x) => [x.entryId, seatOf(h.state.seating, x.entryId)])).toEqual(
      seatsAfter,
    );
    expect(standings(h.state).shootout).toMatchObject({ round: 2, shootoutRound: false });
  });
  it('given a bust in round 2, when StartNextRound is undone, then UNDO_BLOCKED until that bust is undone', () => {
    const h = drawnShootout(30);
    for (const t of tableIds(h.state)) bustTableDownTo(h, t, 1);
    h.run({ type: 'StartNextRound' });
    const startId = h.lastId;
    bust(h, activeEntries(h.state)[0]?.entryId as string);
    const bustId = h.lastId;
    expect(h.fail({ type: 'Undo', targetCommandId: startId }).code).toBe('UNDO_BLOCKED');
    h.run({ type: 'Undo', targetCommandId: bustId });
    h.run({ type: 'Undo', targetCommandId: startId });
    expect(standings(h.state).shootout?.round).toBe(1);
  });
});

describe('Shootout: properties', () => {
  it('never moves a player between tables during a round; each round sends tables × advancePerTable', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 12, max: 60 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 6, max: 10 }),
        fc.array(fc.nat(), { minLength: 200, maxLength: 200 }),
        (n, advance, seats, picks) => {
          const h = drawnShootout(n, advance, seats);
          const chips = h.state.money.chipsIssued;
          let k = 0;
          for (let round = 1; h.state.seating.fixedTables; round++) {
            const tables = tableIds(h.state);
            const home = new Map(activeEntries(h.state).map((e) => [e.entryId, tableOf(h.state, e.entryId)]));
            const start = h.events.length;
            for (;;) {
              const won = new Set(
                standings(h.state)
                  .shootout?.wins.filter((w) => w.round === round)
                  .map((w) => w.tableId),
              );
              const candidates = activeEntries(h.state).filter((e) => !won.has(tableOf(h.state, e.entryId)));
              if (candidates.length === 0) break;
              const victim = candidates[(picks[k++ % picks.length] ?? 0) % candidates.length];
              bust(h, victim?.entryId as string);
              // Still at the table they were drawn to.
              for (const e of activeEntries(h.state))
                expect(tableOf(h.state, e.entryId)).toBe(home.get(e.entryId));
            }
            expect(h.events.slice(start).filter((e) => MOVING.has(e.type))).toEqual([]);
            expect(h.state.playersLeft).toBe(tables.length * advance);
            expect(h.state.seating.seated).toBe(h.state.playersLeft);
            h.run({ type: 'StartNextRound' });
            // The redraw seats every winner, nobody else.
            expect(h.state.seating.seated).toBe(h.state.playersLeft);
            expect(h.state.money.chipsIssued).toBe(chips);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
