import pg from 'pg'
import type { OpenedDatabase } from '../open'
import type { Snapshots } from '../snapshots'
import { openPgHandles } from './handles-pg'
import { migratePg } from './migrate-pg'
import { pgReportReaderOf } from './report-reader-pg'
import { PG_MIGRATIONS } from './migrations-pg'
import type { Migration } from '../migrations'

/** What a PostgreSQL host opens: the handles, migrated; no file, no SQLite connection. */
export type OpenedPgDatabase = Omit<OpenedDatabase, 'sqlite' | 'statements'>

/**
 * PostgreSQL's openDatabase: migrate (migrate-pg.ts, under its advisory lock, so hosts starting
 * together take turns), then the two pools. SQLite's start-up work has no counterpart: the PRAGMAs
 * are the server's settings, and copies of the database (VACUUM INTO backups) are the server's
 * job (pg_dump, or the managed service's backups), so `snapshots` refuses.
 */
export async function openPgDatabase(
  url: string,
  migrations: readonly Migration[] = PG_MIGRATIONS,
): Promise<OpenedPgDatabase> {
  const client = new pg.Client({ connectionString: url })
  await client.connect().catch((error: unknown) => {
    // The address without its password: this sentence goes to the console and to the IT person.
    const where = url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1@')
    throw new Error(
      `Cannot reach the PostgreSQL server named by CLINIC_DATABASE_URL (${where}): ${error instanceof Error ? error.message : String(error)}`,
    )
  })
  let from: number
  try {
    ;({ from } = await migratePg(client, migrations))
  } finally {
    await client.end()
  }
  const { read, units, destroy } = openPgHandles(url)
  const snapshots: Snapshots = {
    file: '',
    copyTo: async () => {
      throw new Error('On PostgreSQL the database server makes the backups (pg_dump).')
    },
    serverBackupCommand: pgDumpCommand(url),
  }
  // Reports read on a read-only pool of their own, each in one snapshot (report-reader-pg.ts).
  const reports = pgReportReaderOf(url)
  return {
    read,
    units,
    snapshots,
    reports,
    migratedFrom: from,
    close: async () => {
      await reports.close()
      await destroy()
    },
  }
}

/** The backup command an administrator runs instead (shown by backup.list), without a password. */
/** The server's address without its password: safe to print, log or show on a screen. */
export function withoutPassword(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1@')
}

export function pgDumpCommand(url: string): string {
  return `pg_dump --format=custom --file=clinic-$(date +%F).dump "${withoutPassword(url)}"`
}
