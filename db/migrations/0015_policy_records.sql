-- 0015_policy_records: what the booking policy (issue 14) must remember beyond the bookings.
-- A late cancel (after the cancellation deadline) is marked on the booking with the clinic day it
-- happened, so it can count as 爽约 from that day; an admin's lift of a 爽约 suspension is kept with its reason (events up to that day stop
-- counting).
-- Frozen once released: later changes go into a new numbered file.

ALTER TABLE appointments ADD COLUMN late_canceled_on TEXT;
ALTER TABLE appointments_archive ADD COLUMN late_canceled_on TEXT;
-- The 爽约 read at booking: one patient's late cancels (few rows, a partial index).
CREATE INDEX appointments_late_cancel ON appointments(patient_id, late_canceled_on) WHERE late_canceled_on IS NOT NULL;

CREATE TABLE suspension_lifts (
  id         INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  lifted_on  TEXT NOT NULL,                  -- the clinic day of the lift: 爽约 up to it no longer count
  reason     TEXT NOT NULL,
  lifted_by  TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX suspension_lifts_patient ON suspension_lifts(patient_id, lifted_on);
