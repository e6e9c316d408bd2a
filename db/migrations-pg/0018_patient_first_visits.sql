-- PostgreSQL twin of db/migrations/0018_patient_first_visits.sql: the same table, backfill and
-- triggers (one plpgsql function for each event; SQLite's WHEN clauses are its IFs).
-- 0018_patient_first_visits: each patient's first visit day, kept so that a report's new/returning
-- split reads one row per patient instead of probing their whole history (docs/REPORTS.md).
-- "First visit" = the earliest day of an appointment that held a place (any status but CANCELED),
-- live or archived.
-- Frozen once released: later changes go into a new numbered file.
CREATE TABLE patient_first_visits (
  patient_id BIGINT PRIMARY KEY REFERENCES patients(id),
  first_date TEXT NOT NULL            -- clinic day YYYY-MM-DD
);

INSERT INTO patient_first_visits (patient_id, first_date)
SELECT patient_id, min(date) FROM (
  SELECT patient_id, date FROM appointments WHERE status <> 'CANCELED'
  UNION ALL SELECT patient_id, date FROM appointments_archive WHERE status <> 'CANCELED'
) v GROUP BY patient_id;

-- Works out patients' days again from their history, live and archived.
CREATE FUNCTION patient_first_visits_refresh(ids BIGINT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM patient_first_visits WHERE patient_id = ANY(ids);
  INSERT INTO patient_first_visits (patient_id, first_date)
  SELECT patient_id, min(date) FROM (
    SELECT patient_id, date FROM appointments WHERE patient_id = ANY(ids) AND status <> 'CANCELED'
    UNION ALL SELECT patient_id, date FROM appointments_archive WHERE patient_id = ANY(ids) AND status <> 'CANCELED'
  ) v GROUP BY patient_id;
END;
$$;

-- A new place held: the day can only move earlier.
CREATE FUNCTION patient_first_visits_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status <> 'CANCELED' THEN
    INSERT INTO patient_first_visits (patient_id, first_date) VALUES (NEW.patient_id, NEW.date)
    ON CONFLICT (patient_id) DO UPDATE SET first_date = excluded.first_date
    WHERE excluded.first_date < patient_first_visits.first_date;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER appointments_first_visit_insert AFTER INSERT ON appointments
  FOR EACH ROW EXECUTE FUNCTION patient_first_visits_insert();
CREATE TRIGGER appointments_archive_first_visit_insert AFTER INSERT ON appointments_archive
  FOR EACH ROW EXECUTE FUNCTION patient_first_visits_insert();

-- A cancel (or an undone one), a merge, a day changed: both patients' days again.
CREATE FUNCTION patient_first_visits_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (OLD.status = 'CANCELED') <> (NEW.status = 'CANCELED') OR OLD.patient_id <> NEW.patient_id
     OR OLD.date <> NEW.date THEN
    PERFORM patient_first_visits_refresh(ARRAY[OLD.patient_id, NEW.patient_id]);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER appointments_first_visit_update AFTER UPDATE OF status, patient_id, date ON appointments
  FOR EACH ROW EXECUTE FUNCTION patient_first_visits_update();
CREATE TRIGGER appointments_archive_first_visit_update AFTER UPDATE OF status, patient_id, date ON appointments_archive
  FOR EACH ROW EXECUTE FUNCTION patient_first_visits_update();

-- A row removed: only a patient's first-day row can move the day, and not when archiving has
-- just copied it into appointments_archive (same id).
CREATE FUNCTION patient_first_visits_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'CANCELED' AND OLD.date =
     (SELECT first_date FROM patient_first_visits WHERE patient_id = OLD.patient_id)
     AND NOT EXISTS (SELECT 1 FROM appointments_archive x
                     WHERE x.id = OLD.id AND x.date = OLD.date AND x.status <> 'CANCELED') THEN
    PERFORM patient_first_visits_refresh(ARRAY[OLD.patient_id]);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER appointments_first_visit_delete AFTER DELETE ON appointments
  FOR EACH ROW EXECUTE FUNCTION patient_first_visits_delete();
CREATE TRIGGER appointments_archive_first_visit_delete AFTER DELETE ON appointments_archive
  FOR EACH ROW EXECUTE FUNCTION patient_first_visits_delete();
