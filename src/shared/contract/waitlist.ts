import { z } from 'zod'
import { event, method } from './define'
import { hhmm, id, instant, isoDate, shortText } from './fields'
import { mobile } from './patients'

/** At most this many preferred bands in one entry (a doctor-day has about a dozen). */
export const WAITLIST_MAX_BANDS = 24

export const WAITLIST_STATUSES = ['WAITING', 'BOOKED', 'CANCELED', 'EXPIRED'] as const
export const WaitlistStatus = z.enum(WAITLIST_STATUSES)
export type WaitlistStatus = z.infer<typeof WaitlistStatus>

/** One patient in line (候补) for a doctor-day, or for some of its bands. */
export const WaitlistEntry = z.object({
  id,
  patientId: id,
  patientName: z.string(),
  doctorId: id,
  date: isoDate,
  phone: z.string(),
  /** Empty: any band of the doctor-day. */
  slotIds: z.array(id),
  status: WaitlistStatus,
  /** 1 for the first in line; null once the entry is no longer waiting. */
  position: z.number().int().nullable(),
  /** Clinic-local date and time at which the entry ends by itself (its last band starts). */
  expiresAt: z.string(),
  appointmentId: id.nullable(),
  /** The band it was booked into (候补成功). */
  bookedStartTime: hhmm.nullable(),
  cancelReason: z.string().nullable(),
  createdBy: z.string(),
  createdAt: instant,
  endedAt: instant.nullable(),
  calledBackAt: instant.nullable(),
})
export type WaitlistEntry = z.infer<typeof WaitlistEntry>

export const waitlistMethods = {
  'waitlist.add': method({
    summary:
      '候补: puts a patient in line for a doctor-day that is full, or for some of its bands (slotIds) that are full. When a place frees there, the first eligible patient in line is booked into it in the same transaction and appears on the call-back list. One live entry per patient per doctor-day; the phone defaults to the patient record.',
    input: z.strictObject({
      patientId: id,
      doctorId: id,
      date: isoDate,
      slotIds: z.array(id).max(WAITLIST_MAX_BANDS).default([]),
      phone: mobile.optional(),
    }),
    result: WaitlistEntry,
    roles: ['admin', 'reception'],
  }),
  'waitlist.list': method({
    summary:
      "A doctor-day's line, first in line first: the patients still waiting, with their positions (entries whose last band has started are gone).",
    input: z.strictObject({ doctorId: id, date: isoDate }),
    result: z.array(WaitlistEntry),
    roles: ['admin', 'reception'],
  }),
  'waitlist.position': method({
    summary:
      'One entry, with its position in line while it waits (what the desk tells the patient).',
    input: z.strictObject({ id }),
    result: WaitlistEntry,
    roles: ['admin', 'reception'],
  }),
  'waitlist.cancel': method({
    summary: 'Takes a waiting patient out of the line (audited); the others move up.',
    input: z.strictObject({ id, reason: shortText.min(1) }),
    result: WaitlistEntry,
    roles: ['admin', 'reception'],
  }),
  'waitlist.callBacks': method({
    summary:
      "The desk's call-back list: patients booked from the line (候补成功) not yet phoned, oldest first; from a day on (default today).",
    input: z.strictObject({ from: isoDate.optional() }),
    result: z.array(WaitlistEntry),
    roles: ['admin', 'reception'],
  }),
  'waitlist.calledBack': method({
    summary: 'Marks a 候补成功 patient as phoned: they leave the call-back list (audited).',
    input: z.strictObject({ id }),
    result: WaitlistEntry,
    roles: ['admin', 'reception'],
  }),
}

export const waitlistEvents = {
  'waitlist.changed': event({
    summary: "A doctor-day's line changed: someone joined, left, expired or was booked (候补成功).",
    payload: z.object({ doctorId: id, date: isoDate }),
    roles: ['admin', 'reception'],
  }),
}
