import type { Staff } from '$lib/api.ts';
import { staffLoad } from '$lib/load.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, depends }) => {
  depends('felt:staff');
  return staffLoad(params.venue, async (s) => ({
    staff: s.can('staff.read') ? await s.api.staff() : ([] as Staff[]),
  }));
};
