-- 0020_refund_keys: payments.refund takes a submission key, as bookings do, so a refund retried
-- after a lost answer (a dropped link, a host killed after COMMIT) gives the money back once and
-- answers the first refund. NULL for refunds made without one (退号's own, older rows): a unique
-- index lets any number of NULLs through on both engines.
-- Frozen once released: later changes go into a new numbered file.

ALTER TABLE refunds ADD COLUMN idempotency_key TEXT;
CREATE UNIQUE INDEX refunds_idempotency_key ON refunds (idempotency_key);
