import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { events, methods } from '../../src/shared/contract'
import { renderApiDocs } from '../../scripts/api-docs'
import { MAX_FRAME_BYTES, MAX_READ_BYTES } from '../../src/main/host/frame-cap'

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

test('the frame cap and the read limit are stated from the transport constants', () => {
  const text = renderApiDocs()
  expect(text).toContain(`A request frame is at most ${MAX_FRAME_BYTES} bytes.`)
  expect(text).toContain(`A frame over ${MAX_READ_BYTES} bytes is not read at all`)
})
