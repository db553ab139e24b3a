import { MIGRATIONS, type Migration } from '../../migrations/bundle.ts';

/** Migration bookkeeping table; created by the runner itself, before any migration. */
export const MIGRATIONS_TABLE_SQL =
  'CREATE TABLE IF NOT EXISTS felt_migrations (name TEXT PRIMARY KEY NOT NULL, applied_at INTEGER NOT NULL)';

/** Splits drizzle-kit's SQL on its statement breakpoints. */
export function statementsOf(migration: Migration): string[] {
  return migration.sql
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function pendingMigrations(applied: ReadonlySet<string>): Migration[] {
  return MIGRATIONS.filter((m) => !applied.has(m.name));
}

export function allMigrationNames(): string[] {
  return MIGRATIONS.map((m) => m.name);
}
