// npm run bench:booking — bookings/s through the whole host path (dispatch, validation,
// authorization, write helper, audit, events) against a bare better-sqlite3 booking transaction,
// on a fresh database and on the 1M-appointment one (bench/generate-db.ts, built when missing).
// Last line: "booking full-path/bare: <ratio>" (the lower of the two).
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
// Booking uses up free bands: each run books into its own copy, so runs stay alike and repeatable.
const dir = mkdtempSync(join(tmpdir(), 'clinicdesk-bench-'))
copyFileSync(big, join(dir, 'big.sqlite'))
try {
  await runBundled('bench/booking-run.ts', [join(dir, 'fresh.sqlite'), join(dir, 'big.sqlite')])
} finally {
  rmSync(dir, { recursive: true, force: true })
}
