import { eventsApi } from '$lib/console/flights/events-api.ts';
import { staffLoad } from '$lib/load.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, depends }) => {
  depends('felt:event');
  return staffLoad(params.venue, async (s) => ({ status: await eventsApi.status(s, params.eventId) }));
};
