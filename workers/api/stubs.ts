/**
 * Durable Object addresses. A tournament's object is named by its venue AND its id, so a
 * tournament is only ever reached through its venue: the same id under another venue is
 * another (empty) object, and a guessed id alone reaches nothing.
 */
import { countedStub, flushUsage } from '../../durable-objects/usage/counted.ts';
import { meteredStub } from '../../durable-objects/usage/meter.ts';
import { tally } from '../../durable-objects/usage/venue-usage.ts';
import type { Env } from '../env.ts';

// Each call through these stubs is one billed Durable Object request of the venue (the
// owner's Usage page); the meter is the free-tier benchmark's, off unless FELT_METER=1.
export const venueStub = (env: Env, venueId: string) => {
  tally.enableFrom(env);
  return countedStub(meteredStub(env.VENUE.get(env.VENUE.idFromName(venueId)), 'venue', venueId), venueId);
};

export const tournamentStub = (env: Env, venueId: string, tournamentId: string) => {
  const name = `${venueId}/${tournamentId}`;
  tally.enableFrom(env);
  return countedStub(
    meteredStub(env.TOURNAMENT.get(env.TOURNAMENT.idFromName(name)), 'tournament', name),
    venueId,
  );
};

/** Adds this isolate's pending usage to the venues' rows (all when a minute has passed, or one venue now). */
export function flushUsageFrom(env: Env, now: number, force?: { venueId: string }): Promise<void> {
  return flushUsage(tally.take(now, force), (venueId, day, counts) =>
    // The raw binding: the flush is counted by the object it reaches, not again here.
    env.VENUE.get(env.VENUE.idFromName(venueId)).addUsage(venueId, day, counts),
  );
}

/** The directory Durable Object's one instance (public codes, support accounts). */
export const DIRECTORY = 'directory';

export const directoryStub = (env: Env) =>
  meteredStub(env.DIRECTORY.get(env.DIRECTORY.idFromName(DIRECTORY)), 'directory', DIRECTORY);

/** A venue's cash games (one object per venue, apart from the VenueDO). */
export const cashStub = (env: Env, venueId: string) => {
  tally.enableFrom(env);
  return countedStub(env.CASH.get(env.CASH.idFromName(venueId)), venueId);
};

/** A venue's screens and signage (one object per venue, apart from the VenueDO). */
export const displaysStub = (env: Env, venueId: string) =>
  meteredStub(env.DISPLAYS.get(env.DISPLAYS.idFromName(venueId)), 'displays', venueId);

export function newTournamentId(): string {
  return crypto.randomUUID().replaceAll('-', '').slice(0, 20);
}
