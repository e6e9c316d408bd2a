-- 0018_patient_first_visits: each patient's first visit day, kept so that a report's new/returning
-- split reads one row per patient instead of probing their whole history (docs/REPORTS.md).
-- "First visit" = the earliest day of an appointment that held a place (any status but CANCELED),
-- live or archived: the same rule the report used when it probed. The triggers below keep it in
-- step with every write (booking, walk-in, 加号, cancel, reschedule, archive, patient merge), so no
-- service has to remember it; they fire only on the changes that can move the day.
-- Frozen once released: later changes go into a new numbered file.
CREATE TABLE patient_first_visits (
  patient_id INTEGER PRIMARY KEY REFERENCES patients(id),
  first_date TEXT NOT NULL            -- clinic day YYYY-MM-DD
) STRICT;

INSERT INTO patient_first_visits (patient_id, first_date)
SELECT patient_id, min(date) FROM (
  SELECT patient_id, date FROM appointments WHERE status <> 'CANCELED'
  UNION ALL SELECT patient_id, date FROM appointments_archive WHERE status <> 'CANCELED'
) v GROUP BY patient_id;

-- A new place held: the day can only move earlier (one primary-key upsert per booking).
CREATE TRIGGER appointments_first_visit_insert AFTER INSERT ON appointments
WHEN new.status <> 'CANCELED' BEGIN
  INSERT INTO patient_first_visits (patient_id, first_date) VALUES (new.patient_id, new.date)
  ON CONFLICT (patient_id) DO UPDATE SET first_date = excluded.first_date
  WHERE excluded.first_date < patient_first_visits.first_date;
END;
CREATE TRIGGER appointments_archive_first_visit_insert AFTER INSERT ON appointments_archive
WHEN new.status <> 'CANCELED' BEGIN
  INSERT INTO patient_first_visits (patient_id, first_date) VALUES (new.patient_id, new.date)
  ON CONFLICT (patient_id) DO UPDATE SET first_date = excluded.first_date
  WHERE excluded.first_date < patient_first_visits.first_date;
END;

-- A cancel (or an undone one), a merge moving rows to another patient, a day changed: both
-- patients' days are worked out again from their history (a few rows each, by patient index).
-- Check-in, call, finish and no-show leave the day alone and do not fire it.
CREATE TRIGGER appointments_first_visit_update AFTER UPDATE OF status, patient_id, date ON appointments
WHEN (old.status = 'CANCELED') <> (new.status = 'CANCELED') OR old.patient_id <> new.patient_id OR old.date <> new.date
BEGIN
  DELETE FROM patient_first_visits WHERE patient_id IN (old.patient_id, new.patient_id);
  INSERT INTO patient_first_visits (patient_id, first_date)
  SELECT patient_id, min(date) FROM (
    SELECT patient_id, date FROM appointments WHERE patient_id IN (old.patient_id, new.patient_id) AND status <> 'CANCELED'
    UNION ALL SELECT patient_id, date FROM appointments_archive WHERE patient_id IN (old.patient_id, new.patient_id) AND status <> 'CANCELED'
  ) v GROUP BY patient_id;
END;
CREATE TRIGGER appointments_archive_first_visit_update AFTER UPDATE OF status, patient_id, date ON appointments_archive
WHEN (old.status = 'CANCELED') <> (new.status = 'CANCELED') OR old.patient_id <> new.patient_id OR old.date <> new.date
BEGIN
  DELETE FROM patient_first_visits WHERE patient_id IN (old.patient_id, new.patient_id);
  INSERT INTO patient_first_visits (patient_id, first_date)
  SELECT patient_id, min(date) FROM (
    SELECT patient_id, date FROM appointments WHERE patient_id IN (old.patient_id, new.patient_id) AND status <> 'CANCELED'
    UNION ALL SELECT patient_id, date FROM appointments_archive WHERE patient_id IN (old.patient_id, new.patient_id) AND status <> 'CANCELED'
  ) v GROUP BY patient_id;
END;

-- A row removed: only a patient's first-day row can move the day, and not when archiving has
-- just copied it into appointments_archive (same id): archiving then recomputes nothing.
CREATE TRIGGER appointments_first_visit_delete AFTER DELETE ON appointments
WHEN old.status <> 'CANCELED' AND old.date = (SELECT first_date FROM patient_first_visits WHERE patient_id = old.patient_id)
  AND NOT EXISTS (SELECT 1 FROM appointments_archive x WHERE x.id = old.id AND x.date = old.date AND x.status <> 'CANCELED')
BEGIN
  DELETE FROM patient_first_visits WHERE patient_id = old.patient_id;
  INSERT INTO patient_first_visits (patient_id, first_date)
  SELECT patient_id, min(date) FROM (
    SELECT patient_id, date FROM appointments WHERE patient_id = old.patient_id AND status <> 'CANCELED'
    UNION ALL SELECT patient_id, date FROM appointments_archive WHERE patient_id = old.patient_id AND status <> 'CANCELED'
  ) v GROUP BY patient_id;
END;
CREATE TRIGGER appointments_archive_first_visit_delete AFTER DELETE ON appointments_archive
WHEN old.status <> 'CANCELED' AND old.date = (SELECT first_date FROM patient_first_visits WHERE patient_id = old.patient_id)
BEGIN
  DELETE FROM patient_first_visits WHERE patient_id = old.patient_id;
  INSERT INTO patient_first_visits (patient_id, first_date)
  SELECT patient_id, min(date) FROM (
    SELECT patient_id, date FROM appointments WHERE patient_id = old.patient_id AND status <> 'CANCELED'
    UNION ALL SELECT patient_id, date FROM appointments_archive WHERE patient_id = old.patient_id AND status <> 'CANCELED'
  ) v GROUP BY patient_id;
END;
