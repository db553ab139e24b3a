// Reading The Tournament Director 3 (.tdt) save files, and TD3's league-points formulas.
export type {
  Td3Formula,
  Td3FormulaErrorCode,
  Td3FormulaLimits,
  Td3FormulaVars,
} from './formula.ts';
export {
  DEFAULT_FORMULA_LIMITS,
  evaluateFormula,
  evaluatePoints,
  parseFormula,
  Td3FormulaError,
} from './formula.ts';
export type { Td3ImportOptions, Td3ImportResult, Td3Template, TimedCommand } from './import.ts';
export { IMPORT_ACTOR, importTd3, importTournament } from './import.ts';
export type { Td3Object, Td3ParseErrorCode, Td3ParseLimits, Td3Value } from './parse.ts';
export {
  DEFAULT_TD3_LIMITS,
  decodeTd3Bytes,
  isTd3Call,
  isTd3Object,
  parseTd3,
  Td3Call,
  Td3ParseError,
} from './parse.ts';
export type { BuiltinFormulaName, Td3PlayerPoints } from './points.ts';
export { BUILTIN_FORMULAS, formulaVarsFor, pointsForTournament } from './points.ts';
export { readTd3 } from './read.ts';
export type { Td3Difference, Td3Figures, Td3ImportReport, Td3PrizeFigure } from './report.ts';
export { compareFigures, feltFigures, td3Figures, td3PrizeRule, UNEXPLAINED } from './report.ts';
export type * from './types.ts';
