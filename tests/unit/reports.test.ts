import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { ReportRow, ReportSummary } from '../../src/shared/contract/reports'
import { forEachEngine } from '../helpers/engines'
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

/** The rows above, through the host's writable handle (the same builder on either engine). */
async function build(h: TestHost): Promise<void> {
  const db = h.database.units.db
  const now = '2026-01-01T00:00:00.000Z'
  await db
    .insertInto('departments')
    .values(['内科', '外科'].map((name) => ({ name, created_at: now })))
    .execute()
  await db
    .insertInto('doctors')
    .values(
      [1, 1, 2].map((dept) => ({ name: `医生${dept}`, department_id: dept, created_at: now })),
    )
    .execute()
  await db
    .insertInto('patients')
    .values(
      Array.from({ length: 9 }, (_, i) => ({
        name: `病人${i + 1}`,
        sex: 'U' as const,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute()
  const band = (
    id: number,
    doctor: number,
    date: string,
    start: string,
    end: string,
    quota: number,
    booked: number,
    walkIns: number,
    status: 'AVAILABLE' | 'CLOSED',
  ) => ({
    id,
    doctor_id: doctor,
    date,
    start_time: start,
    end_time: end,
    quota,
    booked,
    walk_in_reserved: 0,
    walk_ins: walkIns,
    status,
    template_id: null,
  })
  await db
    .insertInto('doctor_schedules')
    .values([
      band(1, 1, '2026-03-02', '08:00', '08:30', 4, 3, 1, 'AVAILABLE'),
      band(2, 1, '2026-03-02', '14:00', '14:30', 2, 1, 0, 'AVAILABLE'),
      band(3, 2, '2026-03-03', '09:00', '09:30', 3, 2, 1, 'AVAILABLE'),
      band(4, 3, '2026-03-10', '08:00', '08:30', 2, 1, 0, 'AVAILABLE'),
      band(5, 3, '2026-03-11', '08:00', '08:30', 5, 0, 0, 'CLOSED'),
      band(6, 1, '2026-02-20', '08:00', '08:30', 2, 1, 0, 'AVAILABLE'),
    ])
    .execute()
  await db
    .insertInto('doctor_schedules_archive')
    .values({
      id: 7,
      doctor_id: 2,
      date: '2026-03-09',
      start_time: '10:00',
      end_time: '10:30',
      quota: 2,
      booked: 2,
      walk_in_reserved: 0,
      walk_ins: 1,
      status: 'BOOKED',
      archived_at: now,
    })
    .execute()
  /** Instants for a visit: checked in at 08:00Z, called after `wait`, started a minute later, finished after `visit`. */
  const times = (day: string, wait: number | null, visit: number | null) =>
    wait === null
      ? { checked_in_at: null, called_at: null, started_at: null, completed_at: null }
      : {
          checked_in_at: at(day, 0),
          called_at: at(day, wait),
          started_at: at(day, wait + 60),
          completed_at: at(day, wait + 60 + (visit ?? 0)),
        }
  const common = {
    chief_complaint: '',
    idempotency_key: null,
    rescheduled_from: null,
    skip_count: 0,
    created_by: 'test',
    created_at: now,
    updated_at: now,
    canceled_at: null,
  }
  const rows: [
    number,
    number,
    number,
    string,
    number,
    'PHONE' | 'WALK_IN',
    'COMPLETED' | 'NO_SHOW' | 'CANCELED' | 'CHECKED_IN',
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
  await db
    .insertInto('appointments')
    .values(
      rows.map(([id, slot, doctor, day, patient, source, status, reason, wait, visit]) => ({
        ...common,
        id,
        slot_id: slot,
        doctor_id: doctor,
        date: day,
        patient_id: patient,
        queue_no: id,
        source,
        status,
        cancel_reason: reason,
        call_order: 0,
        live_guard: null,
        ...times(day, wait, visit),
        // A checked-in patient has a check-in time and nothing after it.
        ...(status === 'CHECKED_IN' ? { checked_in_at: at(day, 0) } : {}),
      })),
    )
    .execute()
  const archived = (
    id: number,
    slot: number,
    doctor: number,
    day: string,
    start: string,
    end: string,
    patient: number,
    queueNo: number,
    source: 'PHONE' | 'WALK_IN',
    wait: number,
    visit: number,
  ) => ({
    ...common,
    id,
    slot_id: slot,
    doctor_id: doctor,
    date: day,
    start_time: start,
    end_time: end,
    patient_id: patient,
    queue_no: queueNo,
    source,
    status: 'COMPLETED' as const,
    cancel_reason: null,
    late_canceled_on: null,
    archived_at: now,
    ...times(day, wait, visit),
  })
  await db
    .insertInto('appointments_archive')
    .values([
      archived(13, 7, 2, '2026-03-09', '10:00', '10:30', 9, 1, 'PHONE', 900, 1200),
      archived(14, 7, 2, '2026-03-09', '10:00', '10:30', 2, 2, 'WALK_IN', 120, 600),
      archived(15, 99, 3, '2026-01-15', '08:00', '08:30', 9, 1, 'PHONE', 10, 10),
    ])
    .execute()
}

const RANGE = { from: '2026-03-02', to: '2026-03-15' } as const

const summary = (params: Record<string, unknown>, caller = ADMIN): Promise<ReportSummary> =>
  host.must(caller, 'reports.summary', { ...RANGE, ...params } as never) as Promise<ReportSummary>

const row = (s: ReportSummary, period: string, key: ReportRow['key']): ReportRow => {
  const found = s.rows.find((r) => r.period === period && r.key === key)
  if (!found) throw new Error(`no row ${period} ${String(key)}`)
  return found
}

forEachEngine(() =>
  describe('reports.summary on the hand-built clinic', () => {
    beforeAll(async () => {
      host = await makeTestHost()
      await build(host)
    })
    afterAll(() => host?.dispose())
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
      // A unit of work left open on the host's writable handle, with a row the report must not see.
      class Rollback extends Error {}
      const open = host.database.units.db.transaction().execute(async (tx) => {
        await tx
          .insertInto('appointments')
          .values({
            // Its own id: rows written with ids (build) do not move PostgreSQL's identity on.
            id: 100,
            slot_id: 1,
            doctor_id: 1,
            date: '2026-03-02',
            patient_id: 9,
            queue_no: 99,
            source: 'PHONE',
            status: 'NO_SHOW',
            chief_complaint: '',
            idempotency_key: null,
            cancel_reason: null,
            rescheduled_from: null,
            skip_count: 0,
            call_order: 0,
            live_guard: null,
            created_by: 'test',
            created_at: 'x',
            updated_at: 'x',
            checked_in_at: null,
            called_at: null,
            started_at: null,
            completed_at: null,
            canceled_at: null,
          })
          .execute()
        const s = await summary({ period: 'week' })
        expect(row(s, '2026-03-02', null).noShows).toBe(1)
        throw new Rollback()
      })
      await expect(open).rejects.toBeInstanceOf(Rollback)
    })
  }),
)
