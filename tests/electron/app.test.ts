import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { _electron as electron, type ElectronApplication } from 'playwright-core'
import { afterAll, expect, test } from 'vitest'
import { electronRuntime } from '../../scripts/electron-runtime.mjs'
import { tempDir } from '../helpers/temp-dir'

/**
 * The desktop app itself (Playwright's _electron) on the built out/main/index.js. It needs
 * Electron's runtime binary, which cannot be downloaded on machines without access to its
 * host: there it reports itself skipped, and the test name says why.
 */
const root = join(import.meta.dirname, '..', '..')
const runtime = electronRuntime()
const why = runtime.ok ? '' : ` — skipped: ${runtime.reason}`

let app: ElectronApplication | undefined
const data = tempDir()
afterAll(async () => {
  await app?.close()
  data.remove()
})

test.skipIf(!runtime.ok)(
  `the app opens the reception window, whose page sees exactly window.clinic.call/on${why}`,
  async () => {
    if (!runtime.ok) return
    expect(existsSync(join(root, 'out', 'main', 'index.js')), 'run `npm run build` first').toBe(
      true,
    )
    app = await electron.launch({
      executablePath: runtime.path,
      // Root cannot use Chromium's sandbox in CI containers; the app's own windows keep sandbox: true.
      args: ['--no-sandbox', root],
      env: { ...process.env, CLINIC_DATA_DIR: data.path, CLINIC_DEMO: '1' },
    })
    const page = await app.firstWindow()
    await page.waitForLoadState('domcontentloaded')
    expect(page.url()).toMatch(/reception\.html/)
    expect(
      await page.evaluate(() =>
        Object.keys((window as unknown as { clinic: object }).clinic).sort(),
      ),
    ).toEqual(['call', 'on'])
    // Nothing of Node or Electron leaks into the page.
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
      'undefined',
    )
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe(
      'undefined',
    )
    const result = await page.evaluate(() =>
      (
        window as unknown as { clinic: { call(m: string, p: unknown): Promise<unknown> } }
      ).clinic.call('directory.get', {}),
    )
    expect(result).toMatchObject({ ok: true })
  },
)
