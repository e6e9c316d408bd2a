import type { Database, Statement } from 'better-sqlite3'
import type { SqliteDatabase } from 'kysely'

/** Distinct SQL texts kept prepared; the least recently used goes first. */
const MAX_STATEMENTS = 500

/**
 * kysely's SQLite driver prepares every query again on every call (better-sqlite3 has no
 * statement cache). Preparing costs as much as running a small indexed query, so the host keeps
 * prepared statements by SQL text. Safe here: better-sqlite3 is synchronous, kysely (and units of
 * work, db/compiled.ts) only call all/get/run/iterate on them and never change their modes, and
 * SQLite re-prepares a statement by itself when the schema changes.
 */
export interface CachedStatements extends SqliteDatabase {
  prepare(sql: string): Statement
}

export function withStatementCache(sqlite: Database, max = MAX_STATEMENTS): CachedStatements {
  const cache = new Map<string, Statement>()
  return {
    close: () => sqlite.close(),
    prepare: (sql: string) => {
      let statement = cache.get(sql)
      if (statement) {
        cache.delete(sql)
      } else {
        statement = sqlite.prepare(sql)
        if (cache.size >= max) cache.delete(cache.keys().next().value as string)
      }
      cache.set(sql, statement)
      return statement
    },
  }
}
