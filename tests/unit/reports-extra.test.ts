import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { ReportSummary } from '../../src/shared/contract/reports'
import { ADMIN, makeTestHost, type TestHost } from '../helpers/test-host'

/**
 * 加号 (appointments.is_extra) is its own report source, EXTRA, whichever way it was booked, and
 * the source filter narrows every appointment figure to it. Hand-built, answers worked by hand:
 *
 *  #  band (doctor 1, 2026-03-02 08:00, quota 3 of which 1 extra)  patient source  extra status
 *  1                                                                 P1      PHONE   0     COMPLETED
 *  2                                                                 P2      WALK_IN 0     NO_SHOW
 *  3                                                                 P3      PHONE   1     COMPLETED
 *  4                                                                 P4      WALK_IN 1     CANCELED 改期
 *  5  archived, same day 10:00                                       P1      PHONE   1     NO_SHOW
 */
let host: TestHost
const RANGE = { from: '2026-03-02', to: '2026-03-08', period: 'week' } as const

beforeAll(async () => {
  host = await makeTestHost()
  const db = host.database.sqlite
  const now = '2026-01-01T00:00:00.000Z'
  db.prepare('INSERT INTO departments (name, created_at) VALUES (?, ?)').run('内科', now)
  db.prepare('INSERT INTO doctors (name, department_id, created_at) VALUES (?, 1, ?)').run(
    '医生',
    now,
  )
  for (let p = 1; p <= 4; p++)
    db.prepare(
      "INSERT INTO patients (name, sex, created_at, updated_at) VALUES (?, 'U', ?, ?)",
    ).run(`病人${p}`, now, now)
  db.prepare(
    `INSERT INTO doctor_schedules (id, doctor_id, date, start_time, end_time, quota, booked, walk_in_reserved, walk_ins, status, extra_places)
     VALUES (1, 1, '2026-03-02', '08:00', '08:30', 3, 3, 0, 1, 'BOOKED', 1)`,
  ).run()
  const live = db.prepare(
    `INSERT INTO appointments (id, slot_id, doctor_id, date, patient_id, queue_no, source, is_extra, status, cancel_reason, call_order, created_by, created_at, updated_at)
     VALUES (?, 1, 1, '2026-03-02', ?, ?, ?, ?, ?, ?, 0, 'test', ?, ?)`,
  )
  live.run(1, 1, 1, 'PHONE', 0, 'COMPLETED', null, now, now)
  live.run(2, 2, 2, 'WALK_IN', 0, 'NO_SHOW', null, now, now)
  live.run(3, 3, 3, 'PHONE', 1, 'COMPLETED', null, now, now)
  live.run(4, 4, 4, 'WALK_IN', 1, 'CANCELED', '改期', now, now)
  db.prepare(
    `INSERT INTO appointments_archive (id, slot_id, doctor_id, date, start_time, end_time, patient_id, queue_no, source, is_extra, status,
       chief_complaint, cancel_reason, skip_count, created_by, created_at, updated_at, archived_at)
     VALUES (5, 9, 1, '2026-03-02', '10:00', '10:30', 1, 5, 'PHONE', 1, 'NO_SHOW', '', NULL, 0, 'test', ?, ?, ?)`,
  ).run(now, now, now)
})
afterAll(() => host?.dispose())

const summary = (params: Record<string, unknown>): Promise<ReportSummary> =>
  host.must(ADMIN, 'reports.summary', { ...RANGE, ...params } as never) as Promise<ReportSummary>

describe('加号 in reports.summary', () => {
  test('by source: EXTRA is a row of its own, counted under extras', async () => {
    const s = await summary({ by: 'source' })
    expect(
      s.rows.map((r) => [
        r.key,
        r.bookings,
        r.walkIns,
        r.extras,
        r.completed,
        r.noShows,
        r.canceled,
      ]),
    ).toEqual([
      ['EXTRA', 0, 0, 3, 1, 1, 1], // #3 #4 #5
      ['PHONE', 1, 0, 0, 1, 0, 0], // #1
      ['WALK_IN', 0, 1, 0, 0, 1, 0], // #2
    ])
    // EXTRA held a place in #3 and #5 (not the canceled #4): one no-show of two.
    expect(s.rows[0]?.noShowRate).toBe(1 / 2)
  })

  test('the whole clinic: bookings and walk-ins leave out the 加号', async () => {
    const s = await summary({})
    expect(s.rows).toHaveLength(1)
    expect(s.rows[0]).toMatchObject({
      bookings: 1,
      walkIns: 1,
      extras: 3,
      completed: 2,
      noShows: 2,
    })
    expect(s.source).toBeNull()
  })

  test('the source filter narrows appointments, not places', async () => {
    const s = await summary({ source: 'EXTRA' })
    expect(s.source).toBe('EXTRA')
    expect(s.rows[0]).toMatchObject({
      bookings: 0,
      walkIns: 0,
      extras: 3,
      completed: 1,
      canceled: 1,
    })
    // Held: P3 (#3, live band at 08) and P1 (#5, archived band at 10); 2026-03-02 is a Monday.
    expect(s.heatMap).toEqual([
      { weekday: 1, hour: 8, count: 1 },
      { weekday: 1, hour: 10, count: 1 },
    ])
    expect(s.patients).toEqual({ total: 2, new: 2, returning: 0 })
    expect(s.utilisation).toEqual([
      { period: '2026-03-02', key: null, offered: 3, used: 3, unused: 0 },
    ])
    const phone = await summary({ source: 'PHONE' })
    expect(phone.rows[0]).toMatchObject({ bookings: 1, walkIns: 0, extras: 0 })
  })

  test('an unknown source is INVALID_INPUT on the field', async () => {
    const r = await host.call(ADMIN, 'reports.summary', { ...RANGE, source: 'FAX' } as never)
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'source' } })
  })
})
