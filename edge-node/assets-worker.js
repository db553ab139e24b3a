// Serves the web app's static files on the box from workerd's disk service, with the
// content types browsers insist on (module scripts must be JavaScript). Plain JS: embedded
// as-is in the box's workerd config.
const TYPES = {
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  html: 'text/html; charset=utf-8',
  json: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  ico: 'image/x-icon',
  webp: 'image/webp',
  woff2: 'font/woff2',
  txt: 'text/plain; charset=utf-8',
  webmanifest: 'application/manifest+json',
};

export default {
  async fetch(request, env) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405 });
    }
    const url = new URL(request.url);
    const res = await env.DISK.fetch(new Request(url, { method: request.method }));
    if (!res.ok) return new Response('Not found', { status: 404 });
    const ext = url.pathname.split('.').pop()?.toLowerCase() ?? '';
    const headers = new Headers(res.headers);
    headers.set('content-type', TYPES[ext] ?? 'application/octet-stream');
    headers.set(
      'cache-control',
      url.pathname.includes('/_app/immutable/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    return new Response(res.body, { status: 200, headers });
  },
};
