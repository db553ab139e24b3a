/**
 * Who the player is in this tournament, chosen once by name and remembered on the phone
 * (localStorage, per venue and tournament): the seat and the alerts follow from it. And the
 * alerts themselves: each new view is compared with the last one the phone saw.
 */
import { alertsBetween, type PlayerAlert, type PlayerSnapshot } from './alerts.ts';

const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);

export class MyEntry {
  readonly #key: string;
  entryId = $state<string | null>(null);

  constructor(venueId: string, tournamentId: string) {
    this.#key = `felt.me.${venueId}.${tournamentId}`;
    this.entryId = storage()?.getItem(this.#key) ?? null;
  }

  choose(entryId: string): void {
    this.entryId = entryId;
    storage()?.setItem(this.#key, entryId);
  }

  forget(): void {
    this.entryId = null;
    storage()?.removeItem(this.#key);
  }
}

export class PlayerAlerts {
  /** Alerts not yet dismissed, oldest first: the screen shows the first. */
  queue = $state<PlayerAlert[]>([]);
  #last: PlayerSnapshot | null = null;
  #lastKey = '';

  /** A new view: alert on what changed since the last one (nothing on the first). */
  see(now: PlayerSnapshot): void {
    const key = JSON.stringify(now);
    if (key === this.#lastKey) return;
    const fresh = alertsBetween(this.#last, now);
    this.#last = now;
    this.#lastKey = key;
    if (fresh.length === 0) return;
    this.queue = [...this.queue, ...fresh];
    notify(fresh);
  }

  /** The player picked someone else: start over without alerting the switch. */
  reset(): void {
    this.#last = null;
    this.#lastKey = '';
    this.queue = [];
  }

  dismiss(): void {
    this.queue = this.queue.slice(1);
  }
}

/** Buzz, and a system notification when the page is in the background and it is allowed. */
function notify(alerts: readonly PlayerAlert[]): void {
  if (typeof navigator !== 'undefined') navigator.vibrate?.([200, 100, 200]);
  if (typeof document === 'undefined' || !document.hidden) return;
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  for (const a of alerts) new Notification(a.title, { body: a.text, tag: `felt-${a.kind}` });
}
