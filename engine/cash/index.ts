export { DEFAULT_CALL_MINUTES, decideCash } from './decide.ts';
export { evolveCash, replayCash } from './evolve.ts';
export { allSeats, mainSeats, nextMustMove, openSeats, placeOnList } from './rules.ts';
export * from './types.ts';
