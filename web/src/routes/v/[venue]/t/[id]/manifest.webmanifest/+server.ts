/**
 * The web app manifest of one tournament's player page: installed on a phone, the icon opens
 * this tournament (not the site's home), full screen, in Felt's colours.
 */
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params }) => {
  const page = `/v/${encodeURIComponent(params.venue)}/t/${encodeURIComponent(params.id)}`;
  const manifest = {
    name: 'Felt — tournament',
    short_name: 'Felt',
    description: 'The clock, your seat and the payouts of your tournament, live.',
    id: page,
    start_url: page,
    scope: page,
    display: 'standalone',
    background_color: '#0b3d2e',
    theme_color: '#0b3d2e',
    icons: [
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    ],
  };
  return new Response(JSON.stringify(manifest), {
    headers: { 'content-type': 'application/manifest+json', 'cache-control': 'no-cache' },
  });
};
