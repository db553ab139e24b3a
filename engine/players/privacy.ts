/**
 * What a public screen shows of a player's name. Players choose (or the venue defaults to)
 * less than their full name on the TV and on strangers' phones; contact data and notes are
 * never part of any public view, and these functions only ever read name and nickname.
 */
import { assertNever } from '../core/errors.ts';
import type { NameDisplay, Player } from './types.ts';

// Control characters and text-direction overrides could garble a TV line; names imported
// from old files are not validated, so public output is cleaned here as well.
const UNSAFE = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu;
// A letter or digit with its combining marks: "Ø", "Å" typed as A + ring, "1".
const INITIAL = /[\p{L}\p{N}]\p{M}*/u;

function clean(text: string): string {
  return text.replace(UNSAFE, ' ').replace(/\s+/gu, ' ').trim();
}

function initialOf(word: string): string | null {
  const m = INITIAL.exec(word);
  if (m === null) return null;
  // A few letters (ß, ŉ) capitalise to two letters; an initial stays one, as typed.
  const upper = m[0].toUpperCase();
  return `${upper.length > m[0].length ? m[0] : upper}.`;
}

function initials(words: readonly string[]): string[] {
  return words.map(initialOf).filter((x): x is string => x !== null);
}

/** The public form of a bare name (tournament entries carry a name, not a player record). */
export function publicNameFromText(name: string, display: NameDisplay): string | null {
  return shown(clean(name), null, display);
}

/** The public form of a player's name: their own choice, else the venue's default. */
export function publicName(
  p: Pick<Player, 'name' | 'nickname' | 'display'>,
  venueDefault: NameDisplay,
): string | null {
  return shown(clean(p.name), p.nickname === null ? null : clean(p.nickname), p.display ?? venueDefault);
}

function shown(name: string, nickname: string | null, display: NameDisplay): string | null {
  const words = name === '' ? [] : name.split(' ');
  switch (display) {
    case 'full':
      return nickname || name || null;
    case 'first-name-initial': {
      // "Søren Kjærgaard" → "Søren K."; middle names are left out, only the surname's initial.
      const first = words[0];
      if (first === undefined) return null;
      const last = words.length > 1 ? initialOf(words[words.length - 1]!) : null;
      return last === null ? first : `${first} ${last}`;
    }
    case 'initials': {
      const all = initials(words);
      return all.length === 0 ? null : all.join(' ');
    }
    case 'hidden':
      return null;
    default:
      return assertNever(display, 'name display');
  }
}
