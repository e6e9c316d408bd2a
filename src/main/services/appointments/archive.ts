import { sql } from 'kysely'
import type { Appointment } from '../../../shared/contract'
import type { WriteContext, ReadDb } from '../../db/write'
import { appointmentQuery, toAppointment } from './rows'

const CLOSED = ['COMPLETED', 'NO_SHOW', 'CANCELED'] as const
const COLUMNS = sql.raw(
  'id, slot_id, doctor_id, date, patient_id, queue_no, source, status, chief_complaint, idempotency_key, cancel_reason, rescheduled_from, skip_count, created_by, created_at, updated_at, checked_in_at, called_at, started_at, completed_at, canceled_at, is_extra, late_canceled_on, no_show_excused',
)

/**
 * Moves closed appointments dated before `cutoff` into appointments_archive (their band copied in),
 * then bands before `cutoff` that no live-table appointment still points at. One transaction.
 */
export async function archiveBefore(w: WriteContext, cutoff: string): Promise<number> {
  const { tx, now } = w
  const closed = sql.join(CLOSED.map((s) => sql.lit(s)))
  const moved = await sql`
    INSERT INTO appointments_archive (${COLUMNS}, start_time, end_time, archived_at)
    SELECT a.id, a.slot_id, a.doctor_id, a.date, a.patient_id, a.queue_no, a.source, a.status, a.chief_complaint, a.idempotency_key,
           a.cancel_reason, a.rescheduled_from, a.skip_count, a.created_by, a.created_at, a.updated_at, a.checked_in_at, a.called_at,
           a.started_at, a.completed_at, a.canceled_at, a.is_extra, a.late_canceled_on, a.no_show_excused, s.start_time, s.end_time, ${now}
    FROM appointments a JOIN doctor_schedules s ON s.id = a.slot_id
    WHERE a.date < ${cutoff} AND a.status IN (${closed})`.execute(tx)
  await sql`DELETE FROM appointments WHERE date < ${cutoff} AND status IN (${closed})`.execute(tx)
  const orphanBands = sql`SELECT s.id FROM doctor_schedules s WHERE s.date < ${cutoff} AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.slot_id = s.id)`
  await sql`DELETE FROM slot_holds WHERE slot_id IN (${orphanBands})`.execute(tx)
  await sql`
    INSERT INTO doctor_schedules_archive (id, doctor_id, date, start_time, end_time, quota, booked, walk_in_reserved, walk_ins, status, extra_places, archived_at)
    SELECT id, doctor_id, date, start_time, end_time, quota, booked, walk_in_reserved, walk_ins, status, extra_places, ${now}
    FROM doctor_schedules WHERE id IN (${orphanBands})`.execute(tx)
  await sql`DELETE FROM doctor_schedules WHERE id IN (${orphanBands})`.execute(tx)
  return Number(moved.numAffectedRows ?? 0)
}

/** An archived appointment with its patient joined in: the archive's counterpart of appointmentQuery. */
export function archivedQuery(read: ReadDb) {
  return read
    .selectFrom('appointments_archive as a')
    .innerJoin('patients as p', 'p.id', 'a.patient_id')
    .select([
      'a.id',
      'a.slot_id',
      'a.doctor_id',
      'a.date',
      'a.start_time',
      'a.end_time',
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
    ])
}

/** A patient's appointments, live and archived, newest first. */
export async function patientHistory(
  read: ReadDb,
  patientId: number,
  limit: number,
): Promise<Appointment[]> {
  const live = await appointmentQuery(read)
    .where('a.patient_id', '=', patientId)
    .orderBy('a.date', 'desc')
    .orderBy('s.start_time', 'desc')
    .limit(limit)
    .execute()
  const archived = await archivedQuery(read)
    .where('a.patient_id', '=', patientId)
    .orderBy('a.date', 'desc')
    .orderBy('a.start_time', 'desc')
    .limit(limit)
    .execute()
  return [...live, ...archived]
    .map(toAppointment)
    .sort((x, y) => (y.date + y.startTime).localeCompare(x.date + x.startTime) || y.id - x.id)
    .slice(0, limit)
}
