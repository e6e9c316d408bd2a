-- 0012_leave: leave (停诊) as a record that can be listed and undone. A leave covers a doctor from
-- one day to another, the whole day or one session (AM: bands starting before 12:00, PM: from
-- 12:00). It keeps what its closing did, so reopening puts the bands back as they were, and which
-- bookings it touched, so the desk knows whom to phone.
-- Frozen once released: later changes go into a new numbered file.

CREATE TABLE leaves (
  id           INTEGER PRIMARY KEY,
  doctor_id    INTEGER NOT NULL REFERENCES doctors(id),
  from_date    TEXT NOT NULL,                       -- YYYY-MM-DD
  to_date      TEXT NOT NULL CHECK (to_date >= from_date),
  session      TEXT NOT NULL CHECK (session IN ('ALL', 'AM', 'PM')),
  reason       TEXT NOT NULL,
  state        TEXT NOT NULL DEFAULT 'ACTIVE' CHECK (state IN ('ACTIVE', 'REOPENED')),
  created_by   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  reopened_by  TEXT,
  reopened_at  TEXT
) STRICT;
CREATE INDEX leaves_doctor ON leaves(doctor_id, to_date);
CREATE INDEX leaves_dates ON leaves(to_date, from_date);

-- Each band in a leave's scope when it was made, with its stored status and booked count just
-- before. closed = 1: this leave closed it; 0: it was closed already (a holiday, another leave).
-- Reopening puts previous_status back when booked is unchanged (else AVAILABLE/BOOKED from the
-- count as it is now), unless another active leave or a holiday still closes the band.
-- previous_status is NULL when it was closed already, and for days closed before this migration.
CREATE TABLE leave_bands (
  leave_id        INTEGER NOT NULL REFERENCES leaves(id),
  slot_id         INTEGER NOT NULL,                 -- no FOREIGN KEY: a past band may move to the archive
  closed          INTEGER NOT NULL CHECK (closed IN (0, 1)),
  previous_status TEXT CHECK (previous_status IN ('AVAILABLE', 'BOOKED')),
  previous_booked INTEGER,
  PRIMARY KEY (leave_id, slot_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX leave_bands_slot ON leave_bands(slot_id);

-- The live bookings in a leave's bands when it was made: the patients to phone.
CREATE TABLE leave_appointments (
  leave_id       INTEGER NOT NULL REFERENCES leaves(id),
  appointment_id INTEGER NOT NULL,                  -- no FOREIGN KEY: it may move to the archive
  PRIMARY KEY (leave_id, appointment_id)
) STRICT, WITHOUT ROWID;

-- The days off closed before this migration become one-day, whole-day leaves; their closed
-- bands and live bookings are recorded as if the leave had closed them.
INSERT INTO leaves (doctor_id, from_date, to_date, session, reason, created_by, created_at)
  SELECT doctor_id, date, date, 'ALL', reason, 'migration', created_at FROM doctor_days_off;
INSERT INTO leave_bands (leave_id, slot_id, closed, previous_status, previous_booked)
  SELECT l.id, s.id, 1, NULL, NULL
  FROM leaves l JOIN doctor_schedules s ON s.doctor_id = l.doctor_id AND s.date = l.from_date
  WHERE s.status = 'CLOSED';
INSERT INTO leave_appointments (leave_id, appointment_id)
  SELECT l.id, a.id
  FROM leaves l JOIN appointments a ON a.doctor_id = l.doctor_id AND a.date = l.from_date
  WHERE a.status IN ('PENDING', 'CONFIRMED', 'CHECKED_IN', 'CALLED', 'IN_PROGRESS', 'SKIPPED');
-- From here on the leaves table is the one record of days off.
DELETE FROM doctor_days_off;
