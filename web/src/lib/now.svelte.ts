/**
 * The time, as a reactive value that ticks only while something reads it (a countdown on
 * screen): `now.ms` re-renders its readers every 250 ms and costs nothing when none is shown.
 */
import { createSubscriber } from 'svelte/reactivity';

class Now {
  readonly #subscribe = createSubscriber((update) => {
    const timer = setInterval(update, 250);
    return () => clearInterval(timer);
  });

  get ms(): number {
    this.#subscribe();
    return Date.now();
  }
}

export const now = new Now();
