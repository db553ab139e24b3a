/** The tournament a registration page is for, as the venue's public page lists it. */
import { error } from '@sveltejs/kit';
import type { components } from '$lib/api/openapi.ts';
import { apiMessage, type ServerApi } from '$lib/server/api.ts';

type Summary = components['schemas']['PublicVenueSummary'];

export interface RegistrationTarget {
  readonly venue: Summary['venue'];
  readonly id: string;
  readonly name: string;
  /** Whether it takes online registration now (venue setting, listed, open). */
  readonly online: boolean;
  readonly full: boolean;
}

export async function registrationTarget(
  api: ServerApi,
  venueId: string,
  id: string,
): Promise<RegistrationTarget> {
  const summary = await api.get<Summary>(`/api/v1/public/venues/${encodeURIComponent(venueId)}/summary`);
  if (summary.status !== 200)
    error(summary.status, apiMessage(summary.body, 'This venue is not available').message);
  const s = summary.body;
  const t = [...s.upcoming, ...s.live, ...s.results].find((x) => x.id === id);
  if (!t) error(404, 'No such tournament on this venue’s page');
  const reg = 'registration' in t ? t.registration : null;
  return {
    venue: s.venue,
    id,
    name: t.name,
    online: reg?.online === true,
    full: reg !== null && reg.capacity !== null && reg.entrants >= reg.capacity,
  };
}
