-- PostgreSQL twin of db/migrations/0016_no_show_excused.sql.
-- 0016_no_show_excused: a NO_SHOW written by 结束出诊 before the band's grace ended never counts as 爽约.
-- Frozen once released: later changes go into a new numbered file.

ALTER TABLE appointments ADD COLUMN no_show_excused BIGINT NOT NULL DEFAULT 0 CHECK (no_show_excused IN (0, 1));
ALTER TABLE appointments_archive ADD COLUMN no_show_excused BIGINT NOT NULL DEFAULT 0;
