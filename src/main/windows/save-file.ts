import { extname } from 'node:path'
import { IPC_SAVE_FILE, SaveFileRequest, type SaveOutcome } from '../../shared/save-file'
import type { FrameLike } from '../ipc/ipc-adapter'

/** The screens that export files: the admin's reports and the doctor's own figures. */
const SAVING_PAGES = ['/admin.html', '/doctor.html']

/** What saving needs from Electron, handed in by main (no `electron` import: tests run without it). */
export interface SaveFileShell {
  /** dialog.showSaveDialog on the sender's window; the chosen path, or null when dismissed. */
  ask(sender: unknown, name: string, filters: readonly SaveFilter[]): Promise<string | null>
  write(path: string, bytes: Uint8Array): Promise<void>
}
export interface SaveFilter {
  readonly name: string
  readonly extensions: string[]
}
export interface SaveFileEvent {
  readonly sender: unknown
  readonly senderFrame: FrameLike | null
}
export interface SaveFileIpcMain {
  handle(channel: string, listener: (event: SaveFileEvent, ...args: unknown[]) => unknown): void
}

/** Only our own admin and doctor pages, from their top frame, may open the save dialog. */
export function maySave(frame: FrameLike | null, isTrustedUrl: (url: string) => boolean): boolean {
  if (!frame || frame.parent !== null || !isTrustedUrl(frame.url)) return false
  const path = new URL(frame.url).pathname
  return SAVING_PAGES.some((p) => path.endsWith(p))
}

/**
 * The dialog's type filter from the suggested name, so the person keeps the export's format.
 *
 * @example filtersFor('report_2026.xlsx') // [{ name: 'Excel', extensions: ['xlsx'] }]
 */
export function filtersFor(name: string): SaveFilter[] {
  const ext = extname(name).slice(1).toLowerCase()
  if (ext === 'xlsx') return [{ name: 'Excel', extensions: ['xlsx'] }]
  if (ext === 'csv') return [{ name: 'CSV', extensions: ['csv'] }]
  return []
}

/** Answers the preload's saveFile(name, bytes): the save dialog, then the bytes at the chosen path. */
export function registerSaveFile(
  ipcMain: SaveFileIpcMain,
  isTrustedUrl: (url: string) => boolean,
  shell: SaveFileShell,
): void {
  ipcMain.handle(IPC_SAVE_FILE, async (event, request): Promise<SaveOutcome> => {
    if (!maySave(event.senderFrame, isTrustedUrl)) return { saved: false, reason: 'forbidden' }
    const parsed = SaveFileRequest.safeParse(request)
    if (!parsed.success) return { saved: false, reason: 'invalid' }
    const { name, bytes } = parsed.data
    const path = await shell.ask(event.sender, name, filtersFor(name))
    if (path === null) return { saved: false, reason: 'dismissed' }
    try {
      await shell.write(path, bytes)
      return { saved: true, path }
    } catch (error) {
      console.error('[save-file] writing failed', error)
      return { saved: false, reason: 'failed' }
    }
  })
}
