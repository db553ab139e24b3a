import { leaguesApi } from '$lib/console/leagues/leagues-api.ts';
import { staffLoad } from '$lib/load.ts';
import type { PageLoad } from './$types';

/** Each league with its standings: the list shows how many events count and who leads. */
export const load: PageLoad = async ({ params, depends }) => {
  depends('felt:leagues');
  return staffLoad(params.venue, async (s) => {
    const list = await leaguesApi.list(s);
    return { leagues: await Promise.all(list.map((l) => leaguesApi.read(s, l.id))) };
  });
};
