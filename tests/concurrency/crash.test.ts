import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, expect, test } from 'vitest'
import { ADMIN, RECEPTION } from '../helpers/test-host'
import { makeClinic, type Clinic } from '../helpers/booking-fixture'
import { brokenLink } from './audit-link'
import { bundleWorker } from './bundle-worker'
import { killDuringStorm } from './start-worker'

const KILLS = Number(process.env.CRASH_KILLS ?? 22)
let clinic: Clinic | undefined
let bundle: string | undefined
afterAll(async () => {
  await clinic?.host.dispose()
  if (bundle) rmSync(dirname(bundle), { recursive: true, force: true })
})

interface Run {
  readonly booked: number[]
  readonly canceled: number[]
  /** The most units one COMMIT carried in this run. */
  largestGroup: number
}

/** One storm until its kill: what it acknowledged. */
async function stormOnce(file: string, args: string[], killAfterMs: number): Promise<Run> {
  const run: Run = { booked: [], canceled: [], largestGroup: 0 }
  await killDuringStorm(file, args, killAfterMs, (line) => {
    const [kind, id] = line.split(' ')
    if (kind === 'B') run.booked.push(Number(id))
    if (kind === 'C') run.canceled.push(Number(id))
    if (kind === 'G') run.largestGroup = Number(id)
    return kind === 'B'
  })
  return run
}

test(`SIGKILL during a four-desk booking storm ${KILLS} times, inside group commits too: every acknowledged booking survives, nothing half-written, the audit chain unbroken`, async () => {
  clinic = await makeClinic({ doctors: 2, patients: 20, quota: 8, walkIn: 0, weekdays: [2, 3, 4] })
  const { host, doctorIds, patientIds, clock } = clinic
  await host.must(ADMIN, 'settings.update', { onePerDoctorPerDay: false })
  const slotIds: number[] = []
  for (const doctorId of doctorIds) {
    for (const date of ['2026-12-01', '2026-12-02', '2026-12-03'])
      slotIds.push(
        ...(await host.must(RECEPTION, 'slots.forDoctorDay', { doctorId, date })).map((s) => s.id),
      )
  }
  await host.close()
  const file = (bundle = await bundleWorker('tests/concurrency/crash-storm.ts'))
  const acked = new Set<number>()
  const canceled = new Set<number>()
  let seed = 17
  let largestGroup = 0
  for (let kill = 0; kill < KILLS; kill++) {
    seed = (seed * 48271) % 2147483647
    const run = await stormOnce(
      file,
      [
        host.dataDir,
        clock.now().toISOString(),
        slotIds.join(','),
        patientIds.join(','),
        String(seed),
      ],
      50 + (seed % 600),
    )
    run.booked.forEach((id) => acked.add(id))
    run.canceled.forEach((id) => canceled.add(id))
    largestGroup = Math.max(largestGroup, run.largestGroup)

    const db = new BetterSqlite3(host.file)
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      const rows = new Map(
        (
          db.prepare('SELECT id, status FROM appointments').all() as {
            id: number
            status: string
          }[]
        ).map((r) => [r.id, r.status]),
      )
      for (const id of acked)
        expect(rows.has(id), `acknowledged booking ${id} after kill ${kill}`).toBe(true)
      for (const id of canceled) expect(rows.get(id), `acknowledged cancel ${id}`).toBe('CANCELED')
      // Whole transactions or nothing: every appointment has its audit row and its slot counts it.
      expect(
        db
          .prepare(
            `SELECT a.id FROM appointments a WHERE NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.entity = 'appointment' AND l.entity_id = a.id)`,
          )
          .all(),
      ).toEqual([])
      expect(
        db
          .prepare(
            `SELECT s.id FROM doctor_schedules s WHERE s.booked <> (SELECT count(*) FROM appointments a WHERE a.slot_id = s.id AND a.status <> 'CANCELED') OR s.booked > s.quota`,
          )
          .all(),
      ).toEqual([])
      expect(
        db
          .prepare(
            'SELECT doctor_id, date, queue_no FROM appointments GROUP BY 1, 2, 3 HAVING count(*) > 1',
          )
          .all(),
      ).toEqual([])
      // A group's savepoints leave the audit chain as unbroken as commits one by one would.
      expect(brokenLink(db), `audit chain after kill ${kill}`).toBeUndefined()
    } finally {
      db.close()
    }
  }
  console.log(
    `crash: ${KILLS} kills, ${acked.size} acknowledged bookings and ${canceled.size} cancels all found; largest group commit ${largestGroup}`,
  )
  expect(acked.size).toBeGreaterThan(KILLS)
  // The storm's desks did commit in groups, so kills landed in and around them.
  expect(largestGroup).toBeGreaterThan(1)
}, 180_000)
