import { call, type Player } from '$lib/api.ts';
import { staffLoad } from '$lib/load.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) =>
  staffLoad(params.venue, async (s) => ({
    player: (
      await call<{ player: Player }>(
        `/venues/${encodeURIComponent(params.venue)}/players/${encodeURIComponent(params.player)}`,
        { token: s.token },
      )
    ).player,
  }));
