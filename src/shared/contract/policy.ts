import { z } from 'zod'
import { BookingPolicy } from '../policy/rules'
import { event, method } from './define'
import { id, isoDate, shortText } from './fields'

/** One line of a patient's 爽约 history (policy.record). */
export const NoShowEvent = z.object({
  kind: z.enum(['NO_SHOW', 'LATE_CANCEL', 'SUSPENDED', 'LIFTED']),
  /** The booking's day (no-show, late cancel), the first day of a suspension, the day of a lift. */
  date: isoDate,
  /** A suspension's end (phone booking allowed again that day); else null. */
  until: isoDate.nullable(),
  appointmentId: id.nullable(),
  doctorId: id.nullable(),
  /** The cancel's or the lift's reason. */
  reason: z.string().nullable(),
  /** Who lifted (LIFTED). */
  by: z.string().nullable(),
})
export type NoShowEvent = z.infer<typeof NoShowEvent>

export const NoShowRecord = z.object({
  patientId: id,
  /** While suspended: the day phone booking is allowed again. */
  suspendedUntil: isoDate.nullable(),
  /** Newest first. */
  events: z.array(NoShowEvent),
})
export type NoShowRecord = z.infer<typeof NoShowRecord>

/** A patient whose phone booking is suspended today (policy.suspended, the admin's list). */
export const SuspendedPatient = z.object({
  patientId: id,
  name: z.string(),
  phone: z.string().nullable(),
  /** The first day of the suspension in force. */
  since: isoDate,
  /** The day phone booking is allowed again. */
  until: isoDate,
  /** The 爽约 that count (since the last lift): no-shows and late cancels. */
  noShows: z.number().int(),
  lateCancels: z.number().int(),
})
export type SuspendedPatient = z.infer<typeof SuspendedPatient>

/** Issue 14: the booking policy (放号, cut-offs, limits, 爽约), one settings row read from memory. */
export const policyMethods = {
  'policy.get': method({
    summary:
      "The clinic's booking policy: release (放号), same-day cut-offs, cancel deadline, live-booking limit, department age/sex limits, no-show grace and 爽约 suspension, each with its own switch.",
    input: z.strictObject({}),
    result: BookingPolicy,
    roles: ['admin', 'reception', 'doctor'],
  }),
  'policy.update': method({
    summary:
      'Replaces the booking policy (all rules at once, as policy.get returns them); audited and published live. A bad figure is INVALID_INPUT on its field and nothing changes.',
    input: BookingPolicy,
    result: BookingPolicy,
    roles: ['admin'],
  }),
  'policy.markNoShows': method({
    summary:
      'Marks NO_SHOW every phone booking not checked in by its band start + the grace minutes (the host runs it each minute; no-op while the rule is off). Returns the ids marked.',
    input: z.strictObject({}),
    result: z.object({ marked: z.array(z.number().int()) }),
    roles: ['admin'],
  }),
  'policy.record': method({
    summary:
      "A patient's 爽约 history for the patient card: no-shows, late cancels, suspensions (with the day each ends) and admins' lifts, newest first; and the suspension in force.",
    input: z.strictObject({ patientId: id }),
    result: NoShowRecord,
    roles: ['admin', 'reception'],
  }),
  'policy.suspended': method({
    summary:
      'Every patient whose phone booking is suspended today for 爽约, newest suspension first, with the day it ends and the no-shows and late cancels that count: the admin lifts from this list. Empty while the suspension rule is off.',
    input: z.strictObject({}),
    result: z.array(SuspendedPatient),
    roles: ['admin'],
  }),
  'policy.liftSuspension': method({
    summary:
      "Lifts a patient's 爽约 suspension with a reason (audited, published live): phone booking is allowed again today, and the 爽约 up to today no longer count. ILLEGAL_TRANSITION when the patient is not suspended.",
    input: z.strictObject({ patientId: id, reason: shortText.min(1) }),
    result: NoShowRecord,
    roles: ['admin'],
  }),
}

export const policyEvents = {
  'policy.changed': event({
    summary: 'The booking policy changed; screens re-read policy.get.',
    payload: z.object({}),
    roles: ['admin', 'reception', 'doctor'],
  }),
  'policy.suspensionLifted': event({
    summary:
      "An admin lifted a patient's 爽约 suspension; the patient card re-reads policy.record.",
    payload: z.object({ patientId: id }),
    roles: ['admin', 'reception'],
  }),
}
