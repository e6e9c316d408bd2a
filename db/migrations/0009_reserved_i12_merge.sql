-- Placeholder so that 0011 runs on this branch (the runner refuses gaps). Number reserved for
-- branch i12_merge; the coordinator drops this file at merge.
SELECT 1;
