/**
 * A registrant's confirmation: what became of their online registration now. For a box-run
 * tournament it is "pending" until the venue's box has pulled and decided it; reloading the
 * page shows the answer (registered, number N on the waiting list, or refused and why).
 */
import { error } from '@sveltejs/kit';
import type { components } from '$lib/api/openapi.ts';
import { apiMessage, serverApi } from '$lib/server/api.ts';
import { registrationTarget } from '../tournament.ts';
import type { PageServerLoad } from './$types';

export const ssr = true;
export const csr = false;

type Registration = components['schemas']['PublicRegistrationAnswer'];

export const load: PageServerLoad = async ({ params, platform, request, setHeaders }) => {
  setHeaders({ 'cache-control': 'no-store' });
  const api = serverApi(platform, request);
  const path = `/api/v1/public/venues/${encodeURIComponent(params.venue)}/tournaments/${encodeURIComponent(params.id)}/registrations/${encodeURIComponent(params.requestId)}`;
  const [answer, target] = await Promise.all([
    api.get<Registration>(path),
    registrationTarget(api, params.venue, params.id),
  ]);
  if (answer.status !== 200) error(answer.status, apiMessage(answer.body, 'No such registration').message);
  return { registration: answer.body, target };
};
