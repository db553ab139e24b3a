/** Helpers for the tournament tests (not part of the public API). */
import type { Ctx } from '../core/ctx.ts';
import { DomainError } from '../core/errors.ts';
import { seededRandom } from '../core/random.ts';
import type { EntryProfile } from '../money/types.ts';
import { getTemplate } from '../structure/templates.ts';
import type { Structure } from '../structure/types.ts';
import { missingForEvent, withCommandEvents } from './command-log.ts';
import { decide } from './decide.ts';
import { evolve } from './evolve.ts';
import { mapValues } from './pmap.ts';
import { initialState } from './state.ts';
import type {
  CreateTournament,
  SeatingCommandBody,
  TournamentCommand,
  TournamentCommandBody,
  TournamentEventAny,
  TournamentState,
} from './types.ts';

export const T0 = 1_700_000_000_000;
export const MIN = 60_000;
/** Play levels 1-4 run 20 minutes each from the start; index 4 is the break after level 4. */
export const LEVEL_MS = 20 * MIN;

export function testStructure(overrides: Partial<Structure> = {}): Structure {
  const base = getTemplate('regular')?.structure;
  if (base === undefined) throw new Error('regular template missing');
  return { ...base, lateRegUntilLevel: 4, rebuyUntilLevel: 4, addOnAtLevel: 4, ...overrides };
}

export const BUY_IN: EntryProfile = {
  id: 'buyin',
  name: 'Buy-in',
  kind: 'buyin',
  price: 18_000,
  fee: 2_000,
  chips: 20_000,
  bounty: 0,
};
export const REBUY: EntryProfile = {
  id: 'rebuy',
  name: 'Rebuy',
  kind: 'rebuy',
  price: 18_000,
  fee: 2_000,
  chips: 20_000,
  bounty: 0,
};
export const ADD_ON: EntryProfile = {
  id: 'addon',
  name: 'Add-on',
  kind: 'addon',
  price: 10_000,
  fee: 0,
  chips: 30_000,
  bounty: 0,
};

export type Body = TournamentCommandBody | SeatingCommandBody;

export function ctxAt(now: number, seed: string): Ctx {
  return { now, actor: { id: 'td-1', role: 'td' }, random: seededRandom(seed) };
}

/** Drives the decider like the Durable Object does: decide, then fold the events. */
export class Harness {
  state: TournamentState;
  readonly events: TournamentEventAny[] = [];
  now = T0 - 60 * MIN;
  private n = 0;
  lastId = '';

  constructor(id = 't-1') {
    this.state = initialState(id);
  }

  command(body: Body): TournamentCommand {
    this.n++;
    this.lastId = `c${this.n}`;
    return { ...body, commandId: this.lastId } as TournamentCommand;
  }

  try(body: Body, at?: number): readonly TournamentEventAny[] | DomainError {
    if (at !== undefined) this.now = at;
    const cmd = this.command(body);
    const out = decide(this.state, cmd, ctxAt(this.now, cmd.commandId));
    if (out instanceof DomainError) return out;
    for (const e of out) {
      this.state = evolve(this.state, e);
      this.events.push(e);
    }
    return out;
  }

  run(body: Body, at?: number): readonly TournamentEventAny[] {
    const out = this.try(body, at);
    if (out instanceof DomainError) throw new Error(`unexpected ${out.code}: ${out.message}`);
    return out;
  }

  fail(body: Body, at?: number): DomainError {
    const out = this.try(body, at);
    if (!(out instanceof DomainError))
      throw new Error(`expected an error, got ${out.map((e) => e.type).join(', ')}`);
    return out;
  }

  create(extra: Partial<Omit<CreateTournament, 'type'>> = {}): this {
    this.run({
      type: 'CreateTournament',
      name: 'Friday 200',
      structure: testStructure(),
      buyIn: BUY_IN,
      ...extra,
    });
    return this;
  }

  /** Registers players p1..pn; returns their entry ids. */
  register(n: number, from = 1): string[] {
    const ids: string[] = [];
    for (let i = from; i < from + n; i++) {
      const out = this.run({ type: 'Register', playerId: `p${i}`, name: `Player ${i}` });
      const e = out.find((x) => x.type === 'EntryRegistered');
      if (e?.type === 'EntryRegistered') ids.push(e.entryId);
    }
    return ids;
  }

  /** Created, registration open, n players, started at T0. */
  started(n: number, extra: Partial<Omit<CreateTournament, 'type'>> = {}): string[] {
    this.create(extra);
    this.run({ type: 'OpenRegistration' });
    const ids = this.register(n);
    this.run({ type: 'StartTournament' }, T0);
    return ids;
  }
}

/** Loads back every command's events a snapshot left out, from the event list (as a host reads its log). */
export function withAllCommandEvents(
  state: TournamentState,
  events: readonly TournamentEventAny[],
): TournamentState {
  let s = state;
  for (const r of mapValues(state.log)) {
    if (r.events === null) s = withCommandEvents(s, r.commandId, events.slice(r.seq, r.seq + r.count));
  }
  return s;
}

/** Evolves `events` after `log` (the events before them) the way the host does: loading what an undo names first. */
export function evolveLikeHost(
  state: TournamentState,
  log: readonly TournamentEventAny[],
  events: readonly TournamentEventAny[],
): TournamentState {
  let s = state;
  const all = [...log, ...events];
  for (const e of events) {
    for (const span of missingForEvent(s, e)) {
      s = withCommandEvents(s, span.commandId, all.slice(span.seq, span.seq + span.count));
    }
    s = evolve(s, e);
  }
  return s;
}
