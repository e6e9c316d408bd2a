-- PostgreSQL twin of db/migrations/0005_archive_idempotency.sql.
-- 0005_archive_idempotency: a submission's idempotency key is found again after its appointment
-- was archived, so a late retry returns the first result instead of booking a second time.
-- Keys were unique in the live table, and archiving only moves rows: unique here too.
CREATE UNIQUE INDEX appointments_archive_idempotency ON appointments_archive(idempotency_key);
