/**
 * Issue 4 figure: draw 10,000 entries onto 10-handed tables, then bust 9,990 of them one at a
 * time (random order from a seeded source), with every balancing move and table break applied
 * (autoApplyMoves) through the real hooks and `evolveSeating`.
 */
import { seededRandom } from '../engine/core/random.ts';
import {
  decideSeating,
  evolveSeating,
  initialSeatingState,
  type SeatingEvent,
  type SeatingState,
  unseatEntries,
} from '../engine/seating/index.ts';
import type { Figure } from './lib/figure.ts';
import { median, round, timeRuns } from './lib/measure.ts';

const ENTRIES = 10_000;
const BUSTS = 9_990;

function fold(state: SeatingState, events: readonly SeatingEvent[]): SeatingState {
  let s = state;
  for (const e of events) s = evolveSeating(s, e);
  return s;
}

function once(): { events: number; tablesAtEnd: number } {
  const actor = { id: 'bench', role: 'td' as const };
  let state = initialSeatingState({ autoApplyMoves: true, defaultSeatsPerTable: 10 });
  const ids = Array.from({ length: ENTRIES }, (_, i) => `e${i}`);
  const drawn = decideSeating(
    state,
    { type: 'DrawSeats', entryIds: ids },
    {
      now: 0,
      actor,
      random: seededRandom('draw'),
    },
  );
  if (drawn instanceof Error) throw drawn;
  state = fold(state, drawn);
  let events = drawn.length;
  // Buttons on every table, so balancing works out big-blind-next and worst positions.
  for (const t of state.tables) {
    state = evolveSeating(state, {
      type: 'ButtonSet',
      at: 0,
      actor: 'bench',
      tableId: t.id,
      seat: 1,
      previous: null,
    });
  }
  const order = seededRandom('bust-order').shuffle(ids).slice(0, BUSTS);
  let left = ENTRIES;
  for (let i = 0; i < order.length; i++) {
    left--;
    const out = unseatEntries(
      state,
      [order[i] as string],
      { now: i, actor, random: seededRandom(i) },
      left,
      9,
    );
    state = fold(state, out);
    events += out.length;
  }
  return { events, tablesAtEnd: state.tables.filter((t) => t.players > 0).length };
}

export async function run(): Promise<Figure[]> {
  let last = { events: 0, tablesAtEnd: 0 };
  const runs = await timeRuns(5, () => {
    last = once();
  });
  return [
    {
      name: 'engine.seating_10k_ms',
      value: round(median(runs), 1),
      unit: 'ms',
      goal: '≤ 1,000 ms',
      note: `median of ${runs.length} runs (${runs.map((r) => Math.round(r)).join(', ')} ms); ${last.events} events, ${last.tablesAtEnd} table(s) at the end`,
    },
  ];
}
