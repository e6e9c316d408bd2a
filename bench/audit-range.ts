// npm run bench:audit-range — audit.list with a time range, through the host's dispatcher, on a
// long audit log: SQLite (the rowid bisection, services/audit/range.ts) against PostgreSQL (no
// bisection there since 2026-12-03: the listing's `at` predicates along the primary key), in the
// same run on the same rows. Ranges: the newest day, a day in the middle, the oldest day.
// A throw-away cluster (bench/pg-cluster.ts), stopped at the end. A benchmark, not a test: the
// figures depend on the machine's load (printed beside them).
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Caller } from '../src/shared/roles'
import { createHost, type Host } from '../src/main/host/create-host'
import { startPgCluster } from './pg-cluster'

const ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 200_000)
const REPEAT = Number(process.env.BENCH_REPEAT ?? 30)
const ADMIN: Caller = { role: 'admin', label: 'bench-admin' }
const START = Date.UTC(2024, 0, 1)
/** One row every 5 minutes: 200,000 rows are about 694 days of a busy desk. */
const STEP_MS = 5 * 60_000
const dayOf = (i: number): string => new Date(START + i * STEP_MS).toISOString().slice(0, 10)

async function fill(host: Host): Promise<void> {
  const db = host.database.units.db
  for (let i = 0; i < ROWS; i += 1000) {
    const n = Math.min(1000, ROWS - i)
    await db
      .insertInto('audit_log')
      .values(
        Array.from({ length: n }, (_, k) => ({
          id: i + k + 1,
          at: new Date(START + (i + k) * STEP_MS).toISOString(),
          actor: `staff#${((i + k) % 5) + 1}`,
          staff_id: ((i + k) % 5) + 1,
          action: 'rooms.create',
          entity: 'room',
          entity_id: i + k + 1,
        })),
      )
      .execute()
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function measure(host: Host, day: string): Promise<number> {
  const times: number[] = []
  for (let r = 0; r < REPEAT; r++) {
    const t = process.hrtime.bigint()
    const page = await host.client.must(ADMIN, 'audit.list', { from: day, to: day, limit: 50 })
    times.push(Number(process.hrtime.bigint() - t) / 1e6)
    if (page.rows.length !== 50) throw new Error(`${day}: ${page.rows.length} rows, not 50`)
  }
  return median(times)
}

const ranges = { newest: dayOf(ROWS - 300), middle: dayOf(ROWS / 2), oldest: dayOf(10) }
const cluster = await startPgCluster()
const dirs = [
  mkdtempSync(join(tmpdir(), 'bench-audit-')),
  mkdtempSync(join(tmpdir(), 'bench-audit-')),
]
try {
  const sqlite = await createHost({ dataDir: dirs[0]! })
  const postgres = await createHost({ dataDir: dirs[1]!, databaseUrl: cluster.url('postgres') })
  try {
    await fill(sqlite)
    await fill(postgres)
    console.log(`audit.list, one day (50 rows), median of ${REPEAT}, ${ROWS} audit rows`)
    console.log(
      `load average before: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    )
    // One untimed round each first: the first calls pay for compiling and a cold cache.
    for (const day of Object.values(ranges))
      await measure(sqlite, day).then(() => measure(postgres, day))
    for (const [name, day] of Object.entries(ranges)) {
      const a = await measure(sqlite, day)
      const b = await measure(postgres, day)
      console.log(
        `${name.padEnd(7)} ${day}  SQLite ${a.toFixed(2)} ms  PostgreSQL ${b.toFixed(2)} ms  ×${(b / a).toFixed(1)}`,
      )
    }
    console.log(
      `load average after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    )
  } finally {
    await sqlite.close()
    await postgres.close()
  }
} finally {
  cluster.stop()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
}
