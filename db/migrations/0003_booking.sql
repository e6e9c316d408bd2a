-- 0003_booking: weekly sessions, time bands with quota (the seed's doctor_schedules), holds,
-- appointments with their queue numbers, and the archive that keeps the live tables small.
-- Frozen once released: later changes go into a new numbered file.

-- A doctor's weekly session: e.g. Monday 08:00–12:00 in 30-minute bands, 4 per band, 1 kept for walk-ins.
CREATE TABLE schedule_templates (
  id               INTEGER PRIMARY KEY,
  doctor_id        INTEGER NOT NULL REFERENCES doctors(id),
  weekday          INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),   -- ISO: 1 = Monday
  start_time       TEXT NOT NULL,                                      -- HH:mm
  end_time         TEXT NOT NULL CHECK (end_time > start_time),
  slot_minutes     INTEGER NOT NULL CHECK (slot_minutes > 0),
  quota_per_slot   INTEGER NOT NULL CHECK (quota_per_slot > 0),
  walk_in_per_slot INTEGER NOT NULL DEFAULT 0 CHECK (walk_in_per_slot BETWEEN 0 AND quota_per_slot),
  active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
) STRICT;
CREATE INDEX schedule_templates_doctor ON schedule_templates(doctor_id, weekday);

CREATE TABLE clinic_holidays (
  date TEXT PRIMARY KEY,            -- YYYY-MM-DD
  name TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- 停诊 / leave: a doctor-day that gets no slots, and whose existing slots are CLOSED.
CREATE TABLE doctor_days_off (
  doctor_id  INTEGER NOT NULL REFERENCES doctors(id),
  date       TEXT NOT NULL,
  reason     TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (doctor_id, date)
) STRICT, WITHOUT ROWID;

-- One time band of one doctor on one day. booked counts the band's appointments that hold a
-- place (every status but CANCELED). The stored status is AVAILABLE, BOOKED (full) or CLOSED;
-- LOCKED is shown, not stored, because holds expire by themselves without anyone writing.
CREATE TABLE doctor_schedules (
  id               INTEGER PRIMARY KEY,
  doctor_id        INTEGER NOT NULL REFERENCES doctors(id),
  date             TEXT NOT NULL,
  start_time       TEXT NOT NULL,
  end_time         TEXT NOT NULL,
  quota            INTEGER NOT NULL CHECK (quota >= 0),
  booked           INTEGER NOT NULL DEFAULT 0 CHECK (booked >= 0),
  walk_in_reserved INTEGER NOT NULL DEFAULT 0 CHECK (walk_in_reserved >= 0),
  walk_ins         INTEGER NOT NULL DEFAULT 0 CHECK (walk_ins >= 0 AND walk_ins <= booked),
  status           TEXT NOT NULL DEFAULT 'AVAILABLE' CHECK (status IN ('AVAILABLE', 'BOOKED', 'LOCKED', 'CLOSED')),
  template_id      INTEGER,
  CHECK (booked <= quota),
  UNIQUE (doctor_id, date, start_time)
) STRICT;
CREATE INDEX doctor_schedules_date ON doctor_schedules(date);

-- A desk's hold on one place while it finishes a phone call; ignored once expires_at has passed.
CREATE TABLE slot_holds (
  id         INTEGER PRIMARY KEY,
  slot_id    INTEGER NOT NULL REFERENCES doctor_schedules(id),
  holder     TEXT NOT NULL,          -- the caller's label: only its holder can book from it
  expires_at TEXT NOT NULL,          -- UTC ISO
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX slot_holds_slot ON slot_holds(slot_id, expires_at);

-- Queue numbers per doctor-day only ever go up: a canceled number is never given again.
CREATE TABLE queue_counters (
  doctor_id INTEGER NOT NULL,
  date      TEXT NOT NULL,
  last_no   INTEGER NOT NULL,
  PRIMARY KEY (doctor_id, date)
) STRICT, WITHOUT ROWID;

CREATE TABLE appointments (
  id               INTEGER PRIMARY KEY,
  slot_id          INTEGER NOT NULL REFERENCES doctor_schedules(id),
  doctor_id        INTEGER NOT NULL,   -- copied from the slot: the queue reads by doctor-day
  date             TEXT NOT NULL,
  patient_id       INTEGER NOT NULL REFERENCES patients(id),
  queue_no         INTEGER NOT NULL CHECK (queue_no > 0),
  source           TEXT NOT NULL CHECK (source IN ('PHONE', 'WALK_IN')),
  status           TEXT NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'CHECKED_IN', 'CALLED', 'IN_PROGRESS', 'COMPLETED', 'SKIPPED', 'NO_SHOW', 'CANCELED')),
  chief_complaint  TEXT NOT NULL DEFAULT '',
  idempotency_key  TEXT UNIQUE,
  cancel_reason    TEXT,
  rescheduled_from INTEGER,            -- no FOREIGN KEY: the original may move to the archive
  skip_count       INTEGER NOT NULL DEFAULT 0,
  -- Sort key of the call order: band start (minutes) * 10000 + queue number; a skip moves it back.
  call_order       REAL NOT NULL,
  -- 1 while the booking is live and the one-per-doctor-per-day rule is on, else NULL (NULLs never clash).
  live_guard       INTEGER CHECK (live_guard = 1),
  created_by       TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  checked_in_at    TEXT,
  called_at        TEXT,
  started_at       TEXT,
  completed_at     TEXT,
  canceled_at      TEXT,
  UNIQUE (doctor_id, date, queue_no)
) STRICT;
-- One live booking per patient per doctor per day; with patient and date first it also serves the history.
CREATE UNIQUE INDEX appointments_one_live ON appointments(patient_id, date, doctor_id, live_guard);
CREATE INDEX appointments_date ON appointments(date, doctor_id);
CREATE INDEX appointments_slot ON appointments(slot_id);

-- History: closed appointments older than archiveAfterDays, with their band copied in.
CREATE TABLE appointments_archive (
  id               INTEGER PRIMARY KEY,
  slot_id          INTEGER NOT NULL,
  doctor_id        INTEGER NOT NULL,
  date             TEXT NOT NULL,
  start_time       TEXT NOT NULL,
  end_time         TEXT NOT NULL,
  patient_id       INTEGER NOT NULL,
  queue_no         INTEGER NOT NULL,
  source           TEXT NOT NULL,
  status           TEXT NOT NULL,
  chief_complaint  TEXT NOT NULL,
  idempotency_key  TEXT,
  cancel_reason    TEXT,
  rescheduled_from INTEGER,
  skip_count       INTEGER NOT NULL,
  created_by       TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  checked_in_at    TEXT,
  called_at        TEXT,
  started_at       TEXT,
  completed_at     TEXT,
  canceled_at      TEXT,
  archived_at      TEXT NOT NULL
) STRICT;
CREATE INDEX appointments_archive_patient ON appointments_archive(patient_id, date);

CREATE TABLE doctor_schedules_archive (
  id               INTEGER PRIMARY KEY,
  doctor_id        INTEGER NOT NULL,
  date             TEXT NOT NULL,
  start_time       TEXT NOT NULL,
  end_time         TEXT NOT NULL,
  quota            INTEGER NOT NULL,
  booked           INTEGER NOT NULL,
  walk_in_reserved INTEGER NOT NULL,
  walk_ins         INTEGER NOT NULL,
  status           TEXT NOT NULL,
  archived_at      TEXT NOT NULL
) STRICT;
CREATE INDEX doctor_schedules_archive_doctor ON doctor_schedules_archive(doctor_id, date);
