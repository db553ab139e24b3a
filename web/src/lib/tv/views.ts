/**
 * Which views a TV shows and how long each stays up, read from its address:
 * `/v/<venue>/tv/<tournament>?views=clock,rankings,seating&every=20`. A screen is set up once
 * by typing (or pairing) that address, so the address must say clearly what is wrong with it.
 */
import {
  DEFAULT_EVERY_S,
  isTvView,
  MAX_EVERY_S,
  MIN_EVERY_S,
  TV_VIEWS,
  type TvView,
} from '../../../../engine/publish/screens.ts';

export { TV_VIEW_TITLES, TV_VIEWS, type TvView } from '../../../../engine/publish/screens.ts';

export interface TvSetup {
  readonly views: readonly TvView[];
  readonly everyMs: number;
}

export type TvSetupResult =
  | { readonly ok: true; readonly setup: TvSetup }
  | { readonly ok: false; readonly message: string };

export function parseTvSetup(params: URLSearchParams): TvSetupResult {
  const rawViews = params.get('views');
  const names =
    rawViews === null || rawViews.trim() === '' ? ['clock'] : rawViews.split(',').map((v) => v.trim());
  const unknown = names.filter((n) => !isTvView(n));
  if (unknown.length > 0) {
    return {
      ok: false,
      message: `Unknown view${unknown.length > 1 ? 's' : ''} “${unknown.join('”, “')}” in views=: use ${TV_VIEWS.join(', ')}`,
    };
  }
  const views = [...new Set(names.filter(isTvView))];
  const rawEvery = params.get('every');
  let everyS = DEFAULT_EVERY_S;
  if (rawEvery !== null) {
    const n = Number(rawEvery);
    if (!Number.isInteger(n) || n < MIN_EVERY_S || n > MAX_EVERY_S) {
      return {
        ok: false,
        message: `every=${rawEvery} is not a number of seconds from ${MIN_EVERY_S} to ${MAX_EVERY_S}`,
      };
    }
    everyS = n;
  }
  return { ok: true, setup: { views, everyMs: everyS * 1000 } };
}
