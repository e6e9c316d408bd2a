-- ClinicDesk foundation: settings, the directory (departments, doctors, rooms),
-- the change log that feeds live updates, and the audit log.
-- Frozen once released: later changes go into a new numbered file.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL              -- JSON
) STRICT;

CREATE TABLE departments (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE rooms (
  id     INTEGER PRIMARY KEY,
  name   TEXT NOT NULL UNIQUE,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE doctors (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  title         TEXT NOT NULL DEFAULT '',
  department_id INTEGER NOT NULL REFERENCES departments(id),
  room_id       INTEGER REFERENCES rooms(id),
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX doctors_department ON doctors(department_id);

-- Every committed change, numbered: the global revision that screens catch up from.
CREATE TABLE changes (
  rev        INTEGER PRIMARY KEY,
  event      TEXT NOT NULL,
  payload    TEXT NOT NULL,        -- JSON
  created_at TEXT NOT NULL
) STRICT;

-- Who changed what, when, before and after; written in the same transaction as the change.
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,
  action     TEXT NOT NULL,        -- the contract method, e.g. doctors.create
  entity     TEXT NOT NULL,
  entity_id  INTEGER,
  before     TEXT,                 -- JSON or NULL
  after      TEXT                  -- JSON or NULL
) STRICT;
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
