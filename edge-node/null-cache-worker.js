// The box's Cache API backend: a cache that stores nothing (every match misses, every put is
// accepted). SvelteKit's Cloudflare worker calls caches.default; the box serves a LAN from
// local disk, so there is nothing worth caching and nothing to configure. Embedded as-is.
export default {
  async fetch(request) {
    if (request.method === 'GET' || request.method === 'HEAD') {
      return new Response(null, { status: 504, headers: { 'cf-cache-status': 'MISS' } });
    }
    return new Response(null, { status: 204 });
  },
};
