import type { Appointment } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { compiled } from '../../db/compiled'
import { first, type Steps } from '../../db/steps'
import type { ReadDb } from '../../db/write'
import { ageOn } from '../common/calendar'

/** The appointment with its band and patient joined in: every read of an Appointment goes through this. */
export function appointmentQuery(read: ReadDb) {
  return read
    .selectFrom('appointments as a')
    .innerJoin('doctor_schedules as s', 's.id', 'a.slot_id')
    .innerJoin('patients as p', 'p.id', 'a.patient_id')
    .select([
      'a.id',
      'a.slot_id',
      'a.doctor_id',
      'a.date',
      's.start_time',
      's.end_time',
      'a.queue_no',
      'a.patient_id',
      'p.name as patient_name',
      'p.sex as patient_sex',
      'p.birth_date as patient_birth_date',
      'p.phone as patient_phone',
      'a.source',
      'a.status',
      'a.chief_complaint',
      'a.cancel_reason',
      'a.rescheduled_from',
      'a.skip_count',
      'a.created_at',
      'a.created_by',
      'a.checked_in_at',
      'a.called_at',
      'a.started_at',
      'a.completed_at',
      'a.is_extra',
      'a.no_show_excused',
      'a.call_order',
    ])
}

export type AppointmentRow = Omit<
  Awaited<ReturnType<ReturnType<typeof appointmentQuery>['executeTakeFirstOrThrow']>>,
  'call_order'
> & {
  call_order?: number
}

export const toAppointment = (r: AppointmentRow): Appointment => ({
  id: r.id,
  slotId: r.slot_id,
  doctorId: r.doctor_id,
  date: r.date,
  startTime: r.start_time,
  endTime: r.end_time,
  queueNo: r.queue_no,
  patientId: r.patient_id,
  patientName: r.patient_name,
  patientSex: r.patient_sex,
  patientAge: ageOn(r.patient_birth_date, r.date),
  patientPhone: r.patient_phone,
  source: r.source,
  status: r.status,
  chiefComplaint: r.chief_complaint,
  cancelReason: r.cancel_reason,
  rescheduledFrom: r.rescheduled_from,
  skipCount: r.skip_count,
  createdAt: r.created_at,
  createdBy: r.created_by,
  checkedInAt: r.checked_in_at,
  calledAt: r.called_at,
  startedAt: r.started_at,
  completedAt: r.completed_at,
  extra: r.is_extra === 1,
  noShowExcused: r.status === 'NO_SHOW' && r.no_show_excused === 1,
})

const byId = compiled<{ id: number }>()((db, $) => appointmentQuery(db).where('a.id', '=', $('id')))

/** One live-table appointment, or NOT_FOUND. */
export async function loadAppointment(
  read: ReadDb,
  id: number,
): Promise<Appointment & { callOrder: number }> {
  return found(await byId.first(read, { id }))
}

/** The same as a step of a unit of work (db/steps.ts). */
export function* loadAppointmentStep(id: number): Steps<Appointment & { callOrder: number }> {
  return found(yield* first(byId, { id }))
}

function found(
  row: (AppointmentRow & { call_order: number }) | undefined,
): Appointment & { callOrder: number } {
  if (!row)
    throw new AppError('NOT_FOUND', { field: 'id', message: 'That appointment does not exist.' })
  return { ...toAppointment(row), callOrder: row.call_order }
}
