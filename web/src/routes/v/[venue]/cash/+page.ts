import { publicApi } from '$lib/api.ts';
import { pageError } from '$lib/load.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, url }) => ({
  page: await publicApi.venue(params.venue).catch(pageError),
  // The venue's own tablet at the desk: joins are by name, and the tablet remembers nobody.
  kiosk: url.searchParams.get('kiosk') === '1',
});
