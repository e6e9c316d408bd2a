import { afterEach, describe, expect, test } from 'vitest'
import {
  expectBookedMatches,
  key,
  makeClinic,
  slotAt,
  type Clinic,
} from '../helpers/booking-fixture'
import { ADMIN, RECEPTION, doctorCaller } from '../helpers/test-host'
import { forEachEngine } from '../helpers/engines'
import { selectRows } from '../helpers/engine-sql'

let clinic: Clinic
afterEach(() => clinic?.host.dispose())

const TOMORROW = '2026-12-01'
const PHONE = '13800138000'

/** Waitlist rows, bookings, bands and audit: a refusal must leave all of them as they were. */
const checksum = async (c: Clinic): Promise<string> => {
  const out: string[] = []
  for (const t of ['waitlist', 'waitlist_bands', 'appointments', 'doctor_schedules', 'audit_log'])
    out.push(
      JSON.stringify(
        (await selectRows(c.host, `SELECT * FROM ${t}`)).map((r) => JSON.stringify(r)).sort(),
      ),
    )
  return out.join('|')
}

const auditsOf = (c: Clinic, entityId: number) =>
  c.host.database.read
    .selectFrom('audit_log')
    .select(['action', 'after'])
    .where('entity', '=', 'waitlist')
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute()

/** One band per doctor-day place: quota 1, no walk-in places, so one booking fills a band. */
async function fullBand(patients = 6) {
  clinic = await makeClinic({ patients, quota: 1, walkIn: 0 })
  const doc = clinic.doctorIds[0]!
  const band = await slotAt(clinic.host, doc, TOMORROW, '09:00')
  const first = await clinic.host.must(RECEPTION, 'appointments.book', {
    slotId: band.id,
    patientId: clinic.patientIds[0]!,
    idempotencyKey: key(),
  })
  return { doc, band, first }
}

const wait = (c: Clinic, patient: number, doc: number, slotIds: number[]) =>
  c.host.must(RECEPTION, 'waitlist.add', {
    patientId: c.patientIds[patient]!,
    doctorId: doc,
    date: TOMORROW,
    slotIds,
    phone: PHONE,
  })

forEachEngine(() => {
  describe('waitlist (候补)', () => {
    test('a full band takes a line; positions are first come first served; cancel moves the rest up', async () => {
      const { doc, band } = await fullBand()
      const a = await wait(clinic, 1, doc, [band.id])
      const b = await wait(clinic, 2, doc, [band.id])
      const c = await wait(clinic, 3, doc, [band.id])
      expect([a.position, b.position, c.position]).toEqual([1, 2, 3])
      expect(a).toMatchObject({ status: 'WAITING', slotIds: [band.id], phone: PHONE })
      expect(a.expiresAt).toBe(`${TOMORROW} 09:00`)
      const gone = await clinic.host.must(RECEPTION, 'waitlist.cancel', {
        id: a.id,
        reason: '不等了',
      })
      expect(gone).toMatchObject({ status: 'CANCELED', position: null, cancelReason: '不等了' })
      const line = await clinic.host.must(RECEPTION, 'waitlist.list', {
        doctorId: doc,
        date: TOMORROW,
      })
      expect(line.map((e) => [e.id, e.position])).toEqual([
        [b.id, 1],
        [c.id, 2],
      ])
      expect(await auditsOf(clinic, a.id)).toHaveLength(2)
    })

    test('a cancel books the first in line into the freed place in the same transaction (候补成功)', async () => {
      const { doc, band, first } = await fullBand()
      const a = await wait(clinic, 1, doc, [band.id])
      const b = await wait(clinic, 2, doc, [band.id])
      await clinic.host.must(RECEPTION, 'appointments.cancel', { id: first.id, reason: '有事' })
      const served = await clinic.host.must(RECEPTION, 'waitlist.position', { id: a.id })
      expect(served).toMatchObject({ status: 'BOOKED', position: null, bookedStartTime: '09:00' })
      const appt = await clinic.host.must(RECEPTION, 'appointments.get', {
        id: served.appointmentId!,
      })
      expect(appt).toMatchObject({
        patientId: clinic.patientIds[1],
        slotId: band.id,
        status: 'CONFIRMED',
      })
      expect((await clinic.host.must(RECEPTION, 'waitlist.position', { id: b.id })).position).toBe(
        1,
      )
      await expectBookedMatches(clinic.host)
      // The call-back list shows the phone; once phoned, the entry leaves it.
      const calls = await clinic.host.must(RECEPTION, 'waitlist.callBacks', { from: TOMORROW })
      expect(calls.map((e) => [e.id, e.phone])).toEqual([[a.id, PHONE]])
      await clinic.host.must(RECEPTION, 'waitlist.calledBack', { id: a.id })
      expect(await clinic.host.must(RECEPTION, 'waitlist.callBacks', { from: TOMORROW })).toEqual(
        [],
      )
      expect(await auditsOf(clinic, a.id)).toHaveLength(3)
    })

    test('a reschedule away, a 加号 and a reopened leave also serve the line, in order', async () => {
      const { doc, band, first } = await fullBand()
      const other = await slotAt(clinic.host, doc, TOMORROW, '10:00')
      const entries = [] as number[]
      for (const p of [1, 2, 3, 4]) entries.push((await wait(clinic, p, doc, [band.id])).id)
      await clinic.host.must(RECEPTION, 'appointments.reschedule', {
        id: first.id,
        toSlotId: other.id,
        idempotencyKey: key(),
      })
      await clinic.host.must(RECEPTION, 'slots.addExtra', {
        slotId: band.id,
        count: 1,
        agreedBy: doc,
        idempotencyKey: key(),
      })
      const statuses = async () =>
        Promise.all(
          entries.map(
            async (id) => (await clinic.host.must(RECEPTION, 'waitlist.position', { id })).status,
          ),
        )
      expect(await statuses()).toEqual(['BOOKED', 'BOOKED', 'WAITING', 'WAITING'])
      // A leave cancels entry 1's booking, then is reopened: the place goes to entry 3.
      const leave = await clinic.host.must(ADMIN, 'leave.create', {
        doctorId: doc,
        from: TOMORROW,
        to: TOMORROW,
        reason: '外出',
      })
      const e1 = await clinic.host.must(RECEPTION, 'waitlist.position', { id: entries[0]! })
      await clinic.host.must(RECEPTION, 'appointments.cancel', {
        id: e1.appointmentId!,
        reason: '停诊',
      })
      await clinic.host.must(ADMIN, 'leave.reopen', { id: leave.leave.id })
      expect(await statuses()).toEqual(['BOOKED', 'BOOKED', 'BOOKED', 'WAITING'])
      await expectBookedMatches(clinic.host)
    })

    test('a waiting patient who has booked that doctor-day meanwhile is passed over, keeping the next in order', async () => {
      const { doc, band, first } = await fullBand()
      const a = await wait(clinic, 1, doc, [band.id])
      const b = await wait(clinic, 2, doc, [band.id])
      await clinic.host.must(RECEPTION, 'appointments.book', {
        slotId: (await slotAt(clinic.host, doc, TOMORROW, '11:00')).id,
        patientId: clinic.patientIds[1]!,
        idempotencyKey: key(),
      })
      await clinic.host.must(RECEPTION, 'appointments.cancel', { id: first.id, reason: '有事' })
      expect((await clinic.host.must(RECEPTION, 'waitlist.position', { id: a.id })).status).toBe(
        'WAITING',
      )
      expect((await clinic.host.must(RECEPTION, 'waitlist.position', { id: b.id })).status).toBe(
        'BOOKED',
      )
    })

    test('an entry expires when its last band starts (on read, by the clock)', async () => {
      const { doc, band } = await fullBand()
      const a = await wait(clinic, 1, doc, [band.id])
      clinic.clock.set('2026-12-01T01:00:00Z') // 09:00 in Shanghai
      expect(await clinic.host.must(RECEPTION, 'waitlist.position', { id: a.id })).toMatchObject({
        status: 'EXPIRED',
        position: null,
      })
      expect(
        await clinic.host.must(RECEPTION, 'waitlist.list', { doctorId: doc, date: TOMORROW }),
      ).toEqual([])
    })

    test('bad input gets a typed error and changes nothing', async () => {
      const { doc, band } = await fullBand()
      await wait(clinic, 1, doc, [band.id])
      const free = await slotAt(clinic.host, doc, TOMORROW, '10:00')
      const cases: [Record<string, unknown>, string, string | undefined][] = [
        [{ slotIds: [free.id] }, 'NOT_FULL', 'slotIds'],
        [{ slotIds: [] }, 'NOT_FULL', 'date'],
        [{ slotIds: [band.id], patientId: clinic.patientIds[1] }, 'ALREADY_WAITING', 'patientId'],
        [{ slotIds: [band.id], patientId: clinic.patientIds[0] }, 'ALREADY_BOOKED', 'patientId'],
        [{ slotIds: [999_999] }, 'INVALID_INPUT', 'slotIds'],
        [{ slotIds: [band.id], phone: '12345' }, 'INVALID_INPUT', 'phone'],
        [
          { slotIds: [band.id], patientId: clinic.patientIds[2], phone: undefined },
          'INVALID_INPUT',
          'phone',
        ],
        [{ slotIds: [band.id], doctorId: 999_999 }, 'NOT_FOUND', 'doctorId'],
        [{ slotIds: [], date: '2026-11-29' }, 'SLOT_IN_PAST', 'date'],
      ]
      for (const [over, code, field] of cases) {
        const before = await checksum(clinic)
        const r = await clinic.host.call(RECEPTION, 'waitlist.add', {
          patientId: clinic.patientIds[3]!,
          doctorId: doc,
          date: TOMORROW,
          phone: PHONE,
          ...over,
        } as never)
        expect(r, JSON.stringify(over)).toMatchObject({ ok: false, error: { code, field } })
        expect(await checksum(clinic)).toBe(before)
      }
      const before = await checksum(clinic)
      expect(
        await clinic.host.call(RECEPTION, 'waitlist.cancel', { id: 999_999, reason: 'x' }),
      ).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      })
      expect(await clinic.host.call(RECEPTION, 'waitlist.calledBack', { id: 1 })).toMatchObject({
        ok: false,
        error: { code: 'ILLEGAL_TRANSITION' },
      })
      expect(await checksum(clinic)).toBe(before)
    })

    test('a doctor screen may not use the waitlist', async () => {
      const { doc, band } = await fullBand()
      const r = await clinic.host.call(doctorCaller(doc), 'waitlist.add', {
        patientId: clinic.patientIds[1]!,
        doctorId: doc,
        date: TOMORROW,
        slotIds: [band.id],
        phone: PHONE,
      })
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    })
  })
})
