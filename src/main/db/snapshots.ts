import type { Database } from 'better-sqlite3'
import { renameSync, rmSync, writeFileSync } from 'node:fs'
import type { UnitHandle } from './handles'
import { copyInWorker } from './snapshot-worker'

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
   * stays open: this host's queries and writes, and other processes', go on meanwhile. `target`
   * appears only once complete (written as `<target>.partial`, then renamed): a crash or a failure
   * midway leaves no half a backup under a backup's name.
   */
  copyTo(target: string): Promise<void>
  /**
   * Set when the database server makes the backups, not this host (PostgreSQL): the command an
   * administrator runs, without the password. The backup screen shows it in place of a folder.
   */
  readonly serverBackupCommand?: string
}

export function snapshotsOf(sqlite: Database, units: UnitHandle): Snapshots {
  const main = (sqlite.pragma('database_list') as { name: string; file: string }[]).find(
    (d) => d.name === 'main',
  )
  const file = main?.file ?? ''
  return {
    file,
    copyTo: async (target) => {
      // Not on the host's connection: VACUUM INTO there held it, and every booking, for the
      // whole copy (1.7 s for the 318 MB benchmark database).
      // The host's lock for a moment, not for the copy: inside a unit of work this is refused at
      // once (the copy could not hold the unit's own writes, which commit after it), and a copy
      // asked for after a write begins after that write's COMMIT.
      await units.db.connection().execute(async () => {})
      const partial = `${target}.partial`
      // Claimed at once, empty (VACUUM INTO takes an empty file): a second copy started meanwhile
      // under the same name fails here instead of writing into this one.
      writeFileSync(partial, '', { flag: 'wx' })
      try {
        await copyInWorker(file, partial)
        renameSync(partial, target)
      } catch (error) {
        rmSync(partial, { force: true })
        throw error
      }
    },
  }
}
