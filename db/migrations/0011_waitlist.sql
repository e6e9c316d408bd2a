-- 0011_waitlist: 候补. When a doctor-day (or the bands a patient wants) is full, the desk puts the
-- patient in line; when a place frees, the first eligible entry is booked into it in the same
-- transaction.
-- Frozen once released: later changes go into a new numbered file.

CREATE TABLE waitlist (
  id             INTEGER PRIMARY KEY,        -- the line's order: first come, first served
  patient_id     INTEGER NOT NULL REFERENCES patients(id),
  doctor_id      INTEGER NOT NULL REFERENCES doctors(id),
  date           TEXT NOT NULL,
  phone          TEXT NOT NULL,              -- the number to call back on
  any_band       INTEGER NOT NULL CHECK (any_band IN (0, 1)),  -- 0: only the bands in waitlist_bands
  -- The clinic-local 'YYYY-MM-DD HH:MM' at which the last band it could take starts: the entry
  -- ends then (nothing it wants can still be booked).
  expires_at     TEXT NOT NULL,
  status         TEXT NOT NULL DEFAULT 'WAITING'
                 CHECK (status IN ('WAITING', 'BOOKED', 'CANCELED', 'EXPIRED')),
  appointment_id INTEGER,                    -- the booking it got (BOOKED)
  cancel_reason  TEXT,
  created_by     TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  ended_at       TEXT,                       -- booked, canceled or expired
  called_back_at TEXT,                       -- the desk phoned the patient with 候补成功
  called_back_by TEXT,
  CHECK ((status = 'BOOKED') = (appointment_id IS NOT NULL)),
  CHECK ((status = 'WAITING') = (ended_at IS NULL))
) STRICT;
-- One live entry per patient per doctor-day (a partial unique index: same on PostgreSQL).
CREATE UNIQUE INDEX waitlist_one_live ON waitlist(patient_id, doctor_id, date) WHERE status = 'WAITING';
-- The line of one doctor-day, in order; and the desk's call-back list.
CREATE INDEX waitlist_line ON waitlist(doctor_id, date, status, id);
CREATE INDEX waitlist_call_back ON waitlist(status, called_back_at, date);

-- The preferred bands of an entry that does not take any band of the day.
CREATE TABLE waitlist_bands (
  entry_id INTEGER NOT NULL REFERENCES waitlist(id),
  slot_id  INTEGER NOT NULL,
  PRIMARY KEY (entry_id, slot_id)
) STRICT;
CREATE INDEX waitlist_bands_slot ON waitlist_bands(slot_id, entry_id);
