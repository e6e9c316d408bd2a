import { afterEach, expect, test } from 'vitest'
import { INITIAL_POLICY } from '../../src/shared/policy/rules'
import { key, makeClinic, slotAt, type Clinic } from '../helpers/booking-fixture'
import { ADMIN, RECEPTION } from '../helpers/test-host'

/**
 * Found by the model test (booking-model-waitlist.test.ts): the places a 加号 leaves over and the
 * places a reopened leave gives back went to the line without the booking policy (their handlers
 * built the booking environment without it), so a patient suspended for 爽约 was booked from the
 * line. Every place from the line is booked with every rule: the suspended patient is passed over
 * (keeping their place in line) and the next one gets it.
 */
let clinic: Clinic
afterEach(() => clinic?.host.dispose())

const TOMORROW = '2026-12-01'
const PHONE = '13800138000'

/**
 * Two doctors, quota 1: patient 1 is suspended (one late cancel suspends: the cancel deadline is
 * 48 hours, so every cancel is late); doctor 0's 09:00 tomorrow is full (patient 0) and patients
 * 1 and 2 wait for it, in that order.
 */
async function suspendedFirstInLine() {
  clinic = await makeClinic({ doctors: 2, patients: 3, quota: 1, walkIn: 0 })
  await clinic.host.must(ADMIN, 'policy.update', {
    ...INITIAL_POLICY,
    cancelDeadline: { enabled: true, hoursBefore: 48 },
    suspension: {
      enabled: true,
      count: 1,
      withinDays: 30,
      suspendDays: 30,
      countLateCancels: true,
    },
  })
  const [doc, other] = clinic.doctorIds as [number, number]
  const [p0, p1, p2] = clinic.patientIds as [number, number, number]
  const elsewhere = await clinic.host.must(RECEPTION, 'appointments.book', {
    slotId: (await slotAt(clinic.host, other, TOMORROW, '10:00')).id,
    patientId: p1,
    idempotencyKey: key(),
  })
  await clinic.host.must(RECEPTION, 'appointments.cancel', { id: elsewhere.id, reason: '有事' })
  const record = await clinic.host.must(RECEPTION, 'policy.record', { patientId: p1 })
  expect(record.suspendedUntil).toBe('2026-12-30')
  const band = await slotAt(clinic.host, doc, TOMORROW, '09:00')
  await clinic.host.must(RECEPTION, 'appointments.book', {
    slotId: band.id,
    patientId: p0,
    idempotencyKey: key(),
  })
  const entries = []
  for (const patientId of [p1, p2])
    entries.push(
      await clinic.host.must(RECEPTION, 'waitlist.add', {
        patientId,
        doctorId: doc,
        date: TOMORROW,
        slotIds: [band.id],
        phone: PHONE,
      }),
    )
  return { doc, band, entries }
}

const statuses = async (ids: number[]) => {
  const out = []
  for (const id of ids)
    out.push((await clinic.host.must(RECEPTION, 'waitlist.position', { id })).status)
  return out
}

test('a 加号 serves the line with the policy: the suspended patient is passed over', async () => {
  const { doc, band, entries } = await suspendedFirstInLine()
  await clinic.host.must(RECEPTION, 'slots.addExtra', {
    slotId: band.id,
    count: 1,
    agreedBy: doc,
    reason: '加一个',
    idempotencyKey: key(),
  })
  expect(await statuses(entries.map((e) => e.id))).toEqual(['WAITING', 'BOOKED'])
})

test('a reopened leave serves the line with the policy: the suspended patient is passed over', async () => {
  const { doc, entries } = await suspendedFirstInLine()
  const leave = await clinic.host.must(ADMIN, 'leave.create', {
    doctorId: doc,
    from: TOMORROW,
    to: TOMORROW,
    reason: '外出',
  })
  const [booked] = leave.affectedAppointmentIds
  await clinic.host.must(RECEPTION, 'appointments.cancel', { id: booked!, reason: '停诊' })
  await clinic.host.must(ADMIN, 'leave.reopen', { id: leave.leave.id })
  expect(await statuses(entries.map((e) => e.id))).toEqual(['WAITING', 'BOOKED'])
})
