/** Countdowns to late registration, rebuys and the add-on closing, from the schedule. */
import type { ClockView } from '../../../../engine/clock/compute.ts';
import { scheduleFrom } from '../../../../engine/structure/schedule.ts';
import type { Structure } from '../../../../engine/structure/types.ts';
import { remainingAt } from '../clock.ts';

export interface WindowsLeft {
  /** ms until late registration closes; null when closed or none. */
  readonly lateReg: number | null;
  readonly rebuys: number | null;
  readonly addOn: number | null;
}

export function windowsLeft(
  clock: ClockView,
  structure: Structure,
  serverNow: number,
  open: { lateReg: boolean; rebuys: boolean; addOn: boolean },
): WindowsLeft {
  const s = scheduleFrom(
    structure,
    { levelIndex: clock.levelIndex, remainingMs: remainingAt(clock, serverNow) },
    serverNow,
  );
  const left = (on: boolean, at: number | null) =>
    !on || at === null || at <= serverNow ? null : at - serverNow;
  return {
    lateReg: left(open.lateReg, s.lateRegistrationEndsAt),
    rebuys: left(open.rebuys, s.rebuysEndAt),
    addOn: left(open.addOn, s.addOnAt),
  };
}
