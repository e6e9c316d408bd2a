-- 0011_extra_places: 加号. A doctor agrees to see more patients than a band's quota; the extra
-- places are recorded here (who asked, which doctor agreed, when, why, how many) and the band's
-- quota rises by the same step in the same transaction, so CHECK (booked <= quota) still holds.
-- Frozen once released: later changes go into a new numbered file.

-- How many of a band's quota are extra places: the grid shows "含加号 N"; quota − extra_places is
-- the band's own quota, and a booking that takes a place beyond it is an extra one.
ALTER TABLE doctor_schedules ADD COLUMN extra_places INTEGER NOT NULL DEFAULT 0 CHECK (extra_places >= 0);
ALTER TABLE doctor_schedules_archive ADD COLUMN extra_places INTEGER NOT NULL DEFAULT 0;

-- 1 when the booking took a place beyond the band's own quota (reports: source = 加号).
ALTER TABLE appointments ADD COLUMN is_extra INTEGER NOT NULL DEFAULT 0 CHECK (is_extra IN (0, 1));
ALTER TABLE appointments_archive ADD COLUMN is_extra INTEGER NOT NULL DEFAULT 0;

-- One row per 加号 step. No FOREIGN KEY to the band: bands move to the archive, these rows stay.
CREATE TABLE extra_places (
  id             INTEGER PRIMARY KEY,
  slot_id        INTEGER NOT NULL,
  doctor_id      INTEGER NOT NULL,           -- the band's doctor (copied: reports read by doctor-day)
  date           TEXT NOT NULL,
  start_time     TEXT NOT NULL,
  count          INTEGER NOT NULL CHECK (count > 0),
  agreed_by      INTEGER NOT NULL REFERENCES doctors(id),
  reason         TEXT NOT NULL,
  appointment_id INTEGER,                    -- the booking made in the same step, if any
  idempotency_key TEXT NOT NULL UNIQUE,      -- a double click or a retry adds once
  created_by     TEXT NOT NULL,              -- the caller's label (a desk or a doctor's screen)
  created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX extra_places_day ON extra_places(date, doctor_id);
