import type { VenueUsage } from '$lib/api.ts';
import { staffLoad } from '$lib/load.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) =>
  staffLoad(params.venue, async (s) => ({
    usage: s.can('usage.read') ? await s.api.usage(14) : (null as VenueUsage | null),
  }));
