-- PostgreSQL twin of db/migrations/0010_patient_merge.sql (no FTS5 here: the retire trigger has nothing to keep in step).
-- 0009_patient_merge: two records of one person become one (patients.merge). The retired record
-- stays (history and audit rows name it) but points at the record kept; every appointment, live
-- and archived, moves to the kept record in the same transaction.
-- Frozen once released: later changes go into a new numbered file.
ALTER TABLE patients ADD COLUMN merged_into BIGINT REFERENCES patients(id);
ALTER TABLE patients ADD COLUMN merged_at TEXT;   -- UTC ISO instant of the merge, or NULL

-- The other search branches and the duplicate checks skip a retired record by merged_into.
