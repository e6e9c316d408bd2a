import { z } from 'zod'
import { method } from './define'
import { instant } from './fields'

export const BackupFile = z.object({
  /** The file's name inside the backups folder, e.g. clinic-2026-11-28T16-20-05Z.sqlite. */
  name: z.string(),
  bytes: z.number().int().nonnegative(),
  createdAt: instant,
})
export type BackupFile = z.infer<typeof BackupFile>

/** Copies of the clinic's database, made while it runs: by hand here, and by the host once a day. */
export const backupMethods = {
  'backup.create': method({
    summary:
      'Writes a consistent copy of the whole database into the backups folder next to it and keeps the newest 30. On PostgreSQL: CONFLICT (the database server makes the backups; backup.list gives the command).',
    input: z.strictObject({}),
    result: BackupFile,
    roles: ['admin'],
  }),
  'backup.list': method({
    summary:
      'The backups folder (a path on the host) and its backups, newest first. On PostgreSQL the database server makes the backups: no folder, no files, and the pg_dump command to run (the address without its password).',
    input: z.strictObject({}),
    result: z.object({
      folder: z.string().nullable(),
      files: z.array(BackupFile),
      serverCommand: z.string().nullable(),
    }),
    roles: ['admin'],
  }),
}
