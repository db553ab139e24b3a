/**
 * Words and the form for a shootout, the same on the create form and the Seating tab:
 * "1 per table goes through", "Table 3 won by Anna", "Start round 2".
 */

import type { ShootoutStanding } from '../../../../engine/tournament/shootout.ts';
import type { ShootoutConfig } from '../../../../engine/tournament/shootout-types.ts';

/** "1 player per table goes through" / "2 players per table go through". */
export function advanceText(n: number): string {
  return n === 1 ? '1 player per table goes through' : `${n} players per table go through`;
}

type Win = ShootoutStanding['wins'][number];

/** "Table 3 won by Anna" (or "Table 3 won by Anna and Bo"). */
export function winText(w: Win): string {
  const names = w.winners.map((x) => x.name);
  const who = names.length <= 1 ? (names[0] ?? '—') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${w.tableName} won by ${who}`;
}

/** The wins of the round being played, table by table. */
export function roundWins(s: ShootoutStanding): Win[] {
  return s.wins.filter((w) => w.round === s.round);
}

/** The headline of the Seating tab's shootout card. */
export function roundHeadline(s: ShootoutStanding): string {
  if (!s.shootoutRound) return s.round === 1 ? 'Shootout' : `Round ${s.round}: played to the end`;
  if (s.roundWon) return `Round ${s.round}: every table won`;
  const left = s.tablesPlaying.length;
  return `Round ${s.round}: ${left} ${left === 1 ? 'table' : 'tables'} still playing`;
}

/** The form the TD fills in (create form). */
export interface ShootoutForm {
  on: boolean;
  advance: string;
}

export function shootoutForm(c: ShootoutConfig | undefined): ShootoutForm {
  return { on: c !== undefined, advance: String(c?.advancePerTable ?? 1) };
}

/** The shootout from its form: the config, null (not a shootout), or a message naming the problem. */
export function shootoutFrom(f: ShootoutForm, seatsPerTable = 10): ShootoutConfig | null | string {
  if (!f.on) return null;
  const text = f.advance.trim();
  const n = Number(text);
  if (text === '' || !Number.isInteger(n) || n < 1) {
    return 'Players through per table must be a whole number, 1 or more';
  }
  if (n >= seatsPerTable)
    return `Players through per table must be fewer than the ${seatsPerTable} seats at a table`;
  return { advancePerTable: n };
}
