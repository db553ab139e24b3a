/** Questions about a cash room's state that the decider and the displays both ask. */
import type { CashGame, CashState, CashTable } from './types.ts';

export function tablesOf(state: CashState, gameId: string): CashTable[] {
  return Object.values(state.tables).filter((t) => t.gameId === gameId && t.open);
}

export function openSeats(t: CashTable): number {
  return t.open ? Math.max(0, t.seats - t.taken) : 0;
}

/** Open seats at a game's main tables (must-move players and then the list go there). */
export function mainSeats(state: CashState, gameId: string): number {
  return tablesOf(state, gameId)
    .filter((t) => !t.mustMove)
    .reduce((n, t) => n + openSeats(t), 0);
}

/** Open seats at every table of a game, must-move ones included (where the list can sit). */
export function allSeats(state: CashState, gameId: string): number {
  return tablesOf(state, gameId).reduce((n, t) => n + openSeats(t), 0);
}

/** The game's longest-seated player at a must-move table: the next to move to a main table. */
export function nextMustMove(state: CashState, gameId: string): { tableId: string; playerId: string } | null {
  let best: { tableId: string; playerId: string; since: number } | null = null;
  for (const t of tablesOf(state, gameId)) {
    if (!t.mustMove) continue;
    const first = t.seated[0];
    if (first && (!best || first.since < best.since))
      best = { tableId: t.id, playerId: first.playerId, since: first.since };
  }
  return best && { tableId: best.tableId, playerId: best.playerId };
}

/** The first on the list not already called. */
export function nextUncalled(game: CashGame): string | null {
  return game.waitlist.find((w) => w.call === null)?.playerId ?? null;
}

/** A player's place on a game's list, 1-based (what their phone shows), or null. */
export function placeOnList(game: CashGame, playerId: string): number | null {
  const i = game.waitlist.findIndex((w) => w.playerId === playerId);
  return i < 0 ? null : i + 1;
}
