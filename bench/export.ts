// npm run bench:export — the CSV export of every appointment of the 1M-appointment database
// (bench/generate-db.ts) through the export engine; see bench/export-run.ts for what it measures.
// Set CLINIC_BENCH_DB to reuse a database built by bench/generate-db.ts.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { benchDbFile, generateDb } from './generate-db'
import { runBundled } from './run-bundled'

const big = benchDbFile()
if (!existsSync(big)) {
  const t = generateDb(big)
  console.log(`built ${big} in ${(t.totalMs / 1000).toFixed(1)} s`)
}
// Bookings use up free bands: each run works on its own copy.
const dir = mkdtempSync(join(tmpdir(), 'clinicdesk-bench-'))
copyFileSync(big, join(dir, 'big.sqlite'))
try {
  await runBundled('bench/export-run.ts', [join(dir, 'big.sqlite')])
} finally {
  rmSync(dir, { recursive: true, force: true })
}
