export type { DealInput, DealKind, DealResult } from './deals.ts';
export { computeDeal } from './deals.ts';
export { ICM_MONTE_CARLO_SEED, icmEquities } from './equities.ts';
export { icmExact, MAX_EXACT_PLAYERS } from './exact.ts';
export type { MonteCarloOptions, MonteCarloResult } from './monte-carlo.ts';
export { icmMonteCarlo } from './monte-carlo.ts';
