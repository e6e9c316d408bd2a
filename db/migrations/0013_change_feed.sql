-- 0013_change_feed: the shared log through which several hosts on one PostgreSQL database hear
-- each other's commits (src/main/db/pg/change-feed.ts). A SQLite host is the only writer of its
-- file and publishes from memory (host/event-bus.ts): on SQLite both tables stay empty. They exist
-- here so that the two engines keep one schema (tests/unit/pg-parity.test.ts).
-- Frozen once released: later changes go into a new numbered file.

-- One row per committed transaction that emitted events: the transaction's id orders the rows
-- (see change-feed.ts for why not a sequence), `events` is the commit's events as JSON, or NULL
-- when there were too many to number (screens re-read instead).
CREATE TABLE change_feed (
  xid    INTEGER PRIMARY KEY,
  at     TEXT NOT NULL,
  events TEXT
);

-- One row: every transaction id at or below `xid` has been pruned from change_feed. A host whose
-- position is below it has missed rows for good and tells its screens to re-read.
CREATE TABLE change_feed_floor (
  one INTEGER PRIMARY KEY CHECK (one = 1),
  xid INTEGER NOT NULL
);
INSERT INTO change_feed_floor (one, xid) VALUES (1, 0);
