import type { MethodInput, MethodName, MethodResult } from '../../../shared/contract'

type Call = <M extends MethodName>(method: M, params: MethodInput<M>) => Promise<MethodResult<M>>

/**
 * A handful of bookings today so that every screen has something live: two patients in the
 * next open bands of each doctor, the first of them checked in, and the first doctor's first
 * patient called. Nothing when today has no open band (a Sunday, or after hours).
 */
export async function seedDemoBookings(
  call: Call,
  doctorIds: readonly number[],
  patientIds: readonly number[],
): Promise<number> {
  const { today } = await call('settings.get', {})
  let made = 0
  for (const [d, doctorId] of doctorIds.entries()) {
    const open = (await call('slots.forDoctorDay', { doctorId, date: today })).filter(
      (s) => s.placesLeft > 0,
    )
    for (let k = 0; k < 2 && k < open.length; k++) {
      const patientId = patientIds[(2 * d + k) % patientIds.length]
      if (patientId === undefined) return made
      const booked = await call('appointments.book', {
        slotId: open[k]!.id,
        patientId,
        chiefComplaint: k === 0 ? '发热、咳嗽两天' : '复诊',
        idempotencyKey: `demo-booking-${doctorId}-${k}`,
      })
      if (k === 0) await call('appointments.checkIn', { id: booked.id })
      made++
    }
  }
  const first = doctorIds[0]
  if (first !== undefined && made > 0) await call('queue.callNext', { doctorId: first })
  return made
}
