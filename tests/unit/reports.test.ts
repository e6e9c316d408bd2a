import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { ReportRow, ReportSummary } from '../../src/shared/contract/reports'
import { ADMIN, RECEPTION, doctorCaller, makeTestHost, type TestHost } from '../helpers/test-host'

/**
 * reports.summary on a small clinic built by hand (docs/REPORTS.md defines every figure). Every
 * expected figure below is worked out by hand from the table in `build`, not by running SQL.
 *
 * Range 2026-03-02 (Mon) .. 2026-03-15 (Sun): ISO weeks starting 03-02 and 03-09.
 * Departments 1 (doctors 1, 2) and 2 (doctor 3). Waits (check-in → call) and visits (start →
 * finish) in seconds. "A" marks a row in the archive tables.
 *
 *  #  doctor day    band   patient source  status      reason    wait  visit
 *  1  1      03-02  08:00  P1      PHONE   COMPLETED             600   900
 *  2  1      03-02  08:00  P2      WALK_IN COMPLETED             300   600
 *  3  1      03-02  08:00  P3      PHONE   NO_SHOW
 *  4  1      03-02  08:00  P4      PHONE   CANCELED    改期
 *  5  1      03-02  14:00  P5      PHONE   CANCELED    病情好转
 *  6  1      03-02  14:00  P6      PHONE   COMPLETED             1200  300
 *  7  2      03-03  09:00  P2      PHONE   COMPLETED             60    1800
 *  8  2      03-03  09:00  P7      WALK_IN CHECKED_IN
 *  9  2      03-03  09:00  P8      PHONE   CANCELED    改期
 * 10  3      03-10  08:00  P1      PHONE   NO_SHOW
 * 13A 2      03-09  10:00  P9      PHONE   COMPLETED             900   1200
 * 14A 2      03-09  10:00  P2      WALK_IN COMPLETED             120   600
 * outside the range: 11 doctor 1 02-20 P1 COMPLETED; 12 doctor 1 02-20 P3 CANCELED;
 *                    15A doctor 3 01-15 P9 COMPLETED.
 *
 * Bands (quota/booked): doctor 1 03-02 08:00 4/3, 14:00 2/1; doctor 2 03-03 09:00 3/2;
 * doctor 3 03-10 08:00 2/1, 03-11 08:00 5/0 CLOSED; A doctor 2 03-09 10:00 2/2; doctor 1 02-20 2/1.
 */
let host: TestHost

const at = (day: string, secondsAfter8: number): string =>
  new Date(Date.parse(`${day}T00:00:00.000Z`) + secondsAfter8 * 1000).toISOString()

function build(h: TestHost): void {
  const db = h.database.sqlite
  const now = '2026-01-01T00:00:00.000Z'
  db.transaction(() => {
    for (const name of ['内科', '外科'])
      db.prepare('INSERT INTO departments (name, created_at) VALUES (?, ?)').run(name, now)
    for (const dept of [1, 1, 2])
      db.prepare('INSERT INTO doctors (name, department_id, created_at) VALUES (?, ?, ?)').run(
        `医生${dept}`,
        dept,
        now,
      )
    for (let p = 1; p <= 9; p++)
      db.prepare(
        "INSERT INTO patients (name, sex, created_at, updated_at) VALUES (?, 'U', ?, ?)",
      ).run(`病人${p}`, now, now)
    const band = db.prepare(
      `INSERT INTO doctor_schedules (id, doctor_id, date, start_time, end_time, quota, booked, walk_in_reserved, walk_ins, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
    )
    band.run(1, 1, '2026-03-02', '08:00', '08:30', 4, 3, 1, 'AVAILABLE')
    band.run(2, 1, '2026-03-02', '14:00', '14:30', 2, 1, 0, 'AVAILABLE')
    band.run(3, 2, '2026-03-03', '09:00', '09:30', 3, 2, 1, 'AVAILABLE')
    band.run(4, 3, '2026-03-10', '08:00', '08:30', 2, 1, 0, 'AVAILABLE')
    band.run(5, 3, '2026-03-11', '08:00', '08:30', 5, 0, 0, 'CLOSED')
    band.run(6, 1, '2026-02-20', '08:00', '08:30', 2, 1, 0, 'AVAILABLE')
    db.prepare(
      `INSERT INTO doctor_schedules_archive (id, doctor_id, date, start_time, end_time, quota, booked, walk_in_reserved, walk_ins, status, archived_at)
       VALUES (7, 2, '2026-03-09', '10:00', '10:30', 2, 2, 0, 1, 'BOOKED', ?)`,
    ).run(now)
    const live = db.prepare(
      `INSERT INTO appointments (id, slot_id, doctor_id, date, patient_id, queue_no, source, status, cancel_reason, call_order,
         created_by, created_at, updated_at, checked_in_at, called_at, started_at, completed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'test', ?, ?, ?, ?, ?, ?)`,
    )
    const archived = db.prepare(
      `INSERT INTO appointments_archive (id, slot_id, doctor_id, date, start_time, end_time, patient_id, queue_no, source, status,
         chief_complaint, cancel_reason, skip_count, created_by, created_at, updated_at, checked_in_at, called_at, started_at, completed_at, archived_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', NULL, 0, 'test', ?, ?, ?, ?, ?, ?, ?)`,
    )
    /** Instants for a visit: checked in at 08:00Z, called after `wait`, started a minute later, finished after `visit`. */
    const times = (day: string, wait: number | null, visit: number | null) =>
      wait === null
        ? [null, null, null, null]
        : [at(day, 0), at(day, wait), at(day, wait + 60), at(day, wait + 60 + (visit ?? 0))]
    const rows: [
      number,
      number,
      number,
      string,
      number,
      string,
      string,
      string | null,
      number | null,
      number | null,
    ][] = [
      [1, 1, 1, '2026-03-02', 1, 'PHONE', 'COMPLETED', null, 600, 900],
      [2, 1, 1, '2026-03-02', 2, 'WALK_IN', 'COMPLETED', null, 300, 600],
      [3, 1, 1, '2026-03-02', 3, 'PHONE', 'NO_SHOW', null, null, null],
      [4, 1, 1, '2026-03-02', 4, 'PHONE', 'CANCELED', '改期', null, null],
      [5, 2, 1, '2026-03-02', 5, 'PHONE', 'CANCELED', '病情好转', null, null],
      [6, 2, 1, '2026-03-02', 6, 'PHONE', 'COMPLETED', null, 1200, 300],
      [7, 3, 2, '2026-03-03', 2, 'PHONE', 'COMPLETED', null, 60, 1800],
      [8, 3, 2, '2026-03-03', 7, 'WALK_IN', 'CHECKED_IN', null, null, null],
      [9, 3, 2, '2026-03-03', 8, 'PHONE', 'CANCELED', '改期', null, null],
      [10, 4, 3, '2026-03-10', 1, 'PHONE', 'NO_SHOW', null, null, null],
      [11, 6, 1, '2026-02-20', 1, 'PHONE', 'COMPLETED', null, 100, 100],
      [12, 6, 1, '2026-02-20', 3, 'PHONE', 'CANCELED', '改期', null, null],
    ]
    for (const [id, slot, doctor, day, patient, source, status, reason, wait, visit] of rows) {
      const [checkedIn, called, started, completed] = times(day, wait, visit)
      // A checked-in patient has a check-in time and nothing after it.
      const checked = status === 'CHECKED_IN' ? at(day, 0) : checkedIn
      live.run(
        id,
        slot,
        doctor,
        day,
        patient,
        id,
        source,
        status,
        reason,
        now,
        now,
        checked,
        called,
        started,
        completed,
      )
    }
    archived.run(
      13,
      7,
      2,
      '2026-03-09',
      '10:00',
      '10:30',
      9,
      1,
      'PHONE',
      'COMPLETED',
      now,
      now,
      ...times('2026-03-09', 900, 1200),
      now,
    )
    archived.run(
      14,
      7,
      2,
      '2026-03-09',
      '10:00',
      '10:30',
      2,
      2,
      'WALK_IN',
      'COMPLETED',
      now,
      now,
      ...times('2026-03-09', 120, 600),
      now,
    )
    archived.run(
      15,
      99,
      3,
      '2026-01-15',
      '08:00',
      '08:30',
      9,
      1,
      'PHONE',
      'COMPLETED',
      now,
      now,
      ...times('2026-01-15', 10, 10),
      now,
    )
  })()
}

const RANGE = { from: '2026-03-02', to: '2026-03-15' } as const

beforeAll(async () => {
  host = await makeTestHost()
  build(host)
})
afterAll(() => host?.dispose())

const summary = (params: Record<string, unknown>, caller = ADMIN): Promise<ReportSummary> =>
  host.must(caller, 'reports.summary', { ...RANGE, ...params } as never) as Promise<ReportSummary>

const row = (s: ReportSummary, period: string, key: ReportRow['key']): ReportRow => {
  const found = s.rows.find((r) => r.period === period && r.key === key)
  if (!found) throw new Error(`no row ${period} ${String(key)}`)
  return found
}

describe('reports.summary on the hand-built clinic', () => {
  test('the whole clinic by week: counts, rates, reasons, waits and visits', async () => {
    const s = await summary({ period: 'week' })
    expect(s.periods).toEqual(['2026-03-02', '2026-03-09'])
    expect(s.rows).toHaveLength(2)
    expect(row(s, '2026-03-02', null)).toEqual({
      period: '2026-03-02',
      key: null,
      bookings: 7, // 1 3 4 5 6 7 9
      walkIns: 2, // 2 8
      extras: 0,
      completed: 4, // 1 2 6 7
      noShows: 1, // 3
      noShowRate: 1 / 6, // held: 1 2 3 6 7 8
      canceled: 3,
      cancellations: [
        { reason: '改期', count: 2 },
        { reason: '病情好转', count: 1 },
      ],
      wait: { n: 4, median: 300, p90: 1200 }, // 60 300 600 1200: ranks 2 and 4
      visit: { n: 4, median: 600, p90: 1800 }, // 300 600 900 1800
    })
    // Week two is two archived visits and one live no-show.
    expect(row(s, '2026-03-09', null)).toMatchObject({
      bookings: 2,
      walkIns: 1,
      completed: 2,
      noShows: 1,
      noShowRate: 1 / 3,
      canceled: 0,
      cancellations: [],
      wait: { n: 2, median: 120, p90: 900 }, // 120 900: ranks 1 and 2
      visit: { n: 2, median: 600, p90: 1200 },
    })
    // The CLOSED band of 03-11 offered nothing; the archived band counts.
    expect(s.utilisation).toEqual([
      { period: '2026-03-02', key: null, offered: 9, used: 6, unused: 3 },
      { period: '2026-03-09', key: null, offered: 4, used: 3, unused: 1 },
    ])
    expect(s.heatMap).toEqual([
      { weekday: 1, hour: 8, count: 3 },
      { weekday: 1, hour: 10, count: 2 },
      { weekday: 1, hour: 14, count: 1 },
      { weekday: 2, hour: 8, count: 1 },
      { weekday: 2, hour: 9, count: 2 },
    ])
    // Held a place in the range: P1 P2 P3 P6 P7 P9. Before it: P1 (live), P9 (archived);
    // P3's earlier booking was canceled, so P3 is new.
    expect(s.patients).toEqual({ total: 6, new: 4, returning: 2 })
  })

  test('by doctor, one month-period that begins on the range’s first day', async () => {
    const s = await summary({ period: 'month', by: 'doctor' })
    expect(s.periods).toEqual(['2026-03-02'])
    expect(s.rows.map((r) => r.key)).toEqual([1, 2, 3])
    expect(row(s, '2026-03-02', 1)).toMatchObject({
      bookings: 5,
      walkIns: 1,
      completed: 3,
      noShows: 1,
      noShowRate: 0.25,
      canceled: 2,
      wait: { n: 3, median: 600, p90: 1200 }, // 300 600 1200
      visit: { n: 3, median: 600, p90: 900 }, // 300 600 900
    })
    expect(row(s, '2026-03-02', 2)).toMatchObject({
      bookings: 3,
      walkIns: 2,
      completed: 3,
      noShows: 0,
      noShowRate: 0,
      cancellations: [{ reason: '改期', count: 1 }],
      wait: { n: 3, median: 120, p90: 900 }, // 60 120 900
      visit: { n: 3, median: 1200, p90: 1800 }, // 600 1200 1800
    })
    expect(row(s, '2026-03-02', 3)).toMatchObject({
      bookings: 1,
      noShows: 1,
      noShowRate: 1,
      wait: { n: 0, median: null, p90: null },
    })
    expect(s.utilisation).toEqual([
      { period: '2026-03-02', key: 1, offered: 6, used: 4, unused: 2 },
      { period: '2026-03-02', key: 2, offered: 5, used: 4, unused: 1 },
      { period: '2026-03-02', key: 3, offered: 2, used: 1, unused: 1 },
    ])
  })

  test('by department and by source', async () => {
    const d = await summary({ period: 'month', by: 'department' })
    expect(
      d.rows.map((r) => [r.key, r.bookings, r.walkIns, r.completed, r.noShows, r.canceled]),
    ).toEqual([
      [1, 8, 3, 6, 1, 3],
      [2, 1, 0, 0, 1, 0],
    ])
    expect(row(d, '2026-03-02', 1).noShowRate).toBe(1 / 8)
    expect(row(d, '2026-03-02', 1).wait).toEqual({ n: 6, median: 300, p90: 1200 }) // 60 120 300 600 900 1200: ranks 3, 6
    const s = await summary({ period: 'week', by: 'source' })
    expect(row(s, '2026-03-02', 'PHONE')).toMatchObject({
      bookings: 7,
      walkIns: 0,
      completed: 3,
      noShows: 1,
      canceled: 3,
      noShowRate: 1 / 4, // held: 1 3 6 7
      wait: { n: 3, median: 600, p90: 1200 }, // 60 600 1200
    })
    expect(row(s, '2026-03-02', 'WALK_IN')).toMatchObject({
      bookings: 0,
      walkIns: 2,
      completed: 1,
      noShowRate: 0,
      wait: { n: 1, median: 300, p90: 300 },
    })
    // Places have no source: utilisation stays the clinic's.
    expect(s.utilisation.map((u) => u.key)).toEqual([null, null])
  })

  test('by day, filtered to a department', async () => {
    const s = await summary({ period: 'day', departmentId: 2 })
    expect(s.periods).toHaveLength(14)
    expect(s.rows.map((r) => [r.period, r.noShows])).toEqual([['2026-03-10', 1]])
    expect(s.utilisation).toEqual([
      { period: '2026-03-10', key: null, offered: 2, used: 1, unused: 1 },
    ])
    expect(s.patients).toEqual({ total: 1, new: 0, returning: 1 })
  })

  test('a doctor sees only their own figures, and may not ask for another’s', async () => {
    const own = await summary({ period: 'month' }, doctorCaller(2))
    expect(own.doctorId).toBe(2)
    expect(own.rows).toHaveLength(1)
    expect(own.rows[0]).toMatchObject({ bookings: 3, walkIns: 2, completed: 3 })
    // P2 and P7 are new; P9 was seen (archived) in January.
    expect(own.patients).toEqual({ total: 3, new: 2, returning: 1 })
    const other = await host.call(doctorCaller(2), 'reports.summary', {
      ...RANGE,
      period: 'month',
      doctorId: 1,
    })
    expect(other).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const desk = await host.call(RECEPTION, 'reports.summary', { ...RANGE, period: 'month' })
    expect(desk).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  test('bad input is INVALID_INPUT on the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ from: '2026-03-15', to: '2026-03-02', period: 'day' }, 'to'],
      [{ from: '2026-01-01', to: '2027-01-02', period: 'month' }, 'to'],
      [{ ...RANGE, period: 'day', by: 'room' }, 'by'],
      [{ ...RANGE, period: 'year' }, 'period'],
      [{ ...RANGE, period: 'day', colour: 'red' }, 'colour'],
      [{ from: '2026-02-30', to: '2026-03-02', period: 'day' }, 'from'],
    ]
    for (const [params, field] of cases) {
      const r = await host.call(ADMIN, 'reports.summary', params as never)
      expect(r, JSON.stringify(params)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field },
      })
    }
    // A whole leap year is allowed.
    expect(
      (
        await host.call(ADMIN, 'reports.summary', {
          from: '2028-01-01',
          to: '2028-12-31',
          period: 'month',
        })
      ).ok,
    ).toBe(true)
  })

  test('reads on its own connection: a write transaction open on the host’s neither blocks it nor shows', async () => {
    const db = host.database.sqlite
    db.exec('BEGIN IMMEDIATE')
    try {
      db.prepare(
        `INSERT INTO appointments (slot_id, doctor_id, date, patient_id, queue_no, source, status, call_order, created_by, created_at, updated_at)
         VALUES (1, 1, '2026-03-02', 9, 99, 'PHONE', 'NO_SHOW', 0, 'test', 'x', 'x')`,
      ).run()
      const s = await summary({ period: 'week' })
      expect(row(s, '2026-03-02', null).noShows).toBe(1)
    } finally {
      db.exec('ROLLBACK')
    }
  })
})
