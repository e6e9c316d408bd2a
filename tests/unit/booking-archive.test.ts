import { afterEach, expect, test } from 'vitest'
import { key, makeClinic, slotAt, TODAY, type Clinic } from '../helpers/booking-fixture'
import { ADMIN, RECEPTION } from '../helpers/test-host'
import { forEachEngine } from '../helpers/engines'
import { countRows, selectRows } from '../helpers/engine-sql'

let clinic: Clinic
afterEach(() => clinic?.host.dispose())

forEachEngine(() => {
  test('the ticket: queue number, doctor, room, masked ID number and a rough wait', async () => {
    clinic = await makeClinic({ patients: 2 })
    const { host, doctorIds, patientIds } = clinic
    const withId = await host.must(RECEPTION, 'patients.register', {
      name: '王小明',
      sex: 'M',
      birthDate: '1990-03-07',
      idNumber: '110105199003070017',
    })
    const slot = await slotAt(host, doctorIds[0]!, TODAY, '09:00')
    await host.must(RECEPTION, 'appointments.book', {
      slotId: slot.id,
      patientId: patientIds[0]!,
      idempotencyKey: key(),
    })
    await host.must(RECEPTION, 'appointments.book', {
      slotId: slot.id,
      patientId: patientIds[1]!,
      idempotencyKey: key(),
    })
    const mine = await host.must(RECEPTION, 'appointments.book', {
      slotId: slot.id,
      patientId: withId.id,
      idempotencyKey: key(),
    })
    const ticket = await host.must(RECEPTION, 'appointments.ticket', { id: mine.id })
    expect(ticket).toMatchObject({
      clinicName: 'ClinicDesk 诊所',
      doctorName: '医生1',
      departmentName: '内科',
      roomName: '1诊室',
      aheadCount: 2,
      estimatedWaitMinutes: 15,
    })
    expect(ticket.appointment.queueNo).toBe(3)
    expect(ticket.idNumberMasked).toBe('110105********0017')
  })

  test('archive moves closed appointments older than archiveAfterDays; history still finds them, newest first', async () => {
    clinic = await makeClinic({ patients: 2 })
    const { host, doctorIds, patientIds } = clinic
    const old = await host.must(RECEPTION, 'appointments.book', {
      slotId: (await slotAt(host, doctorIds[0]!, TODAY, '10:00')).id,
      patientId: patientIds[0]!,
      idempotencyKey: key(),
    })
    const kept = await host.must(RECEPTION, 'appointments.book', {
      slotId: (await slotAt(host, doctorIds[0]!, '2026-12-01', '10:00')).id,
      patientId: patientIds[0]!,
      idempotencyKey: key(),
    })
    await host.must(RECEPTION, 'appointments.cancel', { id: old.id, reason: '出差' })
    const live = await host.must(RECEPTION, 'appointments.book', {
      slotId: (await slotAt(host, doctorIds[0]!, TODAY, '10:30')).id,
      patientId: patientIds[1]!,
      idempotencyKey: key(),
    })
    clinic.clock.set('2027-01-05T01:00:00Z') // 36 days on
    expect(await host.must(ADMIN, 'appointments.archive', {})).toEqual({ archived: 1 })
    expect(await selectRows(host, 'SELECT id FROM appointments ORDER BY id')).toEqual([
      { id: kept.id },
      { id: live.id },
    ])
    expect(await selectRows(host, 'SELECT id, start_time FROM appointments_archive')).toEqual([
      { id: old.id, start_time: '10:00' },
    ])
    expect(await countRows(host, 'doctor_schedules', `date = '${TODAY}'`)).toBe(1)
    const history = await host.must(RECEPTION, 'patients.history', { patientId: patientIds[0]! })
    expect(history.map((a) => [a.id, a.status])).toEqual([
      [kept.id, 'CONFIRMED'],
      [old.id, 'CANCELED'],
    ])
    expect(await host.must(ADMIN, 'appointments.archive', {})).toEqual({ archived: 0 })
    expect(await host.call(RECEPTION, 'patients.history', { patientId: 99999 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })

  test('the desk day list: by band then queue number, filtered by doctor and status', async () => {
    clinic = await makeClinic({ doctors: 2, patients: 3 })
    const { host, doctorIds, patientIds } = clinic
    const b = await host.must(RECEPTION, 'appointments.book', {
      slotId: (await slotAt(host, doctorIds[0]!, TODAY, '10:30')).id,
      patientId: patientIds[0]!,
      idempotencyKey: key(),
    })
    const a = await host.must(RECEPTION, 'appointments.book', {
      slotId: (await slotAt(host, doctorIds[1]!, TODAY, '10:00')).id,
      patientId: patientIds[1]!,
      idempotencyKey: key(),
    })
    const c = await host.must(RECEPTION, 'appointments.book', {
      slotId: (await slotAt(host, doctorIds[0]!, TODAY, '10:30')).id,
      patientId: patientIds[2]!,
      idempotencyKey: key(),
    })
    await host.must(RECEPTION, 'appointments.cancel', { id: c.id, reason: 'x' })
    expect(
      (await host.must(RECEPTION, 'appointments.forDay', { date: TODAY })).map((x) => x.id),
    ).toEqual([a.id, b.id, c.id])
    expect(
      (
        await host.must(RECEPTION, 'appointments.forDay', {
          date: TODAY,
          doctorId: doctorIds[0]!,
          statuses: ['CONFIRMED'],
        })
      ).map((x) => x.id),
    ).toEqual([b.id])
  })

  test('a submission retried after its appointment was archived returns the first result and books nothing', async () => {
    clinic = await makeClinic({ patients: 2 })
    const { host, doctorIds, patientIds } = clinic
    const submission = {
      slotId: (await slotAt(host, doctorIds[0]!, TODAY, '10:00')).id,
      patientId: patientIds[0]!,
      idempotencyKey: key(),
    }
    const first = await host.must(RECEPTION, 'appointments.book', submission)
    await host.must(RECEPTION, 'appointments.cancel', { id: first.id, reason: '改天' })
    clinic.clock.set('2027-01-05T01:00:00Z')
    expect(await host.must(ADMIN, 'appointments.archive', {})).toEqual({ archived: 1 })
    const count = async () =>
      (await countRows(host, 'appointments')) + (await countRows(host, 'appointments_archive'))

    const again = await host.must(RECEPTION, 'appointments.book', submission)
    expect(again).toMatchObject({
      id: first.id,
      status: 'CANCELED',
      queueNo: first.queueNo,
      patientName: first.patientName,
      startTime: '10:00',
    })
    expect(
      await host.call(RECEPTION, 'appointments.book', { ...submission, patientId: patientIds[1]! }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', field: 'idempotencyKey' },
    })
    expect(await count()).toBe(1)
  })
})
