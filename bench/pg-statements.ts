// npm run bench:pg-statements — where a booking's time goes on PostgreSQL: one ClinicDesk host on a
// throw-away cluster with pg_stat_statements, a few uncontended bookings from a few clients, then
// every statement the server ran in that window with its calls per booking and its server time.
// The sum of calls per booking is the booking's round trips to the server (node-postgres sends
// one statement per round trip; BEGIN and COMMIT count).
//   BENCH_CALLS=200  BENCH_CLIENTS=4  BENCH_SCENARIO=uncontended|hot
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { bundleWorker } from '../tests/concurrency/bundle-worker'
import { machine } from './bench-host'
import { warmUp } from './concurrency-measure'
import { bookWindow } from './concurrency-clients'
import { startPgCluster } from './pg-cluster'
import { clinicDeskOnPg, prepareOnPg } from './pg-hosts'

const CALLS = Number(process.env.BENCH_CALLS ?? 200)
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4)
const SCENARIO = process.env.BENCH_SCENARIO ?? 'uncontended'

const cleanups: (() => Promise<void> | void)[] = []
try {
  const hostFile = await bundleWorker('bench/concurrency-host.ts')
  cleanups.push(() => rmSync(join(hostFile, '..'), { recursive: true, force: true }))
  const cluster = await startPgCluster({
    shared_preload_libraries: 'pg_stat_statements',
    'pg_stat_statements.track': 'all',
    track_io_timing: 'off',
  })
  cleanups.push(() => cluster.stop())
  const clinic = await prepareOnPg(hostFile, cluster, Math.max(CALLS + 100, 1000))
  const system = clinicDeskOnPg(hostFile, cluster, 1)
  const running = await system.start(CLIENTS)
  cleanups.push(() => running.stop())
  await warmUp(running.clients, clinic, 40)

  const admin = new pg.Client(system.url())
  await admin.connect()
  cleanups.push(() => admin.end())
  await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements')
  await admin.query('SELECT pg_stat_statements_reset()')
  let issued = 0
  const turn = new Array<number>(CLIENTS).fill(0)
  const w = await bookWindow(
    running.clients,
    (c) =>
      issued++ >= CALLS
        ? null
        : SCENARIO === 'hot'
          ? clinic.hot100[issued % clinic.hot100.length]!
          : clinic.uncontended[c]![turn[c]!++ % 20]!,
    clinic.patients,
  )
  const { rows } = await admin.query<{ query: string; calls: string; ms: number }>(
    `SELECT query, calls, total_exec_time + total_plan_time AS ms FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND query NOT LIKE '%pg_stat_statements%' ORDER BY calls DESC, ms DESC`,
  )
  console.log(
    `bench:pg-statements — ${SCENARIO}, ${CLIENTS} clients, ${w.booked} bookings of ${w.calls} calls ` +
      `(refused ${JSON.stringify(w.refused)}); ${machine()}`,
  )
  let perBooking = 0
  let serverMs = 0
  for (const r of rows) {
    const calls = Number(r.calls) / w.booked
    perBooking += calls
    serverMs += r.ms
    if (calls < 0.01) continue
    const text = r.query.replace(/\s+/g, ' ')
    console.log(
      `${calls.toFixed(2).padStart(6)}  ${(r.ms / Number(r.calls)).toFixed(3).padStart(7)} ms  ${text.slice(0, 150)}`,
    )
  }
  console.log(
    `statements per booking: ${perBooking.toFixed(2)}; server execution per booking ${(serverMs / w.booked).toFixed(3)} ms`,
  )
} finally {
  for (const c of cleanups.reverse()) await c()
}
