import { createRequire } from 'node:module'
import { join } from 'node:path'
import { expect, test } from 'vitest'

/** electron-builder's own loader and schema validation, on our electron-builder.yml (no packaging, no download). */
const require = createRequire(import.meta.url)
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(dir: string, file: string | null, extra: null): Promise<Record<string, unknown>>
  validateConfiguration(config: unknown, log: unknown): Promise<void>
}
const { DebugLogger } = require('builder-util') as { DebugLogger: new () => unknown }

test('electron-builder.yml is valid and ships what the design says', async () => {
  const config = await getConfig(join(import.meta.dirname, '..', '..'), null, null)
  await validateConfiguration(config, new DebugLogger())
  expect(config).toMatchObject({
    productName: 'ClinicDesk',
    // The loader normalises a plain list of patterns into one filter.
    files: [{ filter: ['out/**', 'package.json'] }],
    asarUnpack: ['**/node_modules/better-sqlite3/**'],
    linux: { target: ['AppImage', 'deb'] },
    win: { target: ['nsis'] },
  })
  expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/)
})
