/**
 * What a venue's screens can show: the views a TV rotates through and how long each stays up.
 * Shared by the TV page (which reads them from its address or its assignment) and the display
 * registry (which checks an assignment before a screen ever sees it).
 */
export const TV_VIEWS = [
  'clock',
  'rankings',
  'seating',
  'moves',
  'payouts',
  'schedule',
  'slides',
  'cash',
] as const;
export type TvView = (typeof TV_VIEWS)[number];

export const TV_VIEW_TITLES: Readonly<Record<TvView, string>> = {
  clock: 'Clock',
  rankings: 'Chip counts',
  seating: 'Seating',
  moves: 'Table moves',
  payouts: 'Payouts',
  schedule: 'Blind schedule',
  slides: 'Venue slides',
  cash: 'Cash games',
};

/** Views that need a tournament; slides and cash games are the venue's own and show without one. */
export const TOURNAMENT_VIEWS: readonly TvView[] = TV_VIEWS.filter((v) => v !== 'slides' && v !== 'cash');

/** Seconds each view stays up in a rotation: long enough to read, short enough to come back. */
export const MIN_EVERY_S = 5;
export const MAX_EVERY_S = 600;
export const DEFAULT_EVERY_S = 20;

export const isTvView = (v: string): v is TvView => (TV_VIEWS as readonly string[]).includes(v);
