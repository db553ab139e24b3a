/**
 * What support staff paste into the search box: often a link a club sent ("…/v/riverside/
 * staff/t/ab12…", a player's "/p/K7Q2XD") or "venue/tournament". Those go straight to the
 * venue or tournament; anything else is a search for venues by name, id, code or box.
 */
export type PastedTarget =
  | { readonly kind: 'tournament'; readonly venueId: string; readonly tournamentId: string }
  | { readonly kind: 'venue'; readonly venueId: string }
  | { readonly kind: 'code'; readonly code: string };

const ID = '[A-Za-z0-9_-]{1,64}';
const VENUE_PATH = new RegExp(`^/v/(${ID})(?:/staff)?(?:/t/(${ID}))?(?:[/?#].*)?$`);
const CODE_PATH = new RegExp(`^/p/(${ID})(?:[/?#].*)?$`);
const PAIR = new RegExp(`^(${ID})/(${ID})$`);

function pathOf(text: string): string | null {
  if (text.startsWith('/')) return text;
  try {
    return new URL(text).pathname;
  } catch {
    return null;
  }
}

export function pastedTarget(query: string): PastedTarget | null {
  const text = query.trim();
  const pair = PAIR.exec(text);
  if (pair) return { kind: 'tournament', venueId: pair[1]!, tournamentId: pair[2]! };
  const path = pathOf(text);
  if (path === null) return null;
  const venue = VENUE_PATH.exec(path);
  if (venue) {
    return venue[2]
      ? { kind: 'tournament', venueId: venue[1]!, tournamentId: venue[2] }
      : { kind: 'venue', venueId: venue[1]! };
  }
  const code = CODE_PATH.exec(path);
  return code ? { kind: 'code', code: code[1]! } : null;
}
