/** Where a phone's player stands in the cash room, from the public board. */
import type { PublicCashView } from '../../../../durable-objects/cash/cash-view.ts';

export type Where =
  | { readonly kind: 'waiting'; readonly game: string; readonly position: number; readonly of: number }
  | { readonly kind: 'called'; readonly game: string; readonly until: number }
  | { readonly kind: 'seated'; readonly game: string; readonly table: string }
  /** Neither on the list nor seated: the call ran out, or the floor took them off. */
  | { readonly kind: 'gone'; readonly game: string };

export function whereIs(view: PublicCashView, gameId: string, playerId: string): Where {
  const game = view.games.find((g) => g.id === gameId);
  if (!game) return { kind: 'gone', game: gameId };
  const table = game.tables.find((t) => t.seated.includes(playerId));
  if (table) return { kind: 'seated', game: game.name, table: table.name };
  const w = game.waitlist.find((x) => x.playerId === playerId);
  if (!w) return { kind: 'gone', game: game.name };
  if (w.calledUntil !== null) return { kind: 'called', game: game.name, until: w.calledUntil };
  return { kind: 'waiting', game: game.name, position: w.position, of: game.waitlist.length };
}
