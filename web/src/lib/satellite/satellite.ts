/**
 * Words for a satellite, the same on the console, the printed results, the players' phones
 * and the TVs: "3 seats of 1.000 kr. + 600 kr. to the bubble", "Seat", "Seats won".
 */
import type { SatelliteConfig, SatelliteRemainder } from '../../../../engine/money/satellite.ts';
import type { SatelliteStanding } from '../../../../engine/tournament/standings.ts';
import { majorText, parseAmount } from '../amount.ts';
import { money } from '../format.ts';

export function seatsText(n: number): string {
  return n === 1 ? '1 seat' : `${n} seats`;
}

/** Who gets the cash after the seats, as a TD says it. */
export function remainderText(to: SatelliteStanding['remainderTo'] | SatelliteRemainder): string {
  switch (to) {
    case 'bubble':
      return 'to the bubble';
    case 'seat-winners':
      return 'shared by the seat winners';
    case 'none':
      return '';
  }
}

/** "3 seats of 1.000 kr. + 600 kr. to the bubble" (or "No seat yet: …" below one seat). */
export function satelliteText(s: SatelliteStanding, currency: string): string {
  const value = money(s.seatValue, currency);
  if (s.seats === 0) return `No seat yet: the pool has not reached one seat of ${value}`;
  const rest = s.remainder > 0 ? ` + ${money(s.remainder, currency)} ${remainderText(s.remainderTo)}` : '';
  return `${seatsText(s.seats)} of ${value}${rest}`;
}

/** The headline: "Seats won" once play stopped, "3 seats" while it runs. */
export function satelliteHeadline(s: SatelliteStanding): string {
  return s.won ? 'Seats won' : seatsText(s.seats);
}

/** The form the TD fills in (create form, buy-in settings). */
export interface SatelliteForm {
  on: boolean;
  seatValue: string;
  remainder: SatelliteRemainder;
}

export function satelliteForm(c: SatelliteConfig | undefined, currency: string): SatelliteForm {
  return {
    on: c !== undefined,
    seatValue: c === undefined ? '' : majorText(c.seatValue, currency),
    remainder: c?.remainder ?? 'bubble',
  };
}

/** The satellite from its form: the config, null (not a satellite), or a message naming the problem. */
export function satelliteFrom(f: SatelliteForm, currency: string): SatelliteConfig | null | string {
  if (!f.on) return null;
  const p = parseAmount(f.seatValue, currency, 'The seat value');
  if (!p.ok) return p.message;
  if (p.minor <= 0) return 'The seat value must be more than zero';
  return { seatValue: p.minor, remainder: f.remainder };
}
