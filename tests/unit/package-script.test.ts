import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { expect, test } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')

async function canDownloadElectron(): Promise<boolean> {
  try {
    await fetch('https://github.com/electron/electron/releases', {
      method: 'HEAD',
      signal: AbortSignal.timeout(5000),
    })
    return true
  } catch {
    return false
  }
}

// Where the zip can be downloaded, `npm run package` would really package (minutes): nothing to check.
test.skipIf(await canDownloadElectron())(
  'npm run package, with no way to get Electron, ends with one sentence that names the offline route',
  () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'package.mjs')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, electron_config_cache: join(ROOT, '.tmp', 'no-electron-cache') },
    })
    expect(run.status).toBe(1)
    const lines = `${run.stdout}${run.stderr}`.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^Packaging needs the Electron 40\.10\.2 runtime zip.*-c\.electronDist=DIR/,
    )
    expect(lines[0]).not.toMatch(/\bat .*\.js:\d+/)
  },
)
