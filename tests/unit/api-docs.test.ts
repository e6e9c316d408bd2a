import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { events, methods } from '../../src/shared/contract'
import { renderApiDocs } from '../../scripts/api-docs'

const committed = (): string =>
  readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'API.md'), 'utf8')

test('docs/API.md is what `npm run docs:api` writes from the contract (not stale)', () => {
  // On failure: run `npm run docs:api` and commit docs/API.md.
  expect(committed() === renderApiDocs(), 'docs/API.md is stale: run `npm run docs:api`').toBe(true)
})

test('every method and event has its own section', () => {
  const text = renderApiDocs()
  for (const name of [...Object.keys(methods), ...Object.keys(events)])
    expect(text).toContain(`\n### ${name}\n`)
})
