import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { EXPORT_INLINE_MAX_BYTES, type exportMethods } from '../../../shared/contract/exports'
import { AppError } from '../../../shared/errors'
import type { Snapshots } from '../../db/snapshots'
import type { HandlersFor } from '../context'
import { exportAppointments } from './run'

/**
 * `exports/` next to the open database file, as backups/ is: the host decides where a file goes,
 * never the caller (a WebSocket client must not name a path on the host).
 */
function exportFolder({ file }: Snapshots): string {
  if (!file)
    throw new AppError('INTERNAL', { message: 'The database has no folder to export into.' })
  return join(dirname(file), 'exports')
}

/** appointments_2026-03-01_2026-03-31_20261202T140500Z_1a2b3c4d.csv: what, when, and unguessable. */
const fileNameFor = (from: string, to: string, at: Date, format: string): string =>
  `appointments_${from}_${to}_${at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '')}_${randomBytes(4).toString('hex')}.${format}`

export const exportHandlers: HandlersFor<typeof exportMethods> = {
  'exports.appointments': async (input, { snapshots, reports, clock, write }) => {
    const folder = exportFolder(snapshots)
    mkdirSync(folder, { recursive: true })
    const fileName = fileNameFor(input.from, input.to, clock.now(), input.format)
    const file = join(folder, fileName)
    const doctorIds = input.doctorId === undefined ? null : [input.doctorId]
    // Full ID numbers: the audit row commits BEFORE the first row is read, so an unmasked file
    // never exists without it (a failed export still leaves the row: the attempt is what counts).
    if (input.unmasked)
      await write(async ({ audit }) =>
        audit({
          entity: 'export',
          entityId: null,
          after: {
            kind: 'appointments',
            from: input.from,
            to: input.to,
            doctorId: input.doctorId ?? null,
            format: input.format,
            unmasked: true,
          },
        }),
      )
    const { rows } = await exportAppointments(
      reports,
      { from: input.from, to: input.to, doctorIds, unmasked: input.unmasked },
      { format: input.format, file, language: input.language },
    )
    const bytes = statSync(file).size
    if (bytes > EXPORT_INLINE_MAX_BYTES) return { fileName, rows, bytes, contentBase64: null }
    // Handed back whole: the copy on the host is removed, so ID numbers do not pile up on disk.
    const contentBase64 = readFileSync(file).toString('base64')
    rmSync(file, { force: true })
    return { fileName, rows, bytes, contentBase64 }
  },
}
