-- Placeholder so the i12-leave branch runs alone (migrations are numbered without gaps).
-- The coordinator drops this file at merge; the real 0010 comes from another branch.
SELECT 1;
