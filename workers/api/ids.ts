import { z } from 'zod';

/** Venue ids are slugs chosen at sign-up ("demo", "orf-poker"). */
export const venueIdSchema = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, 'must be 1–40 lower-case letters, digits or dashes');

/** Tournament ids are generated (or chosen by an importer) and URL-safe. */
export const tournamentIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{3,64}$/, 'must be 3–64 letters, digits, _ or -');

export function newTournamentId(): string {
  return crypto.randomUUID().replaceAll('-', '').slice(0, 20);
}
