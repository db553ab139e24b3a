/**
 * What GET /api/v1/tournaments/:id returns: standings with the clock computed at `now`, the
 * seating view and the seq the view reflects (a follower applies events after it).
 */
import { seatingView } from '../../engine/seating/view.ts';
import { standings } from '../../engine/tournament/standings.ts';
import type { TournamentConfig, TournamentState } from '../../engine/tournament/types.ts';

export function tournamentView(state: TournamentState, seq: number, now: number) {
  const s = standings(state, now);
  return {
    seq,
    serverTime: now,
    standings: { ...s, payoutProblem: s.payoutProblem ? s.payoutProblem.toJSON() : null },
    seating: seatingView(state.seating),
    structure: state.config?.structure ?? null,
    // Prices, profiles, rules and payout settings (the structure is above): the console's
    // money and entry screens, and players' phones (nothing in it is private).
    config: state.config ? withoutStructure(state.config) : null,
    // Multi-day play: a flight's bag, a Day 2's carried field (engine/tournament/day-types.ts).
    day: { bag: state.bag ?? null, carried: state.carried ?? null },
  };
}

function withoutStructure(config: TournamentConfig): Omit<TournamentConfig, 'structure'> {
  const { structure: _structure, ...rest } = config;
  return rest;
}
