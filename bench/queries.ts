// npm run bench:queries — p50/p99 of slots.forDoctorDay and queue.forDoctorDay through the
// dispatcher against the same reads as raw SQL, on the 1M-appointment database (built first by
// bench/generate-db.ts when missing), then the patient search (bench/patient-search.ts).
import { existsSync } from 'node:fs'
import { benchDbFile, generateDb } from './generate-db'
import { runBundled } from './run-bundled'

const file = benchDbFile()
if (!existsSync(file)) {
  const t = generateDb(file)
  console.log(`built ${file} in ${(t.totalMs / 1000).toFixed(1)} s`)
}
await runBundled('bench/queries-run.ts', [file])
