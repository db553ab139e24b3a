import adapter from '@sveltejs/adapter-cloudflare';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  kit: {
    // Reads web/wrangler.toml: writes the worker to its `main` and the client files to its
    // assets directory; the real Worker entry (workers/index.ts) imports that worker.
    adapter: adapter({ config: 'wrangler.toml' }),
    // Registered by the player page only (src/lib/player/offline.ts): staff screens never run
    // under a worker that could show them a cached page.
    serviceWorker: { register: false },
  },
};

export default config;
