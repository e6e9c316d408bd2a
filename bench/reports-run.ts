// Body of `npm run bench:reports` (see bench/reports.ts). argv: dbFile
import BetterSqlite3 from 'better-sqlite3'
import { plusDays } from '../src/main/services/common/calendar'
import { REPORT_PRAGMAS } from '../src/main/db/report-reader'
import { ADMIN, benchHost, bookOneByOne, machine, must, pct, peakRssMb, timeMs } from './bench-host'

const MONTH_RUNS = Number(process.env.BENCH_MONTH_RUNS ?? 30)
const YEAR_RUNS = Number(process.env.BENCH_YEAR_RUNS ?? 5)
const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 300)

const file = process.argv[2]
if (!file) throw new Error('usage: reports-run <db>')
const { database, dispatch } = benchHost(file)
const raw = new BetterSqlite3(file, { readonly: true, fileMustExist: true })
for (const p of REPORT_PRAGMAS) raw.pragma(p)

const last = (
  raw
    .prepare('SELECT max(date) AS d FROM appointments WHERE date < ?')
    .get(new Date().toISOString().slice(0, 10)) as { d: string }
).d
const MONTH = { from: plusDays(last, -30), to: last, period: 'day', by: 'doctor' } as const
const YEAR = { from: plusDays(last, -364), to: last, period: 'month', by: 'doctor' } as const

/**
 * The same figures as hand-written SQL on a bare read-only connection in this thread, one read
 * transaction, no kysely, no worker, no dispatcher, no folding into the contract's rows (only the
 * percentiles' sort, as the reader does it): what a report costs with no host around it.
 * `period` is the SQL that maps a.date to its period (the day itself, or the month).
 */
function rawReport(from: string, to: string, period: string): number {
  const both = (select: (t: string) => string) =>
    `${select('appointments')} UNION ALL ${select('appointments_archive')}`
  const statements = [
    `SELECT period, key, source, status, reason, sum(n) FROM (${both(
      (
        t,
      ) => `SELECT ${period} AS period, doctor_id AS key, source, status, cancel_reason AS reason, count(*) AS n
        FROM ${t} a WHERE date >= $from AND date <= $to GROUP BY 1, 2, 3, 4, 5`,
    )}) GROUP BY 1, 2, 3, 4, 5`,
    `SELECT period, key, sum(o), sum(u) FROM (${['doctor_schedules', 'doctor_schedules_archive']
      .map(
        (
          t,
        ) => `SELECT ${period} AS period, doctor_id AS key, sum(quota) AS o, sum(booked) AS u FROM ${t} a
          WHERE date >= $from AND date <= $to AND status <> 'CLOSED' GROUP BY 1, 2`,
      )
      .join(' UNION ALL ')}) GROUP BY 1, 2`,
    `SELECT day, hour, sum(n) FROM (
       SELECT a.date AS day, substr(s.start_time, 1, 2) AS hour, count(*) AS n FROM appointments a JOIN doctor_schedules s ON s.id = a.slot_id
         WHERE a.date >= $from AND a.date <= $to AND a.status <> 'CANCELED' GROUP BY 1, 2
       UNION ALL SELECT date, substr(start_time, 1, 2), count(*) FROM appointments_archive
         WHERE date >= $from AND date <= $to AND status <> 'CANCELED' GROUP BY 1, 2) GROUP BY 1, 2`,
    `SELECT count(*), sum(CASE WHEN f.first_date < $from THEN 1 ELSE 0 END)
      FROM (SELECT patient_id FROM appointments WHERE date >= $from AND date <= $to AND status <> 'CANCELED'
            UNION SELECT patient_id FROM appointments_archive WHERE date >= $from AND date <= $to AND status <> 'CANCELED') p
      LEFT JOIN patient_first_visits f ON f.patient_id = p.patient_id`,
  ]
  // Waits and visit lengths: one scan, then nearest rank over each group's sorted durations.
  const durations = `${both(
    (
      t,
    ) => `SELECT ${period} AS period, doctor_id AS key, unixepoch(called_at) - unixepoch(checked_in_at),
      unixepoch(completed_at) - unixepoch(started_at) FROM ${t} a
      WHERE date >= $from AND date <= $to AND (called_at IS NOT NULL OR completed_at IS NOT NULL)`,
  )}`
  let rows = 0
  raw.exec('BEGIN')
  for (const s of statements) rows += raw.prepare(s).all({ from, to }).length
  const groups = new Map<string, [number[], number[]]>()
  for (const [p, k, w, v] of raw.prepare(durations).raw(true).all({ from, to }) as [
    string,
    number,
    number | null,
    number | null,
  ][]) {
    const id = `${p}|${k}`
    let g = groups.get(id)
    if (!g) groups.set(id, (g = [[], []]))
    if (w !== null) g[0].push(w)
    if (v !== null) g[1].push(v)
  }
  const ranks: (number | undefined)[] = []
  for (const g of groups.values())
    for (const list of g) {
      const n = list.sort((a, b) => a - b).length
      ranks.push(list[Math.floor((n + 1) / 2) - 1], list[Math.floor((9 * n + 9) / 10) - 1])
    }
  rows += ranks.length
  raw.exec('COMMIT')
  return rows
}

const full = (input: typeof MONTH | typeof YEAR) => must(dispatch, ADMIN, 'reports.summary', input)

/**
 * CPU ms of the whole process (every thread: the report reader's worker too) over fn: what the
 * report costs when it has the cores to itself, which wall time on two shared cores does not show.
 */
async function cpu(fn: () => unknown): Promise<number> {
  const c = process.cpuUsage()
  await fn()
  const d = process.cpuUsage(c)
  return (d.user + d.system) / 1000
}

async function compare(name: string, input: typeof MONTH | typeof YEAR, runs: number) {
  const period = input.period === 'day' ? 'a.date' : 'substr(a.date, 1, 7)'
  // One of each first: both paths' statements prepared, the pages in the cache.
  await full(input)
  rawReport(input.from, input.to, period)
  const fullMs: number[] = []
  const rawMs: number[] = []
  const fullCpu: number[] = []
  const rawCpu: number[] = []
  for (let i = 0; i < runs; i++) {
    let wall = 0
    fullCpu.push(await cpu(async () => (wall = await timeMs(() => full(input)))))
    fullMs.push(wall)
    rawCpu.push(
      await cpu(async () => (wall = await timeMs(() => rawReport(input.from, input.to, period)))),
    )
    rawMs.push(wall)
  }
  const median = (l: number[]) => pct(l, 50)
  const ratio = median(fullMs) / median(rawMs)
  console.log(
    `${name} (${input.from}..${input.to} by ${input.period} × doctor, ${runs} runs): full path median ${median(fullMs).toFixed(0)} ms p99 ${pct(fullMs, 99).toFixed(0)} ms, CPU median ${median(fullCpu).toFixed(0)} ms; raw SQL median ${median(rawMs).toFixed(0)} ms p99 ${pct(rawMs, 99).toFixed(0)} ms, CPU median ${median(rawCpu).toFixed(0)} ms; full/raw wall ${ratio.toFixed(2)}, CPU ${(median(fullCpu) / median(rawCpu)).toFixed(2)}`,
  )
  return { ratio, p99: pct(fullMs, 99) }
}

try {
  console.log(`reports on ${file}, ${machine()}`)
  const month = await compare('month', MONTH, MONTH_RUNS)
  const year = await compare('year', YEAR, YEAR_RUNS)

  await must(dispatch, ADMIN, 'schedules.generate', {})
  await must(dispatch, ADMIN, 'settings.update', { onePerDoctorPerDay: true })
  const places = database.sqlite
    .prepare(
      `SELECT id FROM doctor_schedules WHERE date > date('now', '+1 day') AND booked = 0 AND status = 'AVAILABLE' ORDER BY date, doctor_id, start_time`,
    )
    .all() as { id: number }[]
  await bookOneByOne(dispatch, places, 1, 20, 'bench-reports-warm')
  const idle = await bookOneByOne(dispatch, places, 1000, BOOKINGS, 'bench-reports-idle')
  // Year reports back to back while the same number of bookings is made.
  let reporting = true
  let reportsRun = 0
  const loop = (async () => {
    while (reporting) {
      await full(YEAR)
      reportsRun++
    }
  })()
  const busy = await bookOneByOne(dispatch, places, 20000, BOOKINGS, 'bench-reports-busy')
  reporting = false
  await loop
  const ratio = pct(busy, 99) / pct(idle, 99)
  console.log(
    `bookings (${BOOKINGS} each): idle p50 ${pct(idle, 50).toFixed(2)} ms p99 ${pct(idle, 99).toFixed(2)} ms; during year reports (${reportsRun} ran) p50 ${pct(busy, 50).toFixed(2)} ms p99 ${pct(busy, 99).toFixed(2)} ms; p99 busy/idle ${ratio.toFixed(2)}`,
  )
  console.log(`peak RSS ${peakRssMb()} MB`)
  console.log(
    `reports full/raw: month ${month.ratio.toFixed(2)}, year ${year.ratio.toFixed(2)}; month p99 ${month.p99.toFixed(0)} ms`,
  )
} finally {
  raw.close()
  await database.close()
}
