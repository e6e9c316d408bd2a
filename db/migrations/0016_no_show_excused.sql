-- 0016_no_show_excused: a booking that 结束出诊 (queue.closeSession) marks NO_SHOW before its band's
-- no-show grace had ended is not the patient's fault: it is kept as NO_SHOW (the session is over)
-- but flagged so it never counts as 爽约 towards a suspension (issue 14 part 3).
-- Frozen once released: later changes go into a new numbered file.

ALTER TABLE appointments ADD COLUMN no_show_excused INTEGER NOT NULL DEFAULT 0 CHECK (no_show_excused IN (0, 1));
ALTER TABLE appointments_archive ADD COLUMN no_show_excused INTEGER NOT NULL DEFAULT 0;
