import { error } from '@sveltejs/kit';
import { supportApi } from '$lib/support/api.ts';
import { supportLoad } from '$lib/support/load.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ params }) =>
  supportLoad(async () => {
    const [venue, boxes, tournaments] = await Promise.all([
      supportApi.venue(params.venue),
      supportApi.boxes(params.venue),
      supportApi.tournaments(params.venue),
    ]);
    const box = boxes.find((b) => b.id === params.boxId);
    if (!box) error(404, `No box ${params.boxId} is paired with ${venue.name}`);
    const homed = tournaments.filter((t) => t.home === box.id);
    // Each tournament the box runs, as the cloud's copy sees it, with its conflict reports.
    const runs = await Promise.all(
      homed.map(async (t) => ({
        listing: t,
        inspection: await supportApi.inspect(params.venue, t.id),
        conflicts: await supportApi.conflicts(params.venue, t.id),
      })),
    );
    return { venue, box, runs };
  });
