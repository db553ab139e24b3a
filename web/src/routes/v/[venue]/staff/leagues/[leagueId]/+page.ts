import { leaguesApi } from '$lib/console/leagues/leagues-api.ts';
import { staffLoad } from '$lib/load.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, depends }) => {
  depends('felt:league');
  return staffLoad(params.venue, async (s) => {
    const [league, tournaments] = await Promise.all([
      leaguesApi.read(s, params.leagueId),
      s.api.tournaments(),
    ]);
    return { league, tournaments };
  });
};
