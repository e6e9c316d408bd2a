import type { Appointment, Slot } from '../../../shared/contract'

/**
 * The target doctor's bands in the order to try for one moved patient: first the bands from the
 * patient's own time on (earliest first), then earlier ones (closest first). A patient booked
 * for 10:30 can usually come later the same morning but rarely earlier; the brief's "earliest
 * band with places" would send everyone to 08:00.
 */
export function bandsToTry(
  appointment: Pick<Appointment, 'startTime'>,
  slots: readonly Slot[],
): Slot[] {
  const open = slots.filter((s) => s.status !== 'CLOSED' && !s.past)
  const later = open
    .filter((s) => s.startTime >= appointment.startTime)
    .sort((a, b) => a.startTime.localeCompare(b.startTime))
  const earlier = open
    .filter((s) => s.startTime < appointment.startTime)
    .sort((a, b) => b.startTime.localeCompare(a.startTime))
  return [...later, ...earlier]
}

/** Failures that mean "this band is full after all": try the next band rather than give up on the patient. */
export const BAND_FULL_CODES: ReadonlySet<string> = new Set([
  'SLOT_TAKEN',
  'SLOT_HELD',
  'SLOT_CLOSED',
  'SLOT_IN_PAST',
])
