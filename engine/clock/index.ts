export type { ClockAnchors, ClockStatus } from './anchors.ts';
export { initialClock } from './anchors.ts';
export type { Blinds, ClockPosition, ClockView } from './compute.ts';
export { clockPosition, computeClock } from './compute.ts';
export {
  adjustTime,
  clockLevelLabel,
  finishClock,
  goToLevel,
  normalizeClock,
  pauseClock,
  restartLevel,
  resumeClock,
  startClock,
} from './transitions.ts';
