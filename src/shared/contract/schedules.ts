import { z } from 'zod'
import { event, method } from './define'
import { hhmm, id, isoDate, shortText } from './fields'

export const SLOT_STATUSES = ['AVAILABLE', 'BOOKED', 'LOCKED', 'CLOSED'] as const
export const SlotStatus = z.enum(SLOT_STATUSES)
export type SlotStatus = z.infer<typeof SlotStatus>

/** A weekly session: e.g. Monday 08:00–12:00 in 30-minute bands, 4 patients per band, 1 kept for walk-ins. */
export const ScheduleTemplate = z.object({
  id,
  doctorId: id,
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: z.number().int().min(1).max(7),
  startTime: hhmm,
  endTime: hhmm,
  slotMinutes: z.number().int().min(5).max(240),
  quotaPerSlot: z.number().int().min(1).max(100),
  walkInPerSlot: z.number().int().min(0).max(100),
  active: z.boolean(),
})
export type ScheduleTemplate = z.infer<typeof ScheduleTemplate>

/**
 * One time band of one doctor on one day (the seed's doctor_schedules row), as a screen sees it.
 * status, as a phone booking would be answered right now (DESIGN.md §4): AVAILABLE (a place) ·
 * BOOKED (SLOT_TAKEN: all booked, or the rest kept for walk-ins) · LOCKED (SLOT_HELD: the places a
 * phone booking could take are held at desks) · CLOSED (停诊).
 */
export const Slot = z.object({
  id,
  doctorId: id,
  date: isoDate,
  startTime: hhmm,
  endTime: hhmm,
  quota: z.number().int(),
  booked: z.number().int(),
  /** Places held right now by desks (not yet booked). */
  held: z.number().int(),
  /** Places kept for walk-ins (today only). */
  walkInReserved: z.number().int(),
  /** What a phone booking can take right now: quota − booked − walk-in places still kept − held. */
  placesLeft: z.number().int(),
  status: SlotStatus,
  /** The band has ended in the clinic's time zone. */
  past: z.boolean(),
  /** 加号: how many of quota are extra places a doctor agreed to (slots.addExtra). */
  extra: z.number().int(),
})
export type Slot = z.infer<typeof Slot>

export const DayAvailability = z.object({
  date: isoDate,
  placesLeft: z.number().int(),
  quota: z.number().int(),
  closed: z.boolean(),
})
export type DayAvailability = z.infer<typeof DayAvailability>

const scope = z.union([z.strictObject({ doctorId: id }), z.strictObject({ departmentId: id })])

export const scheduleMethods = {
  'templates.list': method({
    summary: "A doctor's weekly sessions (all doctors' when doctorId is absent).",
    input: z.strictObject({ doctorId: id.optional() }),
    result: z.array(ScheduleTemplate),
    roles: ['admin', 'reception'],
  }),
  'templates.save': method({
    summary:
      'Creates (no id) or replaces a weekly session. Overlapping sessions of one doctor on one weekday are refused.',
    input: ScheduleTemplate.omit({ id: true, active: true })
      .extend({ id: id.optional(), active: z.boolean().default(true) })
      .strict(),
    result: ScheduleTemplate,
    roles: ['admin'],
  }),
  'templates.remove': method({
    summary: 'Removes a weekly session. Slots already generated stay.',
    input: z.strictObject({ id }),
    result: z.object({ removed: z.boolean() }),
    roles: ['admin'],
  }),
  'schedules.generate': method({
    summary:
      'Creates the slots of every active session from a day (default today) to the horizon. Re-running creates nothing twice; holidays and leave days get none.',
    input: z.strictObject({ from: isoDate.optional() }),
    result: z.object({ created: z.number().int() }),
    roles: ['admin'],
  }),
  'schedules.closeDay': method({
    summary:
      '停诊: closes a doctor-day (its slots become CLOSED) and returns the live appointments affected, for calling or moving.',
    input: z.strictObject({ doctorId: id, date: isoDate, reason: shortText.min(1) }),
    result: z.object({ closedSlots: z.number().int(), affectedAppointmentIds: z.array(id) }),
    roles: ['admin'],
  }),
  'holidays.list': method({
    summary: 'Clinic holidays from a day on.',
    input: z.strictObject({ from: isoDate.optional() }),
    result: z.array(z.object({ date: isoDate, name: shortText })),
    roles: ['admin', 'reception'],
  }),
  'holidays.set': method({
    summary:
      'Marks a clinic holiday (no slots are generated; existing ones are closed as by closeDay).',
    input: z.strictObject({ date: isoDate, name: shortText.min(1) }),
    result: z.object({ date: isoDate, name: shortText, affectedAppointmentIds: z.array(id) }),
    roles: ['admin'],
  }),
  'holidays.remove': method({
    summary: 'Removes a clinic holiday.',
    input: z.strictObject({ date: isoDate }),
    result: z.object({ removed: z.boolean() }),
    roles: ['admin'],
  }),
  'slots.forDoctorDay': method({
    summary: "A doctor's time bands on a day, with places left.",
    input: z.strictObject({ doctorId: id, date: isoDate }),
    result: z.array(Slot),
    roles: ['admin', 'reception', 'doctor'],
    owner: { field: 'doctorId' },
  }),
  'slots.forDepartmentDay': method({
    summary: "Every doctor's time bands in a department on a day.",
    input: z.strictObject({ departmentId: id, date: isoDate }),
    result: z.array(z.object({ doctorId: id, slots: z.array(Slot) })),
    roles: ['admin', 'reception'],
  }),
  'slots.calendar': method({
    summary:
      'Per day from..to (at most 62 days): places a phone booking can still take, for a doctor or a department.',
    input: z.strictObject({ scope, from: isoDate, to: isoDate }),
    result: z.array(DayAvailability),
    roles: ['admin', 'reception'],
  }),
}

export const scheduleEvents = {
  'slots.changed': event({
    summary: "Places in some of a doctor-day's bands changed (booked, held, released, closed).",
    payload: z.object({ doctorId: id, date: isoDate, slotIds: z.array(id) }),
    roles: ['admin', 'reception', 'doctor'],
    visibleTo: (caller, p) => caller.role !== 'doctor' || caller.doctorId === p.doctorId,
  }),
  'templates.changed': event({
    summary: "A doctor's weekly sessions changed.",
    payload: z.object({ doctorId: id }),
    roles: ['admin', 'reception'],
  }),
}
