-- 0012_fees: the registration-fee (挂号费) price list. Every price is an integer in fen (0.01 yuan), never a
-- float. A rule is never edited: a change is a new row with the day it takes effect from, so
-- what was quoted or charged under an older row can always be explained, and a future change can
-- be entered ahead of time. The rule in force on a day is the latest effective_from <= that day
-- (on a tie, the row entered last).
--   TITLE       target = a doctor's title (主任医师 …): the clinic's scale by level
--   DEPARTMENT  target = department id: a department that charges its own flat fee
--   DOCTOR      target = doctor id: one doctor's override
--   NIGHT       target = '': surcharge for a band starting at 18:00 or later (夜诊)
--   HOLIDAY     target = '': surcharge on a clinic holiday (节假日)
--   REVISIT_DAYS target = '': amount_fen holds N days (not money): a 复诊 in the same department
--               within N days of a completed visit is free; 0 turns the rule off
-- Frozen once released: later changes go into a new numbered file.

CREATE TABLE fee_rules (
  id             INTEGER PRIMARY KEY,
  kind           TEXT NOT NULL CHECK (kind IN ('TITLE', 'DEPARTMENT', 'DOCTOR', 'NIGHT', 'HOLIDAY', 'REVISIT_DAYS')),
  target         TEXT NOT NULL,
  amount_fen     INTEGER NOT NULL CHECK (amount_fen >= 0),
  effective_from TEXT NOT NULL,                     -- YYYY-MM-DD, the clinic's day
  created_by     TEXT NOT NULL,
  created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX fee_rules_lookup ON fee_rules(kind, target, effective_from);
