-- PostgreSQL twin of db/migrations/0019_first_visits_concurrent.sql.
-- 0019_first_visits_concurrent: patient_first_visits_refresh (0018) deleted a patient's row and
-- inserted it again. Two hosts changing the same patient's bookings at once (a cancel on one, a
-- booking or another cancel on the other) both found no row to keep and both inserted it: the
-- second failed on the primary key and the desk's cancel answered INTERNAL (found by
-- tests/concurrency/pg-crash.test.ts). Now it removes only the rows of patients left without a
-- held place and upserts the others: it never fails on a row another transaction has just written.
-- The day is worked out from the statement's snapshot, as before: if two hosts change the same
-- patient in the same instant, the one that commits last writes its day (docs/POSTGRESQL.md).
-- Frozen once released: later changes go into a new numbered file.
CREATE OR REPLACE FUNCTION patient_first_visits_refresh(ids BIGINT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM patient_first_visits f WHERE f.patient_id = ANY(ids)
    AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.patient_id = f.patient_id AND a.status <> 'CANCELED')
    AND NOT EXISTS (SELECT 1 FROM appointments_archive a WHERE a.patient_id = f.patient_id AND a.status <> 'CANCELED');
  INSERT INTO patient_first_visits (patient_id, first_date)
  SELECT patient_id, min(date) FROM (
    SELECT patient_id, date FROM appointments WHERE patient_id = ANY(ids) AND status <> 'CANCELED'
    UNION ALL SELECT patient_id, date FROM appointments_archive WHERE patient_id = ANY(ids) AND status <> 'CANCELED'
  ) v GROUP BY patient_id
  ON CONFLICT (patient_id) DO UPDATE SET first_date = excluded.first_date;
END;
$$;
