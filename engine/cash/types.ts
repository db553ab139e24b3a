/**
 * Cash games, the venue manager's side: games with tables and open seats, a waitlist per game,
 * calling the next player (with a time to answer), must-move tables feeding a main game.
 * Commands and events are read-only tagged unions; the state is what the floor sees.
 */

export type WaitSource = 'floor' | 'phone' | 'kiosk';

export interface CashTable {
  readonly id: string;
  readonly gameId: string;
  readonly name: string;
  readonly seats: number;
  /** Seats taken, by players Felt seated and by ones the floor only counted. */
  readonly taken: number;
  /** Players Felt seated here, longest-seated first (a must-move table moves them in this order). */
  readonly seated: readonly { readonly playerId: string; readonly name: string; readonly since: number }[];
  readonly open: boolean;
  /** A must-move table of its game: its players move to the game's main tables as seats open there. */
  readonly mustMove: boolean;
}

export interface Waiting {
  readonly playerId: string;
  readonly name: string;
  readonly joinedAt: number;
  readonly source: WaitSource;
  /** Called to a seat: they have until `expiresAt` to come to the desk. */
  readonly call: { readonly at: number; readonly expiresAt: number } | null;
}

export interface CashGame {
  readonly id: string;
  readonly name: string;
  readonly callMinutes: number;
  readonly waitlist: readonly Waiting[];
}

export interface CashState {
  readonly games: Readonly<Record<string, CashGame>>;
  readonly tables: Readonly<Record<string, CashTable>>;
}

export const EMPTY_CASH: CashState = { games: {}, tables: {} };

export type CashCommand =
  | {
      readonly type: 'CreateGame';
      readonly gameId: string;
      readonly name: string;
      readonly callMinutes?: number;
    }
  | {
      readonly type: 'OpenTable';
      readonly tableId: string;
      readonly gameId: string;
      readonly name: string;
      readonly seats: number;
      /** A must-move table: the list fills it when the main tables are full; it feeds them. */
      readonly mustMove?: boolean;
    }
  | { readonly type: 'CloseTable'; readonly tableId: string }
  | { readonly type: 'SetSeatsTaken'; readonly tableId: string; readonly taken: number }
  | {
      readonly type: 'JoinWaitlist';
      readonly gameId: string;
      readonly playerId: string;
      readonly name: string;
      readonly source: WaitSource;
    }
  | { readonly type: 'LeaveWaitlist'; readonly gameId: string; readonly playerId: string }
  | { readonly type: 'CallNext'; readonly gameId: string }
  | {
      readonly type: 'SeatPlayer';
      readonly gameId: string;
      readonly playerId: string;
      readonly tableId: string;
    }
  | { readonly type: 'PlayerLeftTable'; readonly tableId: string; readonly playerId: string }
  /** Time passes (the object's alarm): calls not answered in time bump their players. */
  | { readonly type: 'ExpireCalls' };

export type CashEvent =
  | {
      readonly type: 'GameCreated';
      readonly gameId: string;
      readonly name: string;
      readonly callMinutes: number;
    }
  | {
      readonly type: 'TableOpened';
      readonly tableId: string;
      readonly gameId: string;
      readonly name: string;
      readonly seats: number;
      readonly mustMove: boolean;
    }
  | { readonly type: 'TableClosed'; readonly tableId: string }
  | { readonly type: 'SeatsTakenSet'; readonly tableId: string; readonly taken: number }
  | {
      readonly type: 'WaitlistJoined';
      readonly gameId: string;
      readonly playerId: string;
      readonly name: string;
      readonly source: WaitSource;
      readonly at: number;
    }
  | { readonly type: 'WaitlistLeft'; readonly gameId: string; readonly playerId: string }
  | {
      readonly type: 'PlayerCalled';
      readonly gameId: string;
      readonly playerId: string;
      readonly at: number;
      readonly expiresAt: number;
    }
  /** A must-move player's turn: they move from `fromTableId` to the main game now. */
  | {
      readonly type: 'MustMoveCalled';
      readonly gameId: string;
      readonly playerId: string;
      readonly fromTableId: string;
    }
  | {
      readonly type: 'PlayerSeated';
      readonly gameId: string;
      readonly playerId: string;
      readonly name: string;
      readonly tableId: string;
      readonly fromTableId: string | null;
      readonly at: number;
    }
  | { readonly type: 'LeftTable'; readonly tableId: string; readonly playerId: string }
  /** No answer in time: off the list (they may join again, at the end). */
  | { readonly type: 'CallExpired'; readonly gameId: string; readonly playerId: string };
