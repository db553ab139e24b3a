/**
 * The cash room's decider: one command and the state in, the events it causes out, or the
 * rule it broke (a DomainError, thrown: nothing is appended). Time is passed in.
 *
 * Order rules (decided with the floor managers' usual practice, as the issue is silent):
 * - The list is first come, first served; joining twice is refused; a called player keeps
 *   their place until seated, leaving or their call expiring.
 * - A call goes out only when the game has an open seat. A must-move table's players come
 *   before the list for a main-table seat: the longest-seated of them is called first, and the
 *   list then fills the seat they leave (so nobody who waited longer is passed over). The list
 *   fills the must-move table when the main tables are full.
 * - An unanswered call bumps the player off the list when it expires (they may join again).
 */
import { assertNever, DomainError } from '../core/errors.ts';
import { allSeats, mainSeats, nextMustMove, nextUncalled, openSeats } from './rules.ts';
import type { CashCommand, CashEvent, CashGame, CashState, CashTable } from './types.ts';

export const DEFAULT_CALL_MINUTES = 3;
const MAX_SEATS = 10;
const MIN_SEATS = 2;

function game(state: CashState, gameId: string): CashGame {
  const g = state.games[gameId];
  if (!g) throw new DomainError('GAME_NOT_FOUND', `No game ${gameId}`, { gameId });
  return g;
}

function table(state: CashState, tableId: string): CashTable {
  const t = state.tables[tableId];
  if (!t) throw new DomainError('TABLE_NOT_FOUND', `No table ${tableId}`, { tableId });
  return t;
}

function openTable(state: CashState, tableId: string): CashTable {
  const t = table(state, tableId);
  if (!t.open) throw new DomainError('TABLE_CLOSED', `${t.name} is closed`, { tableId });
  return t;
}

export function decideCash(state: CashState, command: CashCommand, now: number): readonly CashEvent[] {
  switch (command.type) {
    case 'CreateGame': {
      if (state.games[command.gameId])
        throw new DomainError('GAME_EXISTS', `There is already a game ${command.gameId}`);
      const callMinutes = command.callMinutes ?? DEFAULT_CALL_MINUTES;
      if (!Number.isInteger(callMinutes) || callMinutes < 1 || callMinutes > 30)
        throw new DomainError('BAD_CALL_MINUTES', 'A call lasts 1 to 30 whole minutes', { callMinutes });
      return [{ type: 'GameCreated', gameId: command.gameId, name: command.name, callMinutes }];
    }
    case 'OpenTable': {
      game(state, command.gameId);
      const existing = state.tables[command.tableId];
      if (existing?.open) throw new DomainError('TABLE_EXISTS', `${existing.name} is already open`);
      if (!Number.isInteger(command.seats) || command.seats < MIN_SEATS || command.seats > MAX_SEATS)
        throw new DomainError('BAD_SEATS', `A table has ${MIN_SEATS} to ${MAX_SEATS} seats`, {
          seats: command.seats,
        });
      return [
        {
          type: 'TableOpened',
          tableId: command.tableId,
          gameId: command.gameId,
          name: command.name,
          seats: command.seats,
          mustMove: command.mustMove ?? false,
        },
      ];
    }
    case 'CloseTable': {
      const t = openTable(state, command.tableId);
      if (t.taken > 0)
        throw new DomainError('TABLE_NOT_EMPTY', `${t.name} still has ${t.taken} players: move them first`, {
          taken: t.taken,
        });
      return [{ type: 'TableClosed', tableId: t.id }];
    }
    case 'SetSeatsTaken': {
      const t = openTable(state, command.tableId);
      if (!Number.isInteger(command.taken) || command.taken < 0 || command.taken > t.seats)
        throw new DomainError('BAD_SEATS_TAKEN', `${t.name} has ${t.seats} seats`, { taken: command.taken });
      if (command.taken < t.seated.length)
        throw new DomainError(
          'SEATED_PLAYERS',
          `${t.seated.length} players were seated here by the list: mark them as left instead`,
        );
      return [{ type: 'SeatsTakenSet', tableId: t.id, taken: command.taken }];
    }
    case 'JoinWaitlist': {
      const g = game(state, command.gameId);
      if (g.waitlist.some((w) => w.playerId === command.playerId))
        throw new DomainError('ALREADY_WAITING', `${command.name} is already on the ${g.name} list`);
      return [
        {
          type: 'WaitlistJoined',
          gameId: g.id,
          playerId: command.playerId,
          name: command.name,
          source: command.source,
          at: now,
        },
      ];
    }
    case 'LeaveWaitlist': {
      const g = game(state, command.gameId);
      if (!g.waitlist.some((w) => w.playerId === command.playerId))
        throw new DomainError('NOT_WAITING', `Not on the ${g.name} list`, { playerId: command.playerId });
      return [{ type: 'WaitlistLeft', gameId: g.id, playerId: command.playerId }];
    }
    case 'CallNext': {
      const g = game(state, command.gameId);
      const mover = nextMustMove(state, g.id);
      if (mover && mainSeats(state, g.id) > 0)
        return [
          { type: 'MustMoveCalled', gameId: g.id, playerId: mover.playerId, fromTableId: mover.tableId },
        ];
      const called = g.waitlist.filter((w) => w.call !== null).length;
      if (allSeats(state, g.id) <= called)
        throw new DomainError('NO_OPEN_SEAT', `No open seat in ${g.name} for another call`);
      const next = nextUncalled(g);
      if (next === null) throw new DomainError('LIST_EMPTY', `Nobody is waiting for ${g.name}`);
      return [
        {
          type: 'PlayerCalled',
          gameId: g.id,
          playerId: next,
          at: now,
          expiresAt: now + g.callMinutes * 60_000,
        },
      ];
    }
    case 'SeatPlayer': {
      const g = game(state, command.gameId);
      const t = openTable(state, command.tableId);
      if (t.gameId !== g.id) throw new DomainError('WRONG_GAME', `${t.name} is not a ${g.name} table`);
      if (openSeats(t) === 0) throw new DomainError('TABLE_FULL', `${t.name} is full`);
      const waiting = g.waitlist.find((w) => w.playerId === command.playerId);
      // A must-move player moving to a main table, or a player from the list.
      const from = waiting
        ? undefined
        : Object.values(state.tables).find(
            (x) =>
              x.open &&
              x.gameId === g.id &&
              x.mustMove &&
              x.seated.some((s) => s.playerId === command.playerId),
          );
      if (!waiting && !from)
        throw new DomainError('NOT_WAITING', `Not on the ${g.name} list`, { playerId: command.playerId });
      if (from && t.mustMove)
        throw new DomainError('MUST_MOVE_TO_MAIN', 'A must-move player moves to a main table');
      const name = waiting?.name ?? from?.seated.find((s) => s.playerId === command.playerId)?.name ?? '';
      return [
        {
          type: 'PlayerSeated',
          gameId: g.id,
          playerId: command.playerId,
          name,
          tableId: t.id,
          fromTableId: waiting ? null : (from?.id ?? null),
          at: now,
        },
      ];
    }
    case 'PlayerLeftTable': {
      const t = table(state, command.tableId);
      if (!t.seated.some((s) => s.playerId === command.playerId) && t.taken === 0)
        throw new DomainError('NOT_SEATED', `Nobody to leave ${t.name}`);
      return [{ type: 'LeftTable', tableId: t.id, playerId: command.playerId }];
    }
    case 'ExpireCalls': {
      const out: CashEvent[] = [];
      for (const g of Object.values(state.games))
        for (const w of g.waitlist)
          if (w.call && w.call.expiresAt <= now)
            out.push({ type: 'CallExpired', gameId: g.id, playerId: w.playerId });
      return out;
    }
    default:
      return assertNever(command, 'cash command');
  }
}
