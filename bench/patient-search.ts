/**
 * Patient search: p50/p99 of patients.search through the host's dispatcher (validation,
 * authorization, service, kysely) against the very same SQL run bare through a cached
 * better-sqlite3 statement, in the same run, on the same database.
 *
 *   npm run bench:patients            builds a 100,000-patient database in a temp folder first
 *   npm run bench:patients -- FILE    the same, keeping the database in FILE (built if missing)
 *   benchPatientSearch(file)          the same measurements on an existing database
 */
import type { Statement } from 'better-sqlite3'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Caller } from '../src/shared/roles'
import { systemClock } from '../src/main/db/clock'
import { openDatabase } from '../src/main/db/open'
import { Writer } from '../src/main/db/write'
import { createDispatcher } from '../src/main/host/dispatcher'
import { EventBus } from '../src/main/host/event-bus'
import { handlers } from '../src/main/services'
import { searchSql } from '../src/main/services/patients/search'
import { insertPatients, type SearchSample as Sample } from './patient-data'

const DESK: Caller = { role: 'reception', label: 'bench-desk' }
const PATIENTS = 100_000
const SAMPLES = 150
const ROUNDS = 3

/** What a desk types, built from a real patient of the database. */
const QUERY_KINDS: Record<string, (p: Sample) => string | null> = {
  initials: (p) => p.initials,
  'pinyin (full)': (p) => p.pinyin,
  'pinyin (typing, 4 letters)': (p) => p.pinyin.slice(0, 4),
  'name (whole)': (p) => p.name,
  'name (given name, substring)': (p) => p.name.slice(1),
  'phone (last 4)': (p) => p.phone?.slice(-4) ?? null,
  'phone (whole)': (p) => p.phone,
  'ID number (whole)': (p) => p.id_number,
  'ID number (last 6)': (p) => p.id_number?.slice(-6) ?? null,
  'ID number (first 10: region and birth year)': (p) => p.id_number?.slice(0, 10) ?? null,
  'ID number (first 6: region only)': (p) => p.id_number?.slice(0, 6) ?? null,
}

export async function benchPatientSearch(dbFile: string): Promise<void> {
  const baselineRssMb = (process.memoryUsage().rss / 1024 / 1024).toFixed(0)
  const database = openDatabase(dbFile)
  try {
    const { sqlite, read, snapshots } = database
    const dispatch = createDispatcher(handlers, {
      read,
      snapshots,
      writer: new Writer(database, new EventBus(), systemClock),
      clock: systemClock,
    })
    const total = (sqlite.prepare('select count(*) as n from patients').get() as { n: number }).n
    const samples = sqlite
      .prepare(
        'select name, pinyin, initials, phone, id_number from patients order by random() limit ?',
      )
      .all(SAMPLES) as Sample[]
    const queries: { kind: string; q: string }[] = []
    for (const sample of samples) {
      for (const [kind, make] of Object.entries(QUERY_KINDS)) {
        const q = make(sample)
        if (q) queries.push({ kind, q })
      }
    }

    // The bare baseline: the same SQL, compiled and prepared before the clock starts (that work is the host's, not SQLite's).
    const statements = new Map<string, Statement>()
    const bareQueries = new Map<string, { statement: Statement; parameters: unknown[] }>()
    for (const { q } of queries) {
      const compiled = (await searchSql(q, 10))!
      if (!statements.has(compiled.sql)) statements.set(compiled.sql, sqlite.prepare(compiled.sql))
      bareQueries.set(q, {
        statement: statements.get(compiled.sql)!,
        parameters: [...compiled.parameters],
      })
    }
    const runBare = (q: string): unknown[] => {
      const { statement, parameters } = bareQueries.get(q)!
      return statement.all(...parameters)
    }

    let found = 0
    for (const { q } of queries) {
      const result = await dispatch(DESK, 'patients.search', { q })
      if (!result.ok) throw new Error(`patients.search "${q}" failed: ${result.error.message}`)
      found += (result.value as unknown[]).length > 0 ? 1 : 0
      runBare(q)
    }

    // Wall time is what the desk feels; CPU time is the same work without the waits a busy
    // machine adds (the shared build machines run other jobs), so both are reported.
    const host = new Timings()
    const raw = new Timings()
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, { kind, q }] of queries.entries()) {
        const measureHost = () => host.measure(kind, () => dispatch(DESK, 'patients.search', { q }))
        const measureRaw = () => raw.measure(kind, async () => runBare(q))
        // Alternate which goes first so neither always gets the warmer cache.
        if ((i + round) % 2 === 0) await measureHost().then(measureRaw)
        else await measureRaw().then(measureHost)
      }
    }

    console.log(
      `patient search on ${total.toLocaleString('en')} patients: ${queries.length} queries (${found} with hits) × ${ROUNDS} rounds; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${availableParallelism()} cores`,
    )
    console.log(
      `${'query'.padEnd(29)}${'host p50'.padStart(10)}${'host p99'.padStart(10)}${'bare p50'.padStart(10)}${'bare p99'.padStart(10)}  (wall ms)  host/bare p50`,
    )
    const row = (label: string, h: number[], r: number[]) =>
      console.log(
        `${label.padEnd(29)}${ms(pct(h, 50))}${ms(pct(h, 99))}${ms(pct(r, 50))}${ms(pct(r, 99))}  ${' '.repeat(11)}${(pct(h, 50) / pct(r, 50)).toFixed(2)}×`,
      )
    for (const kind of Object.keys(QUERY_KINDS))
      if (host.wall[kind]) row(kind, host.wall[kind], raw.wall[kind]!)
    row('all (wall)', host.all('wall'), raw.all('wall'))
    row('all (CPU time)', host.all('cpu'), raw.all('cpu'))
    console.log(
      `peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (this process, Vite's module runner included: ${baselineRssMb} MB before the database was opened)`,
    )
    console.log(
      `patient search p99 (wall / CPU): host ${ms(pct(host.all('wall'), 99)).trim()} / ${ms(pct(host.all('cpu'), 99)).trim()}, bare ${ms(pct(raw.all('wall'), 99)).trim()} / ${ms(pct(raw.all('cpu'), 99)).trim()}`,
    )
  } finally {
    await database.close()
  }
}

/** Wall and CPU milliseconds per query kind. */
class Timings {
  readonly wall: Record<string, number[]> = {}
  readonly cpu: Record<string, number[]> = {}
  async measure(kind: string, work: () => Promise<unknown>): Promise<void> {
    const cpu0 = process.cpuUsage()
    const t0 = performance.now()
    await work()
    const wall = performance.now() - t0
    const cpu = process.cpuUsage(cpu0)
    ;(this.wall[kind] ??= []).push(wall)
    ;(this.cpu[kind] ??= []).push((cpu.user + cpu.system) / 1000)
  }
  all(which: 'wall' | 'cpu'): number[] {
    return Object.values(this[which]).flat()
  }
}

const pct = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}
const ms = (value: number): string => value.toFixed(3).padStart(10)

/** Builds a 100,000-patient database in `file`, timed. */
async function buildDatabase(file: string): Promise<void> {
  const t0 = performance.now()
  const cpu0 = process.cpuUsage()
  const database = openDatabase(file)
  insertPatients(database.sqlite, PATIENTS)
  database.sqlite.exec('ANALYZE')
  await database.close()
  const cpu = process.cpuUsage(cpu0)
  console.log(
    `built ${PATIENTS.toLocaleString('en')} patients in ${((performance.now() - t0) / 1000).toFixed(1)} s (${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU)`,
  )
}

/** With a file argument the database is kept there (built first if missing), so re-runs skip the build. */
async function main(): Promise<void> {
  const kept = process.argv[2]
  if (kept) {
    if (!existsSync(kept)) await buildDatabase(kept)
    return benchPatientSearch(kept)
  }
  const dir = mkdtempSync(join(tmpdir(), 'clinicdesk-bench-patients-'))
  try {
    const file = join(dir, 'clinic.sqlite')
    await buildDatabase(file)
    await benchPatientSearch(file)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main()
