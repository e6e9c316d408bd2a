import { AppError } from '../../../shared/errors'
import type { VisitFacts } from '../../../shared/fees'
import type { ReadDb } from '../../db/write'
import { daysBetween } from '../common/calendar'

/**
 * What the price list needs to know about a visit: the doctor's title and department, whether the
 * day is a clinic holiday, and how long since the patient's last completed visit in the same
 * department (in the live table or the archive, before the visit's day).
 */
export async function visitFacts(
  read: ReadDb,
  input: { doctorId: number; date: string; startTime?: string; patientId?: number; staff: boolean },
): Promise<VisitFacts> {
  const doctor = await read
    .selectFrom('doctors')
    .select(['id', 'department_id', 'title'])
    .where('id', '=', input.doctorId)
    .executeTakeFirst()
  if (!doctor)
    throw new AppError('NOT_FOUND', { field: 'doctorId', message: 'That doctor does not exist.' })
  const holiday = await read
    .selectFrom('clinic_holidays')
    .select('date')
    .where('date', '=', input.date)
    .executeTakeFirst()
  let last: string | null = null
  if (input.patientId !== undefined) {
    const patient = await read
      .selectFrom('patients')
      .select('id')
      .where('id', '=', input.patientId)
      .executeTakeFirst()
    if (!patient)
      throw new AppError('NOT_FOUND', {
        field: 'patientId',
        message: 'That patient does not exist.',
      })
    // The same query on both tables, spelled twice: kysely cannot type a join on a union of tables.
    const live = await read
      .selectFrom('appointments as a')
      .innerJoin('doctors as d', 'd.id', 'a.doctor_id')
      .select((eb) => eb.fn.max('a.date').as('last'))
      .where('a.patient_id', '=', input.patientId)
      .where('a.status', '=', 'COMPLETED')
      .where('a.date', '<', input.date)
      .where('d.department_id', '=', doctor.department_id)
      .executeTakeFirst()
    const archived = await read
      .selectFrom('appointments_archive as a')
      .innerJoin('doctors as d', 'd.id', 'a.doctor_id')
      .select((eb) => eb.fn.max('a.date').as('last'))
      .where('a.patient_id', '=', input.patientId)
      .where('a.status', '=', 'COMPLETED')
      .where('a.date', '<', input.date)
      .where('d.department_id', '=', doctor.department_id)
      .executeTakeFirst()
    for (const found of [live?.last ?? null, archived?.last ?? null])
      if (found !== null && (last === null || found > last)) last = found
  }
  return {
    doctor: { id: doctor.id, departmentId: doctor.department_id, title: doctor.title },
    date: input.date,
    ...(input.startTime === undefined ? {} : { startTime: input.startTime }),
    isHoliday: holiday !== undefined,
    daysSinceLastVisit: last === null ? null : daysBetween(last, input.date),
    staff: input.staff,
  }
}
