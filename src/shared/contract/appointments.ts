import { z } from 'zod'
import type { Audience } from '../roles'
import { event, method } from './define'
import { hhmm, id, isoDate, longText, shortText } from './fields'
import { Sex } from './patients'

/**
 * PENDING ─▶ CONFIRMED ─▶ CHECKED_IN ─▶ CALLED ─▶ IN_PROGRESS ─▶ COMPLETED
 *                                          └─▶ SKIPPED (过号) ─▶ back in line, or NO_SHOW after K skips
 * any of PENDING / CONFIRMED / CHECKED_IN ─▶ CANCELED (reason); never arrived by the session's end ─▶ NO_SHOW
 */
export const APPOINTMENT_STATUSES = [
  'PENDING',
  'CONFIRMED',
  'CHECKED_IN',
  'CALLED',
  'IN_PROGRESS',
  'COMPLETED',
  'SKIPPED',
  'NO_SHOW',
  'CANCELED',
] as const
export const AppointmentStatus = z.enum(APPOINTMENT_STATUSES)
export type AppointmentStatus = z.infer<typeof AppointmentStatus>

/**
 * Statuses of a booking still in play: the one-booking-per-doctor-per-day rule and the queue count them.
 * A slot's booked counts every appointment but a CANCELED one (a finished visit used its place).
 */
export const LIVE_STATUSES = [
  'PENDING',
  'CONFIRMED',
  'CHECKED_IN',
  'CALLED',
  'IN_PROGRESS',
  'SKIPPED',
] as const satisfies readonly AppointmentStatus[]

export const SOURCES = ['PHONE', 'WALK_IN'] as const
export const Source = z.enum(SOURCES)

/** An appointment as every screen sees it (patient fields joined in; ID number never included). */
export const Appointment = z.object({
  id,
  slotId: id,
  doctorId: id,
  date: isoDate,
  startTime: hhmm,
  endTime: hhmm,
  queueNo: z.number().int(),
  patientId: id,
  patientName: z.string(),
  patientSex: Sex,
  /** Whole years on the appointment's date, when the birth date is known. */
  patientAge: z.number().int().nullable(),
  patientPhone: z.string().nullable(),
  source: Source,
  status: AppointmentStatus,
  chiefComplaint: z.string(),
  cancelReason: z.string().nullable(),
  rescheduledFrom: id.nullable(),
  skipCount: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  checkedInAt: z.string().nullable(),
  calledAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  /** 加号: the booking took a place beyond the band's own quota (slots.addExtra). */
  extra: z.boolean(),
  /**
   * A NO_SHOW that is not the patient's fault (未到(免责)): 结束出诊 (queue.closeSession) came before
   * their band start + no-show grace. It never counts as 爽约. False for every other booking.
   */
  noShowExcused: z.boolean(),
})
export type Appointment = z.infer<typeof Appointment>

/**
 * The status a screen shows: an excused NO_SHOW (未到(免责)) apart from a NO_SHOW that counts as
 * 爽约; every other status as it is.
 */
export type ShownStatus = AppointmentStatus | 'NO_SHOW_EXCUSED'
export const shownStatus = (a: Pick<Appointment, 'status' | 'noShowExcused'>): ShownStatus =>
  a.status === 'NO_SHOW' && a.noShowExcused ? 'NO_SHOW_EXCUSED' : a.status

/** What a desk needs to print the ticket (挂号单). */
export const Ticket = z.object({
  appointment: Appointment,
  clinicName: z.string(),
  doctorName: z.string(),
  doctorTitle: z.string(),
  departmentName: z.string(),
  roomName: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
  /** Patients ahead in the queue now, and a rough wait in minutes from the band's length and quota. */
  aheadCount: z.number().int(),
  estimatedWaitMinutes: z.number().int(),
  printedAt: z.string(),
})
export type Ticket = z.infer<typeof Ticket>

/** One submission's key: a double click or a retried request books once. */
export const idempotencyKey = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/)

export const Hold = z.object({ id, slotId: id, expiresAt: z.string() })
export type Hold = z.infer<typeof Hold>

export const appointmentMethods = {
  'holds.create': method({
    summary:
      "Holds one place in a band for this desk while it finishes a phone call (the seed's LOCKED); expires by itself after holdMinutes.",
    input: z.strictObject({ slotId: id }),
    result: Hold,
    roles: ['admin', 'reception'],
  }),
  'holds.release': method({
    summary: "Releases this desk's hold.",
    input: z.strictObject({ holdId: id }),
    result: z.object({ released: z.boolean() }),
    roles: ['admin', 'reception'],
  }),
  'appointments.book': method({
    summary:
      "Books a patient into a band (from this desk's hold when holdId is given). SLOT_TAKEN when no place is left; the same idempotencyKey returns the first result.",
    input: z.strictObject({
      slotId: id,
      patientId: id,
      holdId: id.optional(),
      chiefComplaint: longText.default(''),
      idempotencyKey,
    }),
    result: Appointment,
    roles: ['admin', 'reception'],
  }),
  'appointments.walkIn': method({
    summary:
      "Registers a walk-in into today's earliest open band of a doctor, or of any doctor of a department. Checked in at once.",
    input: z.strictObject({
      scope: z.union([z.strictObject({ doctorId: id }), z.strictObject({ departmentId: id })]),
      patientId: id,
      chiefComplaint: longText.default(''),
      idempotencyKey,
    }),
    result: Appointment,
    roles: ['admin', 'reception'],
  }),
  'appointments.cancel': method({
    summary: '退号: cancels with a reason and frees the place.',
    input: z.strictObject({ id, reason: shortText.min(1) }),
    result: Appointment,
    roles: ['admin', 'reception'],
  }),
  'appointments.reschedule': method({
    summary:
      '改约: books the same patient into another band and cancels the old booking, in one transaction — or changes nothing.',
    input: z.strictObject({ id, toSlotId: id, idempotencyKey }),
    result: Appointment,
    roles: ['admin', 'reception'],
  }),
  'appointments.checkIn': method({
    summary: '签到: the patient has arrived and joins the queue.',
    input: z.strictObject({ id }),
    result: Appointment,
    roles: ['admin', 'reception'],
  }),
  'appointments.get': method({
    summary: 'One appointment (a doctor only their own).',
    input: z.strictObject({ id }),
    result: Appointment,
    roles: ['admin', 'reception', 'doctor'],
    owner: { field: 'id', via: 'appointment' },
  }),
  'appointments.forDay': method({
    summary:
      "The desk's day list, by band then queue number; optionally one doctor and some statuses.",
    input: z.strictObject({
      date: isoDate,
      doctorId: id.optional(),
      statuses: z.array(AppointmentStatus).max(9).optional(),
    }),
    result: z.array(Appointment),
    roles: ['admin', 'reception'],
  }),
  'appointments.ticket': method({
    summary: 'Everything the ticket (挂号单) prints for an appointment.',
    input: z.strictObject({ id }),
    result: Ticket,
    roles: ['admin', 'reception'],
  }),
  'patients.history': method({
    summary: "A patient's appointments, newest first, archived ones included.",
    input: z.strictObject({ patientId: id, limit: z.number().int().min(1).max(200).default(50) }),
    result: z.array(Appointment),
    roles: ['admin', 'reception'],
  }),
  'appointments.archive': method({
    summary:
      'Moves closed appointments older than archiveAfterDays into the archive tables (still searchable by patients.history).',
    input: z.strictObject({}),
    result: z.object({ archived: z.number().int() }),
    roles: ['admin'],
  }),
}

const ownDoctor = (caller: Audience, p: { doctorId: number }): boolean =>
  caller.role !== 'doctor' || caller.doctorId === p.doctorId

export const appointmentEvents = {
  'appointment.created': event({
    summary: 'A booking or walk-in was made (a doctor\'s screen shows "您有一个新预约").',
    payload: z.object({ appointmentId: id, doctorId: id, date: isoDate, source: Source }),
    roles: ['admin', 'reception', 'doctor'],
    visibleTo: ownDoctor,
  }),
  'appointments.changed': event({
    summary:
      "Some of a doctor-day's appointments changed status (check-in, cancel, reschedule, call, …).",
    payload: z.object({ doctorId: id, date: isoDate, appointmentIds: z.array(id) }),
    roles: ['admin', 'reception', 'doctor'],
    visibleTo: ownDoctor,
  }),
}
