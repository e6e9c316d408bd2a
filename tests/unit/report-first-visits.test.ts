import { sql } from 'kysely'
import { afterEach, describe, expect, test } from 'vitest'
import { forEachEngine } from '../helpers/engines'
import { key, makeClinic, slotAt, TODAY, type Clinic } from '../helpers/booking-fixture'
import { ADMIN, RECEPTION, type TestHost } from '../helpers/test-host'

let clinic: Clinic
afterEach(() => clinic?.host.dispose())

/** What the triggers keep (migration 0018), as patient → day. */
async function kept(host: TestHost): Promise<Record<number, string>> {
  const rows = await host.database.read
    .selectFrom('patient_first_visits')
    .select(['patient_id', 'first_date'])
    .execute()
  return Object.fromEntries(rows.map((r) => [Number(r.patient_id), r.first_date]))
}

/** The same worked out from scratch: each patient's earliest appointment not CANCELED, live or archived. */
async function truth(host: TestHost): Promise<Record<number, string>> {
  const held = (table: 'appointments' | 'appointments_archive') =>
    host.database.read
      .selectFrom(`${table} as a` as 'appointments as a')
      .select(['a.patient_id', 'a.date'])
      .where('a.status', '<>', 'CANCELED')
  const rows = await host.database.read
    .selectFrom(held('appointments').unionAll(held('appointments_archive')).as('v'))
    .select(['v.patient_id', sql<string>`min(v.date)`.as('first_date')])
    .groupBy('v.patient_id')
    .execute()
  return Object.fromEntries(rows.map((r) => [Number(r.patient_id), r.first_date]))
}

/** The kept days equal the from-scratch ones, and are the ones expected. */
async function expectDays(host: TestHost, expected: Record<number, string>) {
  const days = await kept(host)
  expect(days).toEqual(await truth(host))
  expect(days).toEqual(expected)
}

const book = async (
  host: TestHost,
  doctorId: number,
  date: string,
  time: string,
  patientId: number,
) =>
  host.must(RECEPTION, 'appointments.book', {
    slotId: (await slotAt(host, doctorId, date, time)).id,
    patientId,
    idempotencyKey: key(),
  })

forEachEngine(() => {
  describe('the first visit day the reports read', () => {
    test('booking, walk-in, cancel, reschedule, merge, no-show and archive keep it right; the report splits new and returning by it', async () => {
      clinic = await makeClinic({ patients: 4 })
      const { host, doctorIds, patientIds } = clinic
      const doctor = doctorIds[0]!
      const [p0, p1, p2, p3] = patientIds as [number, number, number, number]

      const later = await book(host, doctor, '2026-12-02', '09:00', p0)
      const today = await book(host, doctor, TODAY, '10:00', p0)
      await host.must(RECEPTION, 'appointments.walkIn', {
        scope: { doctorId: doctor },
        patientId: p1,
        idempotencyKey: key(),
      })
      await expectDays(host, { [p0]: TODAY, [p1]: TODAY })

      // Canceling the first visit moves the day to the next one; rescheduling that moves it again.
      await host.must(RECEPTION, 'appointments.cancel', { id: today.id, reason: '出差' })
      await expectDays(host, { [p0]: '2026-12-02', [p1]: TODAY })
      await host.must(RECEPTION, 'appointments.reschedule', {
        id: later.id,
        toSlotId: (await slotAt(host, doctor, '2026-12-03', '09:00')).id,
        idempotencyKey: key(),
      })
      await expectDays(host, { [p0]: '2026-12-03', [p1]: TODAY })

      // A patient whose only booking is canceled has no first visit; a later booking gives one.
      const gone = await book(host, doctor, TODAY, '10:30', p2)
      await host.must(RECEPTION, 'appointments.cancel', { id: gone.id, reason: '不来了' })
      await expectDays(host, { [p0]: '2026-12-03', [p1]: TODAY })
      await book(host, doctor, '2026-12-01', '09:00', p2)
      await expectDays(host, { [p0]: '2026-12-03', [p1]: TODAY, [p2]: '2026-12-01' })

      // Merging brings the retired record's earlier visit to the record kept.
      await host.must(ADMIN, 'patients.merge', {
        keepId: p2,
        retireId: p1,
        reason: '同一人重复建档',
      })
      await expectDays(host, { [p0]: '2026-12-03', [p2]: TODAY })

      // A no-show held a place: it is a visit, and stays one once archived.
      const missed = await book(host, doctor, TODAY, '11:00', p3)
      clinic.clock.set('2026-11-30T04:30:00Z') // 12:30 in Shanghai: the band is over
      await host.must(RECEPTION, 'queue.noShow', { id: missed.id })
      await host.must(ADMIN, 'settings.update', { archiveAfterDays: 1 })
      clinic.clock.set('2026-12-02T01:00:00Z')
      const { archived } = await host.must(ADMIN, 'appointments.archive', {})
      expect(archived).toBe(3) // the two canceled and the no-show; the walk-in is still open
      await expectDays(host, { [p0]: '2026-12-03', [p2]: TODAY, [p3]: TODAY })

      const patients = async (from: string, to: string) =>
        (await host.must(ADMIN, 'reports.summary', { from, to, period: 'day', by: 'none' }))
          .patients
      // p2 (walk-in of the 30th, merged in) returns on the 1st; p0 comes first on the 3rd.
      expect(await patients('2026-12-01', '2026-12-03')).toEqual({ total: 2, new: 1, returning: 1 })
      // The 30th: p2's walk-in and p3's archived no-show, both first visits.
      expect(await patients(TODAY, TODAY)).toEqual({ total: 2, new: 2, returning: 0 })
    })
  })
})
