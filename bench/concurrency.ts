// npm run bench:concurrency — many desks booking at once: the real ClinicDesk host in browser mode
// against the original design note's booking (SELECT … FOR UPDATE, queue number = max + 1) on a
// throw-away PostgreSQL cluster through node-postgres, driven by the same WebSocket clients (1, 4,
// 8, 32, one call in flight each) in the same run, on three scenarios (bench/concurrency-scenarios.ts).
// Prints bookings/s, p50/p99 latency, host CPU per booking, duplicate queue numbers and bookings
// beyond quota for each, the ratios, whether the targets are met, and last
// "concurrency ws/original: <ratio>" (the lowest at 8 and 32 clients over the scenarios).
//   BENCH_CLIENTS=1,4,8,32  BENCH_CALLS=600 (per run of the quota-100 and uncontended scenarios)
//   BENCH_WARM=40 (bookings before each window, elsewhere)  BENCH_PG_BIN=/usr/lib/postgresql/15/bin
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bundleWorker } from '../tests/concurrency/bundle-worker'
import { machine, pct } from './bench-host'
import { bookWindow, type BenchClient } from './concurrency-clients'
import type { Clinic } from './concurrency-clinic'
import { SCENARIOS, type Scenario } from './concurrency-scenarios'
import { clinicDesk, loadOriginal, originalDesign, type System } from './concurrency-systems'
import { startIpcChild } from './ipc-child'
import { startPgCluster, type PgCluster } from './pg-cluster'

const CLIENTS = (process.env.BENCH_CLIENTS ?? '1,4,8,32').split(',').map(Number)
const CALLS = Number(process.env.BENCH_CALLS ?? 600)
const WARM = Number(process.env.BENCH_WARM ?? 40)
/** Enough that no doctor-day sees a patient twice in a run (hot × 5 sells out in < 1,000 calls). */
const PATIENTS = Math.max(CALLS, 1000)

interface Figures {
  readonly perSecond: number
  readonly callsPerSecond: number
  readonly p50: number
  readonly p99: number
  /** Host CPU ms per booking; dbCpu: the database server's, when it is another process. */
  readonly cpu: number
  readonly dbCpu: number
  readonly duplicates: number
  readonly overbooked: number
  readonly problems: string[]
}

async function measure(
  running: Awaited<ReturnType<System['start']>>,
  scenario: Scenario,
  clinic: Clinic,
): Promise<Figures> {
  const n = running.clients.length
  const { pick, refused } = scenario.plan(clinic, n, CALLS)
  const before = await running.cpu()
  const w = await bookWindow(running.clients, pick, clinic.patients, (band, code) => {
    if (code === 'SLOT_TAKEN') refused(band)
  })
  const after = await running.cpu()
  const checked = await running.check(scenario.bands(clinic))
  const problems: string[] = []
  const unexpected = Object.entries(w.refused).filter(
    ([code]) => code !== 'SLOT_TAKEN' || !scenario.exactly,
  )
  if (unexpected.length > 0)
    problems.push(`refused ${JSON.stringify(Object.fromEntries(unexpected))}`)
  const exactly = scenario.exactly?.(clinic)
  if (exactly !== undefined && w.booked !== exactly)
    problems.push(`${w.booked} booked, not ${exactly}`)
  if (checked.rows !== w.booked) problems.push(`${checked.rows} rows for ${w.booked} acknowledged`)
  return {
    perSecond: (w.booked / w.ms) * 1000,
    callsPerSecond: (w.calls / w.ms) * 1000,
    p50: pct(w.latencies, 50),
    p99: pct(w.latencies, 99),
    cpu: (after.host - before.host) / w.booked,
    dbCpu: (after.db - before.db) / w.booked,
    duplicates: checked.duplicates,
    overbooked: checked.overbooked,
    problems,
  }
}

/** A few bookings on a day no scenario uses, from every client, so the window starts warm. */
async function warmUp(clients: readonly BenchClient[], clinic: Clinic): Promise<void> {
  let k = 0
  const warmPatients = clinic.patients.slice(-WARM - clients.length)
  await bookWindow(
    clients,
    () => (k++ < WARM + clients.length ? clinic.warm[k % 20]! : null),
    warmPatients,
  )
}

const cleanups: (() => Promise<void> | void)[] = []
const cleanUp = async (): Promise<void> => {
  for (const c of cleanups.splice(0).reverse()) await c()
}
process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)))
process.once('SIGTERM', () => void cleanUp().then(() => process.exit(143)))

const results = new Map<string, Figures>() // `${scenario}|${clients}|${system}`
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

  console.log(
    `concurrency benchmark: clients ${CLIENTS.join(', ')}; ${CALLS} calls per run (hot × 100, uncontended), ` +
      `${PATIENTS} patients; SQLite WAL + synchronous=FULL vs PostgreSQL 15 fsync + synchronous_commit on; ${machine()}`,
  )
  console.log(
    'scenario            clients  system                 bookings/s  calls/s  p50 ms  p99 ms  CPU ms/booking (host + db)  dup  over',
  )
  for (const n of CLIENTS) {
    for (const system of systems) {
      const running = await system.start(n)
      try {
        await warmUp(running.clients, clinic)
        for (const scenario of SCENARIOS) {
          const f = await measure(running, scenario, clinic)
          results.set(`${scenario.name}|${n}|${system.name}`, f)
          console.log(
            `${scenario.name.padEnd(20)}${String(n).padStart(7)}  ${system.name.padEnd(21)}` +
              `${f.perSecond.toFixed(0).padStart(11)}${f.callsPerSecond.toFixed(0).padStart(9)}` +
              `${f.p50.toFixed(2).padStart(8)}${f.p99.toFixed(2).padStart(8)}` +
              `   ${f.cpu.toFixed(3)}${f.dbCpu > 0 ? ` + ${f.dbCpu.toFixed(3)} = ${(f.cpu + f.dbCpu).toFixed(3)}` : ''}`.padEnd(
                30,
              ) +
              `${String(f.duplicates).padStart(3)}${String(f.overbooked).padStart(6)}` +
              (f.problems.length > 0 ? `  PROBLEM: ${f.problems.join('; ')}` : ''),
          )
        }
      } finally {
        await running.stop()
      }
    }
  }
} finally {
  await cleanUp()
}

const [ours, theirs] = ['ClinicDesk', 'original (PostgreSQL)']
const get = (s: string, n: number, system: string) => results.get(`${s}|${n}|${system}`)!
console.log('ratios, ClinicDesk / original bookings/s:')
for (const s of SCENARIOS)
  console.log(
    `  ${s.name.padEnd(20)}` +
      CLIENTS.map(
        (n) =>
          `${n}: ${(get(s.name, n, ours).perSecond / get(s.name, n, theirs).perSecond).toFixed(2)}`,
      ).join('   '),
  )
const wide = CLIENTS.filter((n) => n >= 8)
const ratios = SCENARIOS.flatMap((s) =>
  wide.map((n) => get(s.name, n, ours).perSecond / get(s.name, n, theirs).perSecond),
)
const ourRuns = [...results].filter(([k]) => k.endsWith(`|${ours}`)).map(([, f]) => f)
const met = (ok: boolean) => (ok ? 'met' : 'NOT met')
const low = Math.min(...ratios)
console.log(`targets:`)
console.log(
  `  ≥ 1.5× the original at 8 and 32 clients, every scenario: ${met(low >= 1.5)} (lowest ${low.toFixed(2)})`,
)
const dup = ourRuns.reduce((s, f) => s + f.duplicates, 0)
const over = ourRuns.reduce((s, f) => s + f.overbooked, 0)
const problems = ourRuns.reduce((s, f) => s + f.problems.length, 0)
console.log(
  `  0 duplicate queue numbers, 0 bookings beyond quota, every check passed: ${met(dup + over + problems === 0)} (${dup} duplicates, ${over} overbooked, ${problems} failed checks)`,
)
if (CLIENTS.includes(1) && CLIENTS.includes(8)) {
  const grows = SCENARIOS.map(
    (s) =>
      `${s.name} ${get(s.name, 1, ours).perSecond.toFixed(0)} → ${get(s.name, 8, ours).perSecond.toFixed(0)}`,
  )
  const ok = SCENARIOS.every((s) => get(s.name, 8, ours).perSecond > get(s.name, 1, ours).perSecond)
  console.log(`  throughput grows from 1 to 8 clients: ${met(ok)} (${grows.join(', ')} /s)`)
}
const worstCpu = Math.max(...ourRuns.map((f) => f.cpu))
console.log(
  `  host CPU per booking ≤ 0.4 ms: ${met(worstCpu <= 0.4)} (worst ${worstCpu.toFixed(3)} ms)`,
)
if (CLIENTS.includes(1))
  console.log(
    `  one client alone (compare with today's figure in docs/PERFORMANCE.md): ${SCENARIOS.map((s) => `${s.name} ${get(s.name, 1, ours).perSecond.toFixed(0)} /s`).join(', ')}`,
  )
console.log(`concurrency ws/original: ${low.toFixed(2)}`)
