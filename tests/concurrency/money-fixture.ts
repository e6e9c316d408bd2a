import { key, makeClinic, TODAY, type Clinic } from '../helpers/booking-fixture'
import { ADMIN, RECEPTION } from '../helpers/test-host'

/**
 * A clinic for the money races: two doctors at ¥30 and ¥25 today, every phone place of their
 * day booked (2 × 8 bands × `quota`), so desks have appointments to pay for and fight over.
 */
export async function moneyClinic(quota = 2): Promise<Clinic & { appointmentIds: number[] }> {
  const clinic = await makeClinic({ doctors: 2, patients: quota * 8, quota, walkIn: 0 })
  const { host, doctorIds, patientIds } = clinic
  for (const [i, doctorId] of doctorIds.entries())
    await host.must(ADMIN, 'fees.setRule', {
      kind: 'DOCTOR',
      target: String(doctorId),
      amountFen: i === 0 ? 3000 : 2500,
      effectiveFrom: TODAY,
    })
  const appointmentIds: number[] = []
  for (const doctorId of doctorIds) {
    const slots = await host.must(RECEPTION, 'slots.forDoctorDay', { doctorId, date: TODAY })
    let patient = 0
    for (const slot of slots)
      for (let place = 0; place < quota; place++) {
        const a = await host.must(RECEPTION, 'appointments.book', {
          slotId: slot.id,
          patientId: patientIds[patient++ % patientIds.length]!,
          idempotencyKey: key(),
        })
        appointmentIds.push(a.id)
      }
  }
  return { ...clinic, appointmentIds }
}
