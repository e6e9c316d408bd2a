import { LIVE_STATUSES } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import type { WriteContext } from '../../db/write'
import type { PlaceEnv } from './place'
import { doctorsOfDepartment, requireDoctor } from '../common/doctor-access'
import { placeVerdict } from '../schedules/places'
import { bandCount, heldBySlot, SLOT_COLUMNS } from '../schedules/slots'

/**
 * Today's earliest band, not yet over, where placeVerdict gives a walk-in OK: the places kept for
 * walk-ins are its to take, places under desks' live holds are not. For a department, any of its
 * doctors; the patient's own doctor-day bookings are skipped when one booking per doctor per day
 * is the rule.
 */
export async function findWalkInBand(
  w: WriteContext,
  scope: { doctorId: number } | { departmentId: number },
  patientId: number,
  env: PlaceEnv,
): Promise<number> {
  const { tx } = w
  const { now, settings } = env
  const doctorIds =
    'doctorId' in scope
      ? [(await requireDoctor(tx, scope.doctorId)).id]
      : await doctorsOfDepartment(tx, scope.departmentId)
  if (doctorIds.length === 0) throw new AppError('NO_PLACES')
  const blockedDoctors = new Set<number>()
  if (settings.onePerDoctorPerDay) {
    const rows = await tx
      .selectFrom('appointments')
      .select('doctor_id')
      .where('patient_id', '=', patientId)
      .where('date', '=', now.today)
      .where('status', 'in', [...LIVE_STATUSES])
      .execute()
    for (const r of rows) blockedDoctors.add(r.doctor_id)
  }
  const open = doctorIds.filter((d) => !blockedDoctors.has(d))
  if (open.length === 0) throw new AppError('ALREADY_BOOKED', { field: 'patientId' })
  const candidates = await tx
    .selectFrom('doctor_schedules')
    .select(SLOT_COLUMNS)
    .where('date', '=', now.today)
    .where('doctor_id', 'in', open)
    .where('status', '!=', 'CLOSED')
    .where('end_time', '>', now.time)
    .orderBy('start_time')
    .orderBy('booked')
    .orderBy('id')
    .execute()
  const held = await heldBySlot(
    tx,
    candidates.map((c) => c.id),
    w.now,
  )
  const band = candidates.find(
    (c) => placeVerdict(bandCount(c, held.get(c.id) ?? 0), 'WALK_IN') === 'OK',
  )
  if (!band) throw new AppError('NO_PLACES')
  return band.id
}
