import { z } from 'zod'
import { method } from './define'
import { Appointment, idempotencyKey, Source } from './appointments'
import { hhmm, id, isoDate, longText, shortText } from './fields'
import { LeaveSession } from './leave'
import { Slot } from './schedules'

/** At most this many 加号 places in one band, over all its steps. */
export const EXTRA_PER_BAND = 10

/** One 加号 step: a doctor agreed to see `count` more patients in a band than its quota. */
export const ExtraPlace = z.object({
  id,
  slotId: id,
  doctorId: id,
  date: isoDate,
  startTime: hhmm,
  count: z.number().int(),
  /** The doctor who agreed (the band's doctor). */
  agreedBy: id,
  reason: z.string(),
  /** The booking made in the same step, if any. */
  appointmentId: id.nullable(),
  /** The caller's label: the desk or the doctor's screen that added it. */
  createdBy: z.string(),
  createdAt: z.string(),
})
export type ExtraPlace = z.infer<typeof ExtraPlace>

export const extraMethods = {
  'slots.addExtra': method({
    summary:
      "加号: adds count places to a band beyond its quota, audited as extra places; the quota rises in the same transaction (booked <= quota holds). A doctor adds to their own bands; reception (or admin) names the doctor who agreed (agreedBy, the band's doctor). With book, reception also books a patient into the new place in the same step (an extra booking). The same idempotencyKey returns the first result.",
    input: z.strictObject({
      slotId: id,
      count: z.number().int().min(1).max(EXTRA_PER_BAND),
      agreedBy: id.optional(),
      reason: shortText.default(''),
      idempotencyKey,
      book: z
        .strictObject({
          patientId: id,
          source: Source.default('PHONE'),
          chiefComplaint: longText.default(''),
        })
        .optional(),
    }),
    result: z.object({ extra: ExtraPlace, slot: Slot, appointment: Appointment.nullable() }),
    roles: ['admin', 'reception', 'doctor'],
    owner: { field: 'slotId', via: 'slot' },
  }),
  'slots.addExtraToDay': method({
    summary:
      "加号 to the day: the doctor agreed to see count more patients that day (or in one session, AM/PM) without naming a band. The places go to the doctor's last band of that day/session that is open and not over (the end of the day, where an extra patient waits least on the others), and are recorded there exactly as slots.addExtra records them (extra_places row, audit, quota raised in the same transaction). Same roles and agreedBy rule as slots.addExtra; the same idempotencyKey returns the first result.",
    input: z.strictObject({
      doctorId: id,
      date: isoDate,
      session: LeaveSession.default('ALL'),
      count: z.number().int().min(1).max(EXTRA_PER_BAND),
      agreedBy: id.optional(),
      reason: shortText.default(''),
      idempotencyKey,
    }),
    result: z.object({ extra: ExtraPlace, slot: Slot, appointment: Appointment.nullable() }),
    roles: ['admin', 'reception', 'doctor'],
    owner: { field: 'doctorId' },
  }),
  'slots.extraForDay': method({
    summary:
      "A doctor-day's 加号 steps, in time order (who added, which doctor agreed, why, how many).",
    input: z.strictObject({ doctorId: id, date: isoDate }),
    result: z.array(ExtraPlace),
    roles: ['admin', 'reception', 'doctor'],
    owner: { field: 'doctorId' },
  }),
}
