// Leagues and seasons: points by formula over a venue's tournaments (Felt's and TD3 imports).
export {
  checkLeagueConfig,
  leagueConfigSchema,
  leagueFormulaSchema,
  leaguePatchSchema,
  previewPoints,
  sampleVars,
} from './config.schema.ts';
export type { FeltConfig, FeltStandings } from './felt.ts';
export { feltResult } from './felt.ts';
export { dayIn, formulaText, inSeason, leagueStandings } from './standings.ts';
export { td3Result } from './td3.ts';
export type * from './types.ts';
export { TIEBREAKS } from './types.ts';
