-- 0017_waitlist_offers: 候补 offer mode (issue 14). With the waitlist setting on "offer", a freed
-- place is not booked at once: it is held for the first eligible entry (候补待确认) until a
-- deadline, while the desk phones the patient. The desk accepts (the entry is booked into the
-- held place), declines, or lets the deadline pass; then the place goes to the next in line.
-- The entry stays WAITING while its offer is open (no table rebuild of waitlist's CHECK).
-- Frozen once released: later changes go into a new numbered file.

CREATE TABLE waitlist_offers (
  id         INTEGER PRIMARY KEY,
  entry_id   INTEGER NOT NULL REFERENCES waitlist(id),
  slot_id    INTEGER NOT NULL REFERENCES doctor_schedules(id),
  hold_id    INTEGER NOT NULL,                  -- the slot_holds row keeping the place
  deadline   TEXT NOT NULL,                     -- UTC ISO: the hold's expires_at
  status     TEXT NOT NULL DEFAULT 'OPEN'
             CHECK (status IN ('OPEN', 'ACCEPTED', 'DECLINED', 'LAPSED')),
  created_at TEXT NOT NULL,
  ended_at   TEXT,
  ended_by   TEXT,
  CHECK ((status = 'OPEN') = (ended_at IS NULL))
) STRICT;
-- An entry has at most one open offer; the timer looks for open offers past their deadline.
CREATE UNIQUE INDEX waitlist_offers_one_open ON waitlist_offers(entry_id) WHERE status = 'OPEN';
CREATE INDEX waitlist_offers_open ON waitlist_offers(status, deadline);
