import type { AuditEntry, Staff, TournamentListing } from '$lib/api.ts';
import { AUDIT_PAGE } from '$lib/console/audit/feed.ts';
import { staffLoad } from '$lib/load.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => {
  return staffLoad(params.venue, async (s) => {
    // Only the owner (and Felt support) may read it: others get the page's explanation.
    if (!s.can('audit.read'))
      return { allowed: false, entries: [] as AuditEntry[], staff: [], tournaments: [] };
    const [entries, staff, tournaments] = await Promise.all([
      s.api.audit(AUDIT_PAGE),
      s.can('staff.read') ? s.api.staff() : Promise.resolve([] as Staff[]),
      s.can('tournaments.read') ? s.api.tournaments() : Promise.resolve([] as TournamentListing[]),
    ]);
    return { allowed: true, entries, staff, tournaments };
  });
};
