import { afterEach, describe, expect, test } from 'vitest'
import {
  expectBookedMatches,
  key,
  makeClinic,
  slotAt,
  type Clinic,
} from '../helpers/booking-fixture'
import { ADMIN, RECEPTION } from '../helpers/test-host'
import { forEachEngine } from '../helpers/engines'
import { countRows, selectRows } from '../helpers/engine-sql'

let clinic: Clinic
afterEach(() => clinic?.host.dispose())

const TOMORROW = '2026-12-01'
const PHONE = '13800138000'

const checksum = async (c: Clinic): Promise<string> => {
  const out: string[] = []
  for (const t of [
    'waitlist',
    'waitlist_offers',
    'slot_holds',
    'appointments',
    'doctor_schedules',
    'audit_log',
  ])
    out.push(
      JSON.stringify(
        (await selectRows(c.host, `SELECT * FROM ${t}`)).map((r) => JSON.stringify(r)).sort(),
      ),
    )
  return out.join('|')
}

/** A band of one place, booked; the clinic in the waitlist mode asked. */
async function fullBand(mode: 'book' | 'offer') {
  clinic = await makeClinic({ patients: 6, quota: 1, walkIn: 0 })
  await clinic.host.must(ADMIN, 'settings.update', {
    waitlistMode: mode,
    waitlistOfferMinutes: 15,
  })
  const doc = clinic.doctorIds[0]!
  const band = await slotAt(clinic.host, doc, TOMORROW, '09:00')
  const first = await clinic.host.must(RECEPTION, 'appointments.book', {
    slotId: band.id,
    patientId: clinic.patientIds[0]!,
    idempotencyKey: key(),
  })
  return { doc, band, first }
}

const wait = (patient: number, doc: number, slotIds: number[]) =>
  clinic.host.must(RECEPTION, 'waitlist.add', {
    patientId: clinic.patientIds[patient]!,
    doctorId: doc,
    date: TOMORROW,
    slotIds,
    phone: PHONE,
  })
const entry = (id: number) => clinic.host.must(RECEPTION, 'waitlist.position', { id })
const sweep = () => clinic.host.must(ADMIN, 'waitlist.sweep', {})

forEachEngine(() => {
  describe('waitlist offer mode (候补待确认)', () => {
    test('a freed place is held for the first in line, not booked; accepting books it and needs no call back', async () => {
      const { doc, band, first } = await fullBand('offer')
      const a = await wait(1, doc, [band.id])
      const b = await wait(2, doc, [band.id])
      await clinic.host.must(RECEPTION, 'appointments.cancel', { id: first.id, reason: '有事' })
      const offered = await entry(a.id)
      expect(offered).toMatchObject({ status: 'OFFERED', position: 1, appointmentId: null })
      expect(offered.offer).toEqual({
        slotId: band.id,
        startTime: '09:00',
        deadline: '2026-11-30T00:25:00.000Z',
      })
      // The place is held: the grid shows it LOCKED, a desk cannot book it, b is not offered it.
      const grid = await clinic.host.must(RECEPTION, 'slots.forDoctorDay', {
        doctorId: doc,
        date: TOMORROW,
      })
      expect(grid.find((s) => s.id === band.id)).toMatchObject({ status: 'LOCKED', held: 1 })
      expect(
        await clinic.host.call(RECEPTION, 'appointments.book', {
          slotId: band.id,
          patientId: clinic.patientIds[3]!,
          idempotencyKey: key(),
        }),
      ).toMatchObject({ ok: false, error: { code: 'SLOT_HELD' } })
      expect(await entry(b.id)).toMatchObject({ status: 'WAITING', position: 2 })
      // On the call-back list, with the phone and the deadline.
      const calls = await clinic.host.must(RECEPTION, 'waitlist.callBacks', { from: TOMORROW })
      expect(calls.map((e) => [e.id, e.status, e.phone])).toEqual([[a.id, 'OFFERED', PHONE]])

      const booked = await clinic.host.must(RECEPTION, 'waitlist.accept', { id: a.id })
      expect(booked).toMatchObject({ status: 'BOOKED', bookedStartTime: '09:00', offer: null })
      expect(booked.calledBackAt).not.toBeNull()
      const appt = await clinic.host.must(RECEPTION, 'appointments.get', {
        id: booked.appointmentId!,
      })
      expect(appt).toMatchObject({ patientId: clinic.patientIds[1], slotId: band.id })
      expect(await clinic.host.must(RECEPTION, 'waitlist.callBacks', { from: TOMORROW })).toEqual(
        [],
      )
      expect(await countRows(clinic.host, 'slot_holds')).toBe(0)
      expect(await entry(b.id)).toMatchObject({ status: 'WAITING', position: 1 })
      await expectBookedMatches(clinic.host)
    })

    test('a decline gives the place to the next in line in the same transaction', async () => {
      const { doc, band, first } = await fullBand('offer')
      const a = await wait(1, doc, [band.id])
      const b = await wait(2, doc, [band.id])
      await clinic.host.must(RECEPTION, 'appointments.cancel', { id: first.id, reason: '有事' })
      const gone = await clinic.host.must(RECEPTION, 'waitlist.decline', {
        id: a.id,
        reason: '不需要了',
      })
      expect(gone).toMatchObject({ status: 'CANCELED', cancelReason: '不需要了', offer: null })
      expect(await entry(b.id)).toMatchObject({ status: 'OFFERED', offer: { slotId: band.id } })
      expect(
        (
          await clinic.host.database.read
            .selectFrom('waitlist_offers')
            .select('status')
            .orderBy('id')
            .execute()
        ).map((r) => r.status),
      ).toEqual(['DECLINED', 'OPEN'])
    })

    test('an offer not answered by its deadline lapses on the timer and the place goes to the next; accepting late is HOLD_EXPIRED', async () => {
      const { doc, band, first } = await fullBand('offer')
      const a = await wait(1, doc, [band.id])
      const b = await wait(2, doc, [band.id])
      await clinic.host.must(RECEPTION, 'appointments.cancel', { id: first.id, reason: '有事' })
      clinic.clock.set('2026-11-30T00:25:00Z') // the deadline minute
      const before = await checksum(clinic)
      expect(await clinic.host.call(RECEPTION, 'waitlist.accept', { id: a.id })).toMatchObject({
        ok: false,
        error: { code: 'HOLD_EXPIRED', field: 'id' },
      })
      expect(await checksum(clinic)).toBe(before)
      expect(await sweep()).toEqual({ expired: [], lapsed: [a.id], served: [b.id] })
      expect(await entry(a.id)).toMatchObject({ status: 'CANCELED', position: null })
      expect(await entry(b.id)).toMatchObject({ status: 'OFFERED' })
      // A second sweep in the same minute has nothing left to do.
      expect(await sweep()).toEqual({ expired: [], lapsed: [], served: [] })
    })

    test('bad answers get typed errors and change nothing', async () => {
      const { doc, band } = await fullBand('offer')
      const a = await wait(1, doc, [band.id])
      const before = await checksum(clinic)
      expect(await clinic.host.call(RECEPTION, 'waitlist.accept', { id: a.id })).toMatchObject({
        ok: false,
        error: { code: 'ILLEGAL_TRANSITION', field: 'id' },
      })
      expect(
        await clinic.host.call(RECEPTION, 'waitlist.decline', { id: 999_999, reason: 'x' }),
      ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'id' } })
      expect(
        await clinic.host.call(RECEPTION, 'waitlist.decline', { id: a.id, reason: '' }),
      ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
      expect(await clinic.host.call(RECEPTION, 'waitlist.sweep', {})).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      })
      expect(await checksum(clinic)).toBe(before)
    })
  })

  describe('the waitlist timer (waitlist.sweep)', () => {
    test('writes EXPIRED on entries whose session has started, audited', async () => {
      const { doc, band } = await fullBand('book')
      const a = await wait(1, doc, [band.id])
      expect(await sweep()).toEqual({ expired: [], lapsed: [], served: [] })
      clinic.clock.set('2026-12-01T01:00:00Z') // 09:00 in Shanghai: the band starts
      expect(await sweep()).toEqual({ expired: [a.id], lapsed: [], served: [] })
      const row = await clinic.host.database.read
        .selectFrom('waitlist')
        .select(['status', 'ended_at'])
        .where('id', '=', a.id)
        .executeTakeFirst()
      expect(row).toEqual({ status: 'EXPIRED', ended_at: '2026-12-01T01:00:00.000Z' })
      const audits = await clinic.host.database.read
        .selectFrom('audit_log')
        .select('after')
        .where('entity', '=', 'waitlist')
        .where('entity_id', '=', a.id)
        .orderBy('id')
        .execute()
      expect(audits.map((r) => (JSON.parse(r.after!) as { status?: string }).status)).toEqual([
        undefined,
        'EXPIRED',
      ])
    })

    test('a desk hold that expires gives its place to the first in line (book mode)', async () => {
      clinic = await makeClinic({ patients: 6, quota: 2, walkIn: 0 })
      const doc = clinic.doctorIds[0]!
      const band = await slotAt(clinic.host, doc, TOMORROW, '09:00')
      await clinic.host.must(RECEPTION, 'appointments.book', {
        slotId: band.id,
        patientId: clinic.patientIds[0]!,
        idempotencyKey: key(),
      })
      // The last place is held by a desk on the phone: the band is full for everybody else.
      await clinic.host.must(RECEPTION, 'holds.create', { slotId: band.id })
      const a = await wait(1, doc, [band.id])
      expect(await sweep()).toEqual({ expired: [], lapsed: [], served: [] })
      clinic.clock.set('2026-11-30T00:15:00Z') // holdMinutes (5) later
      expect(await sweep()).toEqual({ expired: [], lapsed: [], served: [a.id] })
      expect(await entry(a.id)).toMatchObject({ status: 'BOOKED', bookedStartTime: '09:00' })
      await expectBookedMatches(clinic.host)
    })
  })

  describe("a patient's place in line (waitlist.forPatient)", () => {
    test('lists the live entries with positions, offered ones included', async () => {
      const { doc, band, first } = await fullBand('offer')
      const a = await wait(1, doc, [band.id])
      const b = await wait(2, doc, [band.id])
      const mine = () =>
        clinic.host.must(RECEPTION, 'waitlist.forPatient', { patientId: clinic.patientIds[2]! })
      expect((await mine()).map((e) => [e.id, e.position])).toEqual([[b.id, 2]])
      await clinic.host.must(RECEPTION, 'waitlist.cancel', { id: a.id, reason: '不等了' })
      expect((await mine()).map((e) => [e.id, e.position])).toEqual([[b.id, 1]])
      await clinic.host.must(RECEPTION, 'appointments.cancel', { id: first.id, reason: '有事' })
      expect((await mine()).map((e) => [e.id, e.status])).toEqual([[b.id, 'OFFERED']])
      expect(
        await clinic.host.must(RECEPTION, 'waitlist.forPatient', {
          patientId: clinic.patientIds[1]!,
        }),
      ).toEqual([])
    })
  })
})
