/**
 * Name keys for matching people, not for display: "Søren Kjærgaard", "SOREN KJAERGAARD" and
 * "Soren  Kjærgaard" must find each other whatever keyboard the TD or the player has.
 *
 * Two levels:
 * - `normalizeName` is the canonical key (exact matches, the TD3 importer, duplicate checks).
 *   Letters that carry their own identity in the Nordic alphabets fold to their official
 *   transliteration: æ→ae, ø→o, å→aa (Danish Retskrivningsordbogen writes Å as Aa in names
 *   and old spellings: Aalborg/Ålborg, Aagaard/Ågård), ß→ss (German orthography, ẞ likewise),
 *   þ→th, ð→d (Icelandic transliteration). Other accents (é, ü, ö, ä) are stripped by NFKD.
 * - `looseKey` folds the typing conventions on top (aa→a, ae→a, oe→o, ue→u) so "Agard",
 *   "Aagaard" and "Ågård", or "Soeren" and "Søren", or "Mueller" and "Müller", meet. It is
 *   used for search only: on its own it would make "Joe" and "Jo" the same person, which is
 *   acceptable for a search list but not for the importer.
 */

// Letters NFKD leaves alone because Unicode treats them as base letters, not accented ones.
const LETTER_FOLDS: ReadonlyMap<string, string> = new Map([
  ['ø', 'o'],
  ['æ', 'ae'],
  ['œ', 'oe'],
  ['ß', 'ss'],
  ['þ', 'th'],
  ['ð', 'd'],
  ['đ', 'd'],
  ['ł', 'l'],
  ['ı', 'i'],
  ['ħ', 'h'],
  ['ŧ', 't'],
  ['ŋ', 'n'],
  ['ĸ', 'k'],
  // Greek final sigma is a positional form of σ: casefolding maps it (Unicode CaseFolding.txt).
  ['ς', 'σ'],
]);
const FOLDABLE = new RegExp(`[${[...LETTER_FOLDS.keys()].join('')}]`, 'gu');

// Names at a Danish venue are nearly always ASCII plus æøå: those take a short path that gives
// the same key without the Unicode passes (a property test checks both paths agree).
const PLAIN = /^[A-Za-z0-9 æøåÆØÅ]*$/;
const SPACES = / +/g;
const DANISH = /[æøå]/g;
const DANISH_FOLDS: Readonly<Record<string, string>> = { æ: 'ae', ø: 'o', å: 'aa' };

/** Canonical matching key: lower case, no accents, Nordic letters folded, single spaces. */
export function normalizeName(name: string): string {
  if (PLAIN.test(name)) {
    return name
      .toLowerCase()
      .replace(DANISH, (c) => DANISH_FOLDS[c] ?? c)
      .replace(SPACES, ' ')
      .trim();
  }
  // Lower-case both sides of NFKD: compatibility decomposition can produce capitals (ℌ → H).
  let s = name.toLowerCase().normalize('NFKD').toLowerCase();
  // å must become "aa" before the ring is stripped with the other combining marks.
  s = s.replace(/a\u030A/g, 'aa');
  // Combining marks go; so do invisible format characters (zero-width joiners, soft hyphens,
  // direction marks), which must not split a word; and dots, which join initials ("J.R." =
  // "JR").
  s = s.replace(/[\p{M}\p{Cf}.]+/gu, '');
  s = s.replace(FOLDABLE, (c) => LETTER_FOLDS.get(c) ?? c);
  // Every other non-letter (space, hyphen, apostrophe, comma, slash…) separates words, so
  // "Anne-Marie" = "Anne Marie" and "O'Brien" = "O Brien".
  s = s.replace(/[^\p{L}\p{N}]+/gu, ' ');
  return s.trim();
}

/** The words of the canonical key ("Anne-Marie Kjær" → ["anne", "marie", "kjaer"]). */
export function nameTokens(name: string): string[] {
  const key = normalizeName(name);
  return key === '' ? [] : key.split(' ');
}

const JOINED = /[^\p{L}\p{M}\s]/u;

/**
 * Hyphenated and apostrophe words written together ("Anne-Marie" → "annemarie",
 * "O'Brien" → "obrien"), so a search typed without the hyphen still finds them.
 */
export function compoundTokens(name: string): string[] {
  const out: string[] = [];
  // Only words with something between their letters can split; most names have none.
  if (!JOINED.test(name)) return out;
  for (const word of name.split(/\s+/u)) {
    const key = normalizeName(word);
    if (key.includes(' ')) out.push(key.replaceAll(' ', ''));
  }
  return out;
}

/** Search-only key on top of a canonical key: transliteration digraphs typed either way. */
export function looseKey(normalized: string): string {
  return normalized.replace(/aa|ae|oe|ue/g, (pair) => pair.charAt(0));
}
