/**
 * Shootouts (The Tournament Director's "shootout" option, the TDA's shootout format): each
 * table plays on its own until `advancePerTable` players are left at it; those players win
 * the table and go through to the next round. The vocabulary is in shootout-types.ts;
 * decide, evolve and undo call in here so the rules of shootouts stay in one file.
 *
 * Rules chosen where the brief left room:
 * - A shootout round keeps the tables as drawn (`seating.fixedTables`): no balancing
 *   proposals or moves, no table breaking (automatic or the TD's), no final-table redraw, no
 *   automatic hand-for-hand (each table is its own bubble).
 * - The bust that leaves a table with its winners emits `TableWon` in the same command (undoing
 *   the bust reopens the table); a bust at a won table is refused (SHOOTOUT_TABLE_WON), and so
 *   is one that would leave a table with fewer than its winners (SHOOTOUT_TOO_MANY_BUSTS).
 *   A busted player must have a seat (SHOOTOUT_NOT_SEATED): the draw decides the tables.
 *   A drawn shootout does not start with a table of no more players than go through
 *   (SHOOTOUT_TABLE_TOO_SMALL): that table could never be won.
 * - Late entries (registrations, re-entries, alternates) are refused once a shootout round is
 *   under way (SHOOTOUT_LATE_ENTRY): a seat at a table that may already be won is no entry.
 *   Deals are refused during a shootout round (SHOOTOUT_NO_DEAL).
 * - When every table is won, `StartNextRound` redraws the winners at random (ctx.random) onto
 *   the fewest tables that seat them, sizes differing by at most one. If they fit one table,
 *   that is the final (a FinalTableDrawn) and it plays as a normal tournament to the end. If
 *   not, the new round is another shootout round, unless a table would start with no more than
 *   `advancePerTable` players (nothing to play for): then the rest plays as a normal tournament
 *   on those tables, with balancing and breaking.
 * - Places follow the bust order, as everywhere (results.ts): a round only starts when every
 *   table of the last one is won, so everyone out in round 1 finishes below everyone who
 *   reached round 2. Busts of an earlier round cannot be undone once the next round started
 *   (undo StartNextRound first). Standings name the round each player went out in.
 */
import type { Ctx } from '../core/ctx.ts';
import { DomainError } from '../core/errors.ts';
import { finalTableCandidate, planFinalTable } from '../seating/breaking.ts';
import { availableSeats, MAX_SEATS, openSeats, seatOf, tableById } from '../seating/state.ts';
import { breakOrderCompare } from '../seating/tables.ts';
import type { Move, SeatingEvent, SeatingState, TableState } from '../seating/types.ts';
import { mapGet } from './pmap.ts';
import type {
  ShootoutEvent,
  ShootoutProgress,
  ShootoutRoundStarted,
  TableWin,
  TableWon,
} from './shootout-types.ts';
import { activeEntries, getEntry } from './state.ts';
import type { CommandRecord, TournamentConfig, TournamentEventAny, TournamentState } from './types.ts';

interface Stamp {
  readonly at: number;
  readonly actor: string;
  readonly commandId: string;
}

const ROUND_ONE: ShootoutProgress = Object.freeze({ round: 1, fixed: true, commandId: null, wins: [] });

// ---- configuration --------------------------------------------------------------------------

/** The shootout part of a config on its own; null when fine or not a shootout. */
export function checkShootout(c: TournamentConfig): DomainError | null {
  const s = c.shootout;
  if (s === undefined) return null;
  const n = s.advancePerTable;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
    return new DomainError(
      'SHOOTOUT_ADVANCE_INVALID',
      `A shootout sends a whole number of players (1 or more) from each table to the next round (got ${String(n)})`,
      { field: 'shootout.advancePerTable', value: n },
    );
  }
  if (n >= MAX_SEATS) {
    return new DomainError(
      'SHOOTOUT_ADVANCE_TOO_MANY',
      `${n} players per table to advance: tables seat at most ${MAX_SEATS}, so nobody would be knocked out`,
      { field: 'shootout.advancePerTable', value: n, seatsPerTable: MAX_SEATS },
    );
  }
  if (c.satellite !== undefined) {
    return new DomainError(
      'SHOOTOUT_WITH_SATELLITE',
      'A tournament is either a shootout or a satellite here: clear one of them',
      { field: 'shootout' },
    );
  }
  return null;
}

/** Against the room's tables: fewer advance from a table than it seats. */
export function shootoutSeatsProblem(c: TournamentConfig, seating: SeatingState): DomainError | null {
  const n = c.shootout?.advancePerTable;
  if (n === undefined) return null;
  const seats = seating.config.defaultSeatsPerTable;
  if (n >= seats) {
    return new DomainError(
      'SHOOTOUT_ADVANCE_TOO_MANY',
      `${n} players per table to advance, but tables seat ${seats}: advance fewer than ${seats}`,
      { field: 'shootout.advancePerTable', value: n, seatsPerTable: seats },
    );
  }
  return null;
}

// ---- progress -------------------------------------------------------------------------------

/** A shootout's progress; null when the tournament is not a shootout. */
export function progressOf(state: TournamentState): ShootoutProgress | null {
  if (state.config?.shootout === undefined) return null;
  return state.shootout ?? ROUND_ONE;
}

/** True while a shootout round is played (tables fixed, tables won). */
export function inShootoutRound(state: TournamentState): boolean {
  return progressOf(state)?.fixed === true;
}

/** The seating's `fixedTables` flag kept in step with the shootout (evolve calls this). */
export function syncFixedTables(state: TournamentState): TournamentState {
  const want = inShootoutRound(state);
  if ((state.seating.fixedTables ?? false) === want) return state;
  if (want) return { ...state, seating: { ...state.seating, fixedTables: true } };
  const { fixedTables: _off, ...seating } = state.seating;
  return { ...state, seating };
}

function winsOf(p: ShootoutProgress, round: number): TableWin[] {
  return p.wins.filter((w) => w.round === round);
}

function tablesInPlay(seating: SeatingState): TableState[] {
  return seating.tables.filter((t) => t.players > 0);
}

/** Tables of the round still playing (in play and not won), by number. */
export function tablesStillPlaying(state: TournamentState): TableState[] {
  const p = progressOf(state);
  if (p === null || !p.fixed) return [];
  const won = new Set(winsOf(p, p.round).map((w) => w.tableId));
  return tablesInPlay(state.seating)
    .filter((t) => !won.has(t.id))
    .sort((a, b) => a.number - b.number);
}

// ---- refusals -------------------------------------------------------------------------------

/** A drawn shootout starts only if every table has someone to knock out. */
export function shootoutStartProblem(state: TournamentState): DomainError | null {
  const advance = state.config?.shootout?.advancePerTable;
  if (advance === undefined || !state.seating.drawn) return null;
  const small = tablesInPlay(state.seating).find((t) => t.players <= advance);
  if (small === undefined) return null;
  return new DomainError(
    'SHOOTOUT_TABLE_TOO_SMALL',
    `${small.name} has ${small.players} ${small.players === 1 ? 'player' : 'players'} and ${advance} go through: seat more players there before the start`,
    { tableId: small.id, players: small.players, advancePerTable: advance },
  );
}

/** Late entries during a running shootout round; null when fine. */
export function shootoutEntryRefusal(state: TournamentState): DomainError | null {
  if (state.status !== 'running' || !inShootoutRound(state)) return null;
  return new DomainError(
    'SHOOTOUT_LATE_ENTRY',
    'A shootout round is under way: players cannot join a table that plays down to its winners',
    {},
  );
}

export function shootoutDealRefusal(state: TournamentState): DomainError | null {
  if (!inShootoutRound(state)) return null;
  return new DomainError(
    'SHOOTOUT_NO_DEAL',
    'A shootout round is under way: deals are made in the final, not at a shootout table',
    {},
  );
}

function tableName(seating: SeatingState, tableId: string): string {
  return tableById(seating, tableId)?.name ?? tableId;
}

/**
 * Checks busts in a shootout round and returns the `TableWon` events they cause (tables left
 * with exactly their winners); [] outside a shootout round.
 */
export function shootoutBust(
  state: TournamentState,
  entryIds: readonly string[],
  stamp: Stamp,
): TableWon[] | DomainError {
  const p = progressOf(state);
  const advance = state.config?.shootout?.advancePerTable ?? 0;
  if (p === null || !p.fixed) return [];
  const won = new Set(winsOf(p, p.round).map((w) => w.tableId));
  const out = new Map<string, Set<string>>();
  for (const id of entryIds) {
    const seat = seatOf(state.seating, id);
    if (seat === null) {
      return new DomainError(
        'SHOOTOUT_NOT_SEATED',
        `Entry ${id} has no seat: in a shootout a player goes out at a table (draw the seats first)`,
        { entryId: id },
      );
    }
    if (won.has(seat.tableId)) {
      return new DomainError(
        'SHOOTOUT_TABLE_WON',
        `${tableName(state.seating, seat.tableId)} has been won: its players wait for round ${p.round + 1}`,
        { entryId: id, tableId: seat.tableId, round: p.round },
      );
    }
    const set = out.get(seat.tableId) ?? new Set<string>();
    set.add(id);
    out.set(seat.tableId, set);
  }
  const events: TableWon[] = [];
  for (const [tableId, busted] of out) {
    const table = tableById(state.seating, tableId) as TableState;
    const left = table.players - busted.size;
    if (left < advance) {
      return new DomainError(
        'SHOOTOUT_TOO_MANY_BUSTS',
        `${table.name} has ${table.players} players and ${advance} go through: at most ${table.players - advance} can go out now`,
        { tableId, players: table.players, busts: busted.size, advancePerTable: advance },
      );
    }
    if (left === advance) {
      const winners = table.occupants.filter((x): x is string => x !== null && !busted.has(x));
      events.push({
        type: 'TableWon',
        ...stamp,
        round: p.round,
        tableId,
        tableName: table.name,
        winners,
      });
    }
  }
  return events;
}

// ---- the next round -------------------------------------------------------------------------

/** Spreads `count` players over `tables` one at a time, to the emptiest with room (ties at random). */
function spreadOver(tables: readonly TableState[], count: number, ctx: Ctx): Map<string, number> {
  const order = ctx.random.shuffle([...tables]);
  const n = new Map(order.map((t) => [t.id, 0]));
  for (let i = 0; i < count; i++) {
    let best: TableState | null = null;
    for (const t of order) {
      const c = n.get(t.id) ?? 0;
      if (c >= availableSeats(t)) continue;
      if (best === null || c < (n.get(best.id) ?? 0)) best = t;
    }
    if (best === null) break;
    n.set(best.id, (n.get(best.id) ?? 0) + 1);
  }
  return n;
}

export function decideNextRound(
  state: TournamentState,
  stamp: Stamp,
  ctx: Ctx,
): readonly (ShootoutEvent | SeatingEvent)[] | DomainError {
  const p = progressOf(state);
  if (p === null) {
    return new DomainError('NOT_A_SHOOTOUT', 'This tournament is not a shootout: it has no rounds', {});
  }
  if (state.status !== 'running') {
    return new DomainError('TOURNAMENT_NOT_RUNNING', 'The tournament has not started yet', {
      status: state.status,
    });
  }
  if (!p.fixed) {
    return new DomainError(
      'SHOOTOUT_ROUNDS_OVER',
      `Round ${p.round} is played as a normal tournament to the end: there is no next round`,
      { round: p.round },
    );
  }
  const playing = tablesStillPlaying(state);
  if (playing.length > 0) {
    const names = playing.map((t) => t.name);
    return new DomainError(
      'SHOOTOUT_TABLES_PLAYING',
      `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} still playing: every table of round ${p.round} must be won first`,
      { round: p.round, tableIds: playing.map((t) => t.id) },
    );
  }
  const seating = state.seating;
  const entryIds = activeEntries(state).map((e) => e.entryId);
  const advance = state.config?.shootout?.advancePerTable ?? 1;
  const round = p.round + 1;
  const started = (fixed: boolean, tableIds: readonly string[]): ShootoutRoundStarted => ({
    type: 'ShootoutRoundStarted',
    ...stamp,
    round,
    fixed,
    tableIds,
    entryIds,
    previous: { round: p.round, fixed: p.fixed, commandId: p.commandId, players: p.players ?? null },
  });
  const finalTable = finalTableCandidate(seating);
  if (finalTable !== null) {
    // Everyone fits one table: the final, redrawn at random, played as a normal tournament.
    return [started(false, [finalTable.id]), planFinalTable(seating, finalTable, ctx)];
  }
  // The fewest tables that seat the winners, keeping the ones that break last.
  const keep = [...tablesInPlay(seating)].sort(breakOrderCompare(seating)).reverse();
  const chosen: TableState[] = [];
  let room = 0;
  for (const t of keep) {
    if (room >= entryIds.length) break;
    chosen.push(t);
    room += availableSeats(t);
  }
  const counts = spreadOver(chosen, entryIds.length, ctx);
  const fixed = chosen.every((t) => (counts.get(t.id) ?? 0) > advance);
  const players = ctx.random.shuffle([...entryIds]);
  const moves: Move[] = [];
  let next = seating.nextMoveNumber;
  let i = 0;
  for (const t of [...chosen].sort((a, b) => a.number - b.number)) {
    const seats = ctx.random
      .shuffle(openSeats({ ...t, occupants: t.occupants.map(() => null) }))
      .slice(0, counts.get(t.id) ?? 0)
      .sort((a, b) => a - b);
    for (const seat of seats) {
      const entryId = players[i++] as string;
      const from = seatOf(seating, entryId);
      if (from === null) continue;
      moves.push({
        moveId: `m${next++}`,
        entryId,
        from,
        to: { tableId: t.id, seat },
        reason: `round ${round} redraw: ${t.name} seat ${seat}`,
        random: true,
      });
    }
  }
  return [
    started(
      fixed,
      chosen.map((t) => t.id),
    ),
    { type: 'PlayersMoved', at: stamp.at, actor: stamp.actor, moves },
  ];
}

// ---- evolve ---------------------------------------------------------------------------------

export function applyShootout(state: TournamentState, event: ShootoutEvent): TournamentState {
  const p = progressOf(state) ?? ROUND_ONE;
  switch (event.type) {
    case 'TableWon': {
      const win: TableWin = {
        round: event.round,
        tableId: event.tableId,
        tableName: event.tableName,
        winners: event.winners,
        commandId: event.commandId,
        at: event.at,
      };
      return { ...state, shootout: { ...p, wins: [...p.wins, win] } };
    }
    case 'ShootoutRoundStarted':
      return {
        ...state,
        shootout: {
          ...p,
          round: event.round,
          fixed: event.fixed,
          commandId: event.commandId,
          players: event.entryIds.length,
        },
      };
  }
}

export function revertShootout(state: TournamentState, event: ShootoutEvent): TournamentState {
  const p = progressOf(state) ?? ROUND_ONE;
  switch (event.type) {
    case 'TableWon':
      return {
        ...state,
        shootout: {
          ...p,
          wins: p.wins.filter(
            (w) =>
              !(w.commandId === event.commandId && w.tableId === event.tableId && w.round === event.round),
          ),
        },
      };
    case 'ShootoutRoundStarted':
      return { ...state, shootout: { ...p, ...event.previous } };
  }
}

// ---- undo -----------------------------------------------------------------------------------

function undoBlocked(
  code: 'UNDO_BLOCKED' | 'REDO_BLOCKED',
  base: CommandRecord,
  why: string,
  blocking: string | null,
): DomainError {
  return new DomainError(
    code,
    `Cannot ${code === 'UNDO_BLOCKED' ? 'undo' : 'redo'} (command ${base.commandId}): ${why}${blocking === null ? '' : ` (undo command ${blocking} first)`}`,
    { commandId: base.commandId, blockingCommandId: blocking },
  );
}

/** A bust of an earlier round: the next round was drawn from its winners since. */
export function roundStartedSince(
  state: TournamentState,
  base: CommandRecord,
  code: 'UNDO_BLOCKED' | 'REDO_BLOCKED',
): DomainError | null {
  const p = progressOf(state);
  if (p === null || p.commandId === null) return null;
  const seq = mapGet(state.log, p.commandId)?.seq ?? -1;
  return seq > base.seq
    ? undoBlocked(code, base, `round ${p.round} has been drawn since`, p.commandId)
    : null;
}

/** A redone bust must happen at a table still playing. */
export function bustRedoProblem(
  state: TournamentState,
  base: CommandRecord,
  entryIds: readonly string[],
): DomainError | null {
  const since = roundStartedSince(state, base, 'REDO_BLOCKED');
  if (since) return since;
  const p = progressOf(state);
  if (p === null || !p.fixed) return null;
  const won = winsOf(p, p.round);
  for (const id of entryIds) {
    const seat = seatOf(state.seating, id);
    const win = seat === null ? undefined : won.find((w) => w.tableId === seat.tableId);
    if (win) return undoBlocked('REDO_BLOCKED', base, `${win.tableName} has been won since`, win.commandId);
  }
  return null;
}

export function canRevertShootout(
  state: TournamentState,
  base: CommandRecord,
  event: ShootoutEvent,
): DomainError | null {
  const p = progressOf(state) ?? ROUND_ONE;
  switch (event.type) {
    case 'TableWon':
      return p.wins.some((w) => w.commandId === base.commandId && w.tableId === event.tableId)
        ? null
        : undoBlocked('UNDO_BLOCKED', base, `${event.tableName} is no longer won by this bust`, null);
    case 'ShootoutRoundStarted': {
      if (p.commandId !== base.commandId) {
        return undoBlocked('UNDO_BLOCKED', base, `round ${p.round} has been drawn since`, p.commandId);
      }
      if (state.playersLeft !== event.entryIds.length) {
        return undoBlocked(
          'UNDO_BLOCKED',
          base,
          `players have gone out in round ${event.round} since: undo those busts first`,
          null,
        );
      }
      return null;
    }
  }
}

export function canReapplyShootout(
  state: TournamentState,
  base: CommandRecord,
  event: ShootoutEvent,
): DomainError | null {
  const p = progressOf(state) ?? ROUND_ONE;
  switch (event.type) {
    case 'TableWon':
      return p.round === event.round &&
        p.fixed &&
        !winsOf(p, p.round).some((w) => w.tableId === event.tableId)
        ? null
        : undoBlocked('REDO_BLOCKED', base, `${event.tableName} cannot be won again now`, null);
    case 'ShootoutRoundStarted': {
      const same =
        p.round === event.round - 1 &&
        p.fixed &&
        tablesStillPlaying(state).length === 0 &&
        state.playersLeft === event.entryIds.length &&
        event.entryIds.every((id) => getEntry(state, id)?.status === 'active');
      return same
        ? null
        : undoBlocked(
            'REDO_BLOCKED',
            base,
            `the players of round ${event.round - 1} have changed since`,
            null,
          );
    }
  }
}

/** True when the command drew a shootout round (its seating is undone as a whole). */
export function drewRound(events: readonly TournamentEventAny[]): boolean {
  return events.some((e) => e.type === 'ShootoutRoundStarted');
}

// ---- standings ------------------------------------------------------------------------------

export interface ShootoutStanding {
  readonly advancePerTable: number;
  readonly round: number;
  /** True while the round is a shootout round; false once it plays as a normal tournament. */
  readonly shootoutRound: boolean;
  /** Tables won, all rounds, oldest first, with the winners' names. */
  readonly wins: readonly {
    readonly round: number;
    readonly tableId: string;
    readonly tableName: string;
    readonly winners: readonly { readonly entryId: string; readonly name: string }[];
    readonly commandId: string;
  }[];
  /** Tables of this round still playing (ids). */
  readonly tablesPlaying: readonly string[];
  /** Every table of this round is won: StartNextRound may be sent. */
  readonly roundWon: boolean;
  /** The StartNextRound that began this round (for its undo); null in round 1. */
  readonly roundCommandId: string | null;
  /** Nobody has gone out since this round was drawn: its draw can still be undone. */
  readonly roundUndoable: boolean;
}

export function shootoutStanding(state: TournamentState): ShootoutStanding | null {
  const p = progressOf(state);
  const config = state.config?.shootout;
  if (p === null || config === undefined) return null;
  const playing = tablesStillPlaying(state);
  return {
    advancePerTable: config.advancePerTable,
    round: p.round,
    shootoutRound: p.fixed,
    wins: p.wins.map((w) => ({
      round: w.round,
      tableId: w.tableId,
      tableName: w.tableName,
      winners: w.winners.map((id) => ({ entryId: id, name: getEntry(state, id)?.name ?? id })),
      commandId: w.commandId,
    })),
    tablesPlaying: playing.map((t) => t.id),
    roundWon:
      p.fixed &&
      state.status === 'running' &&
      state.seating.drawn &&
      playing.length === 0 &&
      winsOf(p, p.round).length > 0,
    roundCommandId: p.commandId,
    roundUndoable: p.commandId !== null && state.status === 'running' && state.playersLeft === p.players,
  };
}
