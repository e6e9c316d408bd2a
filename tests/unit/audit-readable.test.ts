import { afterEach, expect, test } from 'vitest'
import { key, makeClinic, slotAt, TODAY, type Clinic } from '../helpers/booking-fixture'
import { forEachEngine } from '../helpers/engines'
import { ADMIN, RECEPTION } from '../helpers/test-host'

// Issue 12 part 10: the audit log is searchable by patient (id or name) and by appointment number.

let clinic: Clinic
afterEach(() => clinic?.host.dispose())

const trail = (rows: readonly { action: string; entity: string; entityId: number | null }[]) =>
  rows.map((r) => `${r.action} ${r.entity}#${r.entityId}`)

forEachEngine(() => {
  test('audit.list by patient: their registration and every step of their appointments, nobody else', async () => {
    clinic = await makeClinic({ patients: 2 })
    const { host, doctorIds, patientIds } = clinic
    const [zhang, other] = patientIds as [number, number]
    const slot = await slotAt(host, doctorIds[0]!, TODAY, '10:00')
    const mine = await host.must(RECEPTION, 'appointments.book', {
      slotId: slot.id,
      patientId: zhang,
      idempotencyKey: key(),
    })
    const theirs = await host.must(RECEPTION, 'appointments.book', {
      slotId: slot.id,
      patientId: other,
      idempotencyKey: key(),
    })
    await host.must(RECEPTION, 'appointments.checkIn', { id: mine.id })
    await host.must(RECEPTION, 'appointments.cancel', { id: theirs.id, reason: '不来了' })

    const byId = await host.must(ADMIN, 'audit.list', { patient: String(zhang) })
    expect(trail(byId.rows)).toEqual([
      `appointments.checkIn appointment#${mine.id}`,
      `appointments.book appointment#${mine.id}`,
      `patients.register patient#${zhang}`,
    ])

    // By name (a substring): makeClinic names them 张小一, 张小丁; "小丁" is the second alone.
    expect((await host.must(ADMIN, 'patients.get', { id: other })).name).toBe('张小丁')
    const byName = await host.must(ADMIN, 'audit.list', { patient: '小丁' })
    expect(trail(byName.rows)).toEqual([
      `appointments.cancel appointment#${theirs.id}`,
      `appointments.book appointment#${theirs.id}`,
      `patients.register patient#${other}`,
    ])
    // "张小" matches both: both registrations are in.
    const both = await host.must(ADMIN, 'audit.list', { patient: '张小', entity: 'patient' })
    expect(both.rows.map((r) => r.entityId).sort()).toEqual([zhang, other].sort())

    const byAppointment = await host.must(ADMIN, 'audit.list', { appointmentId: theirs.id })
    expect(trail(byAppointment.rows)).toEqual([
      `appointments.cancel appointment#${theirs.id}`,
      `appointments.book appointment#${theirs.id}`,
    ])

    // A LIKE wildcard is matched literally, and an unknown patient finds nothing.
    expect((await host.must(ADMIN, 'audit.list', { patient: '%' })).rows).toEqual([])
    expect((await host.must(ADMIN, 'audit.list', { patient: '999999' })).rows).toEqual([])
  })

  test('audit.list refuses a bad appointment number on its field', async () => {
    clinic = await makeClinic({ patients: 0 })
    expect(await clinic.host.call(ADMIN, 'audit.list', { appointmentId: -1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'appointmentId', reason: 'tooSmall' },
    })
  })
})
