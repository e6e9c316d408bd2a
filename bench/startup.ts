// npm run bench:startup — how long the host takes, from its process starting, to answer its first
// HTTP request and its first auth.status, on the 1M-appointment database (bench/generate-db.ts,
// built when missing; CLINIC_BENCH_DB or argv[2] names another). "Cold": the first start on a data
// folder holding that file and no backups yet; "warm": a restart on it. Median of 5 of each.
// The host is the real browser-mode entry as the build makes it (out/main/serve.js: the script
// builds first), the same modules the app loads.
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdtempSync,
  openSync,
  rmSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { machine } from './bench-host'
import { benchDbFile, generateDb } from './generate-db'
import { runBundled } from './run-bundled'
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

const entry = join(import.meta.dirname, '..', 'out', 'main', 'serve.js')
if (!existsSync(entry)) throw new Error(`${entry} is missing: npm run build first`)
// BENCH_BEFORE: an earlier build's serve.js, started in turn with this one in the same run, so
// that both meet the same load on a shared machine.
const before = process.env.BENCH_BEFORE
const builds = before ? { before, after: entry } : { after: entry }
const results = Object.fromEntries(
  Object.keys(builds).map((name) => [name, { cold: [] as Start[], warm: [] as Start[] }]),
)

/** One cold start on a fresh copy of the database, then a warm restart on the same folder. */
async function coldAndWarm(serve: string): Promise<{ cold: Start; warm: Start }> {
  const dir = mkdtempSync(join(tmpdir(), 'clinicdesk-startup-'))
  try {
    copyFileSync(source, join(dir, 'clinic.sqlite'))
    // On disk before the host starts: its start is not to pay for writing back the 318 MB copy.
    const fd = openSync(join(dir, 'clinic.sqlite'), 'r+')
    fsyncSync(fd)
    closeSync(fd)
    const cold = await startOnce(serve, dir)
    return { cold, warm: await startOnce(serve, dir) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

for (let i = 0; i < RUNS; i++) {
  for (const [name, serve] of Object.entries(builds)) {
    const { cold, warm } = await coldAndWarm(serve)
    results[name]!.cold.push(cold)
    results[name]!.warm.push(warm)
  }
}
console.log(`start-up on ${source} (${machine()})`)
for (const [name, { cold, warm }] of Object.entries(results)) {
  show(`${name === 'after' ? '' : `${name}: `}cold`, cold)
  show(`${name === 'after' ? '' : `${name}: `}warm`, warm)
}
const { cold, warm } = results.after!
console.log(
  `startup cold/warm auth.status median: ${median(cold.map((r) => r.statusMs)).toFixed(0)} / ${median(warm.map((r) => r.statusMs)).toFixed(0)} ms`,
)

// A booking's latency while a backup copies (the start-up one runs while desks book).
const scratch = mkdtempSync(join(tmpdir(), 'clinicdesk-backup-latency-'))
try {
  copyFileSync(source, join(scratch, 'clinic.sqlite'))
  await runBundled('bench/backup-latency-run.ts', [join(scratch, 'clinic.sqlite')])
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
