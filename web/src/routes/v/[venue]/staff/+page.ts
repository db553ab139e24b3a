import { redirect } from '@sveltejs/kit';
import { publicApi } from '$lib/api.ts';
import { pageError } from '$lib/load.ts';
import { sessionFor } from '$lib/session.svelte.ts';
import type { PageLoad } from './$types';

/** The sign-in page: the venue's name, and on the box the PIN pad's roster. */
export const load: PageLoad = async ({ params }) => {
  if (sessionFor(params.venue).signedIn)
    redirect(307, `/v/${encodeURIComponent(params.venue)}/staff/tournaments`);
  const [page, health] = await Promise.all([
    publicApi.venue(params.venue).catch(pageError),
    publicApi.health().catch(() => null),
  ]);
  const onBox = health?.runtime === 'box';
  // A roster that fails to load leaves the password form, which works everywhere.
  const roster = onBox ? await publicApi.pinRoster(params.venue).catch(() => []) : [];
  return { venue: page.venue, onBox, roster };
};
