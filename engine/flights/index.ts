/** Multi-day events: combining flights' bags into a Day 2's starting field (combine.ts). */
export type { CombineRules, Day2Field, FlightBag, SetAside, TwoFlightRule } from './combine.ts';
export { combineFlights, DEFAULT_COMBINE_RULES, TWO_FLIGHT_RULES } from './combine.ts';
