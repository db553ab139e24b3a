/**
 * The clock's stored state. The clock is derived, never ticked: these anchors plus the
 * structure and any `now` give the level and time left, so a replica that lost its link, a
 * TV that just woke up and a replay years later all show the same clock.
 *
 * Plain JSON, readonly; each transition returns new anchors.
 */
export type ClockStatus = 'idle' | 'running' | 'paused' | 'finished';

export interface ClockAnchors {
  readonly status: ClockStatus;
  /** Index in `structure.levels` (breaks included) of the level the anchors describe. */
  readonly levelIndex: number;
  /**
   * Effective start (ms since epoch) of that level: when it would have started had the clock
   * never been paused during it. Null until the clock first starts.
   */
  readonly levelStartedAt: number | null;
  /** Time added (+) to or removed (−) from that level only; later levels run their full length. */
  readonly addedMs: number;
  /** When the clock stopped: set while paused or finished, null otherwise. */
  readonly stoppedAt: number | null;
  /** When the clock first started; null while idle. Kept for display ("started 19:02"). */
  readonly startedAt: number | null;
  /** Time of the last transition; a transition at an earlier time is refused. */
  readonly updatedAt: number | null;
}

export function initialClock(): ClockAnchors {
  return {
    status: 'idle',
    levelIndex: 0,
    levelStartedAt: null,
    addedMs: 0,
    stoppedAt: null,
    startedAt: null,
    updatedAt: null,
  };
}
