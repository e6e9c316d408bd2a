import type { Database } from 'better-sqlite3'

/** Revisions one run of the host may give: far more than years of a clinic's changes. */
const REVS_PER_RUN = 2 ** 32

/**
 * The first revision of this run of the host: each start records a new epoch, and epoch n
 * numbers its events from (n - 1) × 2^32 + 1, above every revision an earlier run gave.
 * (2^21 runs fit below Number.MAX_SAFE_INTEGER.) A database's first run starts at 1.
 */
export function startRevisions(sqlite: Database, now: Date): number {
  const epoch = Number(
    sqlite.prepare('INSERT INTO change_epochs (started_at) VALUES (?)').run(now.toISOString())
      .lastInsertRowid,
  )
  return (epoch - 1) * REVS_PER_RUN + 1
}
