/**
 * A TD3 tournament as Felt reads it: the facts the import needs, typed, with TD3's own property
 * names noted beside each field. Meanings come from the 30 fixture files (surveyed field by
 * field), the fixtures' README (../shared/fixtures/td3/README.md: "GameLevels: GameRound/
 * GameBreak", "GamePrizes: Amount, CalculatedAmount, AwardedToPlayers") and TD3's own help page
 * "Points for Playing Formula" (saved in the public repository hkhard/tdwpimport, the fixtures'
 * source).
 *
 * Money is in integer minor units (øre/cents): TD3 stores major units as numbers, converted
 * exactly by rounding to 2 decimals. Times are epoch milliseconds as TD3 stores them.
 */
import type { Minor } from '../money/types.ts';

/** One level of the blind structure (`Levels.Levels[]`). */
export type Td3Level = Td3Round | Td3Break;

export interface Td3Round {
  readonly type: 'round';
  /** 0-based position in the structure, breaks included. */
  readonly index: number;
  /** 1-based count of rounds only; TD3's `Round` on buy-ins and bust-outs counts like this. */
  readonly roundNumber: number;
  /** `Minutes` × 60 000. */
  readonly durationMs: number;
  /** `SmallBlind`, `BigBlind`, `Ante`: chips, not money. */
  readonly smallBlind: number;
  readonly bigBlind: number;
  readonly ante: number;
  /** `GameType`: 0 limit, 1 pot limit, 2 no limit (TD3 help, variable `gameType`). */
  readonly gameType: number;
  /** `GameName`, e.g. "Texas Hold 'Em". */
  readonly gameName: string;
  /** `Limits` (3.5+) or `Limit1`/`Limit2` (3.4): bet limits for limit games, else zeros. */
  readonly limits: readonly number[];
  readonly notes: string;
}

export interface Td3Break {
  readonly type: 'break';
  readonly index: number;
  readonly durationMs: number;
  /** `ChipUp`: the TD marked this break as a colour-up (TD3 help, variable `chipUp`). */
  readonly chipUp: boolean;
  readonly notes: string;
}

/** A chip denomination (`Chips.Chips[]`, a `GameChip`). */
export interface Td3Chip {
  /** `ChipID`, referenced by chip sets. */
  readonly id: string;
  readonly label: string;
  /** CSS colour ("blue", "#00ff00"). */
  readonly color: string;
  readonly value: number;
  /** `Use`: part of the chip set in play. */
  readonly inUse: boolean;
  /** `PerPlayer`: chips of this colour in one starting stack. */
  readonly perPlayer: number;
}

/** `Chips.ChipSets[]`: a named count of each chip (`ChipCounts`: chip id → count). */
export interface Td3ChipSet {
  readonly name: string;
  readonly counts: Readonly<Record<string, number>>;
}

/** A buy-in, rebuy or add-on price (`FeeProfile`; v3.0's `GameFinancials`/`AddOnRebuy`). */
export interface Td3Profile {
  readonly name: string;
  readonly enabled: boolean;
  /** `Fee`: the price the player pays, rake included (fixtures: Fee 220, Rake [20] → 200 to the pot). */
  readonly fee: Minor;
  /** Sum of `Rake` (a `PerPlayerRake([...])`, one amount per named rake). */
  readonly rake: Minor;
  readonly chips: number;
  /** League points for buying this profile. */
  readonly points: number;
  /** `BountyChipCost`: part of the fee paid for a bounty chip. */
  readonly bountyChipCost: Minor;
}

/** `Financials.Buyins` / `.Rebuys` / `.AddOns` (a `BuyConfig`). */
export interface Td3BuyConfig {
  /** `Allow`. */
  readonly allowed: boolean;
  readonly profiles: readonly Td3Profile[];
  /** `DefIndex`: the profile offered by default. */
  readonly defaultIndex: number;
  /** `LastRound`: last round number in which it may be bought (0 = no limit). */
  readonly lastRound: number;
  /** `MaxPerPlayer`, `MaxTotal` (0 = no limit; 9999 is TD3's "unlimited" in the fixtures). */
  readonly maxPerPlayer: number;
  readonly maxTotal: number;
  /** `MinPlayers`: needed in the tournament for it to be allowed. */
  readonly minPlayers: number;
}

export interface Td3FixedRake {
  /** `Type` (0 in every fixture: a fixed amount). */
  readonly type: number;
  /** `Real`: fixed amounts taken from the pot, one per named rake. */
  readonly amounts: readonly Minor[];
  /** `Percent`: percentages of the pot, one per named rake. */
  readonly percents: readonly number[];
  readonly roundToNearest: Minor;
}

export interface Td3Financials {
  readonly buyins: Td3BuyConfig;
  readonly rebuys: Td3BuyConfig;
  readonly addOns: Td3BuyConfig;
  readonly fixedRake: Td3FixedRake;
  /** `HouseContribution`: added to the pot by the house. */
  readonly houseContribution: Minor;
  /** `GuaranteedPot`: the house tops the pot up to this. */
  readonly guaranteedPot: Minor;
  /** `TotalChipsAdjustment`: chips added to the total in play. */
  readonly totalChipsAdjustment: number;
  readonly useBounties: boolean;
  readonly restrictedBounty: boolean;
  /** `AllowInTourneyRebuys`: rebuys are entries after a bust (re-entry style). */
  readonly allowInTourneyRebuys: boolean;
  readonly allowRebuyOverrideAfterBustout: boolean;
  /** `PointsForHit`: league points per knockout, on top of the formula. */
  readonly pointsForHit: number;
  /** `PointsForPlaying.Text`: the league points formula (TD3 formula language), or null if empty. */
  readonly pointsFormula: string | null;
}

/** Where a player sat (`GameSeat`). */
export interface Td3Seat {
  readonly tableName: string;
  /** `TableUUID`; null in 3.4 files for tables without one. */
  readonly tableId: string | null;
  /** `SeatIndex`: 0-based (a 7-seat table has indices 0–6; history shows it as Seat index+1). */
  readonly seatIndex: number;
  readonly locked: boolean;
}

/** `BustOut` on a buy-in (`GameBustOut`). TD3 stores no finishing place: it is derived from order. */
export interface Td3BustOut {
  readonly time: number;
  /** `Round`: the round number in which the player busted (TD3 help: `roundOut`). */
  readonly round: number;
  /** `HitmanUUID`: who knocked the player out; several when the pot was split. */
  readonly hitmanIds: readonly string[];
  readonly seat: Td3Seat | null;
}

/**
 * One paid entry (`GameBuyin`). TD3 lists the first buy-in and every rebuy in `Buyins[]`: the
 * first is the buy-in, each later one a rebuy (history: "… rebought into tournament"), and
 * each may end in a bust-out.
 */
export interface Td3Entry {
  readonly kind: 'buyin' | 'rebuy';
  readonly time: number;
  readonly round: number;
  /** `Amount`: what the player paid, rake included. */
  readonly amount: Minor;
  /** Sum of `Rake`. */
  readonly rake: Minor;
  /** `PersonalBounty`: bounty on this player's head. */
  readonly personalBounty: Minor;
  readonly chips: number;
  readonly points: number;
  /** `ProfileName` (3.5+); null in older files, where the default profile applies. */
  readonly profileName: string | null;
  /** `Seat`: where this entry was seated, if stored. */
  readonly seat: Td3Seat | null;
  readonly bustOut: Td3BustOut | null;
}

/** `AddOns[]` on a player (`GameAddOn`). */
export interface Td3AddOn {
  readonly time: number;
  readonly round: number;
  readonly amount: Minor;
  readonly rake: Minor;
  readonly chips: number;
  readonly points: number;
  readonly profileName: string | null;
}

/** A player (`GamePlayer`) with everything they bought and how they went out. */
export interface Td3Player {
  /** `UUID`: stable across TD3 tournaments (TD3's player database id). */
  readonly id: string;
  /** Display name: `Nickname`, else "Firstname Lastname". */
  readonly name: string;
  readonly nickname: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly entries: readonly Td3Entry[];
  readonly addOns: readonly Td3AddOn[];
  /** `CashAdjustment`: money adjustment the TD entered for this player. */
  readonly cashAdjustment: Minor;
  /** `PointsAdjustment`: league points added to (or taken from) the formula's result. */
  readonly pointsAdjustment: number;
  /** `HitsAdjustment`: knockouts added to the counted ones. */
  readonly hitsAdjustment: number;
  /** `ChipCount` as last entered. */
  readonly chipCount: number;
  readonly paidInFull: boolean;
  /** `NumberOfTableMoves`. */
  readonly tableMoves: number;
  /** True when the last entry ended in a bust-out. */
  readonly busted: boolean;
  /**
   * Finishing place, derived (TD3 stores none): 1 + the number of players who busted later or
   * never busted; players busting at the same instant share a place. Null while several
   * players are still in, and for the survivors of an unfinished tournament.
   */
  readonly place: number | null;
  /** Knockouts credited: bust-outs naming this player as hitman (+ `HitsAdjustment`). */
  readonly hits: number;
}

/** `Tables.Tables[]` (`GameTable`): the seating at save time. */
export interface Td3Table {
  readonly id: string | null;
  readonly name: string;
  readonly seatCount: number;
  /** `Seats[i]`: the player id in seat index i, or null. */
  readonly seats: readonly (string | null)[];
  /** `Locks[i]`: seat i is locked (not used by the draw or balancing). */
  readonly locks: readonly boolean[];
  /** `DealerButtonSeat`: 0-based seat index of the button. */
  readonly dealerButtonSeat: number;
}

/** A prize as TD3 computed and awarded it (`Prizes.Prizes[]`, a `GamePrize`). */
export interface Td3Prize {
  readonly description: string;
  /** `Type`: 0 = awarded by finishing rank (every fixture). */
  readonly type: number;
  /** `Recipient`: the rank the prize is for. */
  readonly recipient: number;
  /** `AmountType` 0: `Amount` is a percentage of the pot; 1: a fixed amount. */
  readonly amountType: 'percent' | 'fixed';
  /** Percentage (0–100) for 'percent', else unused (see `fixedAmount`). */
  readonly percent: number;
  /** The fixed amount for 'fixed', else 0. */
  readonly fixedAmount: Minor;
  /** `Adjustment`: TD's manual change to the amount. */
  readonly adjustment: Minor;
  /** `ShareRemainder`: this prize takes the rounding remainder. */
  readonly shareRemainder: boolean;
  /** `SharedRemainder`: remainder TD3 added to this prize (already inside `amount`). */
  readonly sharedRemainder: Minor;
  /** `CalculatedAmount`: what TD3 paid, after rounding, remainder and adjustment. */
  readonly amount: Minor;
  /** `EstimatedAmount`: TD3's estimate before the field was complete. */
  readonly estimatedAmount: Minor;
  readonly points: number;
  /** `CalculatedPoints`: league points TD3 credited with the prize (0 in every fixture). */
  readonly calculatedPoints: number;
  /** `AwardedToPlayers`: player ids; empty while the prize is unawarded. */
  readonly awardedTo: readonly string[];
  /** `NonMonetary`: what a non-money prize is (a seat, a trophy); null for money (3.0 writes ""). */
  readonly nonMonetary: string | null;
}

/** `Prizes` settings besides the list. */
export interface Td3PrizeSettings {
  /** `RoundPrizes`: TD3's rounding mode (2 in 29 fixtures, 3 in the 3.0 sample). */
  readonly roundPrizes: number;
  /** `RoundToNearest`: prizes are rounded to multiples of this. */
  readonly roundToNearest: Minor;
  /** `Automatic`: TD3 recomputes prizes as entries change. */
  readonly automatic: boolean;
}

/** `History.History[]` (`GameHistoryItem`): the human-readable log TD3 keeps. */
export interface Td3HistoryItem {
  readonly time: number;
  readonly text: string;
  readonly source: number;
}

/**
 * Figures summed from the stored records (TD3 stores no pot total). `pot` follows TD3's
 * evident rule in the fixtures: paid in − rake − fixed rake + house contribution, at least the
 * guarantee. `prizesTotal` is the sum of TD3's own `CalculatedAmount`s.
 */
export interface Td3Totals {
  /** Players with at least one buy-in (TD3 help: `buyins`, alias `n`). */
  readonly entrants: number;
  readonly buyins: number;
  readonly rebuys: number;
  readonly addOns: number;
  readonly buyinsAmount: Minor;
  readonly rebuysAmount: Minor;
  readonly addOnsAmount: Minor;
  /** All money paid in: buy-ins + rebuys + add-ons, rake included. */
  readonly paidIn: Minor;
  readonly rake: Minor;
  readonly fixedRake: Minor;
  readonly pot: Minor;
  readonly prizesTotal: Minor;
}

export interface Td3Tournament {
  /** `V`: the TD3 version that wrote the file ("3.0" … "3.7.2"). */
  readonly version: string;
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly notes: string;
  readonly leagueName: string | null;
  readonly seasonName: string | null;
  /** `StartTime` / `EndTime` (absent in 3.0 files): when the clock started / the event ended. */
  readonly startTime: number | null;
  readonly endTime: number | null;
  /** `CurrentLevel`: 0-based index into `levels` at save time (fixtures: the level of the last bust). */
  readonly currentLevel: number;
  readonly clockRunning: boolean;
  readonly levels: readonly Td3Level[];
  readonly chips: readonly Td3Chip[];
  readonly chipSets: readonly Td3ChipSet[];
  readonly financials: Td3Financials;
  /** In TD3's file order (its player-map order). */
  readonly players: readonly Td3Player[];
  readonly tables: readonly Td3Table[];
  readonly prizes: readonly Td3Prize[];
  readonly prizeSettings: Td3PrizeSettings;
  readonly history: readonly Td3HistoryItem[];
  readonly totals: Td3Totals;
}
