/** The cash room's state after one event (pure; never refuses: events are facts). */
import { assertNever } from '../core/errors.ts';
import type { CashEvent, CashState, CashTable } from './types.ts';

function withTable(state: CashState, t: CashTable): CashState {
  return { ...state, tables: { ...state.tables, [t.id]: t } };
}

function dropWaiting(state: CashState, gameId: string, playerId: string): CashState {
  const g = state.games[gameId];
  if (!g) return state;
  return {
    ...state,
    games: {
      ...state.games,
      [gameId]: { ...g, waitlist: g.waitlist.filter((w) => w.playerId !== playerId) },
    },
  };
}

function leave(t: CashTable, playerId: string): CashTable {
  const seated = t.seated.filter((s) => s.playerId !== playerId);
  // A player Felt did not seat is one of the counted seats.
  return { ...t, seated, taken: Math.max(0, t.taken - 1) };
}

export function evolveCash(state: CashState, event: CashEvent): CashState {
  switch (event.type) {
    case 'GameCreated':
      return {
        ...state,
        games: {
          ...state.games,
          [event.gameId]: {
            id: event.gameId,
            name: event.name,
            callMinutes: event.callMinutes,
            waitlist: [],
          },
        },
      };
    case 'TableOpened':
      return withTable(state, {
        id: event.tableId,
        gameId: event.gameId,
        name: event.name,
        seats: event.seats,
        taken: 0,
        seated: [],
        open: true,
        mustMove: event.mustMove,
      });
    case 'TableClosed': {
      const t = state.tables[event.tableId];
      return t ? withTable(state, { ...t, open: false }) : state;
    }
    case 'SeatsTakenSet': {
      const t = state.tables[event.tableId];
      return t ? withTable(state, { ...t, taken: event.taken }) : state;
    }
    case 'WaitlistJoined': {
      const g = state.games[event.gameId];
      if (!g) return state;
      const w = {
        playerId: event.playerId,
        name: event.name,
        joinedAt: event.at,
        source: event.source,
        call: null,
      };
      return { ...state, games: { ...state.games, [g.id]: { ...g, waitlist: [...g.waitlist, w] } } };
    }
    case 'WaitlistLeft':
    case 'CallExpired':
      return dropWaiting(state, event.gameId, event.playerId);
    case 'PlayerCalled': {
      const g = state.games[event.gameId];
      if (!g) return state;
      const waitlist = g.waitlist.map((w) =>
        w.playerId === event.playerId ? { ...w, call: { at: event.at, expiresAt: event.expiresAt } } : w,
      );
      return { ...state, games: { ...state.games, [g.id]: { ...g, waitlist } } };
    }
    case 'MustMoveCalled':
      // The move itself is the PlayerSeated that follows; the call is for the displays.
      return state;
    case 'PlayerSeated': {
      let next = dropWaiting(state, event.gameId, event.playerId);
      const from = event.fromTableId ? next.tables[event.fromTableId] : undefined;
      if (from) next = withTable(next, leave(from, event.playerId));
      const to = next.tables[event.tableId];
      if (!to) return next;
      return withTable(next, {
        ...to,
        taken: to.taken + 1,
        seated: [...to.seated, { playerId: event.playerId, name: event.name, since: event.at }],
      });
    }
    case 'LeftTable': {
      const t = state.tables[event.tableId];
      return t ? withTable(state, leave(t, event.playerId)) : state;
    }
    default:
      return assertNever(event, 'cash event');
  }
}

export function replayCash(events: readonly CashEvent[], from: CashState): CashState {
  return events.reduce(evolveCash, from);
}
