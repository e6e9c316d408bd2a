import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { BackupFile } from '../../../shared/contract'
import type { backupMethods } from '../../../shared/contract/backup'
import { AppError } from '../../../shared/errors'
import type { Snapshots } from '../../db/snapshots'
import type { HandlersFor } from '../context'

/** How many backups the folder keeps: a month of the host's daily one. */
export const BACKUPS_KEPT = 30
const NAME = /^clinic-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z(?:_\d+)?\.sqlite$/

/** A backup's name says when it was made, by the host's clock: clinic-2026-11-28T16-20-05Z.sqlite. */
const nameAt = (instant: Date): string =>
  `clinic-${instant
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-')}`
const instantOf = (name: string): string => name.replace(NAME, '$1T$2:$3:$4.000Z')

/** `backups/` next to the open database file, wherever the host keeps it. */
function backupFolder({ file }: Snapshots): string {
  if (!file)
    throw new AppError('INTERNAL', { message: 'The database has no file to back up next to.' })
  return join(dirname(file), 'backups')
}

/** The folder's backups, newest first (names sort by time; a second one in the same second gets _2). */
function listBackups(folder: string): BackupFile[] {
  if (!existsSync(folder)) return []
  return readdirSync(folder)
    .filter((name) => NAME.test(name))
    .sort()
    .reverse()
    .map((name) => {
      return { name, bytes: statSync(join(folder, name)).size, createdAt: instantOf(name) }
    })
}

/** On PostgreSQL (issue 15 part 5) backups are the database server's job, not a file copy here. */
function refuseOnServer({ serverBackupCommand }: Snapshots): void {
  if (serverBackupCommand)
    throw new AppError('CONFLICT', {
      message: `The database server makes the backups on PostgreSQL: run ${serverBackupCommand}, or use the managed service's backups.`,
    })
}

export const backupHandlers: HandlersFor<typeof backupMethods> = {
  'backup.create': async (_input, { snapshots, clock, write }) => {
    refuseOnServer(snapshots)
    const folder = backupFolder(snapshots)
    mkdirSync(folder, { recursive: true })
    const stem = nameAt(clock.now())
    let name = `${stem}.sqlite`
    // A backup still being written has its name, plus .partial, until it is complete.
    const taken = (n: string): boolean =>
      existsSync(join(folder, n)) || existsSync(join(folder, `${n}.partial`))
    for (let n = 2; taken(name); n++) name = `${stem}_${n}.sqlite`
    // One consistent snapshot, copied on a thread and a connection of its own (db/snapshots.ts):
    // bookings, here and in other processes, go on meanwhile (the 318 MB million-appointment
    // benchmark database takes seconds).
    await snapshots.copyTo(join(folder, name))
    const made = listBackups(folder)
    for (const old of made.slice(BACKUPS_KEPT)) rmSync(join(folder, old.name), { force: true })
    const file = made.find((f) => f.name === name)
    if (!file) throw new Error(`backup.create: ${name} is missing right after it was written`)
    await write(async ({ audit }) =>
      audit({ entity: 'backup', entityId: null, after: { name: file.name, bytes: file.bytes } }),
    )
    return file
  },

  'backup.list': async (_input, { snapshots }) => {
    const serverCommand = snapshots.serverBackupCommand ?? null
    if (serverCommand) return { folder: null, files: [], serverCommand }
    const folder = backupFolder(snapshots)
    return { folder, files: listBackups(folder), serverCommand }
  },
}
