import { z } from 'zod'

/** IPC channel of the native save dialog (outside the contract: no clinic method, no role of its own). */
export const IPC_SAVE_FILE = 'clinic:save-file'

/** The largest file one save hands over: the 20 MB a year's XLSX export stays well under, ×10. */
export const SAVE_FILE_MAX_BYTES = 200 * 1024 * 1024

/**
 * What the page asks main to save: a suggested file name (no folder: the person picks where) and
 * the bytes it already holds (a finished export, fetched from the host over the contract).
 */
export const SaveFileRequest = z.strictObject({
  name: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^/\\:*?"<>|]+$/, 'a file name, not a path')
    .refine((n) => ![...n].some((c) => c.charCodeAt(0) < 32), 'no control characters')
    .refine((n) => n !== '.' && n !== '..', 'a file name, not a folder'),
  bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= SAVE_FILE_MAX_BYTES, 'too large'),
})
export type SaveFileRequest = z.infer<typeof SaveFileRequest>

/** Saved at the path the person chose, or not: they closed the dialog, or it was refused or failed. */
export type SaveOutcome =
  | { readonly saved: true; readonly path: string }
  | { readonly saved: false; readonly reason: 'dismissed' | 'forbidden' | 'invalid' | 'failed' }

/**
 * Saving a file through the system's save dialog in the Electron app, exposed by the preload as
 * window.clinicFiles. Absent in browser mode, where the page hands the file to the browser's download.
 */
export interface ClinicFiles {
  saveFile(name: string, bytes: Uint8Array): Promise<SaveOutcome>
}
