-- 0006_lean_commit: every b-tree a booking's transaction touches is one more page written and
-- synced at COMMIT, and on this hardware the COMMIT is most of a booking's cost. Three of them
-- served nobody a booking needs:
--
-- * audit_log_at: audit ids are given in commit order and `at` never goes backwards along them
--   (db/audit-chain.ts), so a time range is an id range, found by bisecting the rowid.
-- * audit_log_staff: the audit browser filters by actor text, which scans anyway; a staff filter
--   now scans too, newest first, within the chosen days.
-- * changes: the catch-up log only ever served screens connected to the running host; it now
--   lives in the host's memory (host/change-log.ts). Screens that reconnect to a restarted host
--   re-read everything, as they did when the log no longer reached back far enough.
DROP INDEX audit_log_at;
DROP INDEX audit_log_staff;
DROP TABLE changes;

-- One row per host start: its epoch numbers that run's revisions (epoch × 2^32 + n), so a screen
-- that still holds a revision of an earlier run is always behind and re-reads everything.
CREATE TABLE change_epochs (
  epoch      INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL
) STRICT;
