import { describe, expect, it } from 'vitest';
import type { Ctx } from '../core/ctx.ts';
import { DomainError } from '../core/errors.ts';
import { seededRandom } from '../core/random.ts';
import { decide } from '../tournament/decide.ts';
import { evolve } from '../tournament/evolve.ts';
import { initialState } from '../tournament/state.ts';
import type { TournamentState } from '../tournament/types.ts';
import { fixtureBytes, fixtureNames, HAVE_FIXTURES, testdata } from './fixtures.ts';
import { IMPORT_ACTOR, importTd3, type Td3ImportResult, type TimedCommand } from './import.ts';
import { Td3ParseError } from './parse.ts';
import { UNEXPLAINED } from './report.ts';

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
    // Bob's TD3 rebuy cost 100.00; a Felt re-entry costs the buy-in (110.50).
    expect(result.report.differences.find((d) => d.field === 'paidIn')?.cause).toMatch(/re-entry/);
  });

  it('given a split knockout and seating, when imported, then the report says what was not imported', () => {
    expect(result.report.notImported.join('\n')).toMatch(/split knockout/);
    expect(result.report.notImported.join('\n')).toMatch(/seating/);
  });

  it('given playerMatch, when a name is known, then the venue id is used', () => {
    const r = ok(importTd3(testdata('mini.tdt'), { playerMatch: (n) => (n === 'Alice' ? 'venue-7' : null) }));
    const register = r.commands.find((c) => c.command.type === 'Register');
    expect(register?.command).toMatchObject({ playerId: 'venue-7', name: 'Alice' });
    expect(r.report.players.find((p) => p.name === 'Cleo')).toEqual({
      name: 'Cleo',
      playerId: 'td3-p-c',
      matched: false,
    });
  });

  it('given structure mode, when imported, then only the template and its CreateTournament come back', () => {
    const r = ok(importTd3(testdata('mini.tdt'), { mode: 'structure' }));
    expect(r.commands).toHaveLength(1);
    expect(r.template?.structure.levels.map((l) => l.kind)).toEqual(['level', 'break', 'level']);
    expect(r.template?.buyIn).toMatchObject({ price: 10_000, fee: 1_050, chips: 10_000 });
  });

  it('given a corrupt file, when imported, then a Td3ParseError with its position comes back', () => {
    const r = importTd3('{ V: "3.7", T: new Tournament({ Title: ');
    expect(r).toBeInstanceOf(Td3ParseError);
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
    });
  }
});
