import type { Database } from 'better-sqlite3'
import { CompiledQuery } from 'kysely'
import type { UnitHandle } from './handles'

/**
 * The one thing besides the Writer that may make SQLite write a file: a consistent copy of the
 * whole database (the backup service). It is not a unit of work (VACUUM INTO cannot run inside a
 * transaction, and changes nothing in the database itself), so it is a capability of its own
 * rather than a statement the read handle would have to let through.
 */
export interface Snapshots {
  /** The open database file, as SQLite resolved it. */
  readonly file: string
  /**
   * Writes one consistent snapshot of the database to `target` (which must not exist), while it
   * stays open: other processes go on writing meanwhile, this host's own queries wait for the copy.
   */
  copyTo(target: string): Promise<void>
}

export function snapshotsOf(sqlite: Database, units: UnitHandle): Snapshots {
  const main = (sqlite.pragma('database_list') as { name: string; file: string }[]).find(
    (d) => d.name === 'main',
  )
  return {
    file: main?.file ?? '',
    copyTo: async (target) => {
      // On the Writer's connection: it queues on the host's one lock like any query.
      await units.db.executeQuery(CompiledQuery.raw('VACUUM INTO ?', [target]))
    },
  }
}
