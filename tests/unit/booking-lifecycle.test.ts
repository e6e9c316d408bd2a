import { afterEach, expect, test } from 'vitest'
import {
  expectBookedMatches,
  key,
  makeClinic,
  slotAt,
  TODAY,
  type Clinic,
} from '../helpers/booking-fixture'
import { forEachEngine } from '../helpers/engines'
import { ADMIN, RECEPTION } from '../helpers/test-host'

forEachEngine(() => {
  let clinic: Clinic
  afterEach(() => clinic?.host.dispose())

  test('cancel frees the place, keeps the reason and cannot happen twice', async () => {
    clinic = await makeClinic()
    const { host, doctorIds, patientIds } = clinic
    const slot = await slotAt(host, doctorIds[0]!, TODAY, '10:00')
    const a = await host.must(RECEPTION, 'appointments.book', {
      slotId: slot.id,
      patientId: patientIds[0]!,
      idempotencyKey: key(),
    })
    const c = await host.must(RECEPTION, 'appointments.cancel', { id: a.id, reason: '病好了' })
    expect(c).toMatchObject({ status: 'CANCELED', cancelReason: '病好了' })
    expect((await slotAt(host, doctorIds[0]!, TODAY, '10:00')).booked).toBe(0)
    expect(
      await host.call(RECEPTION, 'appointments.cancel', { id: a.id, reason: 'x' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'ILLEGAL_TRANSITION', details: { from: 'CANCELED', to: 'CANCELED' } },
    })
    await expectBookedMatches(host)
  })

  test('reschedule moves in one transaction, linked to the old booking; a failed move changes nothing', async () => {
    clinic = await makeClinic({ quota: 1, walkIn: 0 })
    const { host, doctorIds, patientIds } = clinic
    const from = await slotAt(host, doctorIds[0]!, TODAY, '10:00')
    const to = await slotAt(host, doctorIds[0]!, TODAY, '10:30')
    const full = await slotAt(host, doctorIds[0]!, TODAY, '11:00')
    const a = await host.must(RECEPTION, 'appointments.book', {
      slotId: from.id,
      patientId: patientIds[0]!,
      idempotencyKey: key(),
    })
    await host.must(RECEPTION, 'appointments.book', {
      slotId: full.id,
      patientId: patientIds[1]!,
      idempotencyKey: key(),
    })
    const rows = () =>
      host.database.read
        .selectFrom('appointments')
        .select(['id', 'status', 'slot_id'])
        .orderBy('id')
        .execute()
    const before = await rows()
    expect(
      await host.call(RECEPTION, 'appointments.reschedule', {
        id: a.id,
        toSlotId: full.id,
        idempotencyKey: key(),
      }),
    ).toMatchObject({ ok: false, error: { code: 'SLOT_TAKEN' } })
    expect(await rows()).toEqual(before)
    const k = key()
    const moved = await host.must(RECEPTION, 'appointments.reschedule', {
      id: a.id,
      toSlotId: to.id,
      idempotencyKey: k,
    })
    expect(moved).toMatchObject({
      slotId: to.id,
      rescheduledFrom: a.id,
      status: 'CONFIRMED',
      patientId: patientIds[0],
    })
    expect(
      await host.must(RECEPTION, 'appointments.reschedule', {
        id: a.id,
        toSlotId: to.id,
        idempotencyKey: k,
      }),
    ).toEqual(moved)
    expect(await host.must(RECEPTION, 'appointments.get', { id: a.id })).toMatchObject({
      status: 'CANCELED',
      cancelReason: '改约',
    })
    await expectBookedMatches(host)
  })

  test('rescheduling a canceled or already moved appointment says so, and changes nothing', async () => {
    clinic = await makeClinic()
    const { host, doctorIds, patientIds } = clinic
    const from = await slotAt(host, doctorIds[0]!, TODAY, '10:00')
    const to = await slotAt(host, doctorIds[0]!, TODAY, '10:30')
    const book = (patientId: number) =>
      host.must(RECEPTION, 'appointments.book', {
        slotId: from.id,
        patientId,
        idempotencyKey: key(),
      })
    const canceled = await book(patientIds[0]!)
    await host.must(RECEPTION, 'appointments.cancel', { id: canceled.id, reason: '病好了' })
    const moved = await book(patientIds[1]!)
    await host.must(RECEPTION, 'appointments.reschedule', {
      id: moved.id,
      toSlotId: to.id,
      idempotencyKey: key(),
    })
    const read = host.database.read
    const state = async () => [
      await read.selectFrom('appointments').selectAll().orderBy('id').execute(),
      await read.selectFrom('doctor_schedules').select(['id', 'booked']).orderBy('id').execute(),
      await read
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]
    const before = await state()
    const move = (id: number, toSlotId: number) =>
      host.call(RECEPTION, 'appointments.reschedule', { id, toSlotId, idempotencyKey: key() })
    for (const toSlotId of [to.id, from.id]) {
      const answer = await move(canceled.id, toSlotId)
      expect(answer).toMatchObject({
        ok: false,
        error: { code: 'ILLEGAL_TRANSITION', details: { from: 'CANCELED', step: 'reschedule' } },
      })
      expect(answer.ok || answer.error.message).toMatch(/is canceled: book the patient again/)
      expect(answer.ok || answer.error.message).not.toMatch(/cannot become/)
    }
    const again = await move(moved.id, from.id)
    expect(again.ok || again.error.message).toMatch(/already moved to another band/)
    expect(await state()).toEqual(before)
  })

  test('check-in only on the day and only once; a walk-in is checked in at once into the earliest open band', async () => {
    clinic = await makeClinic({ quota: 1, walkIn: 1 })
    const { host, doctorIds, patientIds } = clinic
    const tomorrow = await slotAt(host, doctorIds[0]!, '2026-12-01', '09:00')
    const later = await host
      .must(ADMIN, 'appointments.book', {
        slotId: tomorrow.id,
        patientId: patientIds[0]!,
        idempotencyKey: key(),
      })
      .catch((e: Error) => e)
    // quota 1 with 1 walk-in place: no phone place at all
    expect(later).toBeInstanceOf(Error)
    const w1 = await host.must(RECEPTION, 'appointments.walkIn', {
      scope: { doctorId: doctorIds[0]! },
      patientId: patientIds[0]!,
      idempotencyKey: key(),
    })
    expect(w1).toMatchObject({ source: 'WALK_IN', status: 'CHECKED_IN', startTime: '08:00' })
    const w2 = await host.must(RECEPTION, 'appointments.walkIn', {
      scope: { departmentId: clinic.departmentId },
      patientId: patientIds[1]!,
      idempotencyKey: key(),
    })
    expect(w2.startTime).toBe('08:30')
    expect(
      await host.call(RECEPTION, 'appointments.walkIn', {
        scope: { doctorId: doctorIds[0]! },
        patientId: patientIds[0]!,
        idempotencyKey: key(),
      }),
    ).toMatchObject({ ok: false, error: { code: 'ALREADY_BOOKED' } })
    expect(await host.call(RECEPTION, 'appointments.checkIn', { id: w1.id })).toMatchObject({
      ok: false,
      error: { code: 'ILLEGAL_TRANSITION' },
    })
    await host.must(ADMIN, 'settings.update', { onePerDoctorPerDay: true })
    await host.must(ADMIN, 'templates.save', {
      doctorId: doctorIds[0]!,
      weekday: 2,
      startTime: '14:00',
      endTime: '15:00',
      slotMinutes: 30,
      quotaPerSlot: 2,
      walkInPerSlot: 0,
    })
    const pm = await slotAt(host, doctorIds[0]!, '2026-12-01', '14:00')
    const phone = await host.must(RECEPTION, 'appointments.book', {
      slotId: pm.id,
      patientId: patientIds[2]!,
      idempotencyKey: key(),
    })
    expect(await host.call(RECEPTION, 'appointments.checkIn', { id: phone.id })).toMatchObject({
      ok: false,
      error: { code: 'ILLEGAL_TRANSITION' },
    })
    clinic.clock.set('2026-12-01T05:50:00Z')
    expect(await host.must(RECEPTION, 'appointments.checkIn', { id: phone.id })).toMatchObject({
      status: 'CHECKED_IN',
      checkedInAt: '2026-12-01T05:50:00.000Z',
    })
    await expectBookedMatches(host)
  })

  test('walk-ins run out: NO_PLACES', async () => {
    clinic = await makeClinic({ quota: 1, walkIn: 1, patients: 10, start: '2026-11-30T03:10:00Z' }) // 11:10: only 11:00 and 11:30 left
    const { host, doctorIds, patientIds } = clinic
    await host.must(RECEPTION, 'appointments.walkIn', {
      scope: { doctorId: doctorIds[0]! },
      patientId: patientIds[0]!,
      idempotencyKey: key(),
    })
    await host.must(RECEPTION, 'appointments.walkIn', {
      scope: { doctorId: doctorIds[0]! },
      patientId: patientIds[1]!,
      idempotencyKey: key(),
    })
    expect(
      await host.call(RECEPTION, 'appointments.walkIn', {
        scope: { doctorId: doctorIds[0]! },
        patientId: patientIds[2]!,
        idempotencyKey: key(),
      }),
    ).toMatchObject({ ok: false, error: { code: 'NO_PLACES' } })
  })
})
