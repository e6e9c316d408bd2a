-- PostgreSQL twin of db/migrations/0013_change_feed.sql.
-- 0013_change_feed: the shared log through which several hosts on one database hear each other's
-- commits (src/main/db/pg/change-feed.ts): each unit of work writes its events here in its own
-- transaction and NOTIFYs; every host reads the rows in transaction-id order once no older
-- transaction can still commit, and numbers the events from the id.
-- Frozen once released: later changes go into a new numbered file.

-- `xid` is pg_current_xact_id() as a number (xid8 never wraps; BIGINT keeps both engines alike).
CREATE TABLE change_feed (
  xid    BIGINT PRIMARY KEY,
  at     TEXT NOT NULL,
  events TEXT
);

-- One row: every transaction id at or below `xid` has been pruned from change_feed.
CREATE TABLE change_feed_floor (
  one BIGINT PRIMARY KEY CHECK (one = 1),
  xid BIGINT NOT NULL
);
INSERT INTO change_feed_floor (one, xid) VALUES (1, 0);
