// Body of `npm run bench:booking` (see bench/booking.ts): bookings per second through the whole
// host path against a bare better-sqlite3 booking transaction, same file, same durability.
// argv: freshDbFile bigDbFile
import { existsSync, statSync } from 'node:fs'
import { generateDb } from './generate-db'
import { ADMIN, benchHost, DESK, machine, must, peakRssMb } from './bench-host'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10)
const PER_ROUND = Number(process.env.BENCH_PER_ROUND ?? 100)

interface Place { slotId: number; doctorId: number; date: string; start: number }

/** Bookings/s of each path, alternating rounds so both meet the same machine load. */
async function measure(file: string): Promise<{ full: number; bare: number; fullCpuMs: number; bareCpuMs: number; fullFrames: number; bareFrames: number; n: number; events: number }> {
  const { database, dispatch, events } = benchHost(file)
  const { sqlite } = database
  try {
    await must(dispatch, ADMIN, 'schedules.generate', {})
    await must(dispatch, ADMIN, 'settings.update', { onePerDoctorPerDay: true })
    // Every future band once per path, three phone places each: no booking is refused.
    const places = sqlite
      .prepare(`SELECT id AS slotId, doctor_id AS doctorId, date, start_time AS startTime FROM doctor_schedules WHERE date > date('now', '+1 day') AND booked = 0 ORDER BY date, doctor_id, start_time`)
      .all() as (Place & { startTime: string })[]
    const need = ROUNDS * PER_ROUND
    if (places.length < 2 * need + 100) throw new Error(`only ${places.length} free bands for ${2 * need} bookings`)
    const maxPatient = (sqlite.prepare('SELECT max(id) AS n FROM patients').get() as { n: number }).n
    const fullPlaces = places.filter((_, i) => i % 2 === 0)
    const barePlaces = places.filter((_, i) => i % 2 === 1)

    // The bare booking: the seed's transaction at its leanest, with the same invariant-keeping statements.
    const take = sqlite.prepare(`UPDATE doctor_schedules SET booked = booked + 1, status = CASE WHEN booked + 1 >= quota THEN 'BOOKED' ELSE 'AVAILABLE' END WHERE id = ? AND status <> 'CLOSED' AND booked < quota`)
    const counter = sqlite.prepare(`INSERT INTO queue_counters (doctor_id, date, last_no) VALUES (?, ?, 1) ON CONFLICT (doctor_id, date) DO UPDATE SET last_no = last_no + 1 RETURNING last_no`)
    const insert = sqlite.prepare(
      `INSERT INTO appointments (slot_id, doctor_id, date, patient_id, queue_no, source, status, chief_complaint, idempotency_key, skip_count, call_order, live_guard, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'PHONE', 'CONFIRMED', '', ?, 0, ?, 1, 'bare', ?, ?)`,
    )
    const bareBook = sqlite.transaction((p: Place, patientId: number, key: string) => {
      if (take.run(p.slotId).changes !== 1) throw new Error('SLOT_TAKEN')
      const { last_no } = counter.get(p.doctorId, p.date) as { last_no: number }
      const now = new Date().toISOString()
      insert.run(p.slotId, p.doctorId, p.date, patientId, last_no, key, p.start * 10_000 + last_no, now, now)
    })

    // WAL frames each path writes per booking (every page a commit touches is one frame, and the
    // commit's write and fsync grow with them): measured first, with the automatic checkpoint off
    // so that the WAL only grows. The timed rounds below then start from an empty WAL.
    const WARM = 50
    const frameBytes = (sqlite.pragma('page_size', { simple: true }) as number) + 24
    const walFrames = () => statSync(`${file}-wal`).size / frameBytes
    sqlite.pragma('wal_autocheckpoint = 0')
    let before = walFrames()
    for (let k = 0; k < WARM; k++) {
      const p = fullPlaces.pop()!
      await must(dispatch, DESK, 'appointments.book', { slotId: p.slotId, patientId: 1 + ((need + k) % maxPatient), idempotencyKey: `warm-full-${Date.now().toString(36)}-${k}` })
    }
    const fullFrames = (walFrames() - before) / WARM
    before = walFrames()
    for (let k = 0; k < WARM; k++) {
      const p = barePlaces.pop()!
      bareBook.immediate({ ...p, start: 0 }, 1 + ((2 * need + k) % maxPatient), `warm-bare-${Date.now().toString(36)}-${k}`)
    }
    const bareFrames = (walFrames() - before) / WARM
    sqlite.pragma('wal_autocheckpoint = 1000')
    sqlite.pragma('wal_checkpoint(TRUNCATE)')

    let fullMs = 0
    let bareMs = 0
    let fullCpu = 0
    let bareCpu = 0
    let i = 0
    const run = Date.now().toString(36)
    for (let round = 0; round < ROUNDS; round++) {
      const doFull = async () => {
        const t = performance.now()
        const c = process.cpuUsage()
        for (let k = 0; k < PER_ROUND; k++) {
          const p = fullPlaces[i + k]!
          await must(dispatch, DESK, 'appointments.book', { slotId: p.slotId, patientId: 1 + ((i + k) % maxPatient), idempotencyKey: `full-${run}-${i + k}` })
        }
        fullMs += performance.now() - t
        const used = process.cpuUsage(c)
        fullCpu += (used.user + used.system) / 1000
      }
      const doBare = async () => {
        const t = performance.now()
        const c = process.cpuUsage()
        for (let k = 0; k < PER_ROUND; k++) {
          const p = barePlaces[i + k]!
          bareBook.immediate({ ...p, start: Number(p.startTime.slice(0, 2)) * 60 + Number(p.startTime.slice(3)) } as Place, 1 + ((i + k + need) % maxPatient), `bare-${run}-${i + k}`)
        }
        bareMs += performance.now() - t
        const used = process.cpuUsage(c)
        bareCpu += (used.user + used.system) / 1000
      }
      if (round % 2 === 0) await doFull().then(doBare)
      else await doBare().then(doFull)
      i += PER_ROUND
    }
    return { full: (need / fullMs) * 1000, bare: (need / bareMs) * 1000, fullCpuMs: fullCpu / need, bareCpuMs: bareCpu / need, fullFrames, bareFrames, n: need, events: events() }
  } finally {
    await database.close()
  }
}

const [freshFile, bigFile] = process.argv.slice(2)
if (!freshFile || !bigFile) throw new Error('usage: booking-run.ts freshDbFile bigDbFile')
generateDb(freshFile, 0, 2000)
console.log(`booking benchmark: ${ROUNDS} × ${PER_ROUND} bookings per path per database, WAL + synchronous=FULL, ${machine()}`)
const results: [string, Awaited<ReturnType<typeof measure>>][] = [['fresh database', await measure(freshFile)]]
if (existsSync(bigFile)) results.push(['1M-appointment database', await measure(bigFile)])
else console.log(`(no ${bigFile}: build it with node scripts/run-ts.mjs bench/generate-db.ts)`)
for (const [label, r] of results) {
  console.log(`${label.padEnd(26)} full path ${r.full.toFixed(0).padStart(6)} bookings/s   bare ${r.bare.toFixed(0).padStart(6)} bookings/s   ratio ${(r.full / r.bare).toFixed(2)}   CPU per booking ${r.fullCpuMs.toFixed(2)} / ${r.bareCpuMs.toFixed(2)} ms   WAL frames per booking ${r.fullFrames.toFixed(1)} / ${r.bareFrames.toFixed(1)}   (${r.events} events published)`)
}
console.log(`peak RSS of the host process: ${peakRssMb()} MB`)
const worst = Math.min(...results.map(([, r]) => r.full / r.bare))
console.log(`booking full-path/bare: ${worst.toFixed(2)}`)
