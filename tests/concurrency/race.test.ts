import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, expect, test } from 'vitest'
import { bundleWorker } from './bundle-worker'
import { startWorker } from './start-worker'
import { makeClinic, slotAt, TODAY, type Clinic } from '../helpers/booking-fixture'

const WORKERS = Number(process.env.RACE_WORKERS ?? 8)
const OPERATIONS = 40
let clinic: Clinic | undefined
let bundle: string | undefined
afterAll(async () => {
  await clinic?.host.dispose()
  if (bundle) rmSync(dirname(bundle), { recursive: true, force: true })
})

test(`${WORKERS} processes hammer 3 hot bands: never over quota, booked = places used, queue numbers unique`, async () => {
  clinic = await makeClinic({ patients: 60, quota: 4, walkIn: 1, weekdays: [1] })
  const { host, doctorIds, patientIds, clock } = clinic
  const hot = await Promise.all(
    ['10:00', '10:30', '11:00'].map((t) => slotAt(host, doctorIds[0]!, TODAY, t)),
  )
  const args = (i: number) => [
    host.dataDir,
    clock.now().toISOString(),
    hot.map((s) => s.id).join(','),
    patientIds.join(','),
    String(OPERATIONS),
    String(i * 7919 + 1),
  ]
  const file = (bundle = await bundleWorker('tests/concurrency/race-worker.ts'))
  const workers = await Promise.all(
    Array.from({ length: WORKERS }, (_, i) =>
      startWorker(file, args(i), { RACE_DOCTOR: String(doctorIds[0]) }),
    ),
  )
  for (const w of workers) w.child.stdin!.end('go\n')
  const exits = await Promise.all(workers.map((w) => w.done))
  expect(exits).toEqual(Array(WORKERS).fill(0))

  const reports = workers.map(
    (w) => JSON.parse(w.lines.at(-1)!) as { codes: Record<string, number> },
  )
  const totals: Record<string, number> = {}
  for (const r of reports)
    for (const [code, n] of Object.entries(r.codes)) totals[code] = (totals[code] ?? 0) + n
  console.log('race outcomes', totals)
  const expected = new Set(['OK', 'SLOT_TAKEN', 'SLOT_HELD', 'NO_PLACES', 'ALREADY_BOOKED'])
  expect(Object.keys(totals).filter((code) => !expected.has(code))).toEqual([])
  expect(totals.OK ?? 0).toBeGreaterThan(WORKERS)
  expect(
    (totals.SLOT_TAKEN ?? 0) + (totals.SLOT_HELD ?? 0) + (totals.NO_PLACES ?? 0),
  ).toBeGreaterThan(0)

  const db = new BetterSqlite3(host.file, { readonly: true })
  try {
    const slots = db
      .prepare(
        `SELECT id, quota, booked, walk_ins, (SELECT count(*) FROM appointments a WHERE a.slot_id = s.id AND a.status <> 'CANCELED') AS used FROM doctor_schedules s WHERE doctor_id = ? AND date = ?`,
      )
      .all(doctorIds[0], TODAY) as { quota: number; booked: number; used: number }[]
    for (const s of slots) {
      expect(s.booked).toBeLessThanOrEqual(s.quota)
      expect(s.booked).toBe(s.used)
    }
    // The hot bands were fought over to their last phone place (one place stays kept for walk-ins).
    expect(slots.filter((s) => s.booked >= s.quota - 1).length).toBeGreaterThan(0)
    const dupes = db
      .prepare(
        'SELECT doctor_id, date, queue_no, count(*) AS n FROM appointments GROUP BY 1, 2, 3 HAVING n > 1',
      )
      .all()
    expect(dupes).toEqual([])
    const doubleLive = db
      .prepare(
        `SELECT patient_id, doctor_id, date, count(*) AS n FROM appointments WHERE status NOT IN ('CANCELED', 'COMPLETED', 'NO_SHOW') GROUP BY 1, 2, 3 HAVING n > 1`,
      )
      .all()
    expect(doubleLive).toEqual([])
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
  } finally {
    db.close()
  }
}, 120_000)
