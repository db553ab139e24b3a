/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The player page offline: the app's files are cached when the worker installs; the player
 * page itself and the public tournament view are fetched from the network first and kept,
 * so a phone that lost the line (or reopens the installed app in a basement) shows the last
 * state it saw, and the page catches up by itself when the line is back. Nothing else is
 * touched: staff pages and the API stay network-only (a TD must never act on a stale view).
 */
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `felt-${version}`;
const APP = new Set([...build, ...files]);
const PLAYER_PAGE = /^\/v\/[^/]+\/t\/[^/]+\/?$/;
const PUBLIC_VIEW = /^\/api\/v1\/public\/venues\/[^/]+\/tournaments\/[^/]+$/;

sw.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([...APP]))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => sw.clients.claim()),
  );
});

async function networkFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (e) {
    const kept = await cache.match(request);
    if (kept) return kept;
    throw e;
  }
}

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  if (APP.has(url.pathname)) {
    event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)));
  } else if (PLAYER_PAGE.test(url.pathname) || PUBLIC_VIEW.test(url.pathname)) {
    event.respondWith(networkFirst(request));
  }
});
