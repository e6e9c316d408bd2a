import type { Appointment, QueueDay, QueueEntry } from '../../../shared/contract'
import { compiled } from '../../db/compiled'
import type { ReadDb } from '../../db/write'
import {
  IN_ROOM_STATUSES,
  NOT_ARRIVED_STATUSES,
  WAITING_STATUSES,
  isNotArrived,
  isWaiting,
} from '../../../shared/visit'
import { appointmentQuery, toAppointment } from '../appointments/rows'

const rank = (a: Appointment): number =>
  a.status === 'CALLED'
    ? 0
    : a.status === 'IN_PROGRESS'
      ? 1
      : isWaiting(a.status)
        ? 2
        : isNotArrived(a.status)
          ? 3
          : 4

/** Every doctor's screen reads this on each change: compiled once (db/compiled.ts). */
const dayInCallOrder = compiled<{ doctorId: number; date: string }>()((db, $) =>
  appointmentQuery(db)
    .where('a.doctor_id', '=', $('doctorId'))
    .where('a.date', '=', $('date'))
    .orderBy('a.call_order'),
)

/**
 * A doctor's day in call order: the one called (or in the room) first, then those waiting by
 * position, then those not arrived, then the closed ones. The rows come sorted by call_order
 * from the (doctor_id, date, …) index; the grouping is a stable sort on top.
 */
export async function queueDay(
  read: ReadDb,
  doctorId: number,
  date: string,
  nowIso: string,
): Promise<QueueDay> {
  const rows = await dayInCallOrder.all(read, { doctorId, date })
  const list = rows.map(toAppointment).sort((x, y) => rank(x) - rank(y))
  const now = new Date(nowIso).getTime()
  let position = 0
  const entries: QueueEntry[] = list.map((a) => {
    const waiting = isWaiting(a.status)
    // Object.assign on the fresh row, not `{ ...a, … }`: spreading 25 keys plus two new ones took
    // V8's slow path, ~6 µs a row, a third of the whole read for a 60-patient day.
    return Object.assign(a, {
      position: waiting ? ++position : null,
      waitingMinutes:
        waiting && a.checkedInAt
          ? Math.max(0, Math.floor((now - new Date(a.checkedInAt).getTime()) / 60_000))
          : null,
    })
  })
  const first = entries[0]
  const count = (statuses: readonly string[]): number =>
    entries.filter((e) => statuses.includes(e.status)).length
  return {
    doctorId,
    date,
    current: first && IN_ROOM_STATUSES.includes(first.status) ? first : null,
    entries,
    counts: {
      waiting: count(WAITING_STATUSES),
      notArrived: count(NOT_ARRIVED_STATUSES),
      seen: count(['COMPLETED']),
      // 爽约: an excused NO_SHOW (结束出诊 before its grace ended) is not the patient's miss.
      noShow: entries.filter((e) => e.status === 'NO_SHOW' && !e.noShowExcused).length,
    },
  }
}

/** One entry of a doctor-day's queue, as the queue actions return it. */
export async function queueEntry(
  read: ReadDb,
  appointment: Appointment,
  nowIso: string,
): Promise<QueueEntry> {
  const day = await queueDay(read, appointment.doctorId, appointment.date, nowIso)
  const entry = day.entries.find((e) => e.id === appointment.id)
  if (!entry) throw new Error(`queueEntry: appointment ${appointment.id} is not in its own day`)
  return entry
}
