/**
 * Seating vocabulary: configuration, state, commands, events and the view. The tournament
 * decider embeds `SeatingState`, includes `SeatingEvent` in its event union and forwards
 * `SeatingCommand`s to `decideSeating`.
 */

export interface SeatingConfig {
  /** Largest minus smallest table (in players) may be at most this; default 1. */
  readonly balanceTolerance: number;
  /** A looser tolerance while more than `whileTablesAbove` tables are in play (early stages). */
  readonly relaxedTolerance?: { readonly whileTablesAbove: number; readonly tolerance: number };
  /** false (default): the engine proposes moves and the TD applies them. */
  readonly autoApplyMoves: boolean;
  /** true (default): consolidating to one table redraws every remaining player at random. */
  readonly finalTableRedraw: boolean;
  /**
   * How the tournament decider ranks busts in one hand-for-hand hand: 'tie' shares the places
   * (default), 'starting-stack' ranks by stack at the start of the hand. Kept here because it
   * belongs to the hand-for-hand settings; seating itself only provides the hand key.
   */
  readonly handForHandRanking: 'tie' | 'starting-stack';
  readonly autoHandForHandAtBubble: boolean;
  /** Seats at tables the engine creates itself (2..10); default 10. */
  readonly defaultSeatsPerTable: number;
}

export interface SeatRef {
  readonly tableId: string;
  readonly seat: number;
}

/** A table's fixed description, carried whole by events that add or remove a table. */
export interface TableDef {
  readonly id: string;
  readonly name: string;
  /** Table number as posted in the room; the default break order is highest number first. */
  readonly number: number;
  /** Seats 1..seats. */
  readonly seats: number;
  /** Seat numbers never drawn into (broken chair, dealer's elbow, a camera). */
  readonly unavailable: readonly number[];
  /** Seat holding the dealer button in the hand being played (or just played); null if unknown. */
  readonly button: number | null;
}

export interface TableState extends TableDef {
  /** occupants[seat - 1] is the entry id in that seat, or null. */
  readonly occupants: readonly (string | null)[];
  /** Number of occupied seats (kept so sizes need no scan). */
  readonly players: number;
}

export interface Move {
  readonly moveId: string;
  readonly entryId: string;
  readonly from: SeatRef;
  readonly to: SeatRef;
  /** Why, for the move screen: "balance: Table 3 has 9, Table 5 has 7". */
  readonly reason: string;
  /** True when part of the choice was random (no button known, or a break/redraw draw). */
  readonly random: boolean;
}

export interface HandForHandStatus {
  /** Number of the current hand-for-hand hand (unique within the tournament). */
  readonly hand: number;
  /** Tables that have reported the current hand finished. */
  readonly reported: readonly string[];
  /** The bubble burst during this hand: hand-for-hand stops once every table reports. */
  readonly endsAfterHand: boolean;
}

/**
 * Entry id -> seat, split into shards by a hash of the id so an update copies one small shard
 * (a short array: copying and scanning ~40 items beats copying a 10,000-key object).
 */
export type SeatIndex = readonly (readonly SeatAssignment[])[];

export interface SeatingState {
  readonly config: SeatingConfig;
  /** Tables in the room, in the order they were added. Broken tables are removed. */
  readonly tables: readonly TableState[];
  /** Table id -> position in `tables`. */
  readonly tablePos: Readonly<Record<string, number>>;
  readonly seatIndex: SeatIndex;
  /** Number of seated entries. */
  readonly seated: number;
  /** Entry id -> the seat the entry is locked to (accessibility, TD's choice). */
  readonly locks: Readonly<Record<string, SeatRef>>;
  /** Posted break order (first breaks first); null means highest table number first. */
  readonly breakOrder: readonly string[] | null;
  /** Whether the initial draw happened (late entries are seated only after it). */
  readonly drawn: boolean;
  readonly pendingMoves: readonly Move[];
  readonly nextMoveNumber: number;
  readonly handForHand: HandForHandStatus | null;
  /** Highest hand-for-hand hand number used so far (keys stay unique across restarts). */
  readonly lastHandForHandHand: number;
  /**
   * Tables stay as drawn: no balancing proposals or moves, no automatic or TD table breaks,
   * no final-table redraw (a shootout round; the tournament decider sets it). Absent: false.
   */
  readonly fixedTables?: boolean;
}

// ---- commands -------------------------------------------------------------------------------

export interface AddTable {
  readonly type: 'AddTable';
  /** Generated as `t<N>` (lowest unused N) when absent. */
  readonly tableId?: string;
  readonly name?: string;
  readonly seats?: number;
  readonly number?: number;
}
export interface RenameTable {
  readonly type: 'RenameTable';
  readonly tableId: string;
  readonly name: string;
}
export interface RemoveTable {
  readonly type: 'RemoveTable';
  readonly tableId: string;
}
export interface SetSeatAvailable {
  readonly type: 'SetSeatAvailable';
  readonly tableId: string;
  readonly seat: number;
  readonly available: boolean;
}
export interface LockSeat {
  readonly type: 'LockSeat';
  readonly entryId: string;
  readonly tableId: string;
  readonly seat: number;
}
/**
 * The TD puts one entry in a named seat ("seat this player at Table 3, seat 7"): a reserved
 * seat before the draw (the draw keeps it), a correction or a late arrival after it, or seats
 * carried over from another system.
 */
export interface SeatEntry {
  readonly type: 'SeatEntry';
  readonly entryId: string;
  readonly tableId: string;
  readonly seat: number;
}
export interface UnlockSeat {
  readonly type: 'UnlockSeat';
  readonly entryId: string;
}
export interface SetButton {
  readonly type: 'SetButton';
  readonly tableId: string;
  /** null clears it (button unknown). */
  readonly seat: number | null;
}
export interface SetBreakOrder {
  readonly type: 'SetBreakOrder';
  /** First breaks first; tables not listed break after these, highest number first. Empty = default. */
  readonly tableIds: readonly string[];
}
export interface ConfigureSeating {
  readonly type: 'ConfigureSeating';
  readonly config: Partial<SeatingConfig>;
}
export interface DrawSeats {
  readonly type: 'DrawSeats';
  readonly entryIds: readonly string[];
}
export interface ApplyMove {
  readonly type: 'ApplyMove';
  readonly moveId: string;
}
export interface ApplyAllMoves {
  readonly type: 'ApplyAllMoves';
}
export interface BreakTable {
  readonly type: 'BreakTable';
  /** Next table in the posted order when absent. */
  readonly tableId?: string;
}
export interface RedrawFinalTable {
  readonly type: 'RedrawFinalTable';
}
export interface StartHandForHand {
  readonly type: 'StartHandForHand';
}
export interface StopHandForHand {
  readonly type: 'StopHandForHand';
}
export interface ReportHandFinished {
  readonly type: 'ReportHandFinished';
  readonly tableId: string;
}

export type SeatingCommand =
  | AddTable
  | RenameTable
  | RemoveTable
  | SetSeatAvailable
  | LockSeat
  | SeatEntry
  | UnlockSeat
  | SetButton
  | SetBreakOrder
  | ConfigureSeating
  | DrawSeats
  | ApplyMove
  | ApplyAllMoves
  | BreakTable
  | RedrawFinalTable
  | StartHandForHand
  | StopHandForHand
  | ReportHandFinished;

// ---- events ---------------------------------------------------------------------------------

interface EventBase {
  readonly at: number;
  readonly actor: string;
}

export interface SeatAssignment {
  readonly entryId: string;
  readonly tableId: string;
  readonly seat: number;
}

/** One entry's seat change in a compensating event; null = not seated. */
export interface SeatChange {
  readonly entryId: string;
  readonly from: SeatRef | null;
  readonly to: SeatRef | null;
}

export interface TableAdded extends EventBase {
  readonly type: 'TableAdded';
  readonly table: TableDef;
}
export interface TableRenamed extends EventBase {
  readonly type: 'TableRenamed';
  readonly tableId: string;
  readonly name: string;
  readonly previousName: string;
}
export interface TableRemoved extends EventBase {
  readonly type: 'TableRemoved';
  readonly table: TableDef;
}
export interface SeatAvailabilitySet extends EventBase {
  readonly type: 'SeatAvailabilitySet';
  readonly tableId: string;
  readonly seat: number;
  readonly available: boolean;
}
export interface SeatLocked extends EventBase {
  readonly type: 'SeatLocked';
  readonly entryId: string;
  readonly lock: SeatRef;
  readonly previous: SeatRef | null;
}
export interface SeatUnlocked extends EventBase {
  readonly type: 'SeatUnlocked';
  readonly entryId: string;
  readonly previous: SeatRef;
}
export interface ButtonSet extends EventBase {
  readonly type: 'ButtonSet';
  readonly tableId: string;
  readonly seat: number | null;
  readonly previous: number | null;
}
export interface BreakOrderSet extends EventBase {
  readonly type: 'BreakOrderSet';
  readonly tableIds: readonly string[] | null;
  readonly previous: readonly string[] | null;
}
export interface SeatingConfigured extends EventBase {
  readonly type: 'SeatingConfigured';
  readonly config: SeatingConfig;
  readonly previous: SeatingConfig;
}
export interface SeatsDrawn extends EventBase {
  readonly type: 'SeatsDrawn';
  /** Tables the engine created because the existing ones were too few. */
  readonly tablesAdded: readonly TableDef[];
  readonly seats: readonly SeatAssignment[];
}
export interface EntrySeated extends EventBase {
  readonly type: 'EntrySeated';
  readonly entryId: string;
  readonly tableId: string;
  readonly seat: number;
  readonly reason: string;
  readonly random: boolean;
  /** A table the engine opened because every table was full. */
  readonly tableAdded: TableDef | null;
}
export interface EntriesUnseated extends EventBase {
  readonly type: 'EntriesUnseated';
  readonly seats: readonly SeatAssignment[];
}
export interface MovesProposed extends EventBase {
  readonly type: 'MovesProposed';
  readonly moves: readonly Move[];
}
export interface MovesWithdrawn extends EventBase {
  readonly type: 'MovesWithdrawn';
  readonly moves: readonly Move[];
  readonly reason: string;
}
/** Moves carried out (balancing, a lock, an applied proposal). Pending ones with these ids are done. */
export interface PlayersMoved extends EventBase {
  readonly type: 'PlayersMoved';
  readonly moves: readonly Move[];
}
export interface TableBroken extends EventBase {
  readonly type: 'TableBroken';
  /** The table as it was (removed from the room; undo adds it back). */
  readonly table: TableDef;
  readonly moves: readonly Move[];
  /** Locks on the broken table, released (the locked player had to move). */
  readonly locksReleased: readonly SeatAssignment[];
}
export interface FinalTableDrawn extends EventBase {
  readonly type: 'FinalTableDrawn';
  readonly tableId: string;
  /** Every remaining player, including those whose seat did not change (from equals to). */
  readonly moves: readonly Move[];
  readonly tablesBroken: readonly TableDef[];
  readonly locksReleased: readonly SeatAssignment[];
}
/** Compensating seat changes written by undo. */
export interface SeatsReverted extends EventBase {
  readonly type: 'SeatsReverted';
  readonly changes: readonly SeatChange[];
  /** Sets the "seats were drawn" flag (undoing a draw clears it); null leaves it. */
  readonly drawn: boolean | null;
}
export interface HandForHandStarted extends EventBase {
  readonly type: 'HandForHandStarted';
  readonly hand: number;
  readonly reason: string;
}
export interface TableHandFinished extends EventBase {
  readonly type: 'TableHandFinished';
  readonly tableId: string;
  readonly hand: number;
}
export interface HandForHandNextHand extends EventBase {
  readonly type: 'HandForHandNextHand';
  readonly hand: number;
  /** The status just before (the finished hand), for undo. */
  readonly previous: HandForHandStatus;
}
export interface HandForHandEnding extends EventBase {
  readonly type: 'HandForHandEnding';
  readonly hand: number;
  readonly reason: string;
}
export interface HandForHandStopped extends EventBase {
  readonly type: 'HandForHandStopped';
  readonly hand: number;
  readonly reason: string;
  readonly previous: HandForHandStatus;
}
/** Compensating event: puts the hand-for-hand status back as it was. */
export interface HandForHandRestored extends EventBase {
  readonly type: 'HandForHandRestored';
  readonly status: HandForHandStatus | null;
}

export type SeatingEvent =
  | TableAdded
  | TableRenamed
  | TableRemoved
  | SeatAvailabilitySet
  | SeatLocked
  | SeatUnlocked
  | ButtonSet
  | BreakOrderSet
  | SeatingConfigured
  | SeatsDrawn
  | EntrySeated
  | EntriesUnseated
  | MovesProposed
  | MovesWithdrawn
  | PlayersMoved
  | TableBroken
  | FinalTableDrawn
  | SeatsReverted
  | HandForHandStarted
  | TableHandFinished
  | HandForHandNextHand
  | HandForHandEnding
  | HandForHandStopped
  | HandForHandRestored;

// ---- view -----------------------------------------------------------------------------------

export interface SeatView {
  readonly seat: number;
  readonly entryId: string | null;
  readonly locked: boolean;
  /** The entry the seat is locked to (reserved for, when empty); null when not locked. */
  readonly lockedFor: string | null;
  readonly unavailable: boolean;
  readonly button: boolean;
}

export interface TableView {
  readonly id: string;
  readonly name: string;
  readonly number: number;
  readonly seats: number;
  readonly players: number;
  /** False for an empty table waiting to be used. */
  readonly inPlay: boolean;
  readonly button: number | null;
  readonly seatMap: readonly SeatView[];
}

export interface SeatingView {
  /** The seating settings (tolerance, auto-apply, redraw, hand-for-hand), for the settings form. */
  readonly config: SeatingConfig;
  /** Tables ordered by number. */
  readonly tables: readonly TableView[];
  /** Table id -> players seated. */
  readonly tableSizes: Readonly<Record<string, number>>;
  readonly playersSeated: number;
  readonly tablesInPlay: number;
  readonly pendingMoves: readonly Move[];
  /** The order tables will break in (first breaks first), tables in play only. */
  readonly breakOrder: readonly string[];
  readonly handForHand: {
    readonly on: boolean;
    readonly hand: number | null;
    readonly key: string | null;
    /** Tables with players that have not reported the current hand. */
    readonly tablesPlaying: readonly string[];
    readonly tablesReported: readonly string[];
    readonly endsAfterHand: boolean;
    readonly ranking: SeatingConfig['handForHandRanking'];
  };
}
