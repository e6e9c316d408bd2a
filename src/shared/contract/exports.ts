import { z } from 'zod'
import { ExportAppointmentsInput } from '../export-input'
import { method } from './define'

/**
 * The largest file handed back inside the method's result (base64): an appointment list of
 * about 150,000 rows as CSV. A larger one stays in the host's exports/ folder (docs/REPORTS.md).
 */
export const EXPORT_INLINE_MAX_BYTES = 20 * 1024 * 1024

export const ExportFile = z.object({
  /** The file's name inside the host's exports/ folder, e.g. appointments_2026-03-01_2026-03-31_….csv. */
  fileName: z.string(),
  rows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  /**
   * The whole file, base64, when it is at most EXPORT_INLINE_MAX_BYTES (the file is then removed
   * from the host); null when larger: it is left in the exports/ folder for the admin to collect.
   */
  contentBase64: z.string().nullable(),
})
export type ExportFile = z.infer<typeof ExportFile>

export const exportMethods = {
  'exports.appointments': method({
    summary:
      "A range's appointments (live and archived) as a CSV or XLSX file, written by the host into its own exports/ folder and handed back in the result (base64, up to 20 MB). ID numbers are masked unless unmasked, which is audited before the first row is read.",
    input: ExportAppointmentsInput,
    result: ExportFile,
    roles: ['admin'],
  }),
}
