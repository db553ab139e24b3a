/**
 * Issue 3 figure: replay 100,000 mixed tournament events (registrations, re-entries, rebuys,
 * add-ons, clock actions, chip counts, busts, a few undos) to state. The events are built
 * through `decide` first, outside the timed part, exactly as a Durable Object would log them.
 */
import type { Ctx } from '../engine/core/ctx.ts';
import { DomainError } from '../engine/core/errors.ts';
import { seededRandom } from '../engine/core/random.ts';
import type { EntryProfile } from '../engine/money/types.ts';
import { getTemplate } from '../engine/structure/templates.ts';
import {
  decide,
  evolve,
  initialState,
  replay,
  type TournamentCommand,
  type TournamentEventAny,
  type TournamentState,
} from '../engine/tournament/index.ts';
import type { Figure } from './lib/figure.ts';
import { median, round, timeRuns } from './lib/measure.ts';

const TARGET_EVENTS = 100_000;
const MIN = 60_000;

const buyIn: EntryProfile = {
  id: 'b',
  name: 'Buy-in',
  kind: 'buyin',
  price: 15_000,
  fee: 2_000,
  chips: 20_000,
  bounty: 5_000,
};
const rebuy: EntryProfile = {
  id: 'r',
  name: 'Rebuy',
  kind: 'rebuy',
  price: 15_000,
  fee: 2_000,
  chips: 20_000,
  bounty: 5_000,
};
const addOn: EntryProfile = {
  id: 'a',
  name: 'Add-on',
  kind: 'addon',
  price: 10_000,
  fee: 0,
  chips: 30_000,
  bounty: 0,
};

export function buildEvents(target = TARGET_EVENTS): TournamentEventAny[] {
  const rng = seededRandom('engine-replay-bench');
  const base = getTemplate('regular')?.structure;
  if (base === undefined) throw new Error('regular template missing');
  const structure = { ...base, lateRegUntilLevel: 6, rebuyUntilLevel: 6, addOnAtLevel: 6 };
  let state: TournamentState = initialState('bench');
  const events: TournamentEventAny[] = [];
  let now = 1_700_000_000_000;
  let n = 0;
  const alive: string[] = [];
  const busted: string[] = [];
  const done: string[] = [];
  const playerOf = new Map<string, string>();
  const run = (body: Record<string, unknown>): boolean => {
    n++;
    const commandId = `c${n}`;
    const ctx: Ctx = { now, actor: { id: 'td', role: 'td' }, random: seededRandom(commandId) };
    const out = decide(state, { ...body, commandId } as TournamentCommand, ctx);
    if (out instanceof DomainError) return false;
    for (const e of out) {
      state = evolve(state, e);
      events.push(e);
      if (e.type === 'EntryRegistered') {
        alive.push(e.entryId);
        playerOf.set(e.entryId, e.playerId);
      }
      if (e.type === 'PlayersBusted') {
        for (const b of e.busts) {
          const i = alive.indexOf(b.entryId);
          if (i >= 0) alive.splice(i, 1);
          busted.push(b.entryId);
        }
      }
    }
    done.push(commandId);
    return true;
  };
  run({
    type: 'CreateTournament',
    name: 'Bench Deepstack',
    structure,
    buyIn,
    rebuy,
    addOn,
    rules: { reentry: true, maxEntriesPerPlayer: 3, bountyMode: 'progressive' },
  });
  run({ type: 'OpenRegistration' });
  let players = 0;
  for (let i = 0; i < 200; i++)
    run({ type: 'Register', playerId: `p${++players}`, name: `Player ${players}` });
  run({ type: 'StartTournament' });
  // Six play levels of 20 minutes: spread the events over them so every window stays open.
  const step = Math.floor((6 * 20 * MIN) / target);
  let paused = false;
  while (events.length < target) {
    now += step;
    const roll = rng.next();
    const pick = (list: readonly string[]): string | undefined => list[rng.int(Math.max(1, list.length))];
    if (roll < 0.4) {
      const id = pick(alive);
      if (id) run({ type: 'SetChipCount', counts: [{ entryId: id, chips: 1_000 + rng.int(200_000) }] });
    } else if (roll < 0.55) {
      run({ type: 'Register', playerId: `p${++players}`, name: `Player ${players}` });
    } else if (roll < 0.65) {
      const id = pick(alive);
      if (id) run({ type: 'Rebuy', entryId: id });
    } else if (roll < 0.7) {
      const id = pick(alive);
      if (id) run({ type: 'AddOn', entryId: id });
    } else if (roll < 0.82) {
      if (alive.length > 20) {
        const a = pick(alive) as string;
        const hitman = alive.find((x) => x !== a);
        run({ type: 'BustPlayers', busts: [{ entryId: a }], ...(hitman ? { hitmanEntryId: hitman } : {}) });
      }
    } else if (roll < 0.9) {
      const id = pick(busted);
      const playerId = id === undefined ? undefined : playerOf.get(id);
      if (playerId) run({ type: 'Reenter', playerId });
    } else if (roll < 0.96) {
      paused = paused ? !run({ type: 'ResumeClock' }) : run({ type: 'PauseClock' });
      if (rng.next() < 0.3) run({ type: 'AddTime', ms: MIN });
    } else {
      const target = done[done.length - 1 - rng.int(Math.min(20, done.length))];
      if (target) run({ type: 'Undo', targetCommandId: target });
    }
  }
  return events.slice(0, target);
}

export async function run(): Promise<Figure[]> {
  // As a Durable Object replays them: read back from storage as JSON, not the objects
  // `decide` just made (which also leaves the builder's garbage out of the timing).
  const events = JSON.parse(JSON.stringify(buildEvents())) as TournamentEventAny[];
  const kinds = new Map<string, number>();
  for (const e of events) kinds.set(e.type, (kinds.get(e.type) ?? 0) + 1);
  let final: TournamentState | null = null;
  const times = await timeRuns(
    9,
    () => {
      final = replay(events, 'bench');
    },
    2,
  );
  const s = final as TournamentState | null;
  const mix = [...kinds.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return [
    {
      name: 'engine.replay_100k_ms',
      value: round(median(times), 1),
      unit: 'ms',
      goal: '≤ 300 ms',
      note: `median of ${times.length} runs; ${events.length} events (${mix}); ${s?.entrants ?? 0} entrants at the end`,
    },
  ];
}
