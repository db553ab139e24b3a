/**
 * The tournament decider's vocabulary: configuration, state, commands and events.
 *
 * Commands travel in an envelope: every command carries the client-chosen `commandId`
 * (DESIGN.md: a repeated commandId returns the first answer), and every event it produces
 * carries that `commandId`, so `Undo { targetCommandId }` can find what to compensate.
 */
import type { ClockAnchors } from '../clock/anchors.ts';
import type { DealKind } from '../icm/deals.ts';
import type { Unawarded } from '../money/payouts.ts';
import type { SatelliteConfig } from '../money/satellite.ts';
import type { CurrencyCode, EntryProfile, Minor } from '../money/types.ts';
import type { SeatingCommand, SeatingEvent, SeatingState, SeatRef } from '../seating/types.ts';
import type { Structure, StructureLevel } from '../structure/types.ts';
import type { BagChips, CarriedField, CarryEntries, DayBag, DayEvent } from './day-types.ts';
import type { PMap } from './pmap.ts';
import type { ShootoutConfig, ShootoutEvent, ShootoutProgress, StartNextRound } from './shootout-types.ts';

// ---- configuration --------------------------------------------------------------------------

export type BountyMode = 'none' | 'fixed' | 'progressive';

export interface TournamentRules {
  /** A busted player may buy a new entry during late registration. */
  readonly reentry: boolean;
  /** Entries one player may buy in total (first entry + re-entries). */
  readonly maxEntriesPerPlayer: number;
  /** Rebuys one entry may take; null = unlimited. */
  readonly maxRebuysPerEntry: number | null;
  /** Rebuy only with at most this many chips (the usual "at or below the starting stack"); null = any stack. */
  readonly rebuyMaxChips: number | null;
  /** Seats for players still in; null = no limit. */
  readonly capacity: number | null;
  /** When full, new registrations join a waiting list (true) or are refused (false). */
  readonly waitingList: boolean;
  readonly bountyMode: BountyMode;
  /** "Final table" is reached when this many players (or fewer) are left. */
  readonly finalTableSize: number;
}

export interface PayoutConfig {
  /** Round every computed prize down to a multiple of this (5000 = 50 DKK). */
  readonly roundTo: Minor;
  /**
   * Prize money that the TD's fixed prizes leave unpaid is kept by the house or carried over
   * (a line of its own in the standings); absent: the whole pool must be paid out.
   */
  readonly unawarded?: Unawarded;
  /** Override table, basis points per place from 1st; null = the built-in table by field size. */
  readonly percentages: readonly number[] | null;
}

export interface TournamentConfig {
  readonly name: string;
  readonly structure: Structure;
  readonly currency: CurrencyCode;
  readonly buyIn: EntryProfile;
  readonly rebuy: EntryProfile | null;
  readonly addOn: EntryProfile | null;
  /**
   * Other prices the desk may charge beside the defaults above, each of a kind (a cheaper
   * re-entry, a "double rebuy"); a Register, Reenter, PromoteAlternate, Rebuy or AddOn names one
   * by id. Absent in configs made before it existed: none.
   */
  readonly profiles?: readonly EntryProfile[];
  readonly rules: TournamentRules;
  readonly addedMoney: Minor;
  /** Fixed house cut off the entries (absent in configs made before it existed: none). */
  readonly fixedRake?: Minor;
  readonly guarantee: Minor;
  readonly payout: PayoutConfig;
  /** A satellite: the pool buys seats in a target event (satellite.ts); absent = pays places. */
  readonly satellite?: SatelliteConfig;
  /** A shootout: tables play down to `advancePerTable` winners each (shootout.ts); absent = regular play. */
  readonly shootout?: ShootoutConfig;
}

// ---- state ----------------------------------------------------------------------------------

/** Stored lifecycle status; "on break" and "final table" are derived (see `phaseAt`). */
export type TournamentStatus = 'announced' | 'registration' | 'running' | 'finished' | 'cancelled';

/** The lifecycle as a TD or a TV names it at a moment. */
export type TournamentPhase =
  | 'not-created'
  | 'announced'
  | 'registration-open'
  | 'running'
  | 'on-break'
  | 'final-table'
  | 'finished'
  | 'cancelled';

/** What one buy-in, re-entry, rebuy or add-on cost and gave, as charged. */
export interface Charge {
  readonly price: Minor;
  readonly fee: Minor;
  readonly bounty: Minor;
  readonly chips: number;
}

export interface BustRecord {
  /** Global order of busts (1, 2, 3 …); places are derived from it. */
  readonly ordinal: number;
  /** Busts sharing a group went out in the same hand: the bust command, or the hand-for-hand hand key. */
  readonly group: string;
  /** 'chips': ranked by chips at the start of the hand; 'tie': the group shares its places. */
  readonly ranking: 'chips' | 'tie';
  readonly chipsAtStartOfHand: number | null;
  readonly hitmanEntryId: string | null;
  /** The shootout round the entry went out in; absent outside shootouts. */
  readonly round?: number;
  /** Bounty on the entry's head when it busted (what moved to the hitman or the house). */
  readonly bountyAtBust: number;
  readonly commandId: string;
  readonly at: number;
}

/** 'voided': the registration was undone (kept so a redo restores it exactly). */
export type EntryStatus = 'active' | 'busted' | 'unregistered' | 'voided';

export interface Entry {
  readonly entryId: string;
  /** 1-based order of entry; stable, never reused. */
  readonly number: number;
  readonly playerId: string;
  readonly name: string;
  readonly kind: 'buyin' | 'reentry';
  /** The busted entry this re-entry replaced. */
  readonly previousEntryId: string | null;
  /** The re-entry that replaced this busted entry. */
  readonly reenteredAs: string | null;
  readonly status: EntryStatus;
  readonly registeredAt: number;
  readonly commandId: string;
  /** Command ids of the rebuys still in effect, oldest first. */
  readonly rebuys: readonly string[];
  /** Command id of the add-on, or null. */
  readonly addOn: string | null;
  /** Totals of everything this entry paid and received in chips. */
  readonly paid: Charge;
  /** Last chip count entered by the floor, and when. */
  readonly chips: number | null;
  readonly chipsAt: number | null;
  readonly bust: BustRecord | null;
  /** Bounty money on this entry's head now (progressive knockouts grow it). */
  readonly bountyOnHead: Minor;
  /** Bounty cash won by knocking players out. */
  readonly bountiesWon: Minor;
  readonly knockouts: number;
}

export interface Player {
  readonly playerId: string;
  readonly name: string;
  /** Every entry of this player (unregistered and voided ones included), oldest first. */
  readonly entryIds: readonly string[];
}

export interface Alternate {
  readonly playerId: string;
  readonly name: string;
  readonly at: number;
  readonly commandId: string;
}

export interface MoneyTotals {
  /** Prize-pool part of every charge in effect. */
  readonly fromEntries: Minor;
  readonly fees: Minor;
  readonly bounties: Minor;
  readonly chipsIssued: number;
  readonly buyIns: number;
  readonly reentries: number;
  readonly rebuys: number;
  readonly addOns: number;
}

export interface PayoutEdits {
  /** Manual amount per place from 1st; null = computed. */
  readonly manual: readonly (Minor | null)[];
  /** Places already paid, per place from 1st; null = not paid yet. */
  readonly locked: readonly (Minor | null)[];
}

export interface DealShare {
  readonly entryId: string;
  readonly chips: number;
  readonly amount: Minor;
}

export interface Deal {
  readonly kind: DealKind;
  readonly method: string;
  readonly shares: readonly DealShare[];
  readonly leftToPlayFor: Minor;
  readonly commandId: string;
}

export interface CommandRecord {
  readonly commandId: string;
  /** Index (0-based) of the command's first event in the log. */
  readonly seq: number;
  /** How many events the command produced (its events are log entries seq+1 … seq+count, 1-based). */
  readonly count: number;
  /**
   * The command's events, or null when a snapshot left them out: they are in the event log,
   * and only an undo needs them (see command-log.ts, which loads them back first).
   */
  readonly events: readonly TournamentEventAny[] | null;
  /** Undone and not redone. */
  readonly undone: boolean;
}

export interface TournamentState {
  readonly version: 1;
  readonly tournamentId: string;
  readonly status: TournamentStatus;
  readonly config: TournamentConfig | null;
  /** The TD closed registration by hand (before the start, or late registration early). */
  readonly registrationClosed: boolean;
  readonly clock: ClockAnchors;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  readonly entries: PMap<Entry>;
  readonly players: PMap<Player>;
  /** Entry numbers issued so far (ids stay unique after an undo). */
  readonly entryCount: number;
  /** Entries that count toward the field: active plus busted (not unregistered). */
  readonly entrants: number;
  readonly playersLeft: number;
  readonly waitingList: readonly Alternate[];
  readonly money: MoneyTotals;
  readonly bustCount: number;
  /** Bounties of players busted without a hitman: kept by the house (see bounties.ts). */
  readonly unclaimedBounties: Minor;
  readonly payoutEdits: PayoutEdits;
  readonly deal: Deal | null;
  /** Every command that produced events, by command id: the audit trail undo works from. */
  readonly log: PMap<CommandRecord>;
  /** Events applied so far. */
  readonly eventCount: number;
  /** Command of the last event applied. */
  readonly lastCommandId: string | null;
  readonly seating: SeatingState;
  /** Multi-day play (day-types.ts); absent in states made before it existed: none. */
  readonly bag?: DayBag | null;
  readonly carried?: CarriedField | null;
  /** A shootout's rounds and won tables (shootout-types.ts); absent until the first table is won. */
  readonly shootout?: ShootoutProgress;
}

// ---- commands -------------------------------------------------------------------------------

export interface RulesInput {
  readonly reentry?: boolean;
  readonly maxEntriesPerPlayer?: number;
  readonly maxRebuysPerEntry?: number | null;
  readonly rebuyMaxChips?: number | null;
  readonly capacity?: number | null;
  readonly waitingList?: boolean;
  readonly bountyMode?: BountyMode;
  readonly finalTableSize?: number;
}

export interface ConfigInput {
  readonly name?: string;
  readonly structure?: Structure;
  readonly currency?: CurrencyCode;
  readonly buyIn?: EntryProfile;
  readonly rebuy?: EntryProfile | null;
  readonly addOn?: EntryProfile | null;
  readonly profiles?: readonly EntryProfile[];
  readonly rules?: RulesInput;
  readonly addedMoney?: Minor;
  readonly fixedRake?: Minor;
  readonly guarantee?: Minor;
  readonly payout?: Partial<PayoutConfig>;
  /** null makes it a regular tournament again. */
  readonly satellite?: SatelliteConfig | null;
  /** null makes it a regular tournament again. */
  readonly shootout?: ShootoutConfig | null;
}

export interface CreateTournament extends ConfigInput {
  readonly type: 'CreateTournament';
  readonly name: string;
  readonly structure: Structure;
  readonly buyIn: EntryProfile;
}
export interface Configure extends ConfigInput {
  readonly type: 'Configure';
}
export interface OpenRegistration {
  readonly type: 'OpenRegistration';
}
export interface CloseRegistration {
  readonly type: 'CloseRegistration';
}
export interface Register {
  readonly type: 'Register';
  readonly playerId: string;
  readonly name: string;
  /** The price charged (one of the tournament's profiles of this kind); the default when absent. */
  readonly profileId?: string;
}
export interface Unregister {
  readonly type: 'Unregister';
  readonly entryId: string;
}
export interface PromoteAlternate {
  readonly type: 'PromoteAlternate';
  /** First on the list when absent. */
  readonly playerId?: string;
  /** The price charged (one of the tournament's profiles of this kind); the default when absent. */
  readonly profileId?: string;
}
export interface Reenter {
  readonly type: 'Reenter';
  readonly playerId: string;
  /** The price charged (one of the tournament's profiles of this kind); the default when absent. */
  readonly profileId?: string;
}
export interface Rebuy {
  readonly type: 'Rebuy';
  readonly entryId: string;
  /** Chips the player has now, as declared at the desk (checked against the rebuy threshold). */
  readonly chips?: number;
  /** The price charged (one of the tournament's profiles of this kind); the default when absent. */
  readonly profileId?: string;
}
export interface AddOn {
  readonly type: 'AddOn';
  readonly entryId: string;
  /** The price charged (one of the tournament's profiles of this kind); the default when absent. */
  readonly profileId?: string;
}
export interface StartTournament {
  readonly type: 'StartTournament';
}
export interface PauseClock {
  readonly type: 'PauseClock';
}
export interface ResumeClock {
  readonly type: 'ResumeClock';
}
export interface AddTime {
  readonly type: 'AddTime';
  readonly ms: number;
}
export interface RemoveTime {
  readonly type: 'RemoveTime';
  readonly ms: number;
}
export interface GoToLevel {
  readonly type: 'GoToLevel';
  /** Index in `structure.levels` (breaks included). */
  readonly levelIndex: number;
}
export interface RestartLevel {
  readonly type: 'RestartLevel';
}
export interface EditFutureLevels {
  readonly type: 'EditFutureLevels';
  /** The full new list of levels; the ones played and being played must be unchanged. */
  readonly levels: readonly StructureLevel[];
}
export interface SetChipCount {
  readonly type: 'SetChipCount';
  readonly counts: readonly { readonly entryId: string; readonly chips: number }[];
}
export interface BustInput {
  readonly entryId: string;
  readonly chipsAtStartOfHand?: number;
}
export interface BustPlayers {
  readonly type: 'BustPlayers';
  /** Everyone who went out in ONE hand. */
  readonly busts: readonly BustInput[];
  readonly hitmanEntryId?: string;
  /** Same key = same hand across tables (hand-for-hand); defaults to the seating's hand-for-hand key. */
  readonly handKey?: string;
}
export interface SetAddedMoney {
  readonly type: 'SetAddedMoney';
  readonly amount: Minor;
}
export interface SetGuarantee {
  readonly type: 'SetGuarantee';
  readonly amount: Minor;
}
export interface EditPayouts {
  readonly type: 'EditPayouts';
  /** Amount per place from 1st; null = computed. Replaces earlier manual edits. */
  readonly manual: readonly (Minor | null)[];
}
export interface LockPayouts {
  readonly type: 'LockPayouts';
  /** Places (1-based) already paid out: their current amounts are frozen. */
  readonly places: readonly number[];
}
export interface MakeDeal {
  readonly type: 'MakeDeal';
  readonly kind: DealKind;
  /** Every player still in, with chips now. */
  readonly stacks: readonly { readonly entryId: string; readonly chips: number }[];
  readonly leaveToPlayFor?: Minor;
  /** Custom deal: amount per player, in `stacks` order. */
  readonly custom?: readonly Minor[];
  readonly roundTo?: Minor;
}
export interface FinishTournament {
  readonly type: 'FinishTournament';
}
export interface CancelTournament {
  readonly type: 'CancelTournament';
  readonly reason?: string;
}
export interface Undo {
  readonly type: 'Undo';
  /** The command to take back; an Undo's id here redoes what it undid. */
  readonly targetCommandId: string;
}
/** The seating draw; entry ids default to every player still in, in entry order. */
export interface DrawSeatsCommand {
  readonly type: 'DrawSeats';
  readonly entryIds?: readonly string[];
}

export type TournamentCommandBody =
  | CreateTournament
  | Configure
  | OpenRegistration
  | CloseRegistration
  | Register
  | Unregister
  | PromoteAlternate
  | Reenter
  | Rebuy
  | AddOn
  | StartTournament
  | PauseClock
  | ResumeClock
  | AddTime
  | RemoveTime
  | GoToLevel
  | RestartLevel
  | EditFutureLevels
  | SetChipCount
  | BustPlayers
  | SetAddedMoney
  | SetGuarantee
  | EditPayouts
  | LockPayouts
  | MakeDeal
  | FinishTournament
  | CancelTournament
  | Undo
  | BagChips
  | CarryEntries
  | StartNextRound;

type WithId<C> = C extends unknown ? C & { readonly commandId: string } : never;

/** Seating commands pass through to the seating sub-decider; DrawSeats may omit its entries. */
export type SeatingCommandBody = Exclude<SeatingCommand, { type: 'DrawSeats' }> | DrawSeatsCommand;

/** A command in its envelope. */
export type TournamentCommand = WithId<TournamentCommandBody | SeatingCommandBody>;

// ---- events ---------------------------------------------------------------------------------

interface Base {
  readonly at: number;
  readonly actor: string;
  readonly commandId: string;
}

export interface TournamentCreated extends Base {
  readonly type: 'TournamentCreated';
  readonly config: TournamentConfig;
}
export interface TournamentConfigured extends Base {
  readonly type: 'TournamentConfigured';
  readonly config: TournamentConfig;
  readonly previous: TournamentConfig;
}
export interface RegistrationOpened extends Base {
  readonly type: 'RegistrationOpened';
  readonly previousStatus: TournamentStatus;
  readonly previousClosed: boolean;
}
export interface RegistrationClosed extends Base {
  readonly type: 'RegistrationClosed';
}
export interface EntryRegistered extends Base {
  readonly type: 'EntryRegistered';
  readonly entryId: string;
  readonly number: number;
  readonly playerId: string;
  readonly name: string;
  readonly kind: 'buyin' | 'reentry';
  readonly previousEntryId: string | null;
  readonly charge: Charge;
}
export interface AlternateAdded extends Base {
  readonly type: 'AlternateAdded';
  readonly playerId: string;
  readonly name: string;
  /** Place on the waiting list (1 = next). */
  readonly position: number;
  /** For the TD: "Tournament full: 120 of 120 seats taken (added to the waiting list)". */
  readonly message: string;
}
export interface AlternatePromoted extends Base {
  readonly type: 'AlternatePromoted';
  readonly playerId: string;
  readonly name: string;
  /** Where the alternate stood on the list (0-based), so an undo puts them back there. */
  readonly index: number;
  readonly waitingSince: number;
  readonly waitingCommandId: string;
}
export interface EntryUnregistered extends Base {
  readonly type: 'EntryUnregistered';
  readonly entryId: string;
  /** What is handed back: the whole charge. */
  readonly refund: Charge;
}
export interface RebuyTaken extends Base {
  readonly type: 'RebuyTaken';
  readonly entryId: string;
  readonly charge: Charge;
  readonly declaredChips: number | null;
}
export interface AddOnTaken extends Base {
  readonly type: 'AddOnTaken';
  readonly entryId: string;
  readonly charge: Charge;
}
export interface TournamentStarted extends Base {
  readonly type: 'TournamentStarted';
  readonly previousStatus: TournamentStatus;
  readonly clockBefore: ClockAnchors;
  readonly clock: ClockAnchors;
}
export type ClockAction = 'pause' | 'resume' | 'add-time' | 'remove-time' | 'go-to-level' | 'restart-level';
export interface ClockChanged extends Base {
  readonly type: 'ClockChanged';
  readonly action: ClockAction;
  readonly deltaMs: number | null;
  readonly levelIndex: number | null;
  readonly before: ClockAnchors;
  readonly clock: ClockAnchors;
}
export interface LevelsEdited extends Base {
  readonly type: 'LevelsEdited';
  readonly levels: readonly StructureLevel[];
  readonly previous: readonly StructureLevel[];
}
export interface ChipCountsSet extends Base {
  readonly type: 'ChipCountsSet';
  readonly counts: readonly {
    readonly entryId: string;
    readonly chips: number;
    readonly previous: number | null;
    readonly previousAt: number | null;
  }[];
}
export interface BustOutcome {
  readonly entryId: string;
  readonly ordinal: number;
  readonly chipsAtStartOfHand: number | null;
  /** Seat freed by the bust, so an undo can put the player back there. */
  readonly seat: SeatRef | null;
}
export interface PlayersBusted extends Base {
  readonly type: 'PlayersBusted';
  readonly busts: readonly BustOutcome[];
  readonly hitmanEntryId: string | null;
  readonly group: string;
  readonly ranking: 'chips' | 'tie';
  readonly playersLeftAfter: number;
}
export interface AddedMoneySet extends Base {
  readonly type: 'AddedMoneySet';
  readonly amount: Minor;
  readonly previous: Minor;
}
export interface GuaranteeSet extends Base {
  readonly type: 'GuaranteeSet';
  readonly amount: Minor;
  readonly previous: Minor;
}
export interface PayoutsEdited extends Base {
  readonly type: 'PayoutsEdited';
  readonly manual: readonly (Minor | null)[];
  readonly previous: readonly (Minor | null)[];
}
export interface PayoutsLocked extends Base {
  readonly type: 'PayoutsLocked';
  readonly locked: readonly (Minor | null)[];
  readonly previous: readonly (Minor | null)[];
}
export interface DealMade extends Base {
  readonly type: 'DealMade';
  readonly kind: DealKind;
  readonly method: string;
  readonly shares: readonly DealShare[];
  readonly leftToPlayFor: Minor;
  /** The prizes that were still to be paid, from 1st down, which the deal split. */
  readonly remainingPayouts: readonly Minor[];
}
export interface TournamentFinished extends Base {
  readonly type: 'TournamentFinished';
  readonly clockBefore: ClockAnchors;
  readonly clock: ClockAnchors;
}
/** A satellite reached its bubble: the players still in (`entryIds`) all won a seat; play stops. */
export interface SeatsWon extends Base {
  readonly type: 'SeatsWon';
  readonly seats: number;
  readonly seatValue: Minor;
  readonly entryIds: readonly string[];
  readonly clockBefore: ClockAnchors;
  readonly clock: ClockAnchors;
}
export interface TournamentCancelled extends Base {
  readonly type: 'TournamentCancelled';
  readonly previousStatus: TournamentStatus;
  readonly reason: string | null;
}
/**
 * Compensation: `target` is the command named by the Undo; `base` the original command whose
 * effects are reverted (or re-applied, when the target was itself an Undo: a redo).
 */
export interface CommandUndone extends Base {
  readonly type: 'CommandUndone';
  readonly target: string;
  readonly base: string;
  readonly effect: 'revert' | 'reapply';
}

export type TournamentEvent =
  | TournamentCreated
  | TournamentConfigured
  | RegistrationOpened
  | RegistrationClosed
  | EntryRegistered
  | AlternateAdded
  | AlternatePromoted
  | EntryUnregistered
  | RebuyTaken
  | AddOnTaken
  | TournamentStarted
  | ClockChanged
  | LevelsEdited
  | ChipCountsSet
  | PlayersBusted
  | AddedMoneySet
  | GuaranteeSet
  | PayoutsEdited
  | PayoutsLocked
  | DealMade
  | TournamentFinished
  | SeatsWon
  | TournamentCancelled
  | CommandUndone
  | DayEvent
  | ShootoutEvent;

/** A seating event as recorded in the tournament log: with the command that produced it. */
export type TaggedSeatingEvent = SeatingEvent & { readonly commandId: string };

/** Everything in a tournament's event log. */
export type TournamentEventAny = TournamentEvent | TaggedSeatingEvent;
