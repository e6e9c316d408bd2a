-- 0013_payments: what the desk took (挂号费), what it gave back (退号), and each cashier's shift (日结).
-- Money is an integer in fen (0.01 yuan), never a float. Nothing here is processed electronically:
-- the rows record what the cashier did, and are never edited once their shift is closed.
-- Frozen once released: later changes go into a new numbered file.

-- One cashier's stretch at the drawer. open_guard is 1 while open and NULL once closed, so
-- UNIQUE (cashier, open_guard) allows one open shift per cashier and any number of closed ones.
-- At close the totals are frozen on the row: total_fen = sum(payments) − sum(refunds) of the shift,
-- expected_cash_fen = float + cash taken − cash given back; a closed row never changes again
-- (trigger below): a recount is a shift_corrections row linked to it.
CREATE TABLE cash_shifts (
  id                INTEGER PRIMARY KEY,
  cashier           TEXT NOT NULL,                  -- the caller's label ("reception@desk-1")
  staff_id          INTEGER REFERENCES staff(id),
  opened_at         TEXT NOT NULL,
  opening_float_fen INTEGER NOT NULL DEFAULT 0 CHECK (opening_float_fen >= 0),
  open_guard        INTEGER DEFAULT 1 CHECK (open_guard = 1),
  closed_at         TEXT,
  closed_by         TEXT,
  counted_cash_fen  INTEGER CHECK (counted_cash_fen >= 0),
  total_fen         INTEGER,
  expected_cash_fen INTEGER,
  UNIQUE (cashier, open_guard),
  CHECK ((open_guard IS NULL) = (closed_at IS NOT NULL)),
  CHECK ((closed_at IS NULL) = (counted_cash_fen IS NULL)),
  CHECK ((closed_at IS NULL) = (total_fen IS NULL)),
  CHECK ((closed_at IS NULL) = (expected_cash_fen IS NULL)),
  CHECK ((closed_at IS NULL) = (closed_by IS NULL))
) STRICT;
CREATE INDEX cash_shifts_opened ON cash_shifts(opened_at);

-- A closed shift's recount or note: the shift itself stays as it was closed.
CREATE TABLE shift_corrections (
  id               INTEGER PRIMARY KEY,
  shift_id         INTEGER NOT NULL REFERENCES cash_shifts(id),
  counted_cash_fen INTEGER NOT NULL CHECK (counted_cash_fen >= 0),
  reason           TEXT NOT NULL CHECK (length(reason) > 0),
  created_by       TEXT NOT NULL,
  created_at       TEXT NOT NULL
) STRICT;
CREATE INDEX shift_corrections_shift ON shift_corrections(shift_id);

-- Receipt and refund-slip numbers: each kind its own sequence, only ever going up (like queue_counters).
CREATE TABLE money_counters (
  kind    TEXT PRIMARY KEY CHECK (kind IN ('RECEIPT', 'REFUND')),
  last_no INTEGER NOT NULL CHECK (last_no >= 0)
) STRICT, WITHOUT ROWID;
INSERT INTO money_counters (kind, last_no) VALUES ('RECEIPT', 0), ('REFUND', 0);

-- One row per receipt. due_fen is the price list's quote at payment time (quote holds the rules
-- it used) and never changes with later prices. amount_fen is what this row put in its shift's
-- drawer; carried_fen is what it took over from the row it supersedes (carried_from): 改约 moves a
-- payment to the new booking without touching the drawer, and paying a difference supersedes
-- the carried row. live_guard is 1 while the row is the appointment's standing payment and NULL
-- once superseded or refunded in full: one standing payment per appointment. appointment_id has no
-- foreign key because a closed appointment moves to appointments_archive under the same id.
CREATE TABLE payments (
  id             INTEGER PRIMARY KEY,
  appointment_id INTEGER NOT NULL,
  doctor_id      INTEGER NOT NULL REFERENCES doctors(id),
  department_id  INTEGER NOT NULL REFERENCES departments(id),  -- the doctor's at payment time
  visit_date     TEXT NOT NULL,                                  -- the appointment's day
  shift_id       INTEGER NOT NULL REFERENCES cash_shifts(id),
  receipt_no     INTEGER NOT NULL UNIQUE CHECK (receipt_no > 0),
  due_fen        INTEGER NOT NULL CHECK (due_fen >= 0),
  amount_fen     INTEGER NOT NULL CHECK (amount_fen >= 0),
  carried_fen    INTEGER NOT NULL DEFAULT 0 CHECK (carried_fen >= 0),
  method         TEXT NOT NULL CHECK (method IN ('CASH', 'WECHAT', 'ALIPAY', 'CARD', 'INSURANCE', 'FREE')),
  free_reason    TEXT,
  tendered_fen   INTEGER,
  quote          TEXT NOT NULL,                                  -- the FeeQuote, JSON
  carried_from   INTEGER REFERENCES payments(id),
  live_guard     INTEGER DEFAULT 1 CHECK (live_guard = 1),
  cashier        TEXT NOT NULL,
  staff_id       INTEGER REFERENCES staff(id),
  created_at     TEXT NOT NULL,
  UNIQUE (appointment_id, live_guard),
  CHECK ((method = 'FREE') = (free_reason IS NOT NULL)),
  CHECK (method <> 'FREE' OR amount_fen = 0),
  CHECK (tendered_fen IS NULL OR (method = 'CASH' AND tendered_fen >= amount_fen)),
  CHECK (carried_from IS NOT NULL OR carried_fen = 0)
) STRICT;
CREATE INDEX payments_shift ON payments(shift_id);
CREATE INDEX payments_visit ON payments(visit_date, doctor_id);
CREATE INDEX payments_created ON payments(created_at);

-- Money given back from a payment, out of the refunding cashier's open shift. Never more than the
-- payment holds (the service checks amount_fen + carried_fen − earlier refunds).
CREATE TABLE refunds (
  id         INTEGER PRIMARY KEY,
  payment_id INTEGER NOT NULL REFERENCES payments(id),
  shift_id   INTEGER NOT NULL REFERENCES cash_shifts(id),
  refund_no  INTEGER NOT NULL UNIQUE CHECK (refund_no > 0),
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  method     TEXT NOT NULL CHECK (method IN ('CASH', 'WECHAT', 'ALIPAY', 'CARD', 'INSURANCE')),
  reason     TEXT NOT NULL CHECK (length(reason) > 0),
  cashier    TEXT NOT NULL,
  staff_id   INTEGER REFERENCES staff(id),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX refunds_payment ON refunds(payment_id);
CREATE INDEX refunds_shift ON refunds(shift_id);
CREATE INDEX refunds_created ON refunds(created_at);

-- A closed shift is the day-end sheet the cashier signed: nothing changes or removes it.
CREATE TRIGGER cash_shifts_closed_frozen BEFORE UPDATE ON cash_shifts WHEN OLD.closed_at IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a closed shift cannot change');
END;
CREATE TRIGGER cash_shifts_no_delete BEFORE DELETE ON cash_shifts
BEGIN
  SELECT RAISE(ABORT, 'a shift cannot be deleted');
END;
-- Money rows join a shift only while it is open, and are never removed.
CREATE TRIGGER payments_open_shift BEFORE INSERT ON payments
  WHEN (SELECT closed_at FROM cash_shifts WHERE id = NEW.shift_id) IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'that shift is closed');
END;
CREATE TRIGGER refunds_open_shift BEFORE INSERT ON refunds
  WHEN (SELECT closed_at FROM cash_shifts WHERE id = NEW.shift_id) IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'that shift is closed');
END;
CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments
BEGIN
  SELECT RAISE(ABORT, 'a payment cannot be deleted');
END;
CREATE TRIGGER refunds_no_delete BEFORE DELETE ON refunds
BEGIN
  SELECT RAISE(ABORT, 'a refund cannot be deleted');
END;
-- A paid appointment leaves the live table only into the archive (appointments.archive copies it
-- there first), never by a plain delete.
CREATE TRIGGER appointments_paid_no_delete BEFORE DELETE ON appointments
  WHEN EXISTS (SELECT 1 FROM payments WHERE appointment_id = OLD.id)
   AND NOT EXISTS (SELECT 1 FROM appointments_archive WHERE id = OLD.id)
BEGIN
  SELECT RAISE(ABORT, 'a paid appointment cannot be deleted');
END;
