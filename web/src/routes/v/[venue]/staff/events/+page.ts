import { eventsApi } from '$lib/console/flights/events-api.ts';
import { staffLoad } from '$lib/load.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) =>
  staffLoad(params.venue, async (s) => {
    const [events, tournaments] = await Promise.all([eventsApi.list(s), s.api.tournaments()]);
    return { events, tournaments };
  });
