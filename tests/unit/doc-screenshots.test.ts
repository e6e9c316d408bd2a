import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { expect, test } from 'vitest'

/**
 * A test run leaves the working tree as it found it: the one writer of docs/screenshots is
 * tests/helpers/doc-screenshots.ts, which writes only with SCREENSHOTS=1. Any other picture a test
 * saves goes to .tmp/ (ignored by git), e.g. the page at the moment a fixture gave up.
 */
const TESTS = join(import.meta.dirname, '..')
const WRITER = join(TESTS, 'helpers', 'doc-screenshots.ts')

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* sources(path)
    else if (/\.(ts|tsx|mjs|js)$/.test(entry.name)) yield path
  }
}

test('no test saves a screenshot or PDF outside .tmp/ except through docShot', () => {
  const offenders: string[] = []
  let seen = 0
  for (const file of sources(TESTS)) {
    if (file === WRITER || file === import.meta.filename) continue
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(/\.(?:screenshot|pdf)\(\s*\{[^)]*?\bpath\s*:\s*([^,}\n]*)/g)) {
      seen++
      if (!/^['`"]\.tmp\//.test(m[1]!.trim()))
        offenders.push(`${relative(TESTS, file)}: ${m[0].replace(/\s+/g, ' ')}`)
    }
  }
  expect(offenders).toEqual([])
  expect(seen, 'the .tmp/ failure picture in reception-fixtures.ts is still found').toBeGreaterThan(
    0,
  )
})
