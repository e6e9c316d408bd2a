// Builds the benchmark clinic: 100,000 patients and 1,000,000 appointments of history (plus
// today's), through raw prepared statements in big transactions on a migrated database.
// Usage: node scripts/run-ts.mjs bench/generate-db.ts [file] [appointments] [patients]
import { existsSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, sep } from 'node:path'
import { zonedParts } from '../src/main/db/clock'
import { openDatabase } from '../src/main/db/open'
import { bandsOf, plusDays, toMinutes } from '../src/main/services/common/calendar'
import { DEFAULT_SETTINGS } from '../src/shared/contract'
import { insertPatients } from './patient-data'

export const DOCTORS = 20
/** The demo clinic's sessions: 上午 08:00–12:00 and 下午 14:00–17:30, 30-minute bands, 4 per band, 1 kept for walk-ins. */
const SESSIONS = [
  { start: '08:00', end: '12:00' },
  { start: '14:00', end: '17:30' },
] as const
const QUOTA = 4
const BANDS = SESSIONS.flatMap((s) => bandsOf(s.start, s.end, 30))

/** Builds the database in `file` (replacing it); returns timings in ms. */
export function generateDb(
  file: string,
  appointments = 1_000_000,
  patients = 100_000,
): { patientsMs: number; appointmentsMs: number; totalMs: number } {
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) rmSync(file + suffix)
  const t0 = performance.now()
  const { sqlite } = openDatabase(file)
  // Speed for the build only: the next open sets synchronous=FULL again (it is not stored in the file).
  sqlite.pragma('synchronous = OFF')
  insertPatients(sqlite, patients)
  const t1 = performance.now()
  const now = new Date().toISOString()
  const today = zonedParts(new Date(), DEFAULT_SETTINGS.timeZone).date

  sqlite.transaction(() => {
    const dept = sqlite.prepare('INSERT INTO departments (name, created_at) VALUES (?, ?)')
    const room = sqlite.prepare('INSERT INTO rooms (name) VALUES (?)')
    const doctor = sqlite.prepare(
      'INSERT INTO doctors (name, title, department_id, room_id, created_at) VALUES (?, ?, ?, ?, ?)',
    )
    const template = sqlite.prepare(
      `INSERT INTO schedule_templates (doctor_id, weekday, start_time, end_time, slot_minutes, quota_per_slot, walk_in_per_slot, created_at, updated_at)
       VALUES (?, ?, ?, ?, 30, ?, 1, ?, ?)`,
    )
    for (let d = 1; d <= 5; d++) dept.run(`科室${d}`, now)
    for (let i = 1; i <= DOCTORS; i++) {
      room.run(`${i}诊室`)
      doctor.run(`医生${i}`, '主治医师', ((i - 1) % 5) + 1, i, now)
      for (let weekday = 1; weekday <= 7; weekday++)
        for (const s of SESSIONS) template.run(i, weekday, s.start, s.end, QUOTA, now, now)
    }
  })()

  const slot = sqlite.prepare(
    `INSERT INTO doctor_schedules (doctor_id, date, start_time, end_time, quota, booked, walk_in_reserved, walk_ins, status)
     VALUES (?, ?, ?, ?, ?, ?, 1, 0, ?) RETURNING id`,
  )
  const appointment = sqlite.prepare(
    `INSERT INTO appointments (slot_id, doctor_id, date, patient_id, queue_no, source, status, chief_complaint, skip_count, call_order,
       live_guard, created_by, created_at, updated_at, checked_in_at, completed_at, canceled_at, cancel_reason)
     VALUES (?, ?, ?, ?, ?, 'PHONE', ?, '', 0, ?, NULL, 'generator', ?, ?, ?, ?, ?, ?)`,
  )
  const counter = sqlite.prepare(
    'INSERT INTO queue_counters (doctor_id, date, last_no) VALUES (?, ?, ?)',
  )
  // Two faults drew only ~3,300 of 100,000 patients: `seed * 1103515245` passes 2^53 and loses its
  // low bits in a double, and an LCG's low bits cycle with short periods anyway. Multiply in exact
  // 32-bit integers (Math.imul), and scale the 31-bit state to [0, n) so the high bits decide:
  // a million draws reach 99,996 patients.
  let seed = 42
  const random = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff
    return Math.floor((seed / 2 ** 31) * n)
  }
  const perDay = DOCTORS * BANDS.length * QUOTA
  const days = Math.ceil(appointments / perDay)
  let made = 0
  const batch = sqlite.transaction((dates: string[]) => {
    for (const date of dates) {
      for (let doctorId = 1; doctorId <= DOCTORS && made < appointments; doctorId++) {
        let queueNo = 0
        for (const band of BANDS) {
          if (made >= appointments) break
          const statuses = Array.from({ length: Math.min(QUOTA, appointments - made) }, () => {
            const r = random(100)
            return r < 85 ? 'COMPLETED' : r < 90 ? 'NO_SHOW' : 'CANCELED'
          })
          const booked = statuses.filter((s) => s !== 'CANCELED').length
          const { id: slotId } = slot.get(
            doctorId,
            date,
            band.start,
            band.end,
            QUOTA,
            booked,
            booked === QUOTA ? 'BOOKED' : 'AVAILABLE',
          ) as { id: number }
          for (const status of statuses) {
            queueNo++
            const at = `${date}T01:00:00.000Z`
            appointment.run(
              slotId,
              doctorId,
              date,
              1 + random(patients),
              queueNo,
              status,
              toMinutes(band.start) * 10_000 + queueNo,
              at,
              at,
              status === 'COMPLETED' ? at : null,
              status === 'COMPLETED' ? at : null,
              status === 'CANCELED' ? at : null,
              status === 'CANCELED' ? '改期' : null,
            )
            made++
          }
        }
        if (queueNo > 0) counter.run(doctorId, date, queueNo)
      }
    }
  })
  // Secondary indexes are dropped for the bulk load and rebuilt from their own definitions after:
  // building an index once over sorted keys is far cheaper than a million random inserts into it.
  const indexes = sqlite
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('appointments', 'doctor_schedules') AND sql IS NOT NULL`,
    )
    .all() as { name: string; sql: string }[]
  for (const { name } of indexes) sqlite.exec(`DROP INDEX ${name}`)
  const dates = Array.from({ length: days }, (_, i) => plusDays(today, i - days))
  for (let i = 0; i < dates.length; i += 60) batch(dates.slice(i, i + 60))
  sqlite.transaction(() => indexes.forEach(({ sql }) => sqlite.exec(sql)))()
  sqlite.pragma('wal_checkpoint(TRUNCATE)')
  sqlite.exec('ANALYZE')
  sqlite.close()
  const t2 = performance.now()
  return { patientsMs: t1 - t0, appointmentsMs: t2 - t1, totalMs: t2 - t0 }
}

/** The benchmark database, built once per machine and reused (delete it to rebuild). */
export function benchDbFile(): string {
  return process.env.CLINIC_BENCH_DB ?? join(tmpdir(), 'clinicdesk-bench-1m.sqlite')
}

// Only when run as the script itself (benchmarks bundle this module and must not trigger it).
if (process.argv[1]?.endsWith(`${sep}bench${sep}generate-db.ts`)) {
  const file = process.argv[2] ?? benchDbFile()
  const cpu0 = process.cpuUsage()
  const t = generateDb(
    file,
    Number(process.argv[3] ?? 1_000_000),
    Number(process.argv[4] ?? 100_000),
  )
  const cpu = process.cpuUsage(cpu0)
  console.log(
    `generated ${file}: patients ${(t.patientsMs / 1000).toFixed(1)} s, appointments ${(t.appointmentsMs / 1000).toFixed(1)} s, total ${(t.totalMs / 1000).toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU`,
  )
}
