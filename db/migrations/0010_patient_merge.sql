-- 0009_patient_merge: two records of one person become one (patients.merge). The retired record
-- stays (history and audit rows name it) but points at the record kept; every appointment, live
-- and archived, moves to the kept record in the same transaction.
-- Frozen once released: later changes go into a new numbered file.
ALTER TABLE patients ADD COLUMN merged_into INTEGER REFERENCES patients(id);
ALTER TABLE patients ADD COLUMN merged_at TEXT;   -- UTC ISO instant of the merge, or NULL

-- A retired record leaves the name-substring index at once; the other search branches and the
-- duplicate checks skip it by merged_into.
CREATE TRIGGER patients_name_chars_retire AFTER UPDATE OF merged_into ON patients
WHEN new.merged_into IS NOT NULL AND old.merged_into IS NULL BEGIN
  DELETE FROM patients_name_chars WHERE rowid = old.id;
END;
