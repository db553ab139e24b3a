import { error, redirect } from '@sveltejs/kit';
import { ApiRequestError, publicApi } from '$lib/api.ts';
import type { PageLoad } from './$types';

/** A venue code (the QR on the wall) leads to the venue's public page. */
export const load: PageLoad = async ({ params }) => {
  let venueId: string;
  try {
    venueId = await publicApi.resolveCode(params.code);
  } catch (e) {
    if (e instanceof ApiRequestError && (e.status === 404 || e.status === 400)) {
      error(404, `No venue has the code ${params.code.toUpperCase()}: check it and try again`);
    }
    throw e;
  }
  redirect(307, `/v/${encodeURIComponent(venueId)}`);
};
