// npm run bench:pg — ClinicDesk on PostgreSQL with 1, 2 and 4 hosts (each its own process, one
// database) against the original design note's approach (SELECT … FOR UPDATE, queue number =
// max + 1) on the same throw-away cluster, in the same run, with the same WebSocket clients
// (bench/concurrency-clients.ts) and scenarios (bench/concurrency-scenarios.ts; issue 15 part 7:
// 20 hot bands × quota 100, and uncontended bands; hot × 5 too, whose 100 places must sell exactly).
// Prints one line per run, then the ratios and the targets; the cross-host live-update latency is
// bench:pg-feed. A broken invariant (duplicates, overbooking, a failed check) fails the run.
//   BENCH_CLIENTS=8,32  BENCH_HOSTS=1,2,4  BENCH_CALLS=600  BENCH_WARM=40  BENCH_PG_BIN=…
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { bundleWorker } from '../tests/concurrency/bundle-worker'
import { machine } from './bench-host'
import { measure, warmUp } from './concurrency-measure'
import { HEADER, row, type Figures } from './concurrency-report'
import { SCENARIOS } from './concurrency-scenarios'
import { loadOriginal, originalDesign, type System } from './concurrency-systems'
import { startPgCluster } from './pg-cluster'
import { clinicDeskOnPg, prepareOnPg } from './pg-hosts'

const CLIENTS = (process.env.BENCH_CLIENTS ?? '8,32').split(',').map(Number)
const HOSTS = (process.env.BENCH_HOSTS ?? '1,2,4').split(',').map(Number)
const CALLS = Number(process.env.BENCH_CALLS ?? 600)
const WARM = Number(process.env.BENCH_WARM ?? 40)
const PATIENTS = Math.max(CALLS, 1000)

const cleanups: (() => Promise<void> | void)[] = []
const cleanUp = async (): Promise<void> => {
  for (const c of cleanups.splice(0).reverse()) await c()
}
process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)))

const results = new Map<string, Figures>() // by `${scenario}|${clients}|${system}`
let broken = 0
try {
  const hostFile = await bundleWorker('bench/concurrency-host.ts')
  const serverFile = await bundleWorker('bench/original-server.ts')
  for (const f of [hostFile, serverFile])
    cleanups.push(() => rmSync(join(f, '..'), { recursive: true, force: true }))
  const cluster = await startPgCluster()
  cleanups.push(() => cluster.stop())
  const clinic = await prepareOnPg(hostFile, cluster, PATIENTS)
  await loadOriginal(cluster, clinic)
  const original = originalDesign(serverFile, cluster)
  const systems: System[] = [original, ...HOSTS.map((k) => clinicDeskOnPg(hostFile, cluster, k))]
  console.log(
    `bench:pg — clients ${CLIENTS.join(', ')}; hosts ${HOSTS.join(', ')}; ${CALLS} calls per run; ` +
      `PostgreSQL 15, fsync on, synchronous_commit on; ${machine()}`,
  )
  console.log(HEADER)
  for (const n of CLIENTS)
    for (const system of systems) {
      const running = await system.start(n)
      try {
        await warmUp(running.clients, clinic, WARM)
        for (const scenario of SCENARIOS) {
          const f = await measure(running, scenario, clinic, CALLS)
          // The original's duplicates are what it is measured for; ClinicDesk's would be a bug.
          if (
            system !== original &&
            (f.problems.length > 0 || f.duplicates > 0 || f.overbooked > 0)
          )
            broken++
          results.set(`${scenario.name}|${n}|${system.name}`, f)
          console.log(row(scenario.name, n, system.name, f))
        }
      } finally {
        await running.stop()
      }
    }

  console.log(`ratios, ClinicDesk on PostgreSQL / original bookings/s (${machine()}):`)
  let lowestHot = Infinity
  const growth: string[] = []
  for (const scenario of SCENARIOS)
    for (const n of CLIENTS) {
      const theirs = results.get(`${scenario.name}|${n}|${original.name}`)!.perSecond
      const ours = HOSTS.map((k) => results.get(`${scenario.name}|${n}|ClinicDesk PG × ${k}`)!)
      const ratios = ours.map((f) => f.perSecond / theirs)
      console.log(
        `  ${scenario.name.padEnd(20)}${String(n).padStart(3)} clients: ` +
          HOSTS.map((k, i) => `${k} host${k > 1 ? 's' : ''} ${ratios[i]!.toFixed(2)}`).join(', '),
      )
      if (scenario.name.startsWith('hot')) lowestHot = Math.min(lowestHot, ...ratios)
      if (scenario.name === 'uncontended')
        growth.push(`${n} clients ${ours.map((f) => f.perSecond.toFixed(0)).join(' → ')} /s`)
    }
  console.log('targets:')
  console.log(
    `  at least the original's rate on the hot bands: ${lowestHot >= 1 ? 'met' : 'NOT met'} (lowest ${lowestHot.toFixed(2)})`,
  )
  console.log(
    `  ClinicDesk: 0 duplicate queue numbers, 0 beyond quota, every check passed: ${broken === 0 ? 'met' : `NOT met (${broken} runs)`}`,
  )
  console.log(
    `  uncontended grows with hosts (${HOSTS.join(', ')}): ${growth.join('; ')} — read the figures`,
  )
  console.log(`pg hosts/original: ${lowestHot.toFixed(2)}`)
} finally {
  await cleanUp()
}
if (broken > 0) process.exitCode = 1
