import BetterSqlite3, { type Database } from 'better-sqlite3'
import { openHandles, type UnitHandle } from './handles'
import { migrate } from './migrate'
import { MIGRATIONS, type Migration } from './migrations'
import type { ReadDb } from './read'
import { reportReaderOf, type ReportReader } from './report-reader'
import { snapshotsOf, type Snapshots } from './snapshots'
import { hasWalResetFix } from './sqlite-version'
import { withStatementCache, type CachedStatements } from './statement-cache'

export interface OpenedDatabase {
  readonly sqlite: Database
  /** The handle that can only read (db/read.ts): what services and tests read through. */
  readonly read: ReadDb
  /** The writable handle: for the Writer (db/write.ts) alone. */
  readonly units: UnitHandle
  /** Copies of the whole file, for the backup service. */
  readonly snapshots: Snapshots
  /** Reads for reports on a read-only connection in a worker, started at the first report. */
  readonly reports: ReportReader
  /** The prepared statements kysely runs on, for units of work that run SQL directly (db/compiled.ts). */
  readonly statements: CachedStatements
  readonly migratedFrom: number
  close(): Promise<void>
}

/** How long a writer waits for another process's write lock before giving up. */
const BUSY_TIMEOUT_MS = 5000

/**
 * Opens (creating if needed) the clinic's database file with the settings every
 * invariant rests on, reads each one back, and migrates it.
 */
export function openDatabase(
  file: string,
  migrations: readonly Migration[] = MIGRATIONS,
): OpenedDatabase {
  const sqlite = new BetterSqlite3(file)
  try {
    const version = (sqlite.prepare('select sqlite_version() as v').get() as { v: string }).v
    if (!hasWalResetFix(version)) {
      throw new Error(
        `SQLite ${version} has the WAL-reset corruption bug; ClinicDesk needs 3.51.3 or later.`,
      )
    }
    expectPragma(sqlite, 'journal_mode = WAL', 'journal_mode', 'wal')
    // After WAL: this build otherwise runs WAL at NORMAL, which can lose the last commits on power loss.
    expectPragma(sqlite, 'synchronous = FULL', 'synchronous', 2)
    expectPragma(sqlite, 'foreign_keys = ON', 'foreign_keys', 1)
    expectPragma(sqlite, `busy_timeout = ${BUSY_TIMEOUT_MS}`, 'busy_timeout', BUSY_TIMEOUT_MS)
    const { from } = migrate(sqlite, migrations)
    const statements = withStatementCache(sqlite)
    const { read, units, destroy } = openHandles(statements)
    const snapshots = snapshotsOf(sqlite, units)
    const reports = reportReaderOf(snapshots.file)
    const close = async (): Promise<void> => {
      await reports.close()
      await destroy()
      sqlite.close()
    }
    return { sqlite, read, units, snapshots, reports, statements, migratedFrom: from, close }
  } catch (error) {
    sqlite.close()
    throw error
  }
}

function expectPragma(
  sqlite: Database,
  set: string,
  name: string,
  expected: string | number,
): void {
  sqlite.pragma(set)
  const actual = sqlite.pragma(name, { simple: true })
  if (actual !== expected) throw new Error(`SQLite refused "${set}" (reads back ${String(actual)})`)
}
