// Where Electron's runtime binary is, or why it is not there. The electron package is installed
// without its binary here (ELECTRON_SKIP_BINARY_DOWNLOAD / allowScripts): its path.txt and dist/
// are then missing, and require('electron') throws.
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'

/** @returns {{ ok: true, path: string } | { ok: false, reason: string }} */
export function electronRuntime() {
  let path
  try {
    path = createRequire(import.meta.url)('electron')
  } catch {
    return {
      ok: false,
      reason:
        'Electron runtime is not installed (node_modules/electron has no path.txt: its binary download was skipped)',
    }
  }
  if (typeof path !== 'string' || !existsSync(path)) {
    return { ok: false, reason: `Electron runtime is not installed (${String(path)} is missing)` }
  }
  return { ok: true, path }
}
