/**
 * The time, as a reactive value that ticks only while something reads it (a countdown on
 * screen): `now.ms` re-renders its readers every 250 ms and costs nothing when none is shown;
 * `slowNow` ticks twice a second, for screens that must stay cheap (a TV on a Pi Zero).
 */
import { createSubscriber } from 'svelte/reactivity';

class Now {
  readonly #subscribe: () => void;

  constructor(everyMs: number) {
    this.#subscribe = createSubscriber((update) => {
      const timer = setInterval(update, everyMs);
      return () => clearInterval(timer);
    });
  }

  get ms(): number {
    this.#subscribe();
    return Date.now();
  }
}

export const now = new Now(250);
export const slowNow = new Now(500);
