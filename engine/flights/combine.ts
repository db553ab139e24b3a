/**
 * Day 2's starting field from its flights' bags (Day 1A, 1B …): one seat per player. A
 * player who survived two flights keeps the stack the event's rule names: the best stack
 * (the usual rule, and the default), or the bag of the first or of the last flight they
 * survived (in the event's flight order). The other bag is set aside, shown to the TD, never
 * played. Pure: the bags come in, the field and the carried money go out.
 *
 * Money: the flights pay nothing (the usual series rule) unless the event says they do; then
 * each flight keeps its own pool and Day 2 plays for its own money only.
 */
import { DomainError } from '../core/errors.ts';
import type { Minor } from '../money/types.ts';
import type { CarriedInput } from '../tournament/day-types.ts';

export const TWO_FLIGHT_RULES = ['best-stack', 'first-flight', 'last-flight'] as const;
export type TwoFlightRule = (typeof TWO_FLIGHT_RULES)[number];

export interface FlightBag {
  /** The flight's tournament id. */
  readonly flightId: string;
  readonly survivors: readonly { readonly playerId: string; readonly name: string; readonly chips: number }[];
  /** The flight's prize money, as its bag recorded it. */
  readonly pool: Minor;
  /** Entries the flight had (re-entries counted). */
  readonly entrants: number;
}

export interface CombineRules {
  readonly twoFlights: TwoFlightRule;
  /** Flights pay their own places (and carry no money); default false. */
  readonly flightsPay: boolean;
}

export const DEFAULT_COMBINE_RULES: CombineRules = { twoFlights: 'best-stack', flightsPay: false };

export interface SetAside {
  readonly playerId: string;
  readonly name: string;
  readonly chips: number;
  readonly fromFlight: string;
  /** The flight whose bag the player plays instead. */
  readonly keptFrom: string;
}

export interface Day2Field {
  /** Biggest stack first (ties: earlier flight, then player id): how the TD reads the field. */
  readonly entries: readonly CarriedInput[];
  readonly setAside: readonly SetAside[];
  readonly pool: Minor;
  readonly flightEntries: number;
  readonly chips: number;
}

/** Whether `next` (from a later flight) replaces `kept` under the rule. */
function replaces(rule: TwoFlightRule, kept: CarriedInput, next: CarriedInput): boolean {
  switch (rule) {
    case 'best-stack':
      // Equal stacks keep the earlier bag: the player's first Day 2 qualification stands.
      return next.chips > kept.chips;
    case 'first-flight':
      return false;
    case 'last-flight':
      return true;
  }
}

/** Combines the flights' bags, `flights` in the event's order (Day 1A first). */
export function combineFlights(flights: readonly FlightBag[], rules: CombineRules): Day2Field | DomainError {
  if (flights.length === 0) return new DomainError('NO_FLIGHTS', 'The event has no flights to combine', {});
  const ids = new Set(flights.map((f) => f.flightId));
  if (ids.size !== flights.length) {
    return new DomainError('DUPLICATE_FLIGHT', 'A flight is listed twice', {});
  }
  const kept = new Map<string, CarriedInput>();
  const order = new Map<string, number>(flights.map((f, i) => [f.flightId, i]));
  const setAside: SetAside[] = [];
  for (const flight of flights) {
    const inFlight = new Set<string>();
    for (const s of flight.survivors) {
      if (inFlight.has(s.playerId)) {
        return new DomainError(
          'DUPLICATE_SURVIVOR',
          `${s.name} is bagged twice in flight ${flight.flightId}`,
          {
            flightId: flight.flightId,
            playerId: s.playerId,
          },
        );
      }
      inFlight.add(s.playerId);
      const next: CarriedInput = {
        playerId: s.playerId,
        name: s.name,
        chips: s.chips,
        fromFlight: flight.flightId,
      };
      const before = kept.get(s.playerId);
      if (before === undefined) {
        kept.set(s.playerId, next);
        continue;
      }
      const [keep, drop] = replaces(rules.twoFlights, before, next) ? [next, before] : [before, next];
      kept.set(s.playerId, keep);
      setAside.push({ ...drop, keptFrom: keep.fromFlight });
    }
  }
  const entries = [...kept.values()].sort(
    (a, b) =>
      b.chips - a.chips ||
      (order.get(a.fromFlight) ?? 0) - (order.get(b.fromFlight) ?? 0) ||
      (a.playerId < b.playerId ? -1 : a.playerId > b.playerId ? 1 : 0),
  );
  return {
    entries,
    setAside,
    pool: rules.flightsPay ? 0 : flights.reduce((sum, f) => sum + f.pool, 0),
    flightEntries: flights.reduce((sum, f) => sum + f.entrants, 0),
    chips: entries.reduce((sum, e) => sum + e.chips, 0),
  };
}
