// Body of `npm run bench:booking` (see bench/booking.ts): bookings per second through the whole
// host path against a bare better-sqlite3 booking transaction, same file, same durability.
// argv: freshDbFile bigDbFile
import { existsSync, statSync } from 'node:fs'
import { chainHash, GENESIS } from '../src/main/db/audit-chain'
import { ADMIN, benchHost, DESK, machine, must, peakRssMb } from './bench-host'
import { commitPhases } from './commit-phases'
import { generateDb } from './generate-db'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10)
const PER_ROUND = Number(process.env.BENCH_PER_ROUND ?? 100)
/** Bookings per path measured for WAL frames, before the timed rounds. */
const FRAME_SAMPLE = 50

interface Place {
  slotId: number
  doctorId: number
  date: string
  startTime: string
}
interface PathResult {
  perSecond: number
  cpuMs: number
  frames: number
}
type Book = (place: Place, patientId: number, key: string) => unknown

/**
 * Three ways to book, each into bands of its own, alternating so that all meet the same load:
 * - full: dispatch → zod → role → service → write helper (rules, guarded increment, queue number,
 *   insert, audit row with its hash link) → COMMIT → events, as a screen's call runs;
 * - bare: the seed's transaction at its leanest, with the same invariant-keeping writes, no audit, no events;
 * - bare + log: bare, plus the same audit row (hash-linked) as raw prepared statements: what a
 *   host with no overhead of its own could reach with this schema and durability.
 */
async function measure(file: string): Promise<{
  full: PathResult
  bare: PathResult
  logged: PathResult
  events: number
  phases: string[]
}> {
  const { database, dispatch, events } = benchHost(file)
  const { sqlite } = database
  try {
    await must(dispatch, ADMIN, 'schedules.generate', {})
    await must(dispatch, ADMIN, 'settings.update', { onePerDoctorPerDay: true })
    const places = sqlite
      .prepare(
        `SELECT id AS slotId, doctor_id AS doctorId, date, start_time AS startTime FROM doctor_schedules WHERE date > date('now', '+1 day') AND booked = 0 ORDER BY date, doctor_id, start_time`,
      )
      .all() as Place[]
    const need = ROUNDS * PER_ROUND + FRAME_SAMPLE
    if (places.length < 3 * need)
      throw new Error(`only ${places.length} free bands for ${3 * need} bookings`)
    const maxPatient = (sqlite.prepare('SELECT max(id) AS n FROM patients').get() as { n: number })
      .n

    const take = sqlite.prepare(
      `UPDATE doctor_schedules SET booked = booked + 1, status = CASE WHEN booked + 1 >= quota THEN 'BOOKED' ELSE 'AVAILABLE' END WHERE id = ? AND status <> 'CLOSED' AND booked < quota`,
    )
    const counter = sqlite.prepare(
      `INSERT INTO queue_counters (doctor_id, date, last_no) VALUES (?, ?, 1) ON CONFLICT (doctor_id, date) DO UPDATE SET last_no = last_no + 1 RETURNING last_no`,
    )
    const insert = sqlite.prepare(
      `INSERT INTO appointments (slot_id, doctor_id, date, patient_id, queue_no, source, status, chief_complaint, idempotency_key, skip_count, call_order, live_guard, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'PHONE', 'CONFIRMED', '', ?, 0, ?, 1, 'bare', ?, ?)`,
    )
    const bareWrites = (p: Place, patientId: number, key: string) => {
      if (take.run(p.slotId).changes !== 1) throw new Error('SLOT_TAKEN')
      const { last_no } = counter.get(p.doctorId, p.date) as { last_no: number }
      const now = new Date().toISOString()
      const callOrder =
        (Number(p.startTime.slice(0, 2)) * 60 + Number(p.startTime.slice(3))) * 10_000 + last_no
      const id = Number(
        insert.run(p.slotId, p.doctorId, p.date, patientId, last_no, key, callOrder, now, now)
          .lastInsertRowid,
      )
      return { id, queueNo: last_no, now }
    }
    const lastLink = sqlite.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1')
    const auditRow = sqlite.prepare(
      `INSERT INTO audit_log (id, at, actor, staff_id, action, entity, entity_id, before, after, prev_hash, hash) VALUES (?, ?, 'bare', NULL, 'appointments.book', 'appointment', ?, NULL, ?, ?, ?)`,
    )
    const loggedWrites = (p: Place, patientId: number, key: string) => {
      const { id, queueNo, now } = bareWrites(p, patientId, key)
      // An `after` of the same shape and size as the full path's (an Appointment as screens see it).
      const after = JSON.stringify({
        id,
        slotId: p.slotId,
        doctorId: p.doctorId,
        date: p.date,
        startTime: p.startTime,
        endTime: p.startTime,
        queueNo,
        patientId,
        patientName: '张伟',
        patientSex: 'M',
        patientAge: 40,
        patientPhone: '13800138000',
        source: 'PHONE',
        status: 'CONFIRMED',
        chiefComplaint: '',
        cancelReason: null,
        rescheduledFrom: null,
        skipCount: 0,
        createdAt: now,
        createdBy: 'bare',
        checkedInAt: null,
        calledAt: null,
        startedAt: null,
        completedAt: null,
      })
      const last = lastLink.get() as { id: number; hash: string | null } | undefined
      const row = {
        id: (last?.id ?? 0) + 1,
        at: now,
        actor: 'bare',
        staff_id: null,
        action: 'appointments.book',
        entity: 'appointment',
        entity_id: id,
        before: null,
        after,
      }
      const prev = last?.hash ?? GENESIS
      auditRow.run(row.id, now, id, after, prev, chainHash(prev, row))
    }
    const bareTx = sqlite.transaction(bareWrites)
    const loggedTx = sqlite.transaction(loggedWrites)
    const run = Date.now().toString(36)
    const paths: { name: 'full' | 'bare' | 'logged'; book: Book; places: Place[] }[] = [
      {
        name: 'full',
        book: (p, patientId, key) =>
          must(dispatch, DESK, 'appointments.book', {
            slotId: p.slotId,
            patientId,
            idempotencyKey: key,
          }),
        places: [],
      },
      {
        name: 'bare',
        book: (p, patientId, key) => bareTx.immediate(p, patientId, key),
        places: [],
      },
      {
        name: 'logged',
        book: (p, patientId, key) => loggedTx.immediate(p, patientId, key),
        places: [],
      },
    ]
    places.forEach((p, i) => paths[i % paths.length]!.places.push(p))
    let booked = 0
    const bookNext = async (path: (typeof paths)[number]) => {
      const n = booked++
      await path.book(path.places.pop()!, 1 + (n % maxPatient), `${path.name}-${run}-${n}`)
    }

    // WAL frames per booking (every page a commit touches is one frame, and the commit's writes
    // and fsync grow with them), with the automatic checkpoint off so that the WAL only grows.
    const frameBytes = (sqlite.pragma('page_size', { simple: true }) as number) + 24
    const walFrames = () => statSync(`${file}-wal`).size / frameBytes
    sqlite.pragma('wal_autocheckpoint = 0')
    // A WAL restarted by an earlier checkpoint is rewritten from its start without growing: empty
    // it first, so that its size counts exactly the frames written below.
    sqlite.pragma('wal_checkpoint(TRUNCATE)')
    const frames = new Map<string, number>()
    for (const path of paths) {
      const before = walFrames()
      for (let k = 0; k < FRAME_SAMPLE; k++) await bookNext(path)
      frames.set(path.name, (walFrames() - before) / FRAME_SAMPLE)
    }
    sqlite.pragma('wal_autocheckpoint = 1000')
    sqlite.pragma('wal_checkpoint(TRUNCATE)')

    const phases = process.env.BENCH_PHASES === '1' ? commitPhases(sqlite) : undefined
    const wall = new Map(paths.map((p) => [p.name, 0]))
    const cpu = new Map(paths.map((p) => [p.name, 0]))
    for (let round = 0; round < ROUNDS; round++) {
      for (let j = 0; j < paths.length; j++) {
        const path = paths[(round + j) % paths.length]!
        const t = performance.now()
        const c = process.cpuUsage()
        for (let k = 0; k < PER_ROUND; k++)
          await (phases ? phases.time(path.name, () => bookNext(path)) : bookNext(path))
        wall.set(path.name, wall.get(path.name)! + performance.now() - t)
        const used = process.cpuUsage(c)
        cpu.set(path.name, cpu.get(path.name)! + (used.user + used.system) / 1000)
      }
    }
    const n = ROUNDS * PER_ROUND
    const result = (name: (typeof paths)[number]['name']): PathResult => ({
      perSecond: (n / wall.get(name)!) * 1000,
      cpuMs: cpu.get(name)! / n,
      frames: frames.get(name)!,
    })
    return {
      full: result('full'),
      bare: result('bare'),
      logged: result('logged'),
      events: events(),
      phases: phases?.report() ?? [],
    }
  } finally {
    await database.close()
  }
}

const [freshFile, bigFile] = process.argv.slice(2)
if (!freshFile || !bigFile) throw new Error('usage: booking-run.ts freshDbFile bigDbFile')
generateDb(freshFile, 0, 3000)
console.log(
  `booking benchmark: ${ROUNDS} × ${PER_ROUND} bookings per path per database, WAL + synchronous=FULL, ${machine()}`,
)
const results: [string, Awaited<ReturnType<typeof measure>>][] = [
  ['fresh database', await measure(freshFile)],
]
if (existsSync(bigFile)) results.push(['1M-appointment database', await measure(bigFile)])
else console.log(`(no ${bigFile}: build it with node scripts/run-ts.mjs bench/generate-db.ts)`)
const line = (label: string, r: PathResult, bare: PathResult) =>
  `  ${label.padEnd(12)} ${r.perSecond.toFixed(0).padStart(6)} bookings/s   ${(r.perSecond / bare.perSecond).toFixed(2)} of bare   CPU ${r.cpuMs.toFixed(2)} ms   WAL frames ${r.frames.toFixed(1)} per booking`
for (const [label, r] of results) {
  console.log(`${label} (${r.events} events published):`)
  console.log(line('full path', r.full, r.bare))
  console.log(line('bare', r.bare, r.bare))
  console.log(line('bare + log', r.logged, r.bare))
  if (r.phases.length > 0)
    console.log(`  where the time goes (BENCH_PHASES=1, µs per booking):\n${r.phases.join('\n')}`)
}
console.log(`peak RSS of the host process: ${peakRssMb()} MB`)
const worst = Math.min(...results.map(([, r]) => r.full.perSecond / r.bare.perSecond))
console.log(`booking full-path/bare: ${worst.toFixed(2)}`)
