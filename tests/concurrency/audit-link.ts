import type BetterSqlite3 from 'better-sqlite3'
import { chainHash, GENESIS } from '../../src/main/db/audit-chain'

/** The first audit row whose link or hash is wrong, read straight from the file. */
export function brokenLink(db: BetterSqlite3.Database): number | undefined {
  let prev = GENESIS
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as Iterable<
    Parameters<typeof chainHash>[1] & { prev_hash: string; hash: string }
  >) {
    if (row.prev_hash !== prev || row.hash !== chainHash(prev, row)) return row.id
    prev = row.hash
  }
  return undefined
}
