/**
 * One public league's full standings (the venue page shows each league's top ten), rendered
 * on the server without JavaScript, cacheable like the venue page.
 */
import { error } from '@sveltejs/kit';
import { apiMessage, serverApi } from '$lib/server/api.ts';
import type { PublicLeague } from '../../../../../../../durable-objects/venue/leagues.ts';
import type { PageServerLoad } from './$types';

export const ssr = true;
export const csr = false;

export const load: PageServerLoad = async ({ params, platform, request, setHeaders }) => {
  const api = serverApi(platform, request);
  const answer = await api.get<{ leagues: PublicLeague[] }>(
    `/api/v1/public/venues/${encodeURIComponent(params.venue)}/leagues`,
  );
  if (answer.status !== 200)
    error(answer.status, apiMessage(answer.body, 'This league is not available').message);
  const league = answer.body.leagues.find((l) => l.id === params.leagueId);
  if (!league) error(404, 'No such public league at this venue');
  setHeaders({ 'cache-control': 'public, max-age=60, stale-while-revalidate=300' });
  return { league };
};
