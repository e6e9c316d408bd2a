import { afterEach, expect, test } from 'vitest'
import { LIVE_STATUSES } from '../../src/shared/contract'
import { key, makeClinic, slotAt, type Clinic } from '../helpers/booking-fixture'
import { RECEPTION } from '../helpers/test-host'

/**
 * Found by the model test (booking-model-waitlist.test.ts): a patient can hold a booking in a
 * band their own waitlist entry wants (加号 with a booking, a desk booking while in line). When
 * that booking is canceled or moved away, the freed place went back to the same patient from
 * their own entry: the cancel booked them again (候补成功 for the place they had just given up),
 * and a move to another day left them in both bands. The place goes to the next in line instead.
 */
let clinic: Clinic
afterEach(() => clinic?.host.dispose())

const TOMORROW = '2026-12-01'
const PHONE = '13800138000'

/** Tomorrow 09:00 full (quota 1, patient 0); patients 1 and 2 wait for it; 加号 books patient 1. */
async function ownEntryAndBooking() {
  clinic = await makeClinic({ patients: 3, quota: 1, walkIn: 0 })
  const doc = clinic.doctorIds[0]!
  const band = await slotAt(clinic.host, doc, TOMORROW, '09:00')
  await clinic.host.must(RECEPTION, 'appointments.book', {
    slotId: band.id,
    patientId: clinic.patientIds[0]!,
    idempotencyKey: key(),
  })
  const entries = []
  for (const p of [1, 2])
    entries.push(
      await clinic.host.must(RECEPTION, 'waitlist.add', {
        patientId: clinic.patientIds[p]!,
        doctorId: doc,
        date: TOMORROW,
        slotIds: [band.id],
        phone: PHONE,
      }),
    )
  const extra = await clinic.host.must(RECEPTION, 'slots.addExtra', {
    slotId: band.id,
    count: 1,
    agreedBy: doc,
    reason: 'seen first',
    idempotencyKey: key(),
    book: { patientId: clinic.patientIds[1]! },
  })
  return { doc, band, entries, booking: extra.appointment! }
}

const liveBookingsOf = (patientId: number) =>
  clinic.host.database.read
    .selectFrom('appointments')
    .select(['id', 'slot_id', 'date'])
    .where('patient_id', '=', patientId)
    .where('status', 'in', [...LIVE_STATUSES])
    .orderBy('id')
    .execute()

test('a canceled booking does not come back to its patient from their own entry', async () => {
  const { band, entries, booking } = await ownEntryAndBooking()
  await clinic.host.must(RECEPTION, 'appointments.cancel', { id: booking.id, reason: '不来了' })
  expect(await liveBookingsOf(clinic.patientIds[1]!)).toEqual([])
  const next = await clinic.host.must(RECEPTION, 'waitlist.position', { id: entries[1]!.id })
  expect(next).toMatchObject({ status: 'BOOKED', bookedStartTime: '09:00' })
  const [taken] = await liveBookingsOf(clinic.patientIds[2]!)
  expect(taken).toMatchObject({ slot_id: band.id })
  // The patient's own entry still waits (they may want the band again later), first in line.
  const own = await clinic.host.must(RECEPTION, 'waitlist.position', { id: entries[0]!.id })
  expect(own).toMatchObject({ status: 'WAITING', position: 1, appointmentId: null })
})

test('a booking moved to another day leaves its old band to the next in line', async () => {
  const { doc, entries, booking } = await ownEntryAndBooking()
  const to = await slotAt(clinic.host, doc, '2026-12-02', '10:00')
  const moved = await clinic.host.must(RECEPTION, 'appointments.reschedule', {
    id: booking.id,
    toSlotId: to.id,
    idempotencyKey: key(),
  })
  expect(await liveBookingsOf(clinic.patientIds[1]!)).toEqual([
    { id: moved.id, slot_id: to.id, date: '2026-12-02' },
  ])
  const next = await clinic.host.must(RECEPTION, 'waitlist.position', { id: entries[1]!.id })
  expect(next).toMatchObject({ status: 'BOOKED', bookedStartTime: '09:00' })
})
