import { z } from 'zod'
import { event, method } from './define'
import { hhmm, id, instant, isoDate, shortText } from './fields'
import { mobile } from './patients'

/** At most this many preferred bands in one entry (a doctor-day has about a dozen). */
export const WAITLIST_MAX_BANDS = 24

/** OFFERED (候补待确认): offer mode holds a freed place for the entry until the desk answers. */
export const WAITLIST_STATUSES = ['WAITING', 'OFFERED', 'BOOKED', 'CANCELED', 'EXPIRED'] as const
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
  /** 1 for the first in line (an OFFERED entry keeps its place); null once it no longer waits. */
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
  /** Offer mode: the place held for this entry (候补待确认) and until when; null otherwise. */
  offer: z.object({ slotId: id, startTime: hhmm, deadline: instant }).nullable(),
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
      "The desk's call-back list from a day on (default today): places offered (候补待确认), soonest deadline first, then patients booked from the line (候补成功) not yet phoned, oldest first.",
    input: z.strictObject({ from: isoDate.optional() }),
    result: z.array(WaitlistEntry),
    roles: ['admin', 'reception'],
  }),
  'waitlist.forPatient': method({
    summary:
      "A patient's live entries (waiting or offered), each with its position in line, for the patient card.",
    input: z.strictObject({ patientId: id }),
    result: z.array(WaitlistEntry),
    roles: ['admin', 'reception'],
  }),
  'waitlist.accept': method({
    summary:
      'Offer mode: the patient said yes on the phone (候补待确认 → 候补成功). The held place is booked for them with every booking rule, and the entry counts as phoned. After the deadline: HOLD_EXPIRED.',
    input: z.strictObject({ id }),
    result: WaitlistEntry,
    roles: ['admin', 'reception'],
  }),
  'waitlist.decline': method({
    summary:
      'Offer mode: the patient does not want the place offered. The entry leaves the line (CANCELED with the reason) and the place goes to the next in line, in the same transaction.',
    input: z.strictObject({ id, reason: shortText.min(1) }),
    result: WaitlistEntry,
    roles: ['admin', 'reception'],
  }),
  'waitlist.sweep': method({
    summary:
      "The host's minute timer: entries whose last band has started are written EXPIRED; offers past their deadline lapse (the entry leaves the line); places freed by expired holds, lapsed offers included, go to the line. Returns the entry ids of each.",
    input: z.strictObject({}),
    result: z.object({
      expired: z.array(id),
      lapsed: z.array(id),
      served: z.array(id),
    }),
    roles: ['admin'],
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
    summary:
      "A doctor-day's line changed: someone joined, left, expired, was offered a place or was booked (候补成功).",
    payload: z.object({ doctorId: id, date: isoDate }),
    roles: ['admin', 'reception'],
  }),
}
