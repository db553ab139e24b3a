/**
 * Durable Object addresses. A tournament's object is named by its venue AND its id, so a
 * tournament is only ever reached through its venue: the same id under another venue is
 * another (empty) object, and a guessed id alone reaches nothing.
 */
import { meteredStub } from '../../durable-objects/usage/meter.ts';
import type { Env } from '../env.ts';

export const venueStub = (env: Env, venueId: string) =>
  meteredStub(env.VENUE.get(env.VENUE.idFromName(venueId)), 'venue', venueId);

export const tournamentStub = (env: Env, venueId: string, tournamentId: string) => {
  const name = `${venueId}/${tournamentId}`;
  return meteredStub(env.TOURNAMENT.get(env.TOURNAMENT.idFromName(name)), 'tournament', name);
};

/** The directory Durable Object's one instance (public codes, support accounts). */
export const DIRECTORY = 'directory';

export const directoryStub = (env: Env) =>
  meteredStub(env.DIRECTORY.get(env.DIRECTORY.idFromName(DIRECTORY)), 'directory', DIRECTORY);

/** A venue's screens and signage (one object per venue, apart from the VenueDO). */
export const displaysStub = (env: Env, venueId: string) =>
  meteredStub(env.DISPLAYS.get(env.DISPLAYS.idFromName(venueId)), 'displays', venueId);

export function newTournamentId(): string {
  return crypto.randomUUID().replaceAll('-', '').slice(0, 20);
}
