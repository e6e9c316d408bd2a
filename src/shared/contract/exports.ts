import { z } from 'zod'
import {
  ExportAppointmentsInput,
  ExportDoctorReportInput,
  ExportReportInput,
} from '../export-input'
import { method } from './define'

/**
 * The largest piece of a finished file one `exports.read` hands back (base64 in the result): a
 * file of any size is fetched in pieces over the contract, so the same download works over the
 * Electron IPC (which has no HTTP) and the WebSocket, and never without the caller's session.
 */
export const EXPORT_CHUNK_BYTES = 1024 * 1024

/** How long a finished file waits on the host for its download before it is removed. */
export const EXPORT_KEEP_MS = 10 * 60 * 1000

export const EXPORT_STATES = ['running', 'done', 'failed', 'canceled', 'expired'] as const

/** A job as its owner sees it (exports.status): where it is, and the file once it is done. */
export const ExportJob = z.object({
  jobId: z.string(),
  state: z.enum(EXPORT_STATES),
  /** Rows written so far, of about how many (the count taken when it started; never below done). */
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** The name the download should get, e.g. appointments_2026-03-01_2026-03-31_….csv. */
  fileName: z.string(),
  /** The finished file's size; 0 until it is done. */
  bytes: z.number().int().nonnegative(),
  /** Why it failed (an error code), when state is failed. */
  error: z.string().nullable(),
})
export type ExportJob = z.infer<typeof ExportJob>

const JobRef = z.strictObject({ jobId: z.string().regex(/^[0-9a-f]{32}$/) })

export const exportMethods = {
  'exports.startAppointments': method({
    summary:
      "Starts writing a range's appointments (live and archived) as CSV or XLSX into the host's exports/ folder; answers at once with the job (exports.status, exports.read, exports.cancel). ID numbers are masked unless unmasked, which is audited before the first row is read. One running export per caller (else CONFLICT).",
    input: ExportAppointmentsInput,
    result: ExportJob,
    roles: ['admin'],
  }),
  'exports.startReport': method({
    summary:
      "Starts writing one table of a report (reports.summary's input): summary (counts, no-shows, waits, visit lengths, utilisation per period and group), heatMap (weekday × hour) or cancellations (per reason), as CSV or XLSX; the same jobs as exports.startAppointments.",
    input: ExportReportInput,
    result: ExportJob,
    roles: ['admin'],
  }),
  'exports.startDoctorReport': method({
    summary:
      "Starts writing one doctor's own report table (reports.summary narrowed to that doctor, by: none), as exports.startReport does: a doctor may export only their own figures (the owner rule on doctorId). Holds no patient, so nothing to mask or audit.",
    input: ExportDoctorReportInput,
    result: ExportJob,
    roles: ['admin', 'doctor'],
    owner: { field: 'doctorId' },
  }),
  'exports.status': method({
    summary:
      "Where one of the caller's own export jobs is: rows done of total, then done (with its size), failed, canceled or expired. Another caller's (or another window's) job is NOT_FOUND.",
    input: JobRef,
    result: ExportJob,
    roles: ['admin', 'doctor'],
  }),
  'exports.cancel': method({
    summary:
      "Stops one of the caller's own export jobs at its next page and removes the file (a finished one not yet downloaded is discarded).",
    input: JobRef,
    result: ExportJob,
    roles: ['admin', 'doctor'],
  }),
  'exports.read': method({
    summary:
      'One piece (at most 1 MiB, base64) of a finished export, from offset: only for the caller who started it, on the same window or socket, within 10 minutes of it finishing (else EXPORT_EXPIRED). The host removes the file once its last piece has been read.',
    input: JobRef.extend({
      offset: z
        .number()
        .int()
        .nonnegative()
        .max(2 ** 40),
    }),
    result: z.object({
      offset: z.number().int().nonnegative(),
      dataBase64: z.string(),
      /** The whole file's size. */
      bytes: z.number().int().nonnegative(),
      /** True when this piece ends the file (which is then removed from the host). */
      eof: z.boolean(),
    }),
    roles: ['admin', 'doctor'],
  }),
}
