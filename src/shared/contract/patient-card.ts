import { z } from 'zod'
import { Appointment } from './appointments'
import { method } from './define'
import { id, isoDate } from './fields'
import { Patient } from './patients'

/** One line of a patient card: an appointment, and whether it has moved to the archive. */
export const CardAppointment = Appointment.extend({ archived: z.boolean() })
export type CardAppointment = z.infer<typeof CardAppointment>

/**
 * Everything the desk's patient card shows, sorted by the host on the clinic's today:
 * upcoming bookings (still in play, today or later, soonest first), past visits (finished, or
 * never closed on a past day), cancellations and no-shows (newest first), live and archived.
 * Each list holds at most `limit` lines; `counts` are the whole history's.
 */
export const PatientCard = z.object({
  patient: Patient,
  today: isoDate,
  upcoming: z.array(CardAppointment),
  visits: z.array(CardAppointment),
  canceled: z.array(CardAppointment),
  noShows: z.array(CardAppointment),
  counts: z.object({
    upcoming: z.number().int(),
    visits: z.number().int(),
    canceled: z.number().int(),
    noShows: z.number().int(),
  }),
})
export type PatientCard = z.infer<typeof PatientCard>

export const patientCardMethods = {
  'patients.card': method({
    summary:
      "A patient's card: details unmasked, upcoming bookings, past visits (archive included), cancellations and no-shows, with counts.",
    input: z.strictObject({ id, limit: z.number().int().min(1).max(100).default(20) }),
    result: PatientCard,
    roles: ['admin', 'reception'],
  }),
}
