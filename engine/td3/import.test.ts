import { describe, expect, it } from 'vitest';
import type { Ctx } from '../core/ctx.ts';
import { DomainError } from '../core/errors.ts';
import { seededRandom } from '../core/random.ts';
import { seatOf, tableById } from '../seating/state.ts';
import { seatingView } from '../seating/view.ts';
import { validateStructure } from '../structure/validate.ts';
import { commandSchema } from '../tournament/commands.schema.ts';
import { decide } from '../tournament/decide.ts';
import { evolve } from '../tournament/evolve.ts';
import { standings } from '../tournament/standings.ts';
import { activeEntries, initialState, listEntries } from '../tournament/state.ts';
import type { TournamentCommand, TournamentState } from '../tournament/types.ts';
import { fixtureBytes, fixtureNames, HAVE_FIXTURES, testdata } from './fixtures.ts';
import {
  IMPORT_ACTOR,
  importTd3,
  type Td3ImportResult,
  type Td3Template,
  type TimedCommand,
} from './import.ts';
import { parseTd3, Td3ParseError } from './parse.ts';
import { readTd3 } from './read.ts';
import { UNEXPLAINED } from './report.ts';
import type { Td3Tournament } from './types.ts';

/** Replays the commands through the decider as the Durable Object would; throws on a refusal. */
function replayCommands(id: string, commands: readonly TimedCommand[]): TournamentState {
  let state = initialState(id);
  let last = Number.NEGATIVE_INFINITY;
  for (const { command, at } of commands) {
    expect(at).toBeGreaterThanOrEqual(last);
    last = at;
    const ctx: Ctx = { now: at, actor: IMPORT_ACTOR, random: seededRandom(command.commandId) };
    const out = decide(state, command, ctx);
    if (out instanceof DomainError) throw new Error(`${command.type} refused: ${out.code} ${out.message}`);
    for (const e of out) state = evolve(state, e);
  }
  return state;
}

/**
 * What the venue checks before saving a template (durable-objects/venue/templates.ts): the
 * command schema, the structure rules, and here also the decider itself.
 */
function templateProblem(t: Td3Template): string | null {
  const create = { commandId: 'check', type: 'CreateTournament', currency: 'DKK', ...t };
  const parsed = commandSchema.safeParse(create);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  const problem = validateStructure(t.structure);
  if (problem) return `${problem.code}: ${problem.message}`;
  const out = decide(initialState('check'), create as TournamentCommand, {
    now: 0,
    actor: IMPORT_ACTOR,
    random: seededRandom('check'),
  });
  return out instanceof DomainError ? `${out.code}: ${out.message}` : null;
}

/** Where each TD3 player still in sits in Felt, by TD3 table name and 1-based seat. */
function feltSeats(r: Td3ImportResult, state: TournamentState): Map<string, string> {
  const ids = new Map(
    [...r.report.players.matched, ...r.report.players.created].map((p) => [p.playerId, p.name]),
  );
  const out = new Map<string, string>();
  for (const e of activeEntries(state)) {
    const at = seatOf(state.seating, e.entryId);
    if (at === null) continue;
    const table = tableById(state.seating, at.tableId);
    out.set(ids.get(e.playerId) ?? e.playerId, `${table?.name}#${at.seat}`);
  }
  return out;
}

/** TD3's own seats for its players still in: name -> "table name#seat" (seat 1-based). */
function td3Seats(t: Td3Tournament): Map<string, string> {
  const alive = new Map(
    t.players.filter((p) => p.entries.length > 0 && !p.busted).map((p) => [p.id, p.name]),
  );
  const out = new Map<string, string>();
  for (const tb of t.tables) {
    tb.seats.forEach((id, k) => {
      const name = id === null ? undefined : alive.get(id);
      if (name !== undefined) out.set(name, `${tb.name.trim()}#${k + 1}`);
    });
  }
  return out;
}

function ok(r: ReturnType<typeof importTd3>): Td3ImportResult {
  if (r instanceof Td3ParseError) throw new Error(r.message);
  return r;
}

describe('importTd3 on the hand-written mini.tdt', () => {
  const result = ok(importTd3(testdata('mini.tdt'), { tournamentId: 't-mini' }));

  it('given the file, when imported, then every command is accepted on replay', () => {
    const state = replayCommands('t-mini', result.commands);
    expect(state.status).toBe('finished');
    expect(state.entrants).toBe(4);
  });

  it('given a bust then a TD3 "rebuy", when imported, then it is a Felt re-entry', () => {
    const types = result.commands.map((c) => c.command.type);
    expect(types.filter((t) => t === 'Register')).toHaveLength(3);
    expect(types).toContain('Reenter');
    expect(types.indexOf('Reenter')).toBeGreaterThan(types.indexOf('BustPlayers'));
    expect(types.at(-1)).toBe('FinishTournament');
  });

  it("given TD3's records, when compared, then Felt reproduces entrants, entries, places and winners", () => {
    const { file, felt } = result.report;
    expect(felt.entrants).toBe(file.entrants);
    expect(felt.buyins).toBe(3);
    expect(felt.rebuys).toBe(1);
    expect(felt.addOns).toBe(1);
    expect(felt.places).toEqual({ Alice: 1, 'Bob Berg': 2, Cleo: 3 });
    expect(felt.prizes.map((p) => p.recipients)).toEqual([['Alice'], ['Bob Berg']]);
  });

  it('given a prize TD3 could not have computed, when reported, then it is unexplained; the rest have causes', () => {
    // mini.tdt stores 1st = 231.50, which 70 % of its 450.00 pot (rounding mode 2) cannot give.
    const unexplained = result.report.differences.filter((d) => d.cause === UNEXPLAINED);
    expect(unexplained.map((d) => d.field)).toEqual(['prize 1 computed']);
    // Bob's TD3 rebuy after his bust cost 100.00, not the buy-in's 110.50: his re-entry is
    // charged at another price of its own, so paid-in matches TD3's.
    expect(result.report.differences.find((d) => d.field === 'paidIn')).toBeUndefined();
    expect(result.report.felt.paidIn).toBe(result.report.file.paidIn);
  });

  it('given a split knockout, when imported, then the report says what was not imported', () => {
    expect(result.report.notImported.join('\n')).toMatch(/split knockout/);
  });

  it('given a finished tournament, when imported, then nobody is seated and the report says why', () => {
    expect(result.report.seating).toEqual({ status: 'finished', tables: [], seated: 0, unseated: [] });
    expect(result.state.seating.tables).toEqual([]);
    expect(result.commands.some((c) => c.command.type === 'SeatEntry')).toBe(false);
  });

  it("given matchPlayer, when a name is in the venue's database, then its id is the Felt player id; the others get new ids", () => {
    const venue = new Map([['Alice', 'venue-7']]);
    const r = ok(importTd3(testdata('mini.tdt'), { matchPlayer: (n) => venue.get(n) }));
    const register = r.commands.find((c) => c.command.type === 'Register');
    expect(register?.command).toMatchObject({ playerId: 'venue-7', name: 'Alice' });
    const reenter = r.commands.find((c) => c.command.type === 'Reenter');
    expect(reenter?.command).toMatchObject({ playerId: 'td3-p-b' });
    expect(r.report.players).toEqual({
      matched: [{ name: 'Alice', playerId: 'venue-7' }],
      created: [
        { name: 'Bob Berg', playerId: 'td3-p-b' },
        { name: 'Cleo', playerId: 'td3-p-c' },
      ],
      suggested: [],
    });
    expect(r.report.felt.places).toEqual({ Alice: 1, 'Bob Berg': 2, Cleo: 3 });
  });

  it("given suggestPlayers, when a new player's name is close to venue players, then the report offers them, minus any already matched", () => {
    const r = ok(
      importTd3(testdata('mini.tdt'), {
        matchPlayer: (n) => (n === 'Alice' ? 'venue-a' : undefined),
        suggestPlayers: (n) =>
          n === 'Bob Berg'
            ? [
                { name: 'Bob Bergh', playerId: 'venue-b' },
                { name: 'Alice B', playerId: 'venue-a' },
              ]
            : [],
      }),
    );
    expect(r.report.players.suggested).toEqual([
      { name: 'Bob Berg', playerId: 'td3-p-b', candidates: [{ name: 'Bob Bergh', playerId: 'venue-b' }] },
    ]);
    expect(r.report.players.created.map((p) => p.playerId)).toEqual(['td3-p-b', 'td3-p-c']);
  });

  it('given a confirmed match, when imported, then that player keeps the venue id through every entry and place', () => {
    const r = ok(importTd3(testdata('mini.tdt'), { confirmedMatches: new Map([['td3-p-b', 'venue-b']]) }));
    expect(r.report.players.matched).toEqual([{ name: 'Bob Berg', playerId: 'venue-b' }]);
    expect(r.report.players.created.map((p) => p.playerId)).toEqual(['td3-p-a', 'td3-p-c']);
    const bob = r.commands.filter((c) => 'playerId' in c.command && c.command.playerId === 'venue-b');
    expect(bob.map((c) => c.command.type)).toEqual(['Register', 'Reenter']);
    expect(r.commands.some((c) => 'playerId' in c.command && c.command.playerId === 'td3-p-b')).toBe(false);
    expect(r.report.felt.places).toEqual({ Alice: 1, 'Bob Berg': 2, Cleo: 3 });
  });

  it('given a confirmed match for an id no player of the file has, then the import is refused naming it', () => {
    expect(() =>
      importTd3(testdata('mini.tdt'), { confirmedMatches: new Map([['td3-nobody', 'venue-b']]) }),
    ).toThrow(expect.objectContaining({ code: 'TD3_MATCH_UNKNOWN', details: { playerId: 'td3-nobody' } }));
  });

  it('given a matcher naming one venue player for two TD3 players, then only the first gets it and the report says so', () => {
    const r = ok(importTd3(testdata('mini.tdt'), { matchPlayer: () => 'venue-1' }));
    expect(r.report.players.matched).toEqual([{ name: 'Alice', playerId: 'venue-1' }]);
    expect(r.report.players.created.map((p) => p.playerId)).toEqual(['td3-p-b', 'td3-p-c']);
    expect(r.report.notImported.join('\n')).toMatch(/Bob Berg matched the venue's player venue-1/);
    expect(() => replayCommands('m', r.commands)).not.toThrow();
  });

  it('given no matcher, then every player is created with the id TD3 gives them across tournaments', () => {
    expect(result.report.players.matched).toEqual([]);
    expect(result.report.players.created.map((p) => p.playerId)).toEqual(['td3-p-a', 'td3-p-b', 'td3-p-c']);
  });

  it('given structure mode, when imported, then only the template and its CreateTournament come back', () => {
    const r = ok(importTd3(testdata('mini.tdt'), { mode: 'structure' }));
    expect(r.commands).toHaveLength(1);
    expect(r.template?.structure.levels.map((l) => l.kind)).toEqual(['level', 'break', 'level']);
    expect(r.template?.buyIn).toMatchObject({ price: 10_000, fee: 1_050, chips: 10_000 });
    expect(r.report.players).toEqual({ matched: [], created: [], suggested: [] });
  });

  it("given structure mode, when TD3 allows rebuys and an add-on, then the template carries TD3's settings", () => {
    const r = ok(importTd3(testdata('mini.tdt'), { mode: 'structure' }));
    const t = r.template as Td3Template;
    // Rebuys and the add-on until TD3 round 4, capped to the structure's 2 play levels.
    expect(t.structure).toMatchObject({ rebuyUntilLevel: 2, addOnAtLevel: 2, startingStack: 10_000 });
    expect(t.rebuy).toMatchObject({ kind: 'rebuy', price: 10_000, fee: 0, chips: 10_000 });
    expect(t.addOn).toMatchObject({ kind: 'addon', price: 5_000, fee: 0, chips: 5_000 });
    expect(t.structure.levels[2]).toMatchObject({ kind: 'level', smallBlind: 50, bigBlind: 100, ante: 100 });
    expect(t.structure.chipSet.chips).toEqual([{ value: 25, color: 'blue', name: 'Blue' }]);
    expect(templateProblem(t)).toBeNull();
  });

  it('given a corrupt file, when imported, then a Td3ParseError with its position comes back', () => {
    const r = importTd3('{ V: "3.7", T: new Tournament({ Title: ');
    expect(r).toBeInstanceOf(Td3ParseError);
  });
});

describe('importTd3 on the hand-written seated.tdt (saved mid-play)', () => {
  const text = testdata('seated.tdt');
  const result = ok(importTd3(text, { tournamentId: 't-seated' }));
  const state = replayCommands('t-seated', result.commands);
  const view = seatingView(state.seating);

  it('given tables, seats, a lock and buttons, when imported and replayed, then everyone still in sits where TD3 had them', () => {
    expect(state.status).toBe('running');
    expect(Object.fromEntries(feltSeats(result, state))).toEqual({
      Alice: 'Table 1#1',
      Eve: 'Table 1#2',
      Bob: 'Table 1#4',
      Dan: 'Feature#2',
      Finn: 'Feature#5',
    });
    expect(feltSeats(result, state)).toEqual(td3Seats(readTd3(parseTd3(text)) as Td3Tournament));
    expect(result.report.seating).toEqual({
      status: 'imported',
      tables: [
        { td3Name: 'Table 1', tableId: 't1' },
        { td3Name: 'Feature', tableId: 't2' },
        { td3Name: 'Table 3', tableId: 't3' },
      ],
      seated: 5,
      unseated: [],
    });
    expect(result.report.differences).toEqual([]);
  });

  it("given TD3's table names and seat counts, then Felt keeps them, numbering a table without digits next", () => {
    expect(view.tables.map((t) => [t.id, t.name, t.number, t.seats, t.players])).toEqual([
      ['t1', 'Table 1', 1, 6, 3],
      ['t2', 'Feature', 2, 5, 2],
      ['t3', 'Table 3', 3, 8, 0],
    ]);
  });

  it("given TD3's locks, then a locked player is locked to the seat and an empty locked seat is out of use", () => {
    const t1 = view.tables[0]?.seatMap ?? [];
    expect(t1[0]).toMatchObject({ seat: 1, locked: true, unavailable: false });
    expect(t1[2]).toMatchObject({ seat: 3, entryId: null, unavailable: true });
    expect(t1.filter((x) => x.locked).map((x) => x.seat)).toEqual([1]);
    expect(Object.keys(state.seating.locks)).toHaveLength(1);
  });

  it("given TD3's dealer buttons (0-based), then the button is on the same seat; an empty table has none", () => {
    expect(view.tables.map((t) => t.button)).toEqual([4, 5, null]);
  });

  it('given busted players, then they are not seated; a re-entry sits where TD3 has the player', () => {
    const seatedIds = new Set(view.tables.flatMap((t) => t.seatMap.map((x) => x.entryId)));
    const busted = listEntries(state).filter((e) => e.status === 'busted');
    expect(busted.map((e) => e.name).sort()).toEqual(['Cleo', 'Finn']);
    for (const e of busted) expect(seatedIds.has(e.entryId)).toBe(false);
    expect(state.seating.seated).toBe(5);
  });

  it('given the import, when the TD busts a player in Felt, then the seat frees: seating carries on from TD3', () => {
    expect(state.seating.drawn).toBe(true);
    const bob = activeEntries(state).find((e) => e.name === 'Bob');
    const at = (result.commands.at(-1)?.at ?? 0) + 1_000;
    const ctx: Ctx = { now: at, actor: IMPORT_ACTOR, random: seededRandom('bust') };
    const out = decide(
      state,
      { commandId: 'b1', type: 'BustPlayers', busts: [{ entryId: bob?.entryId ?? '' }] },
      ctx,
    );
    if (out instanceof DomainError) throw new Error(out.message);
    const after = out.reduce(evolve, state);
    expect(seatOf(after.seating, bob?.entryId ?? '')).toBeNull();
    expect(after.seating.seated).toBe(4);
  });

  it('given a player still in whom TD3 had not seated, then the others are seated, the draw is left to the TD and the report says so', () => {
    const unseatedEve = text.replace('Seats: ["p-a", "p-e", null', 'Seats: ["p-a", null, null');
    const r = ok(importTd3(unseatedEve, { tournamentId: 't-eve' }));
    const s = replayCommands('t-eve', r.commands);
    expect(r.report.seating).toMatchObject({ status: 'imported', seated: 4, unseated: ['Eve'] });
    expect(s.seating.drawn).toBe(false);
    expect(s.seating.seated).toBe(4);
    expect(r.report.notImported.join('\n')).toMatch(/1 player\(s\) still in had no seat in TD3 \(Eve\)/);
    // The TD's draw in Felt seats Eve and keeps everyone else where TD3 had them.
    const ctx: Ctx = {
      now: (r.commands.at(-1)?.at ?? 0) + 1,
      actor: IMPORT_ACTOR,
      random: seededRandom('d'),
    };
    const out = decide(s, { commandId: 'd1', type: 'DrawSeats' }, ctx);
    if (out instanceof DomainError) throw new Error(out.message);
    const drawn = out.reduce(evolve, s);
    expect(drawn.seating.seated).toBe(5);
    const before = feltSeats(r, s);
    const now = feltSeats(r, drawn);
    for (const [name, seat] of before) expect(now.get(name)).toBe(seat);
  });

  it("given matchPlayer, then a matched player's entry is the one seated at TD3's seat", () => {
    const r = ok(
      importTd3(text, { tournamentId: 't-m', matchPlayer: (n) => (n === 'Dan' ? 'venue-dan' : undefined) }),
    );
    const s = replayCommands('t-m', r.commands);
    const dan = activeEntries(s).find((e) => e.playerId === 'venue-dan');
    expect(dan).toBeDefined();
    expect(seatOf(s.seating, dan?.entryId ?? '')).toEqual({ tableId: 't2', seat: 2 });
    expect(r.report.players.matched).toEqual([{ name: 'Dan', playerId: 'venue-dan' }]);
    expect(r.report.players.created).toHaveLength(5);
  });
});

describe('importTd3: prizes that add up to less than the pot (testdata/mini.tdt)', () => {
  it("given TD3 paid 331.50 of a 450.00 pot, when imported, then 1st gets TD3's 231.50 and the house keeps 118.50", () => {
    const r = ok(importTd3(testdata('mini.tdt'), { tournamentId: 'm' }));
    const s = standings(replayCommands('m', r.commands));
    expect(s.payouts.map((l) => l.amount)).toEqual([23150, 10000]);
    expect(s.unawarded).toEqual({ amount: 11850, keptAs: 'house' });
    expect(r.report.differences.filter((d) => /amount$/.test(d.field))).toEqual([]);
  });
});

describe('importTd3: a rebuy tournament with an add-on (testdata/rebuy-addon.tdt)', () => {
  // Alice: buy-in, a TD3 rebuy with no bust-out before it, the add-on, a bust, and a re-entry
  // stamped at the very instant of that bust; Bob busts, Cleo wins.
  const r = ok(importTd3(testdata('rebuy-addon.tdt'), { tournamentId: 'ra' }));

  it('given the one add-on, when imported, then it goes on the entry alive at its time, once', () => {
    const state = replayCommands('ra', r.commands);
    expect(state.entryCount).toBe(r.state.entryCount);
    const types = r.commands.map((c) => c.command.type);
    expect(types.filter((t) => t === 'AddOn')).toHaveLength(1);
    expect(types.filter((t) => t === 'Rebuy')).toHaveLength(1);
    expect(types.filter((t) => t === 'Reenter')).toHaveLength(1);
    expect(r.report.notImported.filter((n) => /add-on/.test(n))).toEqual([]);
  });

  it('given TD3 times, when imported, then the rebuy keeps its own time and the re-entry follows the bust', () => {
    const at = (type: string) => r.commands.find((c) => c.command.type === type)?.at;
    expect(at('Rebuy')).toBe(2000);
    expect(at('AddOn')).toBe(5000);
    const bust = r.commands.find((c) => c.command.type === 'BustPlayers' && c.at === 6000);
    expect(bust).toBeDefined();
    expect(at('Reenter')).toBe(6001);
  });

  it("given the file, when imported, then paid-in, entries, add-ons, places and prizes are TD3's with no difference", () => {
    expect(r.report.differences).toEqual([]);
    const { file, felt } = r.report;
    expect(felt).toMatchObject({
      entrants: file.entrants,
      buyins: file.buyins,
      rebuys: file.rebuys,
      addOns: file.addOns,
      paidIn: file.paidIn,
      pot: file.pot,
      places: file.places,
    });
    expect(felt.places).toEqual({ Cleo: 1, Alice: 2, Bob: 3 });
    expect(felt.prizes.map((p) => [p.amount, p.recipients])).toEqual([
      [38500, ['Cleo']],
      [16500, ['Alice']],
    ]);
  });
});

describe('importTd3: entries bought at other prices (testdata/mini.tdt)', () => {
  const r = ok(importTd3(testdata('mini.tdt'), { tournamentId: 'm' }));
  it("given Bob's re-entry at 100.00 beside the 110.50 buy-in, then the re-entry names another price of its own", () => {
    const others = r.template?.profiles ?? [];
    expect(others).toHaveLength(1);
    expect(others[0]).toMatchObject({ kind: 'buyin', price: 10_000, fee: 0 });
    const reenter = r.commands.find((c) => c.command.type === 'Reenter')?.command;
    expect(reenter).toMatchObject({ profileId: others[0]?.id });
    // The default buy-in is still what most paid; Register names no price.
    const register = r.commands.find((c) => c.command.type === 'Register')?.command;
    expect(register && 'profileId' in register).toBe(false);
    expect(r.state.config?.profiles).toEqual(others);
  });
  it('given the template of a file with other TD3 profiles, then they come along as other prices', () => {
    const t = ok(importTd3(testdata('mini.tdt'), { mode: 'structure' })).template as Td3Template;
    expect(templateProblem(t)).toBeNull();
    for (const p of t.profiles ?? []) expect(p.id).toMatch(/^td3-(buyin|rebuy|addon)-\d+$/);
  });
});

describe('importTd3 over the real TD3 fixtures', () => {
  const names = fixtureNames();
  it.skipIf(HAVE_FIXTURES)('skipped: ../shared/fixtures/td3 is absent', () => {});
  for (const name of names) {
    it(`given ${name}, when imported and replayed, then every command is accepted and every difference is explained`, () => {
      const r = ok(importTd3(fixtureBytes(name), { tournamentId: name }));
      const state = replayCommands(name, r.commands);
      expect(state.entryCount).toBe(r.state.entryCount);
      expect(state.eventCount).toBe(r.state.eventCount);
      const unexplained = r.report.differences.filter((d) => d.cause === UNEXPLAINED);
      expect(unexplained).toEqual([]);
      const { file, felt } = r.report;
      expect(felt.entrants).toBe(file.entrants);
      expect(felt.buyins).toBe(file.buyins);
      expect(felt.rebuys).toBe(file.rebuys);
      expect(felt.addOns).toBe(file.addOns);
      expect(felt.places).toEqual(file.places);
      // Each prize as TD3 paid it, to the same players (TD3's rounding and fixed prizes kept).
      expect(felt.prizes).toEqual(file.prizes);
      // Every record charged at the price TD3 recorded (other prices where it differed).
      expect(felt.paidIn).toBe(file.paidIn);
    });

    it(`given ${name}, when imported, then every player still in sits at TD3's table and seat`, () => {
      const bytes = fixtureBytes(name);
      const t = readTd3(parseTd3(bytes)) as Td3Tournament;
      const r = ok(importTd3(bytes, { tournamentId: name }));
      const state = replayCommands(name, r.commands);
      const seating = r.report.seating;
      if (state.status === 'finished') {
        expect(seating?.status).toBe('finished');
        expect(state.seating.seated).toBe(0);
        return;
      }
      const td3 = td3Seats(t);
      expect(td3.size).toBeGreaterThan(0);
      expect(seating).toMatchObject({ status: 'imported', seated: td3.size, unseated: [] });
      expect(feltSeats(r, state)).toEqual(td3);
      expect(state.seating.drawn).toBe(true);
      // Every TD3 table is there, under its own name and seat count.
      const view = seatingView(state.seating);
      expect(view.tables.map((x) => [x.name, x.seats])).toEqual(
        t.tables.map((x) => [x.name.trim(), x.seatCount]),
      );
    });

    it(`given ${name} in structure mode, then the template passes the checks a venue template must pass`, () => {
      const r = ok(importTd3(fixtureBytes(name), { mode: 'structure' }));
      const t = r.template as Td3Template;
      expect(templateProblem(t)).toBeNull();
      expect(r.state.config?.structure).toEqual(t.structure);
      expect(t.structure.levels.length).toBeGreaterThan(0);
      expect(t.structure.chipSet.chips.length).toBeGreaterThan(0);
      expect(t.rebuy === null).toBe(t.structure.rebuyUntilLevel === null);
      expect(t.addOn === null).toBe(t.structure.addOnAtLevel === null);
    });
  }
});
