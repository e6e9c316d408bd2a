import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { bundleWorker } from './bundle-worker'
import { startWorker } from './start-worker'
import { bookEveryBand, withRows } from './race-rows'
import { makeClinic, type Clinic } from '../helpers/booking-fixture'
import { forEachEngine } from '../helpers/engines'

const WORKERS = 8
const DATE = '2026-12-01'
let clinic: Clinic | undefined
let bundle: string | undefined
afterEach(async () => {
  await clinic?.host.dispose()
  clinic = undefined
  if (bundle) rmSync(dirname(bundle), { recursive: true, force: true })
  bundle = undefined
})

// On SQLite the 8 desks are 8 processes on one file; on PostgreSQL, 8 hosts on one database.
forEachEngine((engine) => {
  test(`${WORKERS} ${engine === 'sqlite' ? 'processes' : 'hosts'} free places and wait at once: no overbooking, one place per waiting patient, the line served in order`, async () => {
    // A full doctor-day: 8 bands of one place each, all booked; 4 desks cancel them, 4 put 24 patients in line.
    clinic = await makeClinic({ patients: 32, quota: 1, walkIn: 0, weekdays: [2] })
    const { host, doctorIds, patientIds, clock } = clinic
    const doc = doctorIds[0]!
    const { booked } = await bookEveryBand(clinic, doc, DATE, 8)
    const waiting = patientIds.slice(8)
    const file = (bundle = await bundleWorker('tests/concurrency/waitlist-worker.ts'))
    const args = (role: string, ids: number[]) => [
      host.dataDir,
      clock.now().toISOString(),
      role,
      ids.join(','),
      String(doc),
      DATE,
    ]
    const env: Record<string, string> = host.databaseUrl
      ? { CLINIC_DATABASE_URL: host.databaseUrl }
      : {}
    const workers = await Promise.all([
      ...[0, 1, 2, 3].map((i) =>
        startWorker(file, args('free', booked.slice(i * 2, i * 2 + 2)), env),
      ),
      ...[0, 1, 2, 3].map((i) =>
        startWorker(file, args('wait', waiting.slice(i * 6, i * 6 + 6)), env),
      ),
    ])
    for (const w of workers) w.child.stdin!.end('go\n')
    expect(await Promise.all(workers.map((w) => w.done))).toEqual(Array(WORKERS).fill(0))
    const totals: Record<string, number> = {}
    for (const w of workers)
      for (const [code, n] of Object.entries(
        (JSON.parse(w.lines.at(-1)!) as { codes: Record<string, number> }).codes,
      ))
        totals[code] = (totals[code] ?? 0) + n
    console.log('waitlist race outcomes', totals)
    expect(totals.CANCELED).toBe(8)

    await withRows(clinic, async (rows) => {
      const slots = await rows(
        `SELECT quota, booked, (SELECT count(*) FROM appointments a WHERE a.slot_id = s.id AND a.status <> 'CANCELED') AS used FROM doctor_schedules s WHERE doctor_id = ? AND date = ?`,
        [doc, DATE],
      )
      for (const s of slots) {
        expect(s.booked).toBeLessThanOrEqual(s.quota as number)
        expect(s.booked).toBe(s.used)
      }
      // Every freed place went somewhere: the day is full again (24 patients wanted 8 places).
      expect(slots.reduce((n, s) => n + (s.booked as number), 0)).toBe(8)
      const doubleLive = await rows(
        `SELECT patient_id, count(*) AS n FROM appointments WHERE status <> 'CANCELED' GROUP BY patient_id HAVING count(*) > 1`,
        [],
      )
      expect(doubleLive).toEqual([])
      const entries = (await rows(
        'SELECT id, patient_id, status, appointment_id FROM waitlist ORDER BY id',
        [],
      )) as { id: number; patient_id: number; status: string; appointment_id: number | null }[]
      const served = entries.filter((e) => e.status === 'BOOKED')
      // First come, first served: the booked entries are the first in line, and were booked in line order.
      expect(entries.slice(0, served.length).map((e) => e.status)).toEqual(
        served.map(() => 'BOOKED'),
      )
      const apptOrder = served.map((e) => e.appointment_id!)
      expect(apptOrder).toEqual([...apptOrder].sort((a, b) => a - b))
      expect(new Set(apptOrder).size).toBe(apptOrder.length)
    })
  }, 180_000)
})
