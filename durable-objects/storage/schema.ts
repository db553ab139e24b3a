/**
 * The one schema for both databases: each TournamentDO's SQLite in the cloud and the box's
 * libSQL file. drizzle-kit generates migrations/ from this file; never hand-edit those.
 * Every row carries its tournament id: in the cloud each DO has its own database (the column
 * is constant there), on the box one file holds every tournament.
 */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** The event log: the audit trail and the source of truth. Append-only. */
export const events = sqliteTable(
  'events',
  {
    tournamentId: text('tournament_id').notNull(),
    seq: integer('seq').notNull(),
    eventId: text('event_id').notNull(),
    epoch: integer('epoch').notNull().default(0),
    type: text('type').notNull(),
    at: integer('at').notNull(),
    body: text('body').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tournamentId, t.seq] }),
    uniqueIndex('events_event_id').on(t.tournamentId, t.eventId),
  ],
);

/** Latest state snapshot per tournament, so a cold start reads one row plus a short tail. */
export const snapshots = sqliteTable('snapshots', {
  tournamentId: text('tournament_id').primaryKey(),
  seq: integer('seq').notNull(),
  body: text('body').notNull(),
  savedAt: integer('saved_at').notNull(),
});

/** First answer to each client-chosen commandId: a repeated command returns it unchanged. */
export const commandResults = sqliteTable(
  'command_results',
  {
    tournamentId: text('tournament_id').notNull(),
    commandId: text('command_id').notNull(),
    seq: integer('seq').notNull(),
    response: text('response').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tournamentId, t.commandId] })],
);

/** Small key/value records per scope (a tournament id, a venue id, the box itself). */
export const meta = sqliteTable(
  'meta',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    value: text('value').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index('meta_key').on(t.key)],
);
