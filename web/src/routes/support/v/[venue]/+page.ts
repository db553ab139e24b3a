import { supportApi } from '$lib/support/api.ts';
import { supportLoad } from '$lib/support/load.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ params }) =>
  supportLoad(async () => {
    const [venue, tournaments, boxes] = await Promise.all([
      supportApi.venue(params.venue),
      supportApi.tournaments(params.venue),
      supportApi.boxes(params.venue),
    ]);
    return { venue, tournaments, boxes };
  });
