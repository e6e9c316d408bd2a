// Body of `npm run bench:export` (see bench/export.ts). argv: dbFile
// The CSV export of every appointment (live and archived) through the export engine and the
// report reader: rows/s, the host's memory growth while it streams (sampled RSS and heap), and
// bookings' p99 while it runs against idle, in the same run.
import { readFileSync, statSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { exportAppointments } from '../src/main/services/exports/run'
import { ADMIN, benchHost, bookOneByOne, machine, must, pct } from './bench-host'

const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 300)
/** Rows per page read (the engine's PAGE_ROWS unless set): for finding where memory goes. */
const PAGE_ROWS = process.env.BENCH_PAGE_ROWS ? Number(process.env.BENCH_PAGE_ROWS) : undefined
/** Set to measure the export alone, without the bookings' part. */
const EXPORT_ONLY = process.env.BENCH_EXPORT_ONLY === '1'
class Done extends Error {}
const file = process.argv[2]
if (!file) throw new Error('usage: export-run <db>')
const { database, dispatch } = benchHost(file)
const out = join(dirname(file), 'all.csv')

/**
 * Anonymous resident memory (heap, buffers, the worker's), in bytes, from /proc: RSS also counts
 * the file pages the report reader maps (mmap_size in REPORT_PRAGMAS), which are the OS's page
 * cache shared with every reader of the file, not memory the export holds.
 */
const rssAnon = (): number => {
  const m = /RssAnon:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))
  return m ? Number(m[1]) * 1024 : NaN
}

/** Runs the whole-history export; memory sampled every 50 ms above the level before it started. */
async function exportAll(onPage?: () => void) {
  global.gc?.()
  const rss0 = process.memoryUsage().rss
  const heap0 = process.memoryUsage().heapUsed
  let rssMax = rss0
  let heapMax = heap0
  const anon0 = rssAnon()
  let anonMax = anon0
  const sampler = setInterval(() => {
    const m = process.memoryUsage()
    rssMax = Math.max(rssMax, m.rss)
    heapMax = Math.max(heapMax, m.heapUsed)
    anonMax = Math.max(anonMax, rssAnon())
  }, 50)
  const t0 = performance.now()
  const { rows } = await exportAppointments(
    database.reports,
    { from: '2000-01-01', to: '2099-12-31', doctorIds: null, unmasked: false },
    { format: 'csv', file: out, language: 'zh-CN', onProgress: onPage, pageRows: PAGE_ROWS },
  )
  const ms = performance.now() - t0
  clearInterval(sampler)
  return {
    rows,
    ms,
    rssGrowthMb: (rssMax - rss0) / 2 ** 20,
    heapGrowthMb: (heapMax - heap0) / 2 ** 20,
    anonGrowthMb: (anonMax - anon0) / 2 ** 20,
    fileMb: statSync(out).size / 2 ** 20,
  }
}

try {
  console.log(`export on ${file}, ${machine()}`)
  const alone = await exportAll()
  console.log(
    `CSV export alone: ${alone.rows} rows in ${(alone.ms / 1000).toFixed(1)} s = ${Math.round(alone.rows / (alone.ms / 1000))} rows/s, ${alone.fileMb.toFixed(0)} MB file; growth while streaming RSS ${alone.rssGrowthMb.toFixed(1)} MB (anonymous ${alone.anonGrowthMb.toFixed(1)} MB, the rest mapped file pages), heap ${alone.heapGrowthMb.toFixed(1)} MB`,
  )
  if (EXPORT_ONLY) throw new Done()
  await must(dispatch, ADMIN, 'schedules.generate', {})
  await must(dispatch, ADMIN, 'settings.update', { onePerDoctorPerDay: true })
  const places = database.sqlite
    .prepare(
      `SELECT id FROM doctor_schedules WHERE date > date('now', '+1 day') AND booked = 0 AND status = 'AVAILABLE' ORDER BY date, doctor_id, start_time`,
    )
    .all() as { id: number }[]
  await bookOneByOne(dispatch, places, 1, 20, 'bench-export-warm')
  const idle = await bookOneByOne(dispatch, places, 1000, BOOKINGS, 'bench-export-idle')
  // Exports back to back while the same number of bookings is made.
  let exporting = true
  let runs = 0
  const loop = (async () => {
    while (exporting) {
      await exportAll()
      runs++
    }
  })()
  const busy = await bookOneByOne(dispatch, places, 20000, BOOKINGS, 'bench-export-busy')
  exporting = false
  await loop
  console.log(
    `bookings (${BOOKINGS} each): idle p50 ${pct(idle, 50).toFixed(2)} ms p99 ${pct(idle, 99).toFixed(2)} ms; during CSV exports (${runs + 1} ran) p50 ${pct(busy, 50).toFixed(2)} ms p99 ${pct(busy, 99).toFixed(2)} ms; p99 busy/idle ${(pct(busy, 99) / pct(idle, 99)).toFixed(2)}`,
  )
  console.log(`after: ${machine()}`)
} catch (error) {
  if (!(error instanceof Done)) throw error
} finally {
  await database.close()
}
