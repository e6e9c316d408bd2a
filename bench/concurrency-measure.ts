// The measuring half of bench:concurrency, shared with bench:pg: one scenario's window on a
// running system (its clients book until the scenario's pick says done), checked afterwards.
import { pct } from './bench-host'
import { bookWindow, type BenchClient } from './concurrency-clients'
import type { Clinic } from './concurrency-clinic'
import type { Figures } from './concurrency-report'
import type { Scenario } from './concurrency-scenarios'
import type { Running } from './concurrency-systems'
import { meanSince } from './group-sizes'

/** One scenario's window on a running system: its figures, and what broke if anything did. */
export async function measure(
  running: Running,
  scenario: Scenario,
  clinic: Clinic,
  calls: number,
): Promise<Figures> {
  const n = running.clients.length
  const { pick, refused } = scenario.plan(clinic, n, calls)
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
    perCommit: before.groups && after.groups ? meanSince(after.groups, before.groups) : undefined,
  }
}

/** A few bookings on a day no scenario uses, from every client, so the window starts warm. */
export async function warmUp(
  clients: readonly BenchClient[],
  clinic: Clinic,
  warm: number,
): Promise<void> {
  let k = 0
  const warmPatients = clinic.patients.slice(-warm - clients.length)
  await bookWindow(
    clients,
    () => (k++ < warm + clients.length ? clinic.warm[k % 20]! : null),
    warmPatients,
  )
}
