// How bench:concurrency prints: one line per run as it ends, then the medians over the rounds,
// the ratios, each target with whether it is met, and the last line CI-style scripts read.
import type { Scenario } from './concurrency-scenarios'

export interface Figures {
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
  /** Bookings per COMMIT on ClinicDesk (its writer's group sizes over the window). */
  readonly perCommit?: number
}
export const OURS = 'ClinicDesk'
export const THEIRS = 'original (PostgreSQL)'

export const HEADER =
  'scenario            clients  system                 bookings/s  calls/s  p50 ms  p99 ms  CPU ms/booking (host + db)  dup  over  per COMMIT'

export const row = (scenario: string, clients: number, system: string, f: Figures): string =>
  `${scenario.padEnd(20)}${String(clients).padStart(7)}  ${system.padEnd(21)}` +
  `${f.perSecond.toFixed(0).padStart(11)}${f.callsPerSecond.toFixed(0).padStart(9)}` +
  `${f.p50.toFixed(2).padStart(8)}${f.p99.toFixed(2).padStart(8)}` +
  `   ${f.cpu.toFixed(3)}${f.dbCpu > 0 ? ` + ${f.dbCpu.toFixed(3)} = ${(f.cpu + f.dbCpu).toFixed(3)}` : ''}`.padEnd(
    30,
  ) +
  `${String(f.duplicates).padStart(3)}${String(f.overbooked).padStart(6)}` +
  (f.perCommit !== undefined ? f.perCommit.toFixed(1).padStart(12) : '') +
  (f.problems.length > 0 ? `  PROBLEM: ${f.problems.join('; ')}` : '')

const median = (list: readonly number[]): number => {
  const s = [...list].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

/** The figures of several rounds of one scenario, clients and system: medians, checks summed. */
const combine = (runs: readonly Figures[]): Figures => ({
  perSecond: median(runs.map((f) => f.perSecond)),
  callsPerSecond: median(runs.map((f) => f.callsPerSecond)),
  p50: median(runs.map((f) => f.p50)),
  p99: median(runs.map((f) => f.p99)),
  cpu: median(runs.map((f) => f.cpu)),
  dbCpu: median(runs.map((f) => f.dbCpu)),
  duplicates: runs.reduce((s, f) => s + f.duplicates, 0),
  overbooked: runs.reduce((s, f) => s + f.overbooked, 0),
  problems: runs.flatMap((f) => f.problems),
  perCommit: runs.some((f) => f.perCommit === undefined)
    ? undefined
    : median(runs.map((f) => f.perCommit!)),
})

/**
 * Prints the summary and returns whether every invariant held on ClinicDesk (the targets on
 * figures are reported, not enforced: they are what the run measured).
 */
export function report(
  results: ReadonlyMap<string, Figures[]>,
  scenarios: readonly Scenario[],
  clients: readonly number[],
  rounds: number,
): boolean {
  const get = (s: string, n: number, system: string): Figures =>
    combine(results.get(`${s}|${n}|${system}`) ?? [])
  const ratio = (s: string, n: number) => get(s, n, OURS).perSecond / get(s, n, THEIRS).perSecond
  if (rounds > 1) {
    console.log(`medians over ${rounds} rounds (dup, over: summed):`)
    console.log(HEADER)
    for (const n of clients)
      for (const system of [OURS, THEIRS])
        for (const s of scenarios) console.log(row(s.name, n, system, get(s.name, n, system)))
  }
  console.log('ratios, ClinicDesk / original bookings/s:')
  for (const s of scenarios)
    console.log(
      `  ${s.name.padEnd(20)}` +
        clients.map((n) => `${n}: ${ratio(s.name, n).toFixed(2)}`).join('   '),
    )
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met')
  const wide = clients.filter((n) => n >= 8)
  const low = Math.min(...scenarios.flatMap((s) => wide.map((n) => ratio(s.name, n))))
  const ours = scenarios.flatMap((s) => clients.map((n) => get(s.name, n, OURS)))
  const dup = ours.reduce((s, f) => s + f.duplicates, 0)
  const over = ours.reduce((s, f) => s + f.overbooked, 0)
  const problems = ours.reduce((s, f) => s + f.problems.length, 0)
  const worstCpu = Math.max(...ours.map((f) => f.cpu))
  console.log('targets (ClinicDesk):')
  console.log(
    `  ≥ 1.5× the original's bookings/s at 8 and 32 clients, every scenario: ${met(low >= 1.5)} (lowest ${low.toFixed(2)})`,
  )
  console.log(
    `  0 duplicate queue numbers, 0 bookings beyond quota, every check passed: ${met(dup + over + problems === 0)} (${dup} duplicates, ${over} overbooked, ${problems} failed checks)`,
  )
  if (clients.includes(1) && clients.includes(8)) {
    const grows = scenarios.every(
      (s) => get(s.name, 8, OURS).perSecond > get(s.name, 1, OURS).perSecond,
    )
    const figures = scenarios.map(
      (s) =>
        `${s.name} ${get(s.name, 1, OURS).perSecond.toFixed(0)} → ${get(s.name, 8, OURS).perSecond.toFixed(0)}`,
    )
    console.log(`  bookings/s grow from 1 to 8 clients: ${met(grows)} (${figures.join(', ')})`)
  }
  console.log(
    `  host CPU per booking ≤ 0.4 ms: ${met(worstCpu <= 0.4)} (worst ${worstCpu.toFixed(3)} ms)`,
  )
  if (clients.includes(1))
    console.log(
      `  one client alone (compare with BENCH_CLIENTS=1 on main, run back to back): ${scenarios.map((s) => `${s.name} ${get(s.name, 1, OURS).perSecond.toFixed(0)}/s`).join(', ')}`,
    )
  console.log(`concurrency ws/original: ${low.toFixed(2)}`)
  return dup + over + problems === 0
}
