// npm run bench:startup — how long the host takes, from its process starting, to answer its first
// HTTP request and its first auth.status, on the 1M-appointment database (bench/generate-db.ts,
// built when missing; CLINIC_BENCH_DB or argv[2] names another). "Cold": the first start on a data
// folder holding that file and no backups yet; "warm": a restart on it. Median of 5 of each.
// The host is the real browser-mode entry (src/main/serve.ts) as one bundle under plain node.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bundleWorker } from '../tests/concurrency/bundle-worker'
import { machine } from './bench-host'
import { benchDbFile, generateDb } from './generate-db'
import { startOnce, type Start } from './startup-probe'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const source = process.argv[2] ?? benchDbFile()
if (!existsSync(source)) {
  const t = generateDb(source)
  console.log(`built ${source} in ${(t.totalMs / 1000).toFixed(1)} s`)
}
const median = (list: readonly number[]): number => {
  const sorted = [...list].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}
const show = (label: string, runs: readonly Start[]): void =>
  console.log(
    `${label}: first HTTP ${median(runs.map((r) => r.httpMs)).toFixed(0)} ms, first auth.status ` +
      `${median(runs.map((r) => r.statusMs)).toFixed(0)} ms (median of ${runs.length}; each: ` +
      `${runs.map((r) => r.statusMs.toFixed(0)).join(', ')})`,
  )

const entry = await bundleWorker('src/main/serve.ts')
const cold: Start[] = []
const warm: Start[] = []
try {
  for (let i = 0; i < RUNS; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'clinicdesk-startup-'))
    try {
      // A copy per run: each cold start meets a data folder with no backups and a file it never saw.
      copyFileSync(source, join(dir, 'clinic.sqlite'))
      cold.push(await startOnce(entry, dir))
      warm.push(await startOnce(entry, dir))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
} finally {
  rmSync(join(entry, '..'), { recursive: true, force: true })
}
console.log(`start-up on ${source} (${machine()})`)
show('cold', cold)
show('warm', warm)
console.log(
  `startup cold/warm auth.status median: ${median(cold.map((r) => r.statusMs)).toFixed(0)} / ${median(warm.map((r) => r.statusMs)).toFixed(0)} ms`,
)
