import { z } from 'zod'
import { AppointmentStatus } from './appointments'
import { event, method } from './define'
import { hhmm, id, instant, isoDate, shortText } from './fields'

/** Which bands of each day a leave closes: all, the morning (上午) or the afternoon (下午). */
export const LEAVE_SESSIONS = ['ALL', 'AM', 'PM'] as const
export const LeaveSession = z.enum(LEAVE_SESSIONS)
export type LeaveSession = z.infer<typeof LeaveSession>

/** A band starting before this time is in the morning session (AM), from it on in the afternoon (PM). */
export const NOON = '12:00'

/** The longest leave made in one go, in days (from and to included). */
export const LEAVE_MAX_DAYS = 92

export const LeaveState = z.enum(['ACTIVE', 'REOPENED'])
export type LeaveState = z.infer<typeof LeaveState>

/** A doctor's leave (停诊): from..to, one session or all, and what its closing did. */
export const Leave = z.object({
  id,
  doctorId: id,
  from: isoDate,
  to: isoDate,
  session: LeaveSession,
  reason: shortText,
  state: LeaveState,
  createdBy: z.string(),
  createdAt: instant,
  reopenedBy: z.string().nullable(),
  reopenedAt: instant.nullable(),
  /** Bands this leave closed (and would put back when reopened). */
  closedSlots: z.number().int(),
  /** Bookings that were live in its bands when it was made. */
  affectedCount: z.number().int(),
})
export type Leave = z.infer<typeof Leave>

/**
 * What became of a booking a leave touched: TO_CALL (still booked in a closed band: phone to move
 * or cancel) · MOVED (rescheduled elsewhere; stays there after a reopen) · CANCELED · CALL_BACK
 * (canceled, and the leave was then reopened: phone to offer the day again) · KEPT (the leave was
 * reopened while the booking was still live: it stands) · DONE (seen or marked no-show anyway).
 */
export const AFFECTED_OUTCOMES = [
  'TO_CALL',
  'MOVED',
  'CANCELED',
  'CALL_BACK',
  'KEPT',
  'DONE',
] as const
export const AffectedOutcome = z.enum(AFFECTED_OUTCOMES)
export type AffectedOutcome = z.infer<typeof AffectedOutcome>

export const AffectedBooking = z.object({
  appointmentId: id,
  patientId: id,
  patientName: z.string(),
  patientPhone: z.string().nullable(),
  date: isoDate,
  startTime: hhmm,
  endTime: hhmm,
  queueNo: z.number().int(),
  status: AppointmentStatus,
  cancelReason: z.string().nullable(),
  outcome: AffectedOutcome,
  /** Where a MOVED booking went. */
  movedTo: z
    .object({
      appointmentId: id,
      doctorId: id,
      doctorName: z.string(),
      date: isoDate,
      startTime: hhmm,
      endTime: hhmm,
      queueNo: z.number().int(),
    })
    .nullable(),
})
export type AffectedBooking = z.infer<typeof AffectedBooking>

export const leaveMethods = {
  'leave.list': method({
    summary:
      "Leave from a day on (default today): each doctor's leave still to come or under way, by doctor and start; reopened ones too when asked.",
    input: z.strictObject({
      doctorId: id.optional(),
      from: isoDate.optional(),
      includeReopened: z.boolean().default(false),
    }),
    result: z.array(Leave),
    roles: ['admin', 'reception'],
  }),
  'leave.create': method({
    summary: `停诊: closes a doctor's bands from..to (at most ${LEAVE_MAX_DAYS} days, not before today), all day or one session; bands not generated yet will not be. Returns the live bookings affected.`,
    input: z.strictObject({
      doctorId: id,
      from: isoDate,
      to: isoDate,
      session: LeaveSession.default('ALL'),
      reason: shortText.min(1),
    }),
    result: z.object({
      leave: Leave,
      closedSlots: z.number().int(),
      affectedAppointmentIds: z.array(id),
    }),
    roles: ['admin'],
  }),
  'leave.reopen': method({
    summary:
      'Undoes a leave: its bands come back as they were (unless another leave or a holiday still closes them); moved bookings stay moved; canceled ones are returned as the call-back list.',
    input: z.strictObject({ id }),
    result: z.object({
      leave: Leave,
      reopenedSlots: z.number().int(),
      callBack: z.array(AffectedBooking),
    }),
    roles: ['admin'],
  }),
  'leave.affected': method({
    summary:
      'The patients a leave touched, to phone: name, phone, booking and what became of it (to call, moved, canceled, call back, kept).',
    input: z.strictObject({ id }),
    result: z.object({ leave: Leave, bookings: z.array(AffectedBooking) }),
    roles: ['admin', 'reception'],
  }),
}

export const leaveEvents = {
  'leave.changed': event({
    summary: "A doctor's leave was made or reopened.",
    payload: z.object({ doctorId: id, leaveId: id }),
    roles: ['admin', 'reception'],
  }),
}
