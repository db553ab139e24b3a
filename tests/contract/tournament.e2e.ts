/**
 * A whole tournament over HTTP and WebSocket: structure from a template, 60 entries with
 * re-entries and rebuys, the seat draw, busts with balancing moves and table breaks,
 * hand-for-hand at the bubble, an ICM deal at the final table, results. A WebSocket follower
 * folds the events it receives with the engine's own `evolve`, and keeps the view the server
 * patches with each frame (as the web app does); at every step both must equal the server's.
 */
import { expect } from 'vitest';
import { applyViewUpdate, type ViewUpdate } from '../../durable-objects/live/channel-views.ts';
import { seatingView } from '../../engine/seating/view.ts';
import { evolve } from '../../engine/tournament/evolve.ts';
import { standings } from '../../engine/tournament/standings.ts';
import { initialState } from '../../engine/tournament/state.ts';
import type { TournamentEventAny, TournamentState } from '../../engine/tournament/types.ts';
import { signUpVenue } from './session.ts';
import type { ApiTarget, TestSocket } from './target.ts';

interface View {
  seq: number;
  standings: ReturnType<typeof standings>;
  seating: ReturnType<typeof seatingView>;
}

/** The parts of a view that do not depend on the moment it was computed. */
function timeless(v: { standings: ReturnType<typeof standings>; seating: ReturnType<typeof seatingView> }) {
  const { clock: _c, phase: _p, lateRegistrationOpen: _l, payoutProblem: _pp, ...rest } = v.standings;
  return JSON.parse(JSON.stringify({ standings: rest, seating: v.seating }));
}

type Hello = { type: string; view?: unknown; viewId?: unknown };

class Follower {
  state: TournamentState;
  seq = 0;
  /** The view as the server patches it frame by frame (never re-read). */
  view: { id: string; view: View } | null = null;
  /** Patches that named another view than the one held (each would cost a re-read). */
  missedPatches = 0;
  /** Updates that came as a patch (not a whole view). */
  patches = 0;
  #socket: TestSocket;

  constructor(socket: TestSocket, tournamentId: string, hello: Hello) {
    this.#socket = socket;
    this.state = initialState(tournamentId);
    this.#hello(hello);
  }

  #hello(hello: Hello): void {
    expect(hello.type).toBe('hello');
    expect(typeof hello.viewId).toBe('string');
    this.view = { id: String(hello.viewId), view: hello.view as View };
  }

  #applyView(update: ViewUpdate): void {
    const next = applyViewUpdate(this.view, update);
    if ('patch' in update) this.patches++;
    if (next) this.view = next;
    else this.missedPatches++;
  }

  /** After a reconnect: the new socket resumes from this follower's seq. */
  replaceSocket(socket: TestSocket, hello?: Hello): void {
    this.#socket.close();
    this.#socket = socket;
    if (hello) this.#hello(hello);
  }

  /** Reads frames until the follower has reached `seq`, and its view with it. */
  async until(seq: number): Promise<void> {
    while (this.seq < seq || (this.view?.view.seq ?? 0) < seq) {
      const msg = await this.#socket.next(15_000);
      if (msg.type === 'view') this.#applyView(msg.view as ViewUpdate);
      if (msg.type !== 'events') continue;
      for (const e of msg.events as { seq: number; event: TournamentEventAny }[]) {
        if (e.seq !== this.seq + 1) throw new Error(`gap or duplicate: got ${e.seq} after ${this.seq}`);
        this.state = evolve(this.state, e.event);
        this.seq = e.seq;
      }
      if (msg.view) this.#applyView(msg.view as ViewUpdate);
    }
  }
}

export interface PlayOptions {
  /** Restarts the server in the middle of the tournament (then the follower reconnects). */
  readonly restart?: () => Promise<void>;
}

export async function playWholeTournament(target: ApiTarget, options: PlayOptions = {}): Promise<void> {
  const session = await signUpVenue(target, { prefix: 'e2e', name: 'E2E Club' });
  const tournamentId = await session.newTournament('Sunday 200', 'daily-200-dkk');

  const firstSocket = await session.staffSocket(tournamentId, 0);
  const follower = new Follower(firstSocket, tournamentId, (await firstSocket.next()) as Hello);
  let steps = 0;

  const view = async (): Promise<View> =>
    (await (await session.fetch(`${session.base}/tournaments/${tournamentId}`)).json()) as View;

  /** One TD command; then the follower catches up and must agree with the server. */
  const run = async (type: string, payload: Record<string, unknown> = {}): Promise<View> => {
    const res = await session.command(tournamentId, type, payload);
    const body = (await res.json()) as { seq: number; error?: unknown };
    expect(res.status, `${type} ${JSON.stringify(payload)} → ${JSON.stringify(body)}`).toBe(201);
    await follower.until(body.seq);
    const server = await view();
    expect(server.seq).toBe(body.seq);
    const mine = {
      standings: standings(follower.state, Date.now()),
      seating: seatingView(follower.state.seating),
    };
    expect(timeless(mine), `follower view after ${type}`).toEqual(timeless(server));
    expect(timeless(follower.view!.view), `patched view after ${type}`).toEqual(timeless(server));
    expect(follower.missedPatches, 'every patch applied to the view held').toBe(0);
    steps++;
    return server;
  };

  const active = (v: View) => v.standings.entries.filter((e) => e.status === 'active');
  /** Busts one player (not the hitman) and applies any balancing moves the engine proposes. */
  const bustOne = async (victimId: string, hitmanId: string): Promise<View> => {
    let v = await run('BustPlayers', { busts: [{ entryId: victimId }], hitmanEntryId: hitmanId });
    if (v.seating.pendingMoves.length > 0) v = await run('ApplyAllMoves');
    return v;
  };

  await run('Configure', { rules: { reentry: true, maxEntriesPerPlayer: 2 } });
  await run('OpenRegistration');
  for (let i = 0; i < 54; i++) await run('Register', { playerId: `p${i}`, name: `Player ${i + 1}` });
  // Nine-handed tables: 54 players on six tables.
  await run('ConfigureSeating', { config: { defaultSeatsPerTable: 9 } });
  let v = await run('DrawSeats');
  expect(v.seating.tablesInPlay).toBe(6);
  v = await run('StartTournament');
  expect(v.standings.status).toBe('running');

  // Rebuys on the same entry; busts and re-entries as new entries during late registration.
  for (const e of active(v).slice(0, 5)) v = await run('Rebuy', { entryId: e.entryId });
  for (let i = 0; i < 6; i++) {
    const [victim, hitman] = active(v).slice(10 + i, 12 + i);
    v = await bustOne(victim!.entryId, hitman!.entryId);
    v = await run('Reenter', { playerId: victim!.playerId });
  }
  expect(v.standings.entrants).toBe(60);
  expect(v.standings.reentries).toBe(6);
  expect(v.standings.rebuys).toBe(5);
  const paid = v.standings.payouts.length;
  expect(paid).toBeGreaterThan(5);

  // Busts until the bubble, with balancing and table breaks along the way.
  let maxTables = v.seating.tablesInPlay;
  while (active(v).length > paid + 1) {
    const left = active(v);
    v = await bustOne(left[left.length - 1]!.entryId, left[0]!.entryId);
    for (const size of Object.values(v.seating.tableSizes)) {
      if (size === 0) continue;
      const sizes = Object.values(v.seating.tableSizes).filter((n) => n > 0);
      expect(Math.max(...sizes) - Math.min(...sizes), 'tables balanced').toBeLessThanOrEqual(1);
    }
    maxTables = Math.max(maxTables, v.seating.tablesInPlay);
    if (options.restart && active(v).length === 30) {
      await options.restart();
      const resumed = await session.staffSocket(tournamentId, follower.seq);
      const hello = await resumed.next();
      expect(hello.type).toBe('hello');
      expect(hello.seq).toBe(follower.seq);
      expect(hello.resync).toBe(false);
      follower.replaceSocket(resumed, hello as Hello);
      const after = await view();
      expect(timeless(after)).toEqual(timeless(v));
    }
  }
  expect(v.seating.tablesInPlay).toBeLessThan(maxTables);

  // Hand-for-hand started by itself at the bubble, across the tables still in play.
  expect(v.seating.handForHand.on).toBe(true);
  for (const tableId of v.seating.handForHand.tablesPlaying) v = await run('ReportHandFinished', { tableId });
  const left = active(v);
  v = await bustOne(left[left.length - 1]!.entryId, left[0]!.entryId);
  for (const tableId of v.seating.handForHand.tablesPlaying) v = await run('ReportHandFinished', { tableId });
  expect(active(v).length).toBe(paid);

  // Down to three, then an ICM deal among them.
  while (active(v).length > 3) {
    const rest = active(v);
    v = await bustOne(rest[rest.length - 1]!.entryId, rest[0]!.entryId);
  }
  expect(v.seating.tablesInPlay).toBe(1);
  const chips = v.standings.chipsInPlay;
  const three = active(v);
  v = await run('MakeDeal', {
    kind: 'icm',
    stacks: three.map((e, i) => ({
      entryId: e.entryId,
      chips: i === 0 ? chips - 2 * Math.floor(chips / 4) : Math.floor(chips / 4),
    })),
  });
  v = await run('FinishTournament');
  expect(v.standings.status).toBe('finished');

  // Results: every entry placed, prizes add up to the prize pool.
  const places = v.standings.entries.map((e) => e.place);
  expect(places.every((p) => p !== null)).toBe(true);
  const prizes = v.standings.entries.reduce((sum, e) => sum + e.prize, 0);
  expect(prizes).toBe(v.standings.prizePool.total);
  expect(steps).toBeGreaterThan(120);
  // The view followed by patches, not re-sent whole (nor re-read) after each event.
  expect(follower.patches).toBeGreaterThan(steps - 5);
  follower.replaceSocket({
    next: async () => ({}),
    quiet: async () => true,
    send: () => {},
    close: () => {},
    closed: async () => 1000,
  });
}
