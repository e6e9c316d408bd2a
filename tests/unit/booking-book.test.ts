import { afterEach, describe, expect, test } from 'vitest'
import type { PublishedEvent } from '../../src/main/host/event-bus'
import {
  expectBookedMatches,
  key,
  makeClinic,
  slotAt,
  TODAY,
  type Clinic,
} from '../helpers/booking-fixture'
import { forEachEngine } from '../helpers/engines'
import { ADMIN, doctorCaller, RECEPTION } from '../helpers/test-host'

let clinic: Clinic
afterEach(() => clinic?.host.dispose())

forEachEngine(() =>
  describe('appointments.book', () => {
    test('books a place: booked + 1, a queue number, CONFIRMED, an audit row and its events after commit', async () => {
      clinic = await makeClinic()
      const { host, doctorIds, patientIds } = clinic
      const seen: PublishedEvent[] = []
      host.bus.subscribe((e) => seen.push(e))
      const slot = await slotAt(host, doctorIds[0]!, TODAY, '10:00')
      expect(slot).toMatchObject({
        quota: 4,
        booked: 0,
        walkInReserved: 1,
        placesLeft: 3,
        status: 'AVAILABLE',
        past: false,
      })
      const a = await host.must(RECEPTION, 'appointments.book', {
        slotId: slot.id,
        patientId: patientIds[0]!,
        chiefComplaint: '头痛',
        idempotencyKey: key(),
      })
      expect(a).toMatchObject({
        status: 'CONFIRMED',
        queueNo: 1,
        source: 'PHONE',
        startTime: '10:00',
        chiefComplaint: '头痛',
        patientAge: 46,
        createdBy: 'test-desk',
      })
      expect(await slotAt(host, doctorIds[0]!, TODAY, '10:00')).toMatchObject({
        booked: 1,
        placesLeft: 2,
      })
      expect(seen.map((e) => e.event)).toEqual(['slots.changed', 'appointment.created'])
      const audit = await host.database.read
        .selectFrom('audit_log')
        .select(['action', 'entity', 'entity_id'])
        .where('entity', '=', 'appointment')
        .execute()
      expect(audit).toEqual([
        { action: 'appointments.book', entity: 'appointment', entity_id: a.id },
      ])
    })

    test('the same idempotency key books once and returns the first result', async () => {
      clinic = await makeClinic()
      const { host, doctorIds, patientIds } = clinic
      const slot = await slotAt(host, doctorIds[0]!, TODAY, '10:00')
      const k = key()
      const [x, y] = await Promise.all([
        host.must(RECEPTION, 'appointments.book', {
          slotId: slot.id,
          patientId: patientIds[0]!,
          idempotencyKey: k,
        }),
        host.must(RECEPTION, 'appointments.book', {
          slotId: slot.id,
          patientId: patientIds[0]!,
          idempotencyKey: k,
        }),
      ])
      expect(y).toEqual(x)
      expect((await slotAt(host, doctorIds[0]!, TODAY, '10:00')).booked).toBe(1)
      const other = await host.call(RECEPTION, 'appointments.book', {
        slotId: slot.id,
        patientId: patientIds[1]!,
        idempotencyKey: k,
      })
      expect(other).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', field: 'idempotencyKey' },
      })
    })

    test('SLOT_TAKEN once phone places are gone; the walk-in place stays for a walk-in', async () => {
      clinic = await makeClinic({ patients: 5 })
      const { host, doctorIds, patientIds } = clinic
      const slot = await slotAt(host, doctorIds[0]!, TODAY, '11:30')
      for (const patientId of patientIds.slice(0, 3))
        await host.must(RECEPTION, 'appointments.book', {
          slotId: slot.id,
          patientId,
          idempotencyKey: key(),
        })
      const full = await host.call(RECEPTION, 'appointments.book', {
        slotId: slot.id,
        patientId: patientIds[3]!,
        idempotencyKey: key(),
      })
      expect(full).toMatchObject({ ok: false, error: { code: 'SLOT_TAKEN' } })
      expect(await slotAt(host, doctorIds[0]!, TODAY, '11:30')).toMatchObject({
        booked: 3,
        placesLeft: 0,
        status: 'BOOKED',
      })
      await expectBookedMatches(host)
    })

    test('one live booking per patient per doctor per day, unless the rule is off', async () => {
      clinic = await makeClinic()
      const { host, doctorIds, patientIds } = clinic
      const a = await slotAt(host, doctorIds[0]!, TODAY, '10:00')
      const b = await slotAt(host, doctorIds[0]!, TODAY, '10:30')
      const first = await host.must(RECEPTION, 'appointments.book', {
        slotId: a.id,
        patientId: patientIds[0]!,
        idempotencyKey: key(),
      })
      const again = await host.call(RECEPTION, 'appointments.book', {
        slotId: b.id,
        patientId: patientIds[0]!,
        idempotencyKey: key(),
      })
      expect(again).toMatchObject({
        ok: false,
        error: { code: 'ALREADY_BOOKED', details: { appointmentId: first.id } },
      })
      await host.must(RECEPTION, 'appointments.cancel', { id: first.id, reason: '改天' })
      await host.must(RECEPTION, 'appointments.book', {
        slotId: b.id,
        patientId: patientIds[0]!,
        idempotencyKey: key(),
      })
      await host.must(ADMIN, 'settings.update', { onePerDoctorPerDay: false })
      await host.must(RECEPTION, 'appointments.book', {
        slotId: a.id,
        patientId: patientIds[0]!,
        idempotencyKey: key(),
      })
      await expectBookedMatches(host)
    })

    test('past bands, bands beyond the horizon, closed bands and unknown ids are refused with their codes', async () => {
      clinic = await makeClinic()
      const { host, doctorIds, patientIds } = clinic
      const past = await slotAt(host, doctorIds[0]!, TODAY, '08:00')
      clinic.clock.set('2026-11-30T00:40:00Z') // 08:40: the 08:00 band is over
      expect(
        await host.call(RECEPTION, 'appointments.book', {
          slotId: past.id,
          patientId: patientIds[0]!,
          idempotencyKey: key(),
        }),
      ).toMatchObject({ ok: false, error: { code: 'SLOT_IN_PAST' } })
      const lastDay = await slotAt(host, doctorIds[0]!, '2026-12-27', '09:00')
      await host.must(ADMIN, 'settings.update', { horizonDays: 7 })
      expect(
        await host.call(RECEPTION, 'appointments.book', {
          slotId: lastDay.id,
          patientId: patientIds[0]!,
          idempotencyKey: key(),
        }),
      ).toMatchObject({ ok: false, error: { code: 'OUT_OF_HORIZON' } })
      const tomorrow = await slotAt(host, doctorIds[0]!, '2026-12-01', '09:00')
      await host.must(ADMIN, 'schedules.closeDay', {
        doctorId: doctorIds[0]!,
        date: '2026-12-01',
        reason: '开会',
      })
      expect(
        await host.call(RECEPTION, 'appointments.book', {
          slotId: tomorrow.id,
          patientId: patientIds[0]!,
          idempotencyKey: key(),
        }),
      ).toMatchObject({ ok: false, error: { code: 'SLOT_CLOSED' } })
      expect(
        await host.call(RECEPTION, 'appointments.book', {
          slotId: 999999,
          patientId: patientIds[0]!,
          idempotencyKey: key(),
        }),
      ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'slotId' } })
      expect(
        await host.call(RECEPTION, 'appointments.book', {
          slotId: tomorrow.id,
          patientId: 999999,
          idempotencyKey: key(),
        }),
      ).toMatchObject({ ok: false, error: { code: 'SLOT_CLOSED' } })
      expect(
        await host.database.read
          .selectFrom('appointments')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst(),
      ).toEqual({ n: 0 })
    })

    test('minimum notice refuses a phone booking too close to the band', async () => {
      clinic = await makeClinic()
      const { host, doctorIds, patientIds } = clinic
      await host.must(ADMIN, 'settings.update', { minNoticeMinutes: 60 })
      const soon = await slotAt(host, doctorIds[0]!, TODAY, '09:00') // 50 minutes away
      const r = await host.call(RECEPTION, 'appointments.book', {
        slotId: soon.id,
        patientId: patientIds[0]!,
        idempotencyKey: key(),
      })
      expect(r).toMatchObject({ ok: false, error: { code: 'SLOT_IN_PAST' } })
      await host.must(RECEPTION, 'appointments.book', {
        slotId: (await slotAt(host, doctorIds[0]!, TODAY, '09:30')).id,
        patientId: patientIds[0]!,
        idempotencyKey: key(),
      })
    })

    test('queue numbers are unique per doctor-day and never reused after a cancel', async () => {
      clinic = await makeClinic({ patients: 4 })
      const { host, doctorIds, patientIds } = clinic
      const slot = await slotAt(host, doctorIds[0]!, TODAY, '10:00')
      const a = await host.must(RECEPTION, 'appointments.book', {
        slotId: slot.id,
        patientId: patientIds[0]!,
        idempotencyKey: key(),
      })
      const b = await host.must(RECEPTION, 'appointments.book', {
        slotId: slot.id,
        patientId: patientIds[1]!,
        idempotencyKey: key(),
      })
      await host.must(RECEPTION, 'appointments.cancel', { id: b.id, reason: '不来了' })
      const c = await host.must(RECEPTION, 'appointments.book', {
        slotId: slot.id,
        patientId: patientIds[2]!,
        idempotencyKey: key(),
      })
      expect([a.queueNo, b.queueNo, c.queueNo]).toEqual([1, 2, 3])
    })

    test('reception and admin book; a doctor and the display may not', async () => {
      clinic = await makeClinic()
      const { host, doctorIds, patientIds } = clinic
      const slot = await slotAt(host, doctorIds[0]!, TODAY, '10:00')
      expect(
        await host.call(doctorCaller(doctorIds[0]!), 'appointments.book', {
          slotId: slot.id,
          patientId: patientIds[0]!,
          idempotencyKey: key(),
        }),
      ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(
        await host.call(doctorCaller(doctorIds[0]! + 1), 'slots.forDoctorDay', {
          doctorId: doctorIds[0]!,
          date: TODAY,
        }),
      ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(
        (
          await host.call(doctorCaller(doctorIds[0]!), 'slots.forDoctorDay', {
            doctorId: doctorIds[0]!,
            date: TODAY,
          })
        ).ok,
      ).toBe(true)
    })
  }),
)
