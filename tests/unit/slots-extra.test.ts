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
import { ADMIN, doctorCaller, RECEPTION } from '../helpers/test-host'
import { forEachEngine } from '../helpers/engines'
import { countRows, execute, selectRows } from '../helpers/engine-sql'

let clinic: Clinic
afterEach(() => clinic?.host.dispose())

const TOMORROW = '2026-12-01'

/** Fills a band with phone bookings (quota 2, no walk-in places: two patients fill it). */
async function fullBand(c: Clinic, date = TOMORROW, start = '10:00') {
  const doctorId = c.doctorIds[0]!
  const slot = await slotAt(c.host, doctorId, date, start)
  for (const patientId of c.patientIds.slice(0, slot.quota))
    await c.host.must(RECEPTION, 'appointments.book', {
      slotId: slot.id,
      patientId,
      idempotencyKey: key(),
    })
  return slotAt(c.host, doctorId, date, start)
}

const count = async (c: Clinic, table: string, where?: string): Promise<number> =>
  countRows(c.host, table, where)

const schemaState = async (c: Clinic) => ({
  bands: await selectRows(
    c.host,
    'SELECT id, quota, booked, extra_places, status FROM doctor_schedules ORDER BY id',
  ),
  extras: await count(c, 'extra_places'),
  appointments: await count(c, 'appointments'),
})

forEachEngine(() => {
  describe('slots.addExtra (加号)', () => {
    test('reception naming the doctor raises a full band’s quota, with its audit row and slots.changed', async () => {
      clinic = await makeClinic({ quota: 2, walkIn: 0, patients: 3 })
      const { host, doctorIds } = clinic
      const full = await fullBand(clinic)
      expect(full).toMatchObject({ quota: 2, booked: 2, status: 'BOOKED', extra: 0 })
      const seen: PublishedEvent[] = []
      host.bus.subscribe((e) => seen.push(e))

      const r = await host.must(RECEPTION, 'slots.addExtra', {
        slotId: full.id,
        count: 1,
        agreedBy: doctorIds[0]!,
        reason: '复诊患者',
        idempotencyKey: key(),
      })
      expect(r.extra).toMatchObject({
        slotId: full.id,
        doctorId: doctorIds[0],
        date: TOMORROW,
        startTime: '10:00',
        count: 1,
        agreedBy: doctorIds[0],
        reason: '复诊患者',
        appointmentId: null,
        createdBy: 'test-desk',
      })
      expect(r.slot).toMatchObject({ quota: 3, booked: 2, extra: 1, placesLeft: 1 })
      expect(r.slot.status).toBe('AVAILABLE')
      expect(r.appointment).toBeNull()
      expect(await slotAt(host, doctorIds[0]!, TOMORROW, '10:00')).toMatchObject({
        quota: 3,
        extra: 1,
        status: 'AVAILABLE',
      })
      expect(seen.map((e) => e.event)).toEqual(['slots.changed'])
      const audit = await selectRows<{
        action: string
        entity_id: number
        before: string
        after: string
      }>(
        host,
        "SELECT action, entity, entity_id, before, after FROM audit_log WHERE entity = 'extra_places'",
      )
      expect(audit).toHaveLength(1)
      expect(audit[0]).toMatchObject({ action: 'slots.addExtra', entity_id: r.extra.id })
      expect(JSON.parse(audit[0]!.before)).toEqual({ quota: 2, extraPlaces: 0 })
      expect(JSON.parse(audit[0]!.after)).toMatchObject({
        quota: 3,
        extraPlaces: 1,
        agreedBy: doctorIds[0],
        reason: '复诊患者',
      })
      expect(
        await host.must(RECEPTION, 'slots.extraForDay', {
          doctorId: doctorIds[0]!,
          date: TOMORROW,
        }),
      ).toEqual([r.extra])
    })

    test('a booking into the new place is marked extra (加号) on the day list and the ticket; the next one is SLOT_TAKEN', async () => {
      clinic = await makeClinic({ quota: 2, walkIn: 0, patients: 4 })
      const { host, doctorIds, patientIds } = clinic
      const full = await fullBand(clinic)
      await host.must(RECEPTION, 'slots.addExtra', {
        slotId: full.id,
        count: 1,
        agreedBy: doctorIds[0]!,
        idempotencyKey: key(),
      })
      const a = await host.must(RECEPTION, 'appointments.book', {
        slotId: full.id,
        patientId: patientIds[2]!,
        idempotencyKey: key(),
      })
      expect(a.extra).toBe(true)
      const list = await host.must(RECEPTION, 'appointments.forDay', { date: TOMORROW })
      expect(list.map((x) => x.extra)).toEqual([false, false, true])
      expect(
        (await host.must(RECEPTION, 'appointments.ticket', { id: a.id })).appointment.extra,
      ).toBe(true)
      const again = await host.call(RECEPTION, 'appointments.book', {
        slotId: full.id,
        patientId: patientIds[3]!,
        idempotencyKey: key(),
      })
      expect(again).toMatchObject({ ok: false, error: { code: 'SLOT_TAKEN' } })
      // Reports: source = 加号 is one column away.
      expect(await count(clinic, 'appointments', 'is_extra = 1')).toBe(1)
      await expectBookedMatches(host)
    })

    test('with book, the extra place and the booking are one step; a retry with the same key returns it', async () => {
      clinic = await makeClinic({ quota: 2, walkIn: 0, patients: 3 })
      const { host, doctorIds, patientIds } = clinic
      const full = await fullBand(clinic)
      const input = {
        slotId: full.id,
        count: 1,
        agreedBy: doctorIds[0]!,
        reason: '医生同意',
        idempotencyKey: key(),
        book: { patientId: patientIds[2]!, chiefComplaint: '发热' },
      }
      const r = await host.must(RECEPTION, 'slots.addExtra', input)
      expect(r.appointment).toMatchObject({
        extra: true,
        patientId: patientIds[2],
        source: 'PHONE',
      })
      expect(r.extra.appointmentId).toBe(r.appointment!.id)
      expect(r.slot).toMatchObject({ quota: 3, booked: 3, extra: 1, status: 'BOOKED' })
      const before = await schemaState(clinic)
      expect(await host.must(RECEPTION, 'slots.addExtra', input)).toEqual(r)
      expect(await schemaState(clinic)).toEqual(before)
      await expectBookedMatches(host)
    })

    test('a booking that fails inside the step (already booked) leaves the quota as it was', async () => {
      clinic = await makeClinic({ quota: 2, walkIn: 0, patients: 3 })
      const { host, doctorIds, patientIds } = clinic
      const full = await fullBand(clinic)
      const before = await schemaState(clinic)
      const r = await host.call(RECEPTION, 'slots.addExtra', {
        slotId: full.id,
        count: 1,
        agreedBy: doctorIds[0]!,
        idempotencyKey: key(),
        book: { patientId: patientIds[0]! },
      })
      expect(r).toMatchObject({ ok: false, error: { code: 'ALREADY_BOOKED' } })
      expect(await schemaState(clinic)).toEqual(before)
    })

    test('a walk-in place kept in the band: the added place goes to a phone booking, marked extra', async () => {
      clinic = await makeClinic({ quota: 2, walkIn: 1, patients: 3 })
      const { host, doctorIds, patientIds } = clinic
      const slot = await slotAt(host, doctorIds[0]!, TOMORROW, '10:00')
      await host.must(RECEPTION, 'appointments.book', {
        slotId: slot.id,
        patientId: patientIds[0]!,
        idempotencyKey: key(),
      })
      const r = await host.must(RECEPTION, 'slots.addExtra', {
        slotId: slot.id,
        count: 1,
        agreedBy: doctorIds[0]!,
        idempotencyKey: key(),
        book: { patientId: patientIds[1]! },
      })
      expect(r.appointment?.extra).toBe(true)
    })

    test('CHECK (booked <= quota) still holds: the database refuses a quota below booked', async () => {
      clinic = await makeClinic({ quota: 2, walkIn: 0, patients: 3 })
      const full = await fullBand(clinic)
      await clinic.host.must(RECEPTION, 'slots.addExtra', {
        slotId: full.id,
        count: 1,
        agreedBy: clinic.doctorIds[0]!,
        idempotencyKey: key(),
        book: { patientId: clinic.patientIds[2]! },
      })
      // SQLite says "CHECK constraint failed", PostgreSQL "violates check constraint".
      const refused = /CHECK constraint failed|violates check constraint/
      await expect(
        execute(
          clinic.host,
          `UPDATE doctor_schedules SET booked = booked + 1 WHERE id = ${full.id}`,
        ),
      ).rejects.toThrow(refused)
      await expect(
        execute(clinic.host, `UPDATE doctor_schedules SET extra_places = -1 WHERE id = ${full.id}`),
      ).rejects.toThrow(refused)
      await expect(execute(clinic.host, 'UPDATE appointments SET is_extra = 2')).rejects.toThrow(
        refused,
      )
    })

    test('a doctor adds to their own bands (agreeing themselves), never to another doctor’s', async () => {
      clinic = await makeClinic({ doctors: 2, quota: 2, walkIn: 0, patients: 3 })
      const { host, doctorIds } = clinic
      const full = await fullBand(clinic)
      const own = doctorCaller(doctorIds[0]!)
      const r = await host.must(own, 'slots.addExtra', {
        slotId: full.id,
        count: 2,
        reason: '加两个',
        idempotencyKey: key(),
      })
      expect(r.extra).toMatchObject({ agreedBy: doctorIds[0], count: 2, createdBy: own.label })
      expect(r.slot).toMatchObject({ quota: 4, extra: 2 })

      const before = await schemaState(clinic)
      const other = doctorCaller(doctorIds[1]!)
      for (const input of [
        { slotId: full.id, count: 1, idempotencyKey: key() },
        { slotId: full.id, count: 1, agreedBy: doctorIds[1]!, idempotencyKey: key() },
      ])
        expect(await host.call(other, 'slots.addExtra', input)).toMatchObject({
          ok: false,
          error: { code: 'FORBIDDEN' },
        })
      // Their own screen cannot claim another doctor agreed, nor book (that is the desk's).
      expect(
        await host.call(own, 'slots.addExtra', {
          slotId: full.id,
          count: 1,
          agreedBy: doctorIds[1]!,
          idempotencyKey: key(),
        }),
      ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'agreedBy' } })
      expect(
        await host.call(own, 'slots.addExtra', {
          slotId: full.id,
          count: 1,
          idempotencyKey: key(),
          book: { patientId: clinic.patientIds[2]! },
        }),
      ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'book' } })
      expect(
        await host.call(other, 'slots.extraForDay', { doctorId: doctorIds[0]!, date: TOMORROW }),
      ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await schemaState(clinic)).toEqual(before)
    })

    test('roles: the desk, admin and doctors may add; the display may not; admin names the doctor too', async () => {
      clinic = await makeClinic({ quota: 2, walkIn: 0 })
      const slot = await slotAt(clinic.host, clinic.doctorIds[0]!, TOMORROW, '10:00')
      const input = { slotId: slot.id, count: 1, idempotencyKey: key() }
      expect(
        await clinic.host.call({ role: 'display', label: 'd' }, 'slots.addExtra', {
          ...input,
          agreedBy: clinic.doctorIds[0]!,
        }),
      ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await clinic.host.call(ADMIN, 'slots.addExtra', input)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'agreedBy' },
      })
      const r = await clinic.host.must(ADMIN, 'slots.addExtra', {
        ...input,
        agreedBy: clinic.doctorIds[0]!,
      })
      expect(r.extra).toMatchObject({ agreedBy: clinic.doctorIds[0], createdBy: ADMIN.label })
    })

    test('bad input changes nothing: count ≤ 0 or over the limit, no agreeing doctor, the wrong one, an unknown band, a closed or past band', async () => {
      clinic = await makeClinic({ doctors: 2, quota: 2, walkIn: 0 })
      const { host, doctorIds, clock } = clinic
      const slot = await slotAt(host, doctorIds[0]!, TOMORROW, '10:00')
      const base = { slotId: slot.id, count: 1, agreedBy: doctorIds[0]!, idempotencyKey: key() }
      const before = await schemaState(clinic)
      const cases: [Record<string, unknown>, string, string][] = [
        [{ ...base, count: 0 }, 'INVALID_INPUT', 'count'],
        [{ ...base, count: -1 }, 'INVALID_INPUT', 'count'],
        [{ ...base, count: 11 }, 'INVALID_INPUT', 'count'],
        [{ ...base, count: 1.5 }, 'INVALID_INPUT', 'count'],
        [{ ...base, agreedBy: undefined }, 'INVALID_INPUT', 'agreedBy'],
        [{ ...base, agreedBy: doctorIds[1]! }, 'INVALID_INPUT', 'agreedBy'],
        [{ ...base, slotId: 999_999 }, 'NOT_FOUND', 'slotId'],
        [{ ...base, quota: 9 }, 'INVALID_INPUT', ''],
        [
          { ...base, book: { patientId: clinic.patientIds[0]!, source: 'WALK_IN' } },
          'INVALID_INPUT',
          'book.source',
        ],
      ]
      for (const [input, code, field] of cases) {
        const r = await host.call(RECEPTION, 'slots.addExtra', input as never)
        expect(r, JSON.stringify(input)).toMatchObject({ ok: false, error: { code } })
        if (field && !r.ok) expect(r.error.field).toBe(field)
      }
      // Over the limit in total: 10 are allowed in one band, the 11th is refused.
      await host.must(RECEPTION, 'slots.addExtra', { ...base, count: 10, idempotencyKey: key() })
      const full = await schemaState(clinic)
      expect(
        await host.call(RECEPTION, 'slots.addExtra', { ...base, idempotencyKey: key() }),
      ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'count' } })
      expect(await schemaState(clinic)).toEqual(full)
      expect(before.extras).toBe(0)

      await host.must(ADMIN, 'schedules.closeDay', {
        doctorId: doctorIds[1]!,
        date: TOMORROW,
        reason: '会议',
      })
      const closed = await slotAt(host, doctorIds[1]!, TOMORROW, '10:00')
      expect(
        await host.call(RECEPTION, 'slots.addExtra', {
          slotId: closed.id,
          count: 1,
          agreedBy: doctorIds[1]!,
          idempotencyKey: key(),
        }),
      ).toMatchObject({ ok: false, error: { code: 'SLOT_CLOSED' } })
      const early = await slotAt(host, doctorIds[0]!, TODAY, '08:00')
      clock.set('2026-11-30T01:00:00Z')
      expect(
        await host.call(RECEPTION, 'slots.addExtra', {
          slotId: early.id,
          count: 1,
          agreedBy: doctorIds[0]!,
          idempotencyKey: key(),
        }),
      ).toMatchObject({ ok: false, error: { code: 'SLOT_IN_PAST' } })
      expect(await count(clinic, 'extra_places')).toBe(1)
    })

    test('cancel frees the place; an archived extra booking keeps its mark', async () => {
      clinic = await makeClinic({ quota: 2, walkIn: 0, patients: 3 })
      const { host, doctorIds, patientIds } = clinic
      const full = await fullBand(clinic)
      const r = await host.must(RECEPTION, 'slots.addExtra', {
        slotId: full.id,
        count: 1,
        agreedBy: doctorIds[0]!,
        idempotencyKey: key(),
        book: { patientId: patientIds[2]! },
      })
      await host.must(RECEPTION, 'appointments.cancel', { id: r.appointment!.id, reason: '改天' })
      expect(await slotAt(host, doctorIds[0]!, TOMORROW, '10:00')).toMatchObject({
        quota: 3,
        booked: 2,
        extra: 1,
        placesLeft: 1,
      })
      await expectBookedMatches(host)
    })
  })
})
