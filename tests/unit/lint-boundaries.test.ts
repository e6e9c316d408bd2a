import { ESLint } from 'eslint'
import { expect, test } from 'vitest'

/**
 * The project's own eslint.config.js, applied to probe sources at paths inside src/. The probes do
 * not exist on disk, so type-aware parsing is switched off for them (the restriction rules need no types).
 */
const eslint = new ESLint({
  cwd: `${import.meta.dirname}/../..`,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
      '@typescript-eslint/await-thenable': 'off',
    },
  },
})

async function restrictedLines(filePath: string, source: string): Promise<number[]> {
  const [result] = await eslint.lintText(source, { filePath })
  expect(result?.messages.filter((m) => m.fatal)).toEqual([])
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.line)
}

const lines = (...imports: string[]): string =>
  `${imports.join('\n')}\nexport const used = [${imports.map((_, i) => `a${i}`).join(', ')}]\n`

test('src/shared imports no electron, no Node built-in (prefixed or bare) and no react; zod is fine', async () => {
  const source = lines(
    "import { readFileSync as a0 } from 'node:fs'",
    "import a1 from 'path'",
    "import { app as a2 } from 'electron'",
    "import a3 from 'react'",
    "import { createRoot as a4 } from 'react-dom/client'",
    "import { z as a5 } from 'zod'",
  )
  expect(await restrictedLines('src/shared/contract/probe.ts', source)).toEqual([1, 2, 3, 4, 5])
})

test('services and db import no electron; the rest of main may', async () => {
  const source = lines(
    "import { app as a0 } from 'electron'",
    "import { join as a1 } from 'node:path'",
  )
  expect(await restrictedLines('src/main/services/probe.ts', source)).toEqual([1])
  expect(await restrictedLines('src/main/db/probe.ts', source)).toEqual([1])
  expect(await restrictedLines('src/main/windows/probe.ts', source)).toEqual([])
})

test('the renderer imports nothing from src/main (nor electron), but may use src/shared', async () => {
  const fromAdmin = lines(
    "import { Writer as a0 } from '../../main/db/write'",
    "import type { Host as a1 } from '../../main/host/create-host'",
    "import { ipcRenderer as a2 } from 'electron'",
    "import { ok as a3 } from '../../shared/errors'",
  )
  expect(await restrictedLines('src/renderer/admin/probe.ts', fromAdmin)).toEqual([1, 2, 3])
  const fromTop = lines(
    "import { RPC as a0 } from '../main/host/json-rpc'",
    "import { ok as a1 } from '../shared/errors'",
  )
  expect(await restrictedLines('src/renderer/probe.ts', fromTop)).toEqual([1])
})
