import { app, BrowserWindow, dialog, type WebContents } from 'electron'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { SaveFileShell } from './save-file'

/**
 * The save dialog on the window that asked (modal to it), starting in the Downloads folder with
 * the export's own name; the bytes are written where the person chose.
 */
export const electronSaveShell: SaveFileShell = {
  async ask(sender, name, filters) {
    const options = {
      defaultPath: join(app.getPath('downloads'), name),
      filters: filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })),
    }
    const window = BrowserWindow.fromWebContents(sender as WebContents)
    const chosen = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options)
    return chosen.canceled || !chosen.filePath ? null : chosen.filePath
  },
  write: (path, bytes) => writeFile(path, bytes),
}
