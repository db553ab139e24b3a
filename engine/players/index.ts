export { osaDistance } from './distance.ts';
export { compoundTokens, looseKey, nameTokens, normalizeName } from './normalize.ts';
export {
  createPlayer,
  editPlayer,
  MAX_MERGE_CHAIN,
  mergePlayers,
  recordEntry,
  recordResult,
  resolvePlayer,
} from './players.ts';
export { publicName, publicNameFromText } from './privacy.ts';
export type { SearchHit, SearchMatch, SearchOptions } from './search.ts';
export {
  findByName,
  fuzzyBudget,
  SEARCH_DEFAULT_LIMIT,
  SEARCH_MAX_LIMIT,
  SEARCH_MAX_QUERY_WORDS,
  searchPlayers,
} from './search.ts';
export type { NameDisplay, Player, PlayerHistoryRow, PlayerPatch } from './types.ts';
export { NAME_DISPLAYS } from './types.ts';
export type { NewPlayer } from './validate.ts';
export {
  EMAIL_MAX,
  NAME_MAX,
  NICKNAME_MAX,
  NOTES_MAX,
  newPlayerSchema,
  PHONE_MAX,
  parseNewPlayer,
  parsePlayerPatch,
  playerPatchSchema,
} from './validate.ts';
