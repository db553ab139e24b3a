/** Reading the server's derived clock on a screen: what is left of the level at a moment. */
import type { ClockView } from '../../../engine/clock/compute.ts';

/** Time left in the level at `serverNow` (the client's time plus the server-time offset). */
export function remainingAt(clock: ClockView, serverNow: number): number {
  if (clock.status === 'running' && clock.levelEndsAt !== null) {
    return Math.max(0, clock.levelEndsAt - serverNow);
  }
  return clock.remainingMs;
}

/** "Level 4", "Break", "Level 1 (not started)". */
export function levelTitle(clock: ClockView): string {
  if (clock.isBreak) return 'Break';
  if (clock.status === 'idle') return `Level ${clock.playLevelNumber} (not started)`;
  return `Level ${clock.playLevelNumber}`;
}
