/**
 * The cash room as its screens read it: the floor's view (everything), and the public one for
 * phones, kiosks and TVs: games with their tables, open seats and lists, names as the floor
 * entered them, and only phone-joined players' ids (random; each phone finds itself by its own).
 */

import type { CashState } from '../../engine/cash/index.ts';
import { allSeats, openSeats } from '../../engine/cash/index.ts';

export interface PublicWaiting {
  readonly position: number;
  readonly name: string;
  /** Set for players who joined from a phone (the id their phone holds), else null. */
  readonly playerId: string | null;
  readonly calledUntil: number | null;
}

export interface PublicGame {
  readonly id: string;
  readonly name: string;
  readonly openSeats: number;
  readonly callMinutes: number;
  readonly tables: readonly {
    readonly id: string;
    readonly name: string;
    readonly seats: number;
    readonly taken: number;
    readonly mustMove: boolean;
    readonly seated: readonly string[];
  }[];
  readonly waitlist: readonly PublicWaiting[];
}

export interface PublicCashView {
  readonly seq: number;
  readonly serverTime: number;
  readonly games: readonly PublicGame[];
}

export const PHONE_PREFIX = 'phone-';

export function publicCashView(state: CashState, seq: number, now: number): PublicCashView {
  const games = Object.values(state.games).map((g) => ({
    id: g.id,
    name: g.name,
    callMinutes: g.callMinutes,
    openSeats: allSeats(state, g.id),
    tables: Object.values(state.tables)
      .filter((t) => t.gameId === g.id && t.open)
      .map((t) => ({
        id: t.id,
        name: t.name,
        seats: t.seats,
        taken: t.taken,
        mustMove: t.mustMove,
        seated: t.seated.filter((s) => s.playerId.startsWith(PHONE_PREFIX)).map((s) => s.playerId),
      })),
    waitlist: g.waitlist.map((w, i) => ({
      position: i + 1,
      name: w.name,
      playerId: w.playerId.startsWith(PHONE_PREFIX) ? w.playerId : null,
      calledUntil: w.call?.expiresAt ?? null,
    })),
  }));
  return { seq, serverTime: now, games };
}

/** The floor's view: the whole state, with each table's open seats worked out. */
export function staffCashView(state: CashState, seq: number, now: number) {
  return {
    seq,
    serverTime: now,
    games: Object.values(state.games).map((g) => ({ ...g, openSeats: allSeats(state, g.id) })),
    tables: Object.values(state.tables)
      .filter((t) => t.open)
      .map((t) => ({ ...t, openSeats: openSeats(t) })),
  };
}
