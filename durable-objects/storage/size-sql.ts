/**
 * One tournament's rows and bytes (bodies cast to BLOB so length() counts bytes); shared by
 * both SQL adapters, whose schema is the same.
 */
export const SIZE_SQL =
  'SELECT (SELECT count(*) FROM events WHERE tournament_id = ?1) AS events, (SELECT COALESCE(SUM(length(CAST(body AS BLOB))), 0) FROM events WHERE tournament_id = ?1) AS event_bytes, (SELECT COALESCE(SUM(length(CAST(body AS BLOB))), 0) FROM snapshots WHERE tournament_id = ?1) AS snapshot_bytes, (SELECT count(*) FROM command_results WHERE tournament_id = ?1) AS command_results';
