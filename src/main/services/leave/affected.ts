import type { Transaction } from 'kysely'
import { LIVE_STATUSES, type AppointmentStatus } from '../../../shared/contract'
import type { AffectedBooking, AffectedOutcome, Leave } from '../../../shared/contract/leave'
import type { DB } from '../../db/schema'
import type { ReadDb } from '../../db/write'

const LIVE: ReadonlySet<AppointmentStatus> = new Set(LIVE_STATUSES)

function outcomeOf(
  status: AppointmentStatus,
  moved: boolean,
  state: Leave['state'],
): AffectedOutcome {
  if (moved) return 'MOVED'
  if (LIVE.has(status)) return state === 'ACTIVE' ? 'TO_CALL' : 'KEPT'
  if (status === 'CANCELED') return state === 'ACTIVE' ? 'CANCELED' : 'CALL_BACK'
  return 'DONE'
}

/**
 * The bookings a leave touched, by day, band and queue number, each with what became of it. A
 * booking counts as moved when a booking made from it (rescheduled_from) exists; the newest one
 * is where it went.
 */
export async function affectedBookings(
  db: ReadDb | Transaction<DB>,
  leave: Leave,
): Promise<AffectedBooking[]> {
  const rows = await db
    .selectFrom('leave_appointments as la')
    .innerJoin('appointments as a', 'a.id', 'la.appointment_id')
    .innerJoin('patients as p', 'p.id', 'a.patient_id')
    .innerJoin('doctor_schedules as s', 's.id', 'a.slot_id')
    .select([
      'a.id',
      'a.patient_id',
      'p.name',
      'p.phone',
      'a.date',
      's.start_time',
      's.end_time',
      'a.queue_no',
      'a.status',
      'a.cancel_reason',
    ])
    .where('la.leave_id', '=', leave.id)
    .orderBy('a.date')
    .orderBy('s.start_time')
    .orderBy('a.queue_no')
    .execute()
  const ids = rows.map((r) => r.id)
  const successors =
    ids.length === 0
      ? []
      : await db
          .selectFrom('appointments as n')
          .innerJoin('doctor_schedules as s', 's.id', 'n.slot_id')
          .innerJoin('doctors as d', 'd.id', 'n.doctor_id')
          .select([
            'n.id',
            'n.rescheduled_from',
            'n.doctor_id',
            'd.name',
            'n.date',
            's.start_time',
            's.end_time',
            'n.queue_no',
          ])
          .where('n.rescheduled_from', 'in', ids)
          .orderBy('n.id')
          .execute()
  const movedTo = new Map(successors.map((n) => [n.rescheduled_from, n]))
  return rows.map((r) => {
    const n = movedTo.get(r.id)
    return {
      appointmentId: r.id,
      patientId: r.patient_id,
      patientName: r.name,
      patientPhone: r.phone,
      date: r.date,
      startTime: r.start_time,
      endTime: r.end_time,
      queueNo: r.queue_no,
      status: r.status,
      cancelReason: r.cancel_reason,
      outcome: outcomeOf(r.status, n !== undefined, leave.state),
      movedTo: n
        ? {
            appointmentId: n.id,
            doctorId: n.doctor_id,
            doctorName: n.name,
            date: n.date,
            startTime: n.start_time,
            endTime: n.end_time,
            queueNo: n.queue_no,
          }
        : null,
    }
  })
}
