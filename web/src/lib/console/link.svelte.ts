/**
 * Where this console is connected and whether the venue box reaches the cloud: the console
 * always shows it, because on the box everything must keep working with the internet down.
 * The box's sync status comes from the reconciler's own type (edge-node/sync/reconciler.ts).
 */
import type { SyncStatus } from '../../../../edge-node/sync/reconciler.ts';
import { call, type Health, publicApi } from '../api.ts';

/** How often a box console re-reads the cloud link. */
const BOX_POLL_MS = 15_000;

export class RuntimeLink {
  health = $state<Health | null>(null);
  box = $state<(SyncStatus & { lanClients?: number }) | null>(null);
  #timer: ReturnType<typeof setInterval> | undefined;

  /** Starts reading (health once; on the box, the link every 15 s); answers the stop. */
  start(token: () => string | null): () => void {
    void publicApi
      .health()
      .then((h) => {
        this.health = h;
        if (h.runtime !== 'box') return;
        const read = () =>
          call<SyncStatus>('/box/status', { token: token() })
            .then((s) => {
              this.box = s;
            })
            .catch(() => {});
        void read();
        this.#timer = setInterval(read, BOX_POLL_MS);
      })
      .catch(() => {});
    return () => clearInterval(this.#timer);
  }
}
