import { staffLoad } from '$lib/load.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, depends }) => {
  depends('felt:tournaments');
  return staffLoad(params.venue, async (s) => {
    const [tournaments, templates] = await Promise.all([
      s.api.tournaments(),
      s.can('tournaments.create') ? s.api.templates() : Promise.resolve([]),
    ]);
    return { tournaments, templates };
  });
};
