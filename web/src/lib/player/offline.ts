/** Registers the service worker that keeps the player page and its last view for offline use. */
import { dev } from '$app/environment';

export function keepForOffline(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  void navigator.serviceWorker
    .register('/service-worker.js', { type: dev ? 'module' : 'classic' })
    .catch(() => {
      // No offline copy (e.g. plain HTTP on a LAN address other than localhost): the page works live.
    });
}
