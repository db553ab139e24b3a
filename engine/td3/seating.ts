/**
 * TD3's seating at save time (`Tables.Tables[]`) as Felt seating commands, so a tournament
 * imported mid-play shows every player still in at the table and seat TD3 had them.
 *
 * How TD3's tables map (meanings from the fixtures and ../shared/fixtures/td3/README.md:
 * "the tables with seats, locks and the dealer button"):
 * - A `GameTable` becomes `AddTable`: TD3's name kept, the table number read from the name's
 *   trailing digits ("Table 3", "3"; the next free number when absent or taken), id `t<number>`
 *   (the ids Felt gives its own tables). Seat i (0-based in TD3) is Felt seat i + 1.
 * - TD3 seats run 1..`NumberOfSeats`; Felt tables seat 2..10. A 1-seat table gets a second
 *   seat marked out of use; seats past the 10th cannot exist in Felt (their players are
 *   listed as unseated).
 * - A locked seat (`Locks[i]`, "not used by the draw or balancing") with a player still in is
 *   a Felt seat lock for that player (`LockSeat`); an empty locked seat is a seat out of use
 *   (`SetSeatAvailable` false), Felt's word for a seat nobody is drawn into.
 * - Each player still in sits where TD3 has them (`SeatEntry`). Busted players are never
 *   seated (TD3 clears their seats too).
 * - `DealerButtonSeat` (0-based) becomes `SetButton` on tables with players; on an empty
 *   table TD3's value is a leftover and Felt keeps "button unknown".
 * - When every player still in had a seat, a final `DrawSeats` finds nobody left to draw and
 *   only marks the draw done, so Felt seats late entries and balances from then on. When TD3
 *   had some players without a seat, the draw is left to the TD.
 */
import { MAX_SEATS, MIN_SEATS } from '../seating/state.ts';
import type { SeatingCommandBody } from '../tournament/types.ts';
import type { Td3Tournament } from './types.ts';

export interface Td3TableMapping {
  /** TD3's table name (also the Felt name unless empty). */
  readonly td3Name: string;
  readonly tableId: string;
  readonly number: number;
  readonly seats: number;
}

export interface Td3SeatingPlan {
  readonly commands: readonly SeatingCommandBody[];
  readonly tables: readonly Td3TableMapping[];
  /** Entries placed in TD3's seat. */
  readonly seated: number;
  /** Players still in whom TD3 had no seat for (or a seat Felt cannot have). */
  readonly unseated: readonly string[];
  /** True when the plan ends with the (empty) draw that marks seating as done. */
  readonly drawn: boolean;
  /** What could not be carried over exactly, for the report. */
  readonly notes: readonly string[];
}

function tableNumbers(names: readonly string[]): number[] {
  const used = new Set<number>();
  const wanted = names.map((n) => {
    const m = /(\d+)\s*$/.exec(n);
    const num = m ? Number(m[1]) : null;
    if (num === null || num < 1 || used.has(num)) return null;
    used.add(num);
    return num;
  });
  let next = 0;
  return wanted.map((w) => {
    if (w !== null) return w;
    do next++;
    while (used.has(next));
    used.add(next);
    return next;
  });
}

/**
 * The commands that rebuild TD3's room and seats. `aliveEntry` maps a TD3 player id to the
 * Felt entry still in for that player (absent for busted or unknown players); `nameOf` names
 * them for the report.
 */
export function seatingPlan(
  t: Td3Tournament,
  aliveEntry: ReadonlyMap<string, string>,
  nameOf: (td3PlayerId: string) => string,
): Td3SeatingPlan {
  const commands: SeatingCommandBody[] = [];
  const notes: string[] = [];
  const tables: Td3TableMapping[] = [];
  const placed = new Set<string>();
  const numbers = tableNumbers(t.tables.map((tb) => tb.name.trim()));
  const lockAfter: SeatingCommandBody[] = [];
  const buttons: SeatingCommandBody[] = [];

  t.tables.forEach((tb, i) => {
    const number = numbers[i] as number;
    const tableId = `t${number}`;
    const td3Name = tb.name.trim();
    const lastUsed = tb.seats.reduce((m, s, k) => (s !== null ? k + 1 : m), 0);
    const td3Seats = Math.max(tb.seatCount, lastUsed, 1);
    const seats = Math.min(MAX_SEATS, Math.max(MIN_SEATS, td3Seats));
    const label = td3Name || `Table ${number}`;
    tables.push({ td3Name, tableId, number, seats });
    commands.push({ type: 'AddTable', tableId, name: label, seats, number });
    if (td3Seats < MIN_SEATS) {
      notes.push(
        `${label} has ${td3Seats} seat in TD3; Felt tables have at least ${MIN_SEATS}, the others are out of use`,
      );
      for (let s = td3Seats + 1; s <= seats; s++) {
        commands.push({ type: 'SetSeatAvailable', tableId, seat: s, available: false });
      }
    }
    if (td3Seats > MAX_SEATS) {
      notes.push(`${label} has ${td3Seats} seats in TD3; Felt tables seat at most ${MAX_SEATS}`);
    }
    let players = 0;
    for (let k = 0; k < seats && k < td3Seats; k++) {
      const seat = k + 1;
      const who = tb.seats[k] ?? null;
      const entryId = who === null ? undefined : aliveEntry.get(who);
      const locked = tb.locks[k] === true;
      if (entryId !== undefined && who !== null && !placed.has(who)) {
        placed.add(who);
        players++;
        commands.push({ type: 'SeatEntry', entryId, tableId, seat });
        if (locked) lockAfter.push({ type: 'LockSeat', entryId, tableId, seat });
      } else if (locked) {
        commands.push({ type: 'SetSeatAvailable', tableId, seat, available: false });
      }
    }
    const button = tb.dealerButtonSeat + 1;
    if (players > 0 && Number.isInteger(button) && button >= 1 && button <= seats) {
      buttons.push({ type: 'SetButton', tableId, seat: button });
    }
  });
  commands.push(...lockAfter, ...buttons);

  const unseated = [...aliveEntry.keys()].filter((id) => !placed.has(id)).map(nameOf);
  const drawn = placed.size > 0 && unseated.length === 0;
  if (drawn) commands.push({ type: 'DrawSeats' });
  else if (placed.size > 0) {
    notes.push(
      `${unseated.length} player(s) still in had no seat in TD3 (${unseated.join(', ')}): left for the draw in Felt`,
    );
  }
  return { commands, tables, seated: placed.size, unseated, drawn, notes };
}
