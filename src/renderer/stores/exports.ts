import type { ExportJob } from '../../shared/contract/exports'
import { fail, ok, type Result } from '../../shared/errors'
import type { ClinicFiles } from '../../shared/save-file'
import { hostAction } from '../api/host-action'

declare global {
  interface Window {
    /** Present in Electron: the native save dialog, exposed by the preload. */
    readonly clinicFiles?: ClinicFiles
  }
}

/** Export jobs on the host (services/exports/jobs.ts): started, watched, canceled, fetched. */
export const startAppointmentExport = hostAction('exports.startAppointments')
export const startReportExport = hostAction('exports.startReport')
export const startDoctorReportExport = hostAction('exports.startDoctorReport')
export const exportStatus = hostAction('exports.status')
export const cancelExport = hostAction('exports.cancel')
const readExport = hostAction('exports.read')

/** How often the screen asks how far a job is: the bar moves smoothly, the host hardly notices. */
export const EXPORT_POLL_MS = 250

/** Watches a job until it stops running; its progress on the way. */
export async function watchExport(
  jobId: string,
  onProgress: (job: ExportJob) => void,
): Promise<Result<ExportJob>> {
  for (;;) {
    const r = await exportStatus({ jobId })
    if (!r.ok || r.value.state !== 'running') return r
    onProgress(r.value)
    await new Promise((resolve) => setTimeout(resolve, EXPORT_POLL_MS))
  }
}

/**
 * The finished file, fetched piece by piece over the contract (the same on IPC and WebSocket);
 * the host removes its copy after the last piece.
 */
export async function fetchExport(
  job: ExportJob,
  onBytes: (got: number) => void,
): Promise<Result<Blob>> {
  const parts: Uint8Array<ArrayBuffer>[] = []
  let offset = 0
  for (;;) {
    const r = await readExport({ jobId: job.jobId, offset })
    if (!r.ok) return r
    const bytes = Uint8Array.from(atob(r.value.dataBase64), (c) => c.charCodeAt(0))
    parts.push(bytes)
    offset += bytes.length
    onBytes(offset)
    if (r.value.eof) return ok(new Blob(parts, { type: mimeOf(job.fileName) }))
    if (bytes.length === 0) return fail('INTERNAL')
  }
}

const mimeOf = (fileName: string): string =>
  fileName.endsWith('.xlsx')
    ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    : 'text/csv;charset=utf-8'

/** Where a finished file went: a path the person chose, the browser's downloads, or nowhere. */
export type Saved =
  | { readonly kind: 'saved'; readonly path: string }
  | { readonly kind: 'downloaded' }
  | { readonly kind: 'dismissed' }
  | { readonly kind: 'failed' }

/**
 * Saves a finished export: through the system's save dialog in the Electron app, else (browser
 * mode) as the browser's download. The host has removed its copy by now, so a dismissed dialog
 * means the file is gone and the export must be run again.
 */
export async function saveExport(blob: Blob, fileName: string): Promise<Saved> {
  const files = window.clinicFiles
  if (!files) {
    saveBlob(blob, fileName)
    return { kind: 'downloaded' }
  }
  const outcome = await files.saveFile(fileName, new Uint8Array(await blob.arrayBuffer()))
  if (outcome.saved) return { kind: 'saved', path: outcome.path }
  return { kind: outcome.reason === 'dismissed' ? 'dismissed' : 'failed' }
}

/** Hands a file to the browser as a download. */
function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
