#!/usr/bin/env node
// Runs a TypeScript file of this project (a benchmark, a test worker) through Vite, so it
// sees exactly what the build sees (import.meta.glob for the bundled migrations included).
// Usage: node scripts/run-ts.mjs path/to/file.ts [args…]
import { runnerImport } from 'vite'
import { resolve } from 'node:path'

const [file, ...rest] = process.argv.slice(2)
if (!file) {
  console.error('usage: node scripts/run-ts.mjs <file.ts> [args…]')
  process.exit(2)
}
process.argv = [process.argv[0], resolve(file), ...rest]
const root = resolve(import.meta.dirname, '..')
await runnerImport(resolve(file), { configFile: false, root, logLevel: 'error' })
