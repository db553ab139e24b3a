/**
 * An imported TD3 file's results as a league records them: the same variables TD3's formulas
 * read (engine/td3/points.ts formulaVarsFor), one row per ranked player.
 */
import { formulaVarsFor } from '../td3/points.ts';
import type { Td3Player, Td3Tournament } from '../td3/types.ts';
import type { TournamentResult } from './types.ts';

/**
 * `playerKey` names each TD3 player across tournaments; by default TD3's own player UUID
 * (stable across a TD3 database), the import passes the venue's ids it mapped them to.
 */
export function td3Result(
  td3: Td3Tournament,
  tournamentId: string,
  playerKey: (p: Td3Player) => string = (p) => p.id,
): TournamentResult {
  return {
    tournamentId,
    name: td3.title,
    at: td3.endTime ?? td3.startTime ?? 0,
    source: 'td3',
    fileFormula: td3.financials.pointsFormula,
    rows: td3.players
      .filter((p): p is Td3Player & { place: number } => p.place !== null)
      .sort((a, b) => a.place - b.place || a.name.localeCompare(b.name))
      .map((p) => ({
        playerKey: playerKey(p),
        name: p.name,
        place: p.place,
        vars: formulaVarsFor(td3, p),
        adjustment: p.pointsAdjustment,
      })),
  };
}
