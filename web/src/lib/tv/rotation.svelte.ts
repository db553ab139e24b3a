/**
 * A TV's rotation: one view after another, each for `everyMs`. Views with nothing to show
 * right now (no seating published, no moves) are passed over, so the screen never shows an
 * empty page; with one view left it simply stays.
 */
import type { TvView } from './views.ts';

export class Rotation {
  readonly everyMs: number;
  /** Counts the turns; the view shown is derived from it and the views that have content. */
  turn = $state(0);

  constructor(everyMs: number) {
    this.everyMs = everyMs;
  }

  /** The view for this turn among `available` (in the order the address gave). */
  pick(available: readonly TvView[]): TvView | null {
    if (available.length === 0) return null;
    return available[this.turn % available.length] ?? null;
  }

  /** Starts turning; returns the stop (for an $effect's teardown). */
  start(): () => void {
    const timer = setInterval(() => {
      this.turn += 1;
    }, this.everyMs);
    return () => clearInterval(timer);
  }
}
