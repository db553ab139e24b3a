/**
 * Satellites: the prize pool buys seats in a target event (engine/money/satellite.ts), and
 * play stops the moment the players left all fit in the seats — nobody plays on for a
 * "first place" that pays the same seat. The stop is an event of the bust that reaches the
 * bubble (`SeatsWon`, with the busts in one command), so undoing that bust resumes play.
 *
 * Seats follow the pool: re-entries, rebuys and late registrations add seats until
 * registration closes; the stop counts the seats at the moment of the bust.
 */
import { finishClock } from '../clock/transitions.ts';
import { DomainError, isDomainError } from '../core/errors.ts';
import { type SatelliteSeats, satelliteSeats } from '../money/satellite.ts';
import type { Stamp } from './decide.ts';
import { placesInHand, prizePool } from './results.ts';
import { activeEntries } from './state.ts';
import type { PlayersBusted, SeatsWon, TournamentConfig, TournamentState } from './types.ts';

function invalid(message: string, details: Record<string, unknown>): DomainError {
  return new DomainError('INVALID_CONFIGURATION', message, details);
}

/** The satellite part of a config, checked; null when fine or not a satellite. */
export function checkSatellite(c: TournamentConfig): DomainError | null {
  const s = c.satellite;
  if (s === undefined) return null;
  if (!Number.isSafeInteger(s.seatValue) || s.seatValue <= 0) {
    return invalid(`A satellite's seat value must be a positive whole amount (got ${s.seatValue})`, {
      field: 'satellite.seatValue',
      value: s.seatValue,
    });
  }
  if (s.remainder !== 'bubble' && s.remainder !== 'seat-winners') {
    return invalid(`Unknown satellite remainder "${String(s.remainder)}" (use "bubble" or "seat-winners")`, {
      field: 'satellite.remainder',
      value: s.remainder,
    });
  }
  if (s.seatValue <= c.buyIn.price) {
    // Every buy-in would buy a seat of its own: everyone wins, there is nothing to play for.
    return invalid(
      `A seat (${s.seatValue}) must be worth more than one buy-in's prize-pool part (${c.buyIn.price}), or every player wins a seat`,
      { field: 'satellite.seatValue', value: s.seatValue, buyIn: c.buyIn.price },
    );
  }
  if (c.payout.percentages !== null) {
    return invalid('A satellite pays seats, not a payout table: clear the payout percentages', {
      field: 'payout.percentages',
    });
  }
  return null;
}

/** Seats and remainder for the state's pool and field; null when not a satellite. */
export function seatsOf(state: TournamentState): SatelliteSeats | null {
  const s = state.config?.satellite;
  if (s === undefined) return null;
  return satelliteSeats(prizePool(state).total, state.entrants, s);
}

/** True once play stopped because the players left all won seats. */
export function seatsWon(state: TournamentState): boolean {
  // Deals are refused in satellites, so a satellite finishes only by the stop (SeatsWon).
  const seats = seatsOf(state);
  return seats !== null && state.status === 'finished' && state.playersLeft <= seats.seats;
}

/** Refusals for commands that do not fit a satellite (deals, payout edits); null when fine. */
export function satelliteRefusal(state: TournamentState, what: 'deal' | 'payouts'): DomainError | null {
  if (state.config?.satellite === undefined) return null;
  return what === 'deal'
    ? new DomainError(
        'SATELLITE_NO_DEAL',
        'A satellite pays seats, not places: there is no deal to make (play stops by itself when the seats are won)',
        {},
      )
    : new DomainError(
        'SATELLITE_PAYOUTS',
        'A satellite pays seats at the seat value: its payouts cannot be edited or locked',
        {},
      );
}

/** Refuses to start a satellite whose pool buys no seat, or a seat for everyone. */
export function satelliteStartProblem(state: TournamentState): DomainError | null {
  const seats = seatsOf(state);
  if (seats === null) return null;
  if (seats.seats === 0) {
    return new DomainError(
      'SATELLITE_NO_SEATS',
      `The prize pool (${prizePool(state).total}) does not buy one seat of ${seats.seatValue}: register more players or lower the seat value`,
      { pool: prizePool(state).total, seatValue: seats.seatValue },
    );
  }
  if (seats.seats >= state.playersLeft) {
    return new DomainError(
      'SATELLITE_EVERYONE_WINS',
      `The prize pool buys ${seats.seats} seats for ${state.playersLeft} players: everyone would win a seat`,
      { seats: seats.seats, playersLeft: state.playersLeft },
    );
  }
  return null;
}

/**
 * The stop after a bust: when the players left after it (`left`) all fit in the seats, the
 * event that ends play (the clock stops; the players still in all win a seat).
 */
export function seatsWonEvent(
  state: TournamentState,
  bust: PlayersBusted,
  stillIn: readonly string[],
  stamp: Stamp,
): SeatsWon | DomainError | null {
  const seats = seatsOf(state);
  if (seats === null || seats.seats === 0 || bust.playersLeftAfter > seats.seats) return null;
  // A seat cannot be shared: a tie across the last seat needs the TD's call first.
  const placed = placesInHand(
    state.playersLeft,
    bust.busts,
    (b) => b.chipsAtStartOfHand,
    bust.ranking === 'tie',
  );
  for (const [b, p] of placed) {
    if (p.place <= seats.seats && p.placeTo > seats.seats) {
      return new DomainError(
        'SATELLITE_TIE_FOR_SEAT',
        `Places ${p.place}-${p.placeTo} tie across the last seat (${seats.seats} seats): enter the chips each player had at the start of the hand so they can be ranked`,
        { entryId: b.entryId, place: p.place, placeTo: p.placeTo, seats: seats.seats },
      );
    }
  }
  const config = state.config as TournamentConfig;
  const clock = finishClock(state.clock, config.structure, stamp.at);
  if (isDomainError(clock)) return clock;
  return {
    type: 'SeatsWon',
    ...stamp,
    seats: seats.seats,
    seatValue: seats.seatValue,
    entryIds: stillIn,
    clockBefore: state.clock,
    clock,
  };
}

/** Entry ids still in after `busted` go out. */
export function stillInAfter(state: TournamentState, busted: ReadonlySet<string>): string[] {
  return activeEntries(state)
    .map((e) => e.entryId)
    .filter((id) => !busted.has(id));
}
