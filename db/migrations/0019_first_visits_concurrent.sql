-- 0019_first_visits_concurrent: nothing changes on SQLite. The PostgreSQL twin makes
-- patient_first_visits_refresh safe when two hosts change one patient's bookings at once; on
-- SQLite one host writes at a time, so its triggers (0018) never meet that case.
-- Frozen once released: later changes go into a new numbered file.
SELECT 1;
