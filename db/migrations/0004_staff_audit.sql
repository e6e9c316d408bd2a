-- 0004_staff_audit: staff accounts (scrypt hashes), resumable sign-in sessions, and the audit
-- log made append-only and linked as a hash chain.
-- Frozen once released: later changes go into a new numbered file.

CREATE TABLE staff (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL,
  username        TEXT NOT NULL UNIQUE,        -- stored lower-case
  role            TEXT NOT NULL CHECK (role IN ('admin', 'reception', 'doctor')),
  doctor_id       INTEGER REFERENCES doctors(id),
  secret_kind     TEXT NOT NULL CHECK (secret_kind IN ('password', 'pin')),
  -- "scrypt$N$r$p$<salt hex>$<hash hex>": the parameters travel with the hash so they can rise later.
  secret_hash     TEXT NOT NULL,
  active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked_until    TEXT,                        -- UTC ISO instant, or NULL
  last_login_at   TEXT,
  created_at      TEXT NOT NULL,
  -- A doctor account is bound to exactly one doctor; no other account is.
  CHECK ((role = 'doctor') = (doctor_id IS NOT NULL))
) STRICT;
CREATE INDEX staff_doctor ON staff(doctor_id);

-- A signed-in browser socket can resume after a reconnect (or a host restart) with a token;
-- only the token's SHA-256 is stored. Deleted at sign-out and when the account changes.
CREATE TABLE staff_sessions (
  token_hash  TEXT PRIMARY KEY,
  staff_id    INTEGER NOT NULL REFERENCES staff(id),
  role        TEXT NOT NULL,                   -- the role the socket acts as (display for a display)
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX staff_sessions_staff ON staff_sessions(staff_id);

-- The audit log gains the acting account and its hash chain:
-- hash = SHA-256(prev_hash || the row's canonical JSON), prev_hash = the previous row's hash.
ALTER TABLE audit_log ADD COLUMN staff_id INTEGER;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_staff ON audit_log(staff_id);

-- Append-only: nothing may change or remove an audit row, whatever code runs.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
