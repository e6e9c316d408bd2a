/**
 * Writes docs/API.md from the contract (`npm run docs:api`).
 * With --check it writes nothing and exits 1 when the committed file is stale (CI).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { renderApiDocs } from './api-docs'

const file = resolve(import.meta.dirname, '..', 'docs', 'API.md')
const fresh = renderApiDocs()

if (process.argv.includes('--check')) {
  let committed = ''
  try {
    committed = readFileSync(file, 'utf8')
  } catch {
    // A missing file is stale too.
  }
  if (committed !== fresh) {
    console.error('docs/API.md is stale: run `npm run docs:api` and commit it.')
    process.exit(1)
  }
  console.log('docs/API.md is up to date.')
} else {
  writeFileSync(file, fresh)
  console.log(`Wrote ${file}`)
}
