import { staffLoad } from '$lib/load.ts';
import type { LayoutLoad } from './$types';

/** Who is signed in (their role decides the buttons) and the venue's tournaments for the switcher. */
export const load: LayoutLoad = async ({ params, depends }) => {
  depends('felt:tournaments');
  return staffLoad(params.venue, async (s) => ({ tournaments: await s.api.tournaments() }));
};
