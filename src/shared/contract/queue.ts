import { z } from 'zod'
import { Appointment } from './appointments'
import { event, method } from './define'
import { id, isoDate, shortText } from './fields'

/** A queue row: the appointment plus where it stands. */
export const QueueEntry = Appointment.extend({
  /** 1 = next to be called; null for those not waiting (in the room, done, canceled, not arrived). */
  position: z.number().int().nullable(),
  /** Minutes since check-in for those waiting, else null. */
  waitingMinutes: z.number().int().nullable(),
})
export type QueueEntry = z.infer<typeof QueueEntry>

export const QueueDay = z.object({
  doctorId: id,
  date: isoDate,
  /** Called or in the room now, if anyone. */
  current: QueueEntry.nullable(),
  /** Everyone of the day in call order: current first, then waiting by position, then not arrived, then closed ones. */
  entries: z.array(QueueEntry),
  counts: z.object({
    waiting: z.number().int(),
    notArrived: z.number().int(),
    seen: z.number().int(),
    noShow: z.number().int(),
  }),
})
export type QueueDay = z.infer<typeof QueueDay>

const target = z.strictObject({ id })

/** A doctor acts only on their own queue; reception and admin on any. Every action returns the doctor's new queue. */
export const queueMethods = {
  'queue.forDoctorDay': method({
    summary: "A doctor's queue for a day in call order, with waiting times and counts.",
    input: z.strictObject({ doctorId: id, date: isoDate }),
    result: QueueDay,
    roles: ['admin', 'reception', 'doctor'],
    owner: { field: 'doctorId' },
  }),
  'queue.callNext': method({
    summary:
      '叫号: calls the first waiting patient of the doctor today (NOT_FOUND when nobody waits).',
    input: z.strictObject({ doctorId: id }),
    result: QueueEntry,
    roles: ['admin', 'doctor'],
    owner: { field: 'doctorId' },
  }),
  'queue.recall': method({
    summary: 'Calls the called patient again (the display repeats the call).',
    input: target,
    result: QueueEntry,
    roles: ['admin', 'doctor'],
    owner: { field: 'id', via: 'appointment' },
  }),
  'queue.start': method({
    summary: '开始就诊: the called patient is in the room.',
    input: target,
    result: QueueEntry,
    roles: ['admin', 'doctor'],
    owner: { field: 'id', via: 'appointment' },
  }),
  'queue.complete': method({
    summary: 'The visit is over.',
    input: target,
    result: QueueEntry,
    roles: ['admin', 'doctor'],
    owner: { field: 'id', via: 'appointment' },
  }),
  'queue.skip': method({
    summary:
      '过号: the called patient did not come; back skipBackPlaces places, or NO_SHOW at skipLimit skips.',
    input: target,
    result: QueueEntry,
    roles: ['admin', 'doctor'],
    owner: { field: 'id', via: 'appointment' },
  }),
  'queue.noShow': method({
    summary: 'Marks a patient who never came as NO_SHOW (frees nothing: the band is over).',
    input: target,
    result: QueueEntry,
    roles: ['admin', 'doctor', 'reception'],
    owner: { field: 'id', via: 'appointment' },
  }),
  'queue.recheckIn': method({
    summary:
      'A SKIPPED or NO_SHOW patient who turns up the same day is checked in again: at the end of the line, or after the first `places` of those waiting now; the reason goes into the audit row.',
    input: z.strictObject({
      id,
      place: z.discriminatedUnion('rule', [
        z.strictObject({ rule: z.literal('end') }),
        z.strictObject({ rule: z.literal('after'), places: z.number().int().min(0).max(99) }),
      ]),
      reason: shortText.min(1),
    }),
    result: QueueEntry,
    roles: ['admin', 'reception', 'doctor'],
    owner: { field: 'id', via: 'appointment' },
  }),
  'queue.undo': method({
    summary:
      "Takes back the caller's own last 过号 / 未到 on this appointment, within UNDO_WINDOW_MS by the host's clock and only if nothing else happened since (else UNDO_EXPIRED).",
    input: target,
    result: QueueEntry,
    roles: ['admin', 'doctor'],
    owner: { field: 'id', via: 'appointment' },
  }),
  'queue.closeSession': method({
    summary:
      "Ends a doctor's day: everyone who never arrived becomes NO_SHOW. One whose band start + no-show grace had not come yet is excused: it never counts as 爽约, and the desk can still check the late patient in again (queue.recheckIn).",
    input: z.strictObject({ doctorId: id, date: isoDate }),
    result: z.object({ noShows: z.number().int() }),
    roles: ['admin', 'doctor'],
    owner: { field: 'doctorId' },
  }),
}

/** The waiting-room board: masked names only (张*三), never an ID, phone or complaint. */
export const BoardRoom = z.object({
  doctorId: id,
  doctorName: z.string(),
  roomName: z.string().nullable(),
  calling: z.object({ queueNo: z.number().int(), maskedName: z.string() }).nullable(),
  next: z.array(z.object({ queueNo: z.number().int(), maskedName: z.string() })),
})
export const Board = z.object({ date: isoDate, rooms: z.array(BoardRoom) })
export type Board = z.infer<typeof Board>

export const displayMethods = {
  'display.board': method({
    summary: "Today's board: per doctor on duty, who is called and the next few (masked).",
    input: z.strictObject({ nextCount: z.number().int().min(0).max(10).default(3) }),
    result: Board,
    roles: ['admin', 'reception', 'display'],
  }),
}

export const queueEvents = {
  'display.changed': event({
    summary:
      "Something on today's board changed; the display re-reads display.board. Carries no patient data.",
    payload: z.object({ doctorId: id }),
    roles: ['display', 'admin', 'reception'],
  }),
  'display.call': event({
    summary:
      'A patient is called (or called again): the display chimes and speaks it. Masked name only.',
    payload: z.object({
      doctorId: id,
      doctorName: z.string(),
      roomName: z.string().nullable(),
      queueNo: z.number().int(),
      maskedName: z.string(),
    }),
    roles: ['display', 'admin', 'reception', 'doctor'],
  }),
}
