/**
 * What the TD console, the TVs and the players' phones show: derived from the state (and the
 * time, for the clock), never stored.
 */
import { type ClockView, computeClock } from '../clock/compute.ts';
import { assertNever, type DomainError } from '../core/errors.ts';
import type { PayoutLine, Unawarded } from '../money/payouts.ts';
import type { PrizePool } from '../money/prize-pool.ts';
import type { CurrencyCode, Minor } from '../money/types.ts';
import { cameOnline } from './online.ts';
import { finishingPlaces, payoutsOrComputed, prizePool, prizes } from './results.ts';
import { seatsOf, seatsWon } from './satellite.ts';
import { inShootoutRound, type ShootoutStanding, shootoutStanding } from './shootout.ts';
import { listEntries } from './state.ts';
import type {
  Alternate,
  BountyMode,
  EntryStatus,
  TournamentPhase,
  TournamentState,
  TournamentStatus,
} from './types.ts';
import { windowProblem } from './windows.ts';

/** The derived clock at `now`; null before the tournament is created (no structure yet). */
export function clockAt(state: TournamentState, now: number): ClockView | null {
  return state.config === null ? null : computeClock(state.clock, state.config.structure, now);
}

/** Lifecycle at `now`: on break and final table are derived from the clock and the field. */
export function phaseAt(state: TournamentState, now: number): TournamentPhase {
  if (state.config === null) return 'not-created';
  switch (state.status) {
    case 'announced':
      return 'announced';
    case 'registration':
      return 'registration-open';
    case 'finished':
      return 'finished';
    case 'cancelled':
      return 'cancelled';
    case 'running': {
      // A shootout round has no final table yet, however few are left across its tables.
      if (state.playersLeft <= state.config.rules.finalTableSize && !inShootoutRound(state)) {
        return 'final-table';
      }
      return computeClock(state.clock, state.config.structure, now).isBreak ? 'on-break' : 'running';
    }
    default:
      return assertNever(state.status, 'status');
  }
}

export interface EntryStanding {
  readonly entryId: string;
  readonly number: number;
  readonly playerId: string;
  readonly name: string;
  readonly kind: 'buyin' | 'reentry';
  readonly status: Exclude<EntryStatus, 'voided'>;
  /** Finishing place (best place of a tie), null while still playing without a final place. */
  readonly place: number | null;
  /** Worst place of a tie; equals `place` when not tied. */
  readonly placeTo: number | null;
  readonly prize: Minor;
  readonly bountiesWon: Minor;
  readonly bountyOnHead: Minor;
  readonly knockouts: number;
  readonly rebuys: number;
  readonly addOn: boolean;
  /** Last chip count entered by the floor. */
  readonly chips: number | null;
  readonly chipsAt: number | null;
  readonly bustedAt: number | null;
  readonly hitmanEntryId: string | null;
  readonly paid: Minor;
  /** Pre-registered online (online.ts); absent otherwise. */
  readonly online?: true;
  /** A shootout: the round the entry went out in; absent otherwise. */
  readonly outInRound?: number;
}

export interface PlayerBounty {
  readonly playerId: string;
  readonly name: string;
  readonly bountiesWon: Minor;
  readonly knockouts: number;
  readonly bountyOnHead: Minor;
}

export interface Standings {
  readonly tournamentId: string;
  readonly name: string | null;
  readonly currency: CurrencyCode | null;
  readonly status: TournamentStatus;
  readonly phase: TournamentPhase | null;
  readonly clock: ClockView | null;
  readonly lateRegistrationOpen: boolean | null;
  readonly entrants: number;
  readonly uniquePlayers: number;
  readonly playersLeft: number;
  readonly reentries: number;
  readonly rebuys: number;
  readonly addOns: number;
  /** Chips issued by buy-ins, re-entries, rebuys and add-ons (colour-ups are not subtracted). */
  readonly chipsInPlay: number;
  readonly averageStack: number | null;
  readonly prizePool: PrizePool;
  readonly payouts: readonly PayoutLine[];
  /** Prize money no place is paid, kept by the house or carried over (`payout.unawarded`); null when all is paid out. */
  readonly unawarded: { readonly amount: Minor; readonly keptAs: Unawarded } | null;
  /** Why the TD's manual payouts could not be applied (shown with the computed table), if so. */
  readonly payoutProblem: DomainError | null;
  /** Entries still in (by last chip count, highest first), then finished ones by place. */
  readonly entries: readonly EntryStanding[];
  readonly waitingList: readonly Alternate[];
  readonly bounties: {
    readonly mode: BountyMode;
    /** Bounties of players busted without a hitman, kept by the house. */
    readonly unclaimed: Minor;
    readonly byPlayer: readonly PlayerBounty[];
  };
  readonly deal: TournamentState['deal'];
  /** A satellite's seats (they follow the pool until registration closes); null for a regular tournament. */
  readonly satellite: SatelliteStanding | null;
  /** A shootout's round and won tables; null for other tournaments. */
  readonly shootout: ShootoutStanding | null;
}

export interface SatelliteStanding {
  readonly seatValue: Minor;
  readonly seats: number;
  /** Cash left after the seats, and who is paid it. */
  readonly remainder: Minor;
  readonly remainderTo: 'bubble' | 'seat-winners' | 'none';
  /** Play stopped: the players still in all won a seat. */
  readonly won: boolean;
  /** Entries placed in a seat (the players still in once won, and anyone busted inside the seats). */
  readonly winners: readonly string[];
}

/**
 * Standings and results. With `now`, the clock, phase and late-registration status are
 * included. Once finished, the winner (and deal players) also collect their own bounty.
 */
export function standings(state: TournamentState, now?: number): Standings {
  const config = state.config;
  const pool = prizePool(state);
  const { lines, problem } = payoutsOrComputed(state);
  const all = listEntries(state);
  const places = finishingPlaces(state, all);
  const prizeOf = prizes(state, places, lines, all);
  const finished = state.status === 'finished';
  const rows: EntryStanding[] = all.map((e) => {
    const p = places[e.entryId];
    // The winner of a bounty tournament keeps their own bounty (nobody knocked them out).
    const ownHead = finished && e.status === 'active' ? e.bountyOnHead : 0;
    return {
      entryId: e.entryId,
      number: e.number,
      playerId: e.playerId,
      name: e.name,
      kind: e.kind,
      status: e.status as Exclude<EntryStatus, 'voided'>,
      place: p?.place ?? null,
      placeTo: p?.placeTo ?? null,
      prize: prizeOf[e.entryId] ?? 0,
      bountiesWon: e.bountiesWon + ownHead,
      bountyOnHead: e.bountyOnHead - ownHead,
      knockouts: e.knockouts,
      rebuys: e.rebuys.length,
      addOn: e.addOn !== null,
      chips: e.chips,
      chipsAt: e.chipsAt,
      bustedAt: e.bust?.at ?? null,
      hitmanEntryId: e.bust?.hitmanEntryId ?? null,
      paid: e.paid.price + e.paid.fee + e.paid.bounty,
      ...(cameOnline(e.commandId) && { online: true as const }),
      ...(e.status === 'busted' && e.bust?.round !== undefined && { outInRound: e.bust.round }),
    };
  });
  const rank = (r: EntryStanding): number =>
    r.status === 'active' && r.place === null ? 0 : r.status === 'unregistered' ? 2 : 1;
  rows.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (rank(a) === 0 ? (b.chips ?? -1) - (a.chips ?? -1) : (a.place ?? 0) - (b.place ?? 0)) ||
      a.number - b.number,
  );
  const byPlayer = new Map<string, PlayerBounty>();
  for (const r of rows) {
    if (r.status === 'unregistered') continue;
    const b = byPlayer.get(r.playerId);
    byPlayer.set(r.playerId, {
      playerId: r.playerId,
      name: r.name,
      bountiesWon: (b?.bountiesWon ?? 0) + r.bountiesWon,
      knockouts: (b?.knockouts ?? 0) + r.knockouts,
      bountyOnHead: (b?.bountyOnHead ?? 0) + r.bountyOnHead,
    });
  }
  const chips = state.money.chipsIssued;
  return {
    tournamentId: state.tournamentId,
    name: config?.name ?? null,
    currency: config?.currency ?? null,
    status: state.status,
    phase: now === undefined ? null : phaseAt(state, now),
    clock: now === undefined ? null : clockAt(state, now),
    lateRegistrationOpen:
      now === undefined || config === null
        ? null
        : state.status === 'running' && windowProblem(state, now, 'late-registration') === null,
    entrants: state.entrants,
    uniquePlayers: byPlayer.size,
    playersLeft: state.playersLeft,
    reentries: state.money.reentries,
    rebuys: state.money.rebuys,
    addOns: state.money.addOns,
    chipsInPlay: chips,
    averageStack: state.playersLeft === 0 ? null : Math.round(chips / state.playersLeft),
    prizePool: pool,
    payouts: lines,
    unawarded: unawardedOf(state, pool.total, lines),
    payoutProblem: problem,
    entries: rows,
    waitingList: state.waitingList,
    bounties: {
      mode: config?.rules.bountyMode ?? 'none',
      unclaimed: state.unclaimedBounties,
      byPlayer: [...byPlayer.values()].sort(
        (a, b) => b.bountiesWon - a.bountiesWon || a.name.localeCompare(b.name),
      ),
    },
    deal: state.deal,
    satellite: satelliteStanding(state, rows),
    shootout: shootoutStanding(state),
  };
}

function satelliteStanding(state: TournamentState, rows: readonly EntryStanding[]): SatelliteStanding | null {
  const s = seatsOf(state);
  if (s === null) return null;
  return {
    seatValue: s.seatValue,
    seats: s.seats,
    remainder: s.remainder,
    remainderTo: s.remainderTo,
    won: seatsWon(state),
    winners: rows.filter((r) => r.placeTo !== null && r.placeTo <= s.seats).map((r) => r.entryId),
  };
}

function unawardedOf(
  state: TournamentState,
  pool: Minor,
  lines: readonly PayoutLine[],
): Standings['unawarded'] {
  const keptAs = state.config?.payout.unawarded;
  const amount = pool - lines.reduce((a, l) => a + l.amount, 0);
  return keptAs === undefined || amount <= 0 || lines.length === 0 ? null : { amount, keptAs };
}
