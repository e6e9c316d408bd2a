import { quietAppointment } from '../helpers/engine-sql'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { ReportSummary } from '../../src/shared/contract/reports'
import { forEachEngine } from '../helpers/engines'
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

/** The rows above, through the host's writable handle (the same builder on either engine). */
async function build(h: TestHost): Promise<void> {
  const db = h.database.units.db
  const now = '2026-01-01T00:00:00.000Z'
  await db.insertInto('departments').values({ name: '内科', created_at: now }).execute()
  await db
    .insertInto('doctors')
    .values({ name: '医生', department_id: 1, created_at: now })
    .execute()
  await db
    .insertInto('patients')
    .values(
      [1, 2, 3, 4].map((p) => ({
        name: `病人${p}`,
        sex: 'U' as const,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute()
  await db
    .insertInto('doctor_schedules')
    .values({
      id: 1,
      doctor_id: 1,
      date: '2026-03-02',
      start_time: '08:00',
      end_time: '08:30',
      quota: 3,
      booked: 3,
      walk_in_reserved: 0,
      walk_ins: 1,
      status: 'BOOKED',
      extra_places: 1,
      template_id: null,
    })
    .execute()
  const common = {
    doctor_id: 1,
    date: '2026-03-02',
    ...quietAppointment(now),
  }
  const live = (
    id: number,
    source: 'PHONE' | 'WALK_IN',
    extra: number,
    status: 'COMPLETED' | 'NO_SHOW' | 'CANCELED',
    reason: string | null = null,
  ) => ({
    ...common,
    id,
    slot_id: 1,
    patient_id: id,
    queue_no: id,
    source,
    is_extra: extra,
    status,
    cancel_reason: reason,
    call_order: 0,
    live_guard: null,
  })
  await db
    .insertInto('appointments')
    .values([
      live(1, 'PHONE', 0, 'COMPLETED'),
      live(2, 'WALK_IN', 0, 'NO_SHOW'),
      live(3, 'PHONE', 1, 'COMPLETED'),
      live(4, 'WALK_IN', 1, 'CANCELED', '改期'),
    ])
    .execute()
  await db
    .insertInto('appointments_archive')
    .values({
      ...common,
      id: 5,
      slot_id: 9,
      start_time: '10:00',
      end_time: '10:30',
      patient_id: 1,
      queue_no: 5,
      source: 'PHONE',
      is_extra: 1,
      status: 'NO_SHOW',
      cancel_reason: null,
      late_canceled_on: null,
      archived_at: now,
    })
    .execute()
}

const summary = (params: Record<string, unknown>): Promise<ReportSummary> =>
  host.must(ADMIN, 'reports.summary', { ...RANGE, ...params } as never) as Promise<ReportSummary>

forEachEngine(() =>
  describe('加号 in reports.summary', () => {
    beforeAll(async () => {
      host = await makeTestHost()
      await build(host)
    })
    afterAll(() => host?.dispose())
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
  }),
)
