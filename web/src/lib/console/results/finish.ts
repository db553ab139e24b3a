/**
 * Why the tournament cannot be finished yet, in the TD's words, from the same rule the decider
 * applies (FinishTournament: one player left, or a deal among everyone still in with nothing
 * left to play for). The decider still decides; this only says what is left before asking.
 */
import type { Standings } from '../../../../../engine/tournament/standings.ts';

export function finishBlocker(
  s: Pick<Standings, 'status' | 'playersLeft' | 'deal'> & Partial<Pick<Standings, 'satellite'>>,
): string | null {
  if (s.status === 'finished') return 'The tournament is finished.';
  if (s.status === 'cancelled') return 'The tournament was cancelled.';
  if (s.status !== 'running') return 'The tournament has not started yet.';
  const left = s.playersLeft;
  const sat = s.satellite ?? null;
  if (sat !== null && left > sat.seats) {
    // A satellite is not finished by hand: play stops by itself at the seats (no deals either).
    return `${left} players are still in for ${sat.seats === 1 ? '1 seat' : `${sat.seats} seats`}: bust players on the Entries tab; play stops by itself when ${sat.seats} are left.`;
  }
  if (left === 1) return null;
  const deal = s.deal;
  if (deal !== null && deal.leftToPlayFor === 0 && deal.shares.length === left) return null;
  if (deal !== null && deal.leftToPlayFor > 0) {
    return `${left} players are still in and the deal left money to play for: bust players on the Entries tab until one is left.`;
  }
  return `${left} players are still in: bust players on the Entries tab until one is left, or make a deal with nothing left to play for on the Money tab.`;
}
