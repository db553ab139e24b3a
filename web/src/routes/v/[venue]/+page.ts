import { publicApi } from '$lib/api.ts';
import { pageError } from '$lib/load.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => {
  return { page: await publicApi.venue(params.venue).catch(pageError) };
};
