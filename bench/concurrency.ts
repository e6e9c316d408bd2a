// npm run bench:concurrency — many desks booking at once: the real ClinicDesk host in browser mode
// against the original design note's booking (SELECT … FOR UPDATE, queue number = max + 1) on a
// throw-away PostgreSQL cluster through node-postgres, driven by the same WebSocket clients (1, 4,
// 8, 32, one call in flight each) in the same run, on three scenarios (bench/concurrency-scenarios.ts).
// Prints bookings/s, p50/p99 latency, host CPU per booking, duplicate queue numbers and bookings
// beyond quota for each, the ratios, whether the targets are met, and last
// "concurrency ws/original: <ratio>" (the lowest at 8 and 32 clients over the scenarios).
//   BENCH_CLIENTS=1,4,8,32  BENCH_CALLS=600 (per run of the quota-100 and uncontended scenarios)
//   BENCH_ROUNDS=1 (more: medians reported)  BENCH_WARM=40 (bookings before each window, on another day)
//   BENCH_SCENARIOS=uncontended (names that start so; default every scenario)
//   BENCH_PG_BIN=/usr/lib/postgresql/15/bin  BENCH_CPU_PROF=folder (a V8 CPU profile of each ClinicDesk host)
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bundleWorker } from '../tests/concurrency/bundle-worker'
import { machine } from './bench-host'
import type { Clinic } from './concurrency-clinic'
import { SCENARIOS } from './concurrency-scenarios'
import { clinicDesk, loadOriginal, originalDesign } from './concurrency-systems'
import { startIpcChild } from './ipc-child'
import { startPgCluster, type PgCluster } from './pg-cluster'
import { HEADER, report, row, type Figures } from './concurrency-report'
import { measure, warmUp } from './concurrency-measure'

const CLIENTS = (process.env.BENCH_CLIENTS ?? '1,4,8,32').split(',').map(Number)
const CALLS = Number(process.env.BENCH_CALLS ?? 600)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1)
const WARM = Number(process.env.BENCH_WARM ?? 40)
const ONLY = process.env.BENCH_SCENARIOS?.split(',')
/** The scenarios of this run: BENCH_SCENARIOS picks some by the start of their names. */
const RUN = SCENARIOS.filter((s) => !ONLY || ONLY.some((o) => s.name.startsWith(o)))
/** Enough that no doctor-day sees a patient twice in a run (hot × 5 sells out in < 1,000 calls). */
const PATIENTS = Math.max(CALLS, 1000)

const cleanups: (() => Promise<void> | void)[] = []
const cleanUp = async (): Promise<void> => {
  for (const c of cleanups.splice(0).reverse()) await c()
}
process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)))
process.once('SIGTERM', () => void cleanUp().then(() => process.exit(143)))

const results = new Map<string, Figures[]>() // by `${scenario}|${clients}|${system}`
let held: boolean
const started = performance.now()
try {
  const [hostFile, serverFile] = [
    await bundleWorker('bench/concurrency-host.ts'),
    await bundleWorker('bench/original-server.ts'),
  ]
  cleanups.push(() => rmSync(join(hostFile, '..'), { recursive: true, force: true }))
  cleanups.push(() => rmSync(join(serverFile, '..'), { recursive: true, force: true }))
  const prepared = mkdtempSync(join(tmpdir(), 'clinicdesk-conc-prepared-'))
  cleanups.push(() => rmSync(prepared, { recursive: true, force: true }))
  const preparing = startIpcChild(hostFile, ['prepare', prepared, String(PATIENTS)])
  const { clinic } = await preparing.next<{ clinic: Clinic }>('prepared')
  await preparing.stop()
  const cluster: PgCluster = await startPgCluster()
  cleanups.push(() => cluster.stop())
  await loadOriginal(cluster, clinic)
  const systems = [clinicDesk(hostFile, prepared), originalDesign(serverFile, cluster)]
  const setUp = performance.now() - started

  console.log(
    `concurrency benchmark: clients ${CLIENTS.join(', ')}; ${ROUNDS} rounds; ${CALLS} calls per run (hot × 100, uncontended); ` +
      `SQLite WAL + synchronous=FULL vs PostgreSQL 15 fsync + synchronous_commit on; ${machine()}; ` +
      `set up in ${(setUp / 1000).toFixed(1)} s (bundles, ${PATIENTS} patients, cluster)`,
  )
  console.log(HEADER)
  // Every run starts from a fresh copy of the prepared clinic; the two systems take turns going
  // first, round by round, so that neither always meets the machine's same moment.
  for (let round = 0; round < ROUNDS; round++)
    for (const n of CLIENTS)
      for (const system of round % 2 ? [...systems].reverse() : systems) {
        const running = await system.start(n)
        try {
          await warmUp(running.clients, clinic, WARM)
          for (const scenario of RUN) {
            const f = await measure(running, scenario, clinic, CALLS)
            const key = `${scenario.name}|${n}|${system.name}`
            results.set(key, [...(results.get(key) ?? []), f])
            console.log(row(scenario.name, n, system.name, f))
          }
        } finally {
          await running.stop()
        }
      }
  console.log(`runs done in ${((performance.now() - started) / 1000).toFixed(1)} s, ${machine()}`)
  held = report(results, RUN, CLIENTS, ROUNDS)
} finally {
  await cleanUp()
}
// A broken invariant fails the run (figures below a target do not: they are what is measured).
if (!held) process.exitCode = 1
