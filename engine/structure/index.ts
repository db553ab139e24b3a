export type { AnteKind, AssembleOptions } from './assemble.ts';
export { assembleStructure, COLOR_UP_RATIO, classicAnte } from './assemble.ts';
export {
  chipsInPlayAt,
  chipValues,
  formatChips,
  isPostable,
  STANDARD_CHIP_SET,
  smallestChipAt,
} from './chips.ts';
export { editFutureLevels, sameLevel } from './edit.ts';
export type { GeneratedStructure, GenerateOptions } from './generate.ts';
export { END_BIG_BLINDS, generateStructure } from './generate.ts';
export {
  durationBetween,
  levelIndexOfPlayLevel,
  levelLabel,
  MINUTE_MS,
  minutes,
  nextBreakIndexAfter,
  nextPlayLevelAfter,
  playLevelCount,
  playLevelNumber,
} from './levels.ts';
export { niceFloor, niceMultiples, roundToNice } from './nice.ts';
export type { Schedule, ScheduledLevel, SchedulePosition } from './schedule.ts';
export { scheduleFrom } from './schedule.ts';
export type { StructureTemplate } from './templates.ts';
export { getTemplate, STANDARD_LADDER, TEMPLATES } from './templates.ts';
export type * from './types.ts';
export { structureProblems, validateStructure } from './validate.ts';
