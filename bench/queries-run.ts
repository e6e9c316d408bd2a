// Body of `npm run bench:queries` (see bench/queries.ts): p50/p99 of the slot grid and a doctor's
// day queue through the dispatcher against the same reads as raw prepared SQL, at 1M appointments.
// argv: dbFile
import type { Dispatch } from '../src/main/host/dispatcher'
import { benchHost, DESK, machine, pct, peakRssMb } from './bench-host'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const DAYS = Number(process.env.BENCH_DAYS ?? 300)

/** Wall and CPU milliseconds of one async call. */
async function timed(
  fn: () => Promise<unknown> | unknown,
  wall: number[],
  cpu: number[],
): Promise<void> {
  const c = process.cpuUsage()
  const t = performance.now()
  await fn()
  wall.push(performance.now() - t)
  const used = process.cpuUsage(c)
  cpu.push((used.user + used.system) / 1000)
}

async function mustOk(dispatch: Dispatch, method: string, params: unknown): Promise<unknown> {
  const r = await dispatch(DESK, method, params)
  if (!r.ok) throw new Error(`${method}: ${r.error.code}`)
  return r.value
}

const [file] = process.argv.slice(2)
if (!file) throw new Error('usage: queries-run.ts dbFile')
const { database, dispatch } = benchHost(file)
const { sqlite } = database
const counts = sqlite
  .prepare(
    'SELECT (SELECT count(*) FROM appointments) AS appointments, (SELECT count(*) FROM patients) AS patients',
  )
  .get() as { appointments: number; patients: number }
const days = sqlite
  .prepare('SELECT doctor_id AS doctorId, date FROM queue_counters ORDER BY random() LIMIT ?')
  .all(DAYS) as { doctorId: number; date: string }[]

// The raw reads: what each method asks SQLite, prepared once, rows not mapped.
const rawSlots = sqlite.prepare(
  `SELECT id, doctor_id, date, start_time, end_time, quota, booked, walk_in_reserved, walk_ins, status,
          (SELECT count(*) FROM slot_holds h WHERE h.slot_id = s.id AND h.expires_at > ?) AS held
   FROM doctor_schedules s WHERE doctor_id = ? AND date = ? ORDER BY start_time`,
)
const rawQueue = sqlite.prepare(
  `SELECT a.id, a.slot_id, a.doctor_id, a.date, s.start_time, s.end_time, a.queue_no, a.patient_id, p.name, p.sex, p.birth_date, p.phone,
          a.source, a.status, a.chief_complaint, a.cancel_reason, a.rescheduled_from, a.skip_count, a.created_at, a.created_by,
          a.checked_in_at, a.called_at, a.started_at, a.completed_at, a.call_order
   FROM appointments a JOIN doctor_schedules s ON s.id = a.slot_id JOIN patients p ON p.id = a.patient_id
   WHERE a.doctor_id = ? AND a.date = ? ORDER BY a.call_order`,
)
const series = () => ({ wall: [] as number[], cpu: [] as number[] })
const m = { slotsHost: series(), slotsRaw: series(), queueHost: series(), queueRaw: series() }
for (const d of days.slice(0, 20)) {
  await mustOk(dispatch, 'slots.forDoctorDay', d)
  await mustOk(dispatch, 'queue.forDoctorDay', d)
}
let rows = 0
for (let round = 0; round < ROUNDS; round++) {
  for (const [i, d] of days.entries()) {
    const host = async () => {
      await timed(
        () => mustOk(dispatch, 'slots.forDoctorDay', d),
        m.slotsHost.wall,
        m.slotsHost.cpu,
      )
      await timed(
        () => mustOk(dispatch, 'queue.forDoctorDay', d),
        m.queueHost.wall,
        m.queueHost.cpu,
      )
    }
    const raw = async () => {
      await timed(
        () => rawSlots.all(new Date().toISOString(), d.doctorId, d.date),
        m.slotsRaw.wall,
        m.slotsRaw.cpu,
      )
      await timed(
        () => (rows += rawQueue.all(d.doctorId, d.date).length),
        m.queueRaw.wall,
        m.queueRaw.cpu,
      )
    }
    // Alternate which goes first so neither always meets the warmer cache.
    if ((i + round) % 2 === 0) await host().then(raw)
    else await raw().then(host)
  }
}
const f = (x: number): string => x.toFixed(3).padStart(8)
console.log(
  `queries on ${counts.appointments.toLocaleString('en')} appointments, ${counts.patients.toLocaleString('en')} patients: ${days.length} doctor-days × ${ROUNDS} rounds (${Math.round(rows / days.length / ROUNDS)} appointments per queue on average); ${machine()}`,
)
console.log(
  `${'read'.padEnd(22)}${'host p50'.padStart(8)}${'host p99'.padStart(9)}${'raw p50'.padStart(9)}${'raw p99'.padStart(9)}   host/raw p50   (ms)`,
)
for (const [label, host, raw] of [
  ['slots.forDoctorDay', m.slotsHost, m.slotsRaw],
  ['queue.forDoctorDay', m.queueHost, m.queueRaw],
] as const) {
  for (const kind of ['wall', 'cpu'] as const) {
    console.log(
      `${`${label} ${kind}`.padEnd(22)}${f(pct(host[kind], 50))} ${f(pct(host[kind], 99))} ${f(pct(raw[kind], 50))} ${f(pct(raw[kind], 99))}   ${(pct(host[kind], 50) / pct(raw[kind], 50)).toFixed(2)}×`,
    )
  }
}
await database.close()
console.log(`peak RSS of the host process: ${peakRssMb()} MB`)

// The patient search benchmark, when its author's file is there (bench/patient-search.ts).
const patientSearch = import.meta.glob<{ benchPatientSearch(dbFile: string): Promise<void> }>(
  './patient-search.ts',
)
const load = patientSearch['./patient-search.ts']
if (load) await (await load()).benchPatientSearch(file)
