import { supportApi } from '$lib/support/api.ts';
import { supportLoad } from '$lib/support/load.ts';
import { support } from '$lib/support/session.svelte.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ params, depends }) => {
  depends('felt:support-tournament');
  return supportLoad(async () => {
    const [view, inspection, venue] = await Promise.all([
      support.venue(params.venue).tournament(params.id),
      supportApi.inspect(params.venue, params.id),
      supportApi.venue(params.venue),
    ]);
    const conflicts = inspection.conflicts > 0 ? await supportApi.conflicts(params.venue, params.id) : [];
    return { view, inspection, venue, conflicts };
  });
};
