import type { Appointment, Slot } from '../../../shared/contract'
import type { AppErrorShape } from '../../../shared/errors'
import { cancelAppointment, rescheduleAppointment, slotsForDoctorDay } from '../stores/leave'
import { BAND_FULL_CODES, bandsToTry } from './move-plan'

/** An idempotency key per move; getRandomValues works on a LAN page too (randomUUID needs a secure context). */
const newKey = (): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('')

export interface Outcome {
  readonly appointment: Appointment
  /** The new booking when moved; null when canceled. */
  readonly moved: Appointment | null
  /** Why it could not be done; 'noPlace' when the target doctor had no band left. */
  readonly failure: AppErrorShape | 'noPlace' | null
}

/** Cancels each appointment with the reason, one by one, reporting each outcome. */
export async function cancelAll(
  appointments: readonly Appointment[],
  reason: string,
): Promise<Outcome[]> {
  const out: Outcome[] = []
  for (const a of appointments) {
    const r = await cancelAppointment({ id: a.id, reason })
    out.push({ appointment: a, moved: null, failure: r.ok ? null : r.error })
  }
  return out
}

/**
 * Moves each appointment to the target doctor on the same day (appointments.reschedule: new
 * booking and old one canceled in one transaction, or nothing). Places are counted down locally
 * as patients go in; a band another desk filled meanwhile is skipped for the next one.
 */
export async function moveAll(
  appointments: readonly Appointment[],
  targetDoctorId: number,
  date: string,
): Promise<Outcome[]> {
  const slotsResult = await slotsForDoctorDay({ doctorId: targetDoctorId, date })
  if (!slotsResult.ok)
    return appointments.map((a) => ({ appointment: a, moved: null, failure: slotsResult.error }))
  const left = new Map<number, number>(slotsResult.value.map((s: Slot) => [s.id, s.placesLeft]))
  const out: Outcome[] = []
  for (const a of appointments) {
    let outcome: Outcome = { appointment: a, moved: null, failure: 'noPlace' }
    for (const band of bandsToTry(a, slotsResult.value)) {
      if ((left.get(band.id) ?? 0) <= 0) continue
      const r = await rescheduleAppointment({
        id: a.id,
        toSlotId: band.id,
        idempotencyKey: newKey(),
      })
      if (r.ok) {
        left.set(band.id, (left.get(band.id) ?? 1) - 1)
        outcome = { appointment: a, moved: r.value, failure: null }
        break
      }
      if (BAND_FULL_CODES.has(r.error.code)) {
        left.set(band.id, 0)
        continue
      }
      outcome = { appointment: a, moved: null, failure: r.error }
      break
    }
    out.push(outcome)
  }
  return out
}
