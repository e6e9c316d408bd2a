-- 0007_signin_limits: sign-in delays that grow per account, per computer and per known device,
-- instead of a lockout anyone on the LAN could set off. staff.failed_attempts/locked_until keep
-- the account's count; locked_until now means "delayed until".
-- Frozen once released: later changes go into a new numbered file.

-- A computer (a browser's remote address) that keeps giving wrong secrets, whichever account.
CREATE TABLE signin_computers (
  address          TEXT PRIMARY KEY,
  failures         INTEGER NOT NULL CHECK (failures >= 0),
  delayed_until    TEXT,                    -- UTC ISO instant, or NULL
  last_failure_at  TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- A browser or window that signed in to an account once holds a token for it (only its SHA-256
-- is kept): from there the right secret is never held up by the account's or the computer's
-- delay, and wrong ones are counted against the device alone.
CREATE TABLE staff_devices (
  id               INTEGER PRIMARY KEY,
  token_hash       TEXT NOT NULL UNIQUE,
  staff_id         INTEGER NOT NULL REFERENCES staff(id),
  created_at       TEXT NOT NULL,
  last_used_at     TEXT NOT NULL,
  failures         INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
  delayed_until    TEXT,
  last_failure_at  TEXT
) STRICT;
CREATE INDEX staff_devices_staff ON staff_devices(staff_id);
