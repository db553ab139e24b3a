import { staffLoad } from '$lib/load.ts';
import type { PageLoad } from './$types';

/** Who is signed in (their role decides the TD buttons); the screen itself follows live. */
export const load: PageLoad = async ({ params }) => staffLoad(params.venue, async () => ({}));
