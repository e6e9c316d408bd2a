/** Tables of 0013_change_feed.sql: the cross-host change log of PostgreSQL (db/pg/change-feed.ts). */
export interface ChangeFeedTable {
  /** The writing transaction's id (pg_current_xact_id), which orders the rows. */
  xid: number
  at: string
  /** The commit's events as JSON ({ event, payload }[]), or null: too many, screens re-read. */
  events: string | null
}
export interface ChangeFeedFloorTable {
  one: number
  /** Every transaction id at or below this one has been pruned. */
  xid: number
}

export interface FeedTables {
  change_feed: ChangeFeedTable
  change_feed_floor: ChangeFeedFloorTable
}
