/**
 * Who an online registrant is among the venue's players: the same email or phone number is
 * the same person (a name alone is not: two players may share one), otherwise a new record.
 */
import { createPlayer } from '../../engine/players/players.ts';
import type { Player } from '../../engine/players/types.ts';
import { VenueError } from './answer.ts';
import type { Publishing, TournamentListing } from './model.ts';

export interface Registrant {
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
}

/** Digits only, with a leading + kept: "+45 12 34 56 78" and "+4512345678" are one number. */
export const phoneKey = (phone: string) => phone.replace(/(?!^\+)[^0-9]/g, '');

export function matchRegistrant(players: Iterable<Player>, who: Registrant): Player | null {
  const email = who.email?.toLowerCase() ?? null;
  const phone = who.phone === null ? null : phoneKey(who.phone);
  if (email === null && phone === null) return null;
  for (const p of players) {
    if (p.mergedInto !== null) continue;
    if (email !== null && p.email?.toLowerCase() === email) return p;
    if (phone !== null && p.phone !== null && phoneKey(p.phone) === phone) return p;
  }
  return null;
}

/** A new venue player for a registrant nobody matched. */
export function newRegistrant(who: Registrant, now: number): Player {
  return createPlayer(`p_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`, who, now);
}

/**
 * Why the venue takes no online registration for this tournament (it is not on the public
 * page, or the venue has not switched online registration on), or null when it does.
 */
export function onlineRegistrationProblem(
  publish: Publishing,
  listing: TournamentListing | undefined,
  tournamentId: string,
): VenueError | null {
  if (!publish.listed || !listing)
    return new VenueError(404, 'TOURNAMENT_NOT_FOUND', `No published tournament ${tournamentId}`);
  if (publish.onlineRegistration !== true)
    return new VenueError(
      403,
      'ONLINE_REGISTRATION_OFF',
      'This venue does not take registrations online: ask at the desk',
    );
  return null;
}
