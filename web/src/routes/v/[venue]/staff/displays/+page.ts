import { displaysApi, slidesOf } from '$lib/displays/api.ts';
import { staffLoad } from '$lib/load.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, depends }) => {
  depends('felt:displays');
  return staffLoad(params.venue, async (s) => {
    const [displays, slides, tournaments] = await Promise.all([
      displaysApi(s).list(),
      slidesOf(params.venue),
      s.api.tournaments(),
    ]);
    return { displays, slides, tournaments };
  });
};
