/**
 * The venue's public page, rendered on the server and shipped without JavaScript: small,
 * readable before anything runs, cacheable (SvelteKit answers If-None-Match with 304 from the
 * HTML's ETag; the HTML holds nothing per request, so the same data gives the same ETag).
 */
import { error } from '@sveltejs/kit';
import QRCode from 'qrcode';
import type { components } from '$lib/api/openapi.ts';
import { apiMessage, serverApi } from '$lib/server/api.ts';
import type { PublicLeague } from '../../../../../durable-objects/venue/leagues.ts';
import type { PageServerLoad } from './$types';

export const ssr = true;
export const csr = false;

type Summary = components['schemas']['PublicVenueSummary'];

/** Short: the level moves every few minutes; stale-while-revalidate keeps it quick for phones. */
const CACHE_CONTROL = 'public, max-age=15, stale-while-revalidate=60';

export const load: PageServerLoad = async ({ params, platform, request, url, setHeaders }) => {
  const api = serverApi(platform, request);
  const venue = encodeURIComponent(params.venue);
  const [summary, leagues] = await Promise.all([
    api.get<Summary>(`/api/v1/public/venues/${venue}/summary`),
    // The public leagues' tables: the page shows none when the call fails (it is not the page's core).
    api
      .get<{ leagues: PublicLeague[] }>(`/api/v1/public/venues/${venue}/leagues`)
      .catch(() => ({ status: 0, body: null })),
  ]);
  if (summary.status !== 200)
    error(summary.status, apiMessage(summary.body, 'This venue page is not available').message);
  setHeaders({ 'cache-control': CACHE_CONTROL });
  const page = summary.body;
  // The QR codes name this server's own address (the box's LAN address, or the cloud's).
  const qr = await Promise.all(
    page.live.map(async (t) => {
      const link = `${url.origin}/v/${page.venue.id}/t/${t.id}`;
      const svg = await QRCode.toString(link, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
      return [t.id, { link, svg }] as const;
    }),
  );
  return {
    page,
    qr: Object.fromEntries(qr),
    leagues: leagues.status === 200 ? (leagues.body?.leagues ?? []) : [],
  };
};
