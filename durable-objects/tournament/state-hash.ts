/**
 * The hash an export carries and an import must reproduce: SHA-256 of the state's canonical
 * text (engine/tournament/history.ts), so two copies of a tournament compare without sending
 * their states.
 */
import { canonicalState } from '../../engine/tournament/history.ts';
import type { TournamentState } from '../../engine/tournament/types.ts';
import { sha256Hex } from '../venue/staff-rules.ts';

export async function stateHash(state: TournamentState): Promise<string> {
  return `sha256:${await sha256Hex(canonicalState(state))}`;
}
