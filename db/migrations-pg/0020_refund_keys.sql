-- PostgreSQL twin of db/migrations/0020_refund_keys.sql.
-- 0020_refund_keys: payments.refund's submission key; a retry answers the first refund.
-- Frozen once released: later changes go into a new numbered file.

ALTER TABLE refunds ADD COLUMN idempotency_key TEXT;
CREATE UNIQUE INDEX refunds_idempotency_key ON refunds (idempotency_key);
